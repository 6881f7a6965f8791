/*
 * daemon.h -- the one struct daemon that main owns and every callback of
 * the daemon gets as its argument.
 */
#ifndef OTSNEWS_DAEMON_H
#define OTSNEWS_DAEMON_H

#include <sys/queue.h>

#include <stddef.h>

#include <jansson.h>

struct config;
struct dedup_index;
struct event;
struct event_base;
struct fetch;
struct source;
struct spool;
struct store;
struct topic_terms;
struct pipeline;

TAILQ_HEAD(source_list, source);

struct daemon {
	struct event_base	*base;
	struct config		*conf;		/* owned; swapped on SIGHUP */
	struct fetch		*fetch;
	struct store		*store;		/* NULL with --dry-run */
	struct topic_terms	*terms;		/* owned; swapped on SIGHUP */
	struct pipeline		*pipeline;
	struct spool		*spool;		/* NULL with --dry-run */
	struct source_list	 sources;
	int			 once;
	int			 dry_run;
	int			 stopping;	/* SIGTERM: drain, then exit */
	int			 started;	/* sources scheduled */
	int			 exit_code;
	struct event		*start_ev;	/* --once: start sources */
	struct event		*timer_ev;	/* --once: time limit; else watchdog */
};

/* Called when work may have drained (--once, stopping). */
void	daemon_check_done(struct daemon *);

#endif
