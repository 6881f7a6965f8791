/*
 * pipeline-int.h -- what pipeline.c (link to article) and publish.c
 * (article to record) share.  Private to those two files.
 */
#ifndef OTSNEWS_PIPELINE_INT_H
#define OTSNEWS_PIPELINE_INT_H

#include <sys/queue.h>

#include <time.h>

#include <event2/util.h>
#include <jansson.h>

#include "config.h"

struct article;
struct daemon;
struct dedup_entry;
struct dedup_index;
struct event;

/* One article on its way; owned by the pipeline until job_done. */
struct job {
	struct pipeline		*p;
	struct source_conf	*sc;		/* owned copy; NULL if spooled */
	enum config_filter	 filter;
	char			*link;		/* as the source gave it */
	char			*link_id;	/* id of its canonical form */
	char			*feed_title;
	char			*feed_summary;
	char			*feed_author;
	time_t			 feed_published;
	int			 feed_is_listing; /* date read off a page */
	struct article		*a;		/* once extracted */
	char			*spool_name;	/* once spooled */
	int			 queued;	/* in publish_q */
	struct timespec		 ready_at;	/* when it entered publish_q */
	TAILQ_ENTRY(job)	 entry;
};
TAILQ_HEAD(job_list, job);

struct pipeline {
	struct daemon		*d;
	json_t			*seen;		/* ids handled by this process */
	struct dedup_index	*index;
	char			*index_last;	/* last index stream id read */
	char			*index_key_cache; /* prefix + "index" */
	struct job_list		 publish_q;	/* ready, in order */
	int			 publishing;	/* head of publish_q in flight */
	struct event		*gather_ev;	/* publish_q's gathering window */
	size_t			 active;	/* jobs alive */
	size_t			 queued;	/* jobs in publish_q */
};

void	job_done(struct job *);
/* Queue an article for publication (takes the job). */
void	publish_enqueue(struct pipeline *, struct job *);
/* Try to publish what is queued. */
void	publish_kick(struct pipeline *);
/* The gathering window ended (an evtimer callback). */
void	publish_gather_cb(evutil_socket_t, short, void *);
/* Keys the daemon owns: prefix + kind + ":" + id (heap). */
char	*pipeline_key(struct pipeline *, const char *kind, const char *id);

#endif
