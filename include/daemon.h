/*
 * daemon.h -- the one struct daemon that main owns and every callback of
 * the daemon gets as its argument.
 *
 * Modules never call up into the daemon: main passes callbacks down and,
 * once per loop turn, asks whether work is left (daemon_turn in
 * otsnewsd.c).
 */
#ifndef OTSNEWS_DAEMON_H
#define OTSNEWS_DAEMON_H

#include <sys/queue.h>

#include <stddef.h>

struct config;
struct event;
struct event_base;
struct fetch;
struct pipeline;
struct robots_cache;
struct source;
struct spool;
struct store;
struct topic_terms;

TAILQ_HEAD(source_list, source);

struct daemon {
	struct event_base	*base;
	struct config		*conf;		/* owned; swapped on SIGHUP */
	struct topic_terms	*terms;		/* owned; swapped on SIGHUP */
	struct fetch		*fetch;
	struct spool		*spool;		/* NULL with --dry-run */
	struct store		*store;		/* NULL with --dry-run */
	struct robots_cache	*robots;
	struct pipeline		*pipeline;
	struct source_list	 sources;
	char			*instance_id;	/* host:pid:random, for leases */
	char			**trusted;	/* origins of [source] urls */
	int			 once;
	int			 dry_run;
	int			 stopping;	/* SIGTERM: drain, then exit */
	int			 started;	/* sources scheduled */
	int			 paused;	/* sources told to pause */
	int			 quit;		/* leave the loop now */
	int			 ever_connected; /* Redis answered at least once */
	size_t			 spool_left;	/* records in the spool at exit */
	struct event		*start_ev;	/* --once: start sources */
	struct event		*timer_ev;	/* --once: time limit */
	struct event		*stop_ev;	/* stopping: drain limit */
	struct event		*watchdog_ev;	/* sd_notify WATCHDOG=1 */
	struct event		*status_ev;	/* sd_notify STATUS= */
};

#endif
