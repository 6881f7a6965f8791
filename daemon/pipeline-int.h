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
#include "pipeline.h"

struct article;
struct dedup_entry;
struct dedup_index;
struct event;

enum job_state {
	JOB_SEEN_CHECK,		/* EXISTS url:<id> in flight */
	JOB_HOLD,		/* waiting for the pause to end or for room */
	JOB_ROBOTS,		/* robots.txt lookup in flight */
	JOB_FETCH,		/* page transfer in flight */
	JOB_READY,		/* in publish_q */
	JOB_DONE		/* in reap_q, completion not yet delivered */
};

/* One article on its way; owned by the pipeline until it is reaped. */
struct job {
	struct pipeline		*p;
	enum job_state		 state;
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
	struct timespec		 ready_at;	/* when it entered publish_q */
	pipeline_done_cb	 done;
	void			*done_arg;
	int			 ok;		/* the result done gets */
	TAILQ_ENTRY(job)	 entry;		/* the queue of its state */
};
TAILQ_HEAD(job_list, job);

struct pipeline {
	struct pipeline_env	 env;
	const struct config	*conf;		/* the daemon's; swapped */
	const struct topic_terms *terms;
	json_t			*seen;		/* ids handled by this process */
	json_t			*held;		/* spool names held in memory */
	json_t			*stale;		/* spool names we cannot remove */
	struct dedup_index	*index;
	char			*index_last;	/* newest index version seen */
	struct job_list		 hold_q;	/* JOB_HOLD, in order */
	struct job_list		 publish_q;	/* JOB_READY, in order */
	struct job_list		 reap_q;	/* JOB_DONE */
	struct event		*reap_ev;	/* delivers completions */
	struct event		*gather_ev;	/* publish_q's gathering window */
	struct event		*retry_ev;	/* spool retry, every spool_retry */
	int			 closing;
	int			 publishing;	/* index read or script in flight */
	struct job		*inflight;	/* the article of the script */
	int			 refusing;	/* Redis answered with an error */
	int			 replay_wanted;	/* the spool may hold records */
	int			 paused;
	size_t			 active;	/* jobs not yet done */
	size_t			 queued;	/* jobs in publish_q */
	size_t			 unsafe;	/* of those, not spooled */
	size_t			 nheld;		/* jobs in hold_q */
	size_t			 fetching;	/* JOB_ROBOTS and JOB_FETCH */
};

/* Move the job to state s (keeps the count of jobs fetching). */
void	job_state(struct job *, enum job_state s);
/* The job is settled (ok) or failed (!ok); it is reaped later. */
void	job_finish(struct job *, int ok);
void	job_free(struct job *);
/* Queue an article for publication (takes the job). */
void	publish_enqueue(struct pipeline *, struct job *);
/* Try to publish what is queued; replay the spool when there is room. */
void	publish_kick(struct pipeline *);
/* Redis can take records now. */
int	publish_ready(const struct pipeline *);
/* Redis is away or refusing: make every queued article durable. */
void	publish_spool_all(struct pipeline *);
/* At teardown: last spool attempt, list what is lost; returns the count. */
size_t	publish_drop_all(struct pipeline *);
/* The gathering window ended; the retry timer fired (evtimer callbacks). */
void	publish_gather_cb(evutil_socket_t, short, void *);
void	publish_retry_cb(evutil_socket_t, short, void *);
/* Keys the daemon owns: prefix + kind + ":" + id (heap). */
char	*pipeline_key(const struct pipeline *, const char *kind,
	    const char *id);
/* Recompute paused from unsafe; logs the change. */
void	pipeline_update_pause(struct pipeline *);

#endif
