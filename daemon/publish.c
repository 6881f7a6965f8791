/*
 * publish.c -- from an article to a record on the stream, exactly once.
 *
 * Articles are published one at a time, in the order they became ready:
 *   1. read from the shared dedup index in Redis the entries the article
 *      may be compared with (dedup-store.c: its buckets, its source's
 *      newest entries) and the index's version,
 *   2. dedup_evaluate over those: content_hash, dup_of/similarity,
 *      story_id,
 *   3. one Lua script checks the canonical-URL key and the content-hash key
 *      and, only if both are free and the index's version is still the
 *      one read, XADDs the record, sets the keys and files the dedup entry
 *      in the index -- atomically, so a crash, a restart or a second
 *      daemon never publishes an article twice,
 *   4. with [redis] wait_replicas = N, WAIT until N replicas have the
 *      record; only then is the article done (fewer: it stays spooled).
 *
 * While Redis cannot take records (away, or answering with errors such as
 * OOM or MISCONF) every ready article is written to the spool and leaves
 * memory: the spool is the queue.  It is replayed in batches whenever
 * Redis can take records again (on reconnect, on the spool_retry timer,
 * and after each batch).  An article that neither Redis nor the spool
 * takes stays in memory, counted in unsafe, and pauses new fetches.  A
 * lost reply leaves the article where it was; the script makes the retry
 * harmless.
 */
#include <sys/queue.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <event2/event.h>
#include <hiredis/hiredis.h>

#include "article.h"
#include "config.h"
#include "dedup-store.h"
#include "dedup.h"
#include "log.h"
#include "metrics.h"
#include "pipeline.h"
#include "pipeline-int.h"
#include "spool.h"
#include "store.h"
#include "xmalloc.h"

#define PUBLISH_REPLAY_BATCH	256

/*
 * KEYS: url:<page id>, url:<link id>, hash:<content hash>, stream, then
 *       the dedup index's keys (dedup-store.h: the counter first)
 * ARGV: ttl, record id, stream maxlen, index entry, the index's version
 *       the entry was decided at, where the fields start, the index's
 *       arguments, then field, value, ...
 * Returns {1, stream id, entry number} when published, {0, why, earlier
 * id} when not, {2, 'index', version} when another daemon published since
 * this one read the index: its dup_of and story_id were decided on a
 * stale view, so the caller reads again and decides again
 * (compare-and-set: two near-copies published by two daemons at once
 * cannot both miss each other).  A url key holding "x" marks an article
 * seen and filtered out; it does not block publication.
 */
static const char publish_script[] =
DEDUP_STORE_FILE_LUA
"local ttl = tonumber(ARGV[1])\n"
"local v = redis.call('GET', KEYS[1])\n"
"if v and v ~= 'x' then return {0, 'url', v} end\n"
"local h = redis.call('GET', KEYS[3])\n"
"if h then\n"
"  redis.call('SET', KEYS[1], h, 'EX', ttl)\n"
"  redis.call('SET', KEYS[2], h, 'EX', ttl)\n"
"  return {0, 'content', h}\n"
"end\n"
"local ver = redis.call('GET', KEYS[5]) or '0'\n"
"if ver ~= ARGV[5] then return {2, 'index', ver} end\n"
"local eid = redis.call('XADD', KEYS[4], 'MAXLEN', '~', ARGV[3], '*',"
" unpack(ARGV, tonumber(ARGV[6])))\n"
"redis.call('SET', KEYS[1], ARGV[2], 'EX', ttl)\n"
"redis.call('SET', KEYS[2], ARGV[2], 'EX', ttl)\n"
"redis.call('SET', KEYS[3], ARGV[2], 'EX', ttl)\n"
"return {1, eid, file(ttl)}\n";

static void	publish_next(struct pipeline *);
static void	publish_replay(struct pipeline *);

int
publish_ready(const struct pipeline *p)
{
	if (p->env.store == NULL)
		return (1);		/* --dry-run prints */
	return (store_connected(p->env.store) && !p->refusing);
}

static void
publish_queue(struct pipeline *p, struct job *j)
{
	clock_gettime(CLOCK_MONOTONIC, &j->ready_at);
	job_state(j, JOB_READY);
	TAILQ_INSERT_TAIL(&p->publish_q, j, entry);
	p->queued++;
	metrics_set(M_G_QUEUED, p->queued);
	if (j->spool_name == NULL)
		p->unsafe++;
	else
		json_object_set_new(p->held, j->spool_name, json_true());
}

static void
publish_dequeue(struct pipeline *p, struct job *j)
{
	TAILQ_REMOVE(&p->publish_q, j, entry);
	p->queued--;
	metrics_set(M_G_QUEUED, p->queued);
	if (j->spool_name == NULL)
		p->unsafe--;
	else
		json_object_del(p->held, j->spool_name);
}

/*
 * The words the topic filter made (article.words, ~6 times the body's
 * size) wait with the article for dedup only while the queue is short:
 * a burst or an outage must not hold every queued article's tokens.
 * Past this, dedup tokenises the body itself.
 */
#define PUBLISH_WORDS_KEPT	64

void
publish_enqueue(struct pipeline *p, struct job *j)
{
	if (p->queued >= PUBLISH_WORDS_KEPT && j->a != NULL)
		article_words_drop(j->a);
	publish_queue(p, j);
	if (!publish_ready(p))
		publish_spool_all(p);
	event_active(p->reap_ev, EV_TIMEOUT, 0);	/* kicks */
}

/*
 * Articles that are ready together are published oldest first, so that
 * the first report of an event is the one later reports link to: the next
 * article is the oldest of the first PUBLISH_LOOKAHEAD waiting (bounded,
 * so a queue of 20,000 costs no more than one of 64).
 */
#define PUBLISH_LOOKAHEAD	64

static struct job *
publish_pick(struct pipeline *p)
{
	struct job	*j, *best;
	int		 n;

	best = TAILQ_FIRST(&p->publish_q);
	if (best == NULL)
		return (NULL);
	for (j = TAILQ_NEXT(best, entry), n = 1; j != NULL &&
	    n < PUBLISH_LOOKAHEAD; j = TAILQ_NEXT(j, entry), n++) {
		if (j->a->published != -1 && (best->a->published == -1 ||
		    j->a->published < best->a->published))
			best = j;
	}
	if (best != TAILQ_FIRST(&p->publish_q)) {
		TAILQ_REMOVE(&p->publish_q, best, entry);
		TAILQ_INSERT_HEAD(&p->publish_q, best, entry);
	}
	return (best);
}

/* Redis answered for it (published, or refused as a duplicate). */
static void
publish_finish(struct pipeline *p, struct job *j)
{
	publish_dequeue(p, j);
	if (j->spool_name != NULL && p->env.spool != NULL &&
	    spool_remove(p->env.spool, j->spool_name) == -1) {
		/* Published; never replay it again in this process. */
		json_object_set_new(p->stale, j->spool_name, json_true());
	}
	job_finish(j, 1);
	pipeline_update_pause(p);
}

/* Write an article to the spool; 0 when it is durable there. */
static int
publish_spool_one(struct pipeline *p, struct job *j)
{
	char	*cause = NULL;

	if (j->spool_name != NULL)
		return (0);
	if (p->env.spool == NULL)
		return (-1);
	if ((j->spool_name = spool_write(p->env.spool, j->a, j->link_id,
	    &cause)) == NULL) {
		log_warnx("spool: cannot write %s: %s", j->a->url, cause);
		free(cause);
		return (-1);
	}
	p->unsafe--;
	p->replay_wanted = 1;
	log_info("%s: Redis cannot take it now, spooled", j->a->url);
	return (0);
}

void
publish_spool_all(struct pipeline *p)
{
	struct job	*j, *next;

	for (j = TAILQ_FIRST(&p->publish_q); j != NULL; j = next) {
		next = TAILQ_NEXT(j, entry);
		if (j == p->inflight)
			continue;	/* its reply decides */
		if (publish_spool_one(p, j) == -1)
			continue;	/* stays in memory: unsafe */
		/* Durable: the spool holds it until Redis takes it. */
		publish_dequeue(p, j);
		job_finish(j, 1);
	}
	pipeline_update_pause(p);
}

size_t
publish_drop_all(struct pipeline *p)
{
	struct job	*j;
	size_t		 lost = 0;
	int		 ok;

	while ((j = TAILQ_FIRST(&p->publish_q)) != NULL) {
		ok = publish_spool_one(p, j) == 0;
		if (!ok) {
			log_warnx("not delivered: %s (%s): neither Redis nor "
			    "the spool took it", j->a->url, j->a->title != NULL ?
			    j->a->title : "untitled");
			metrics_inc(M_ARTICLES_UNDELIVERED);
			lost++;
		}
		publish_dequeue(p, j);
		job_finish(j, ok);
	}
	pipeline_update_pause(p);
	return (lost);
}

static void
publish_dry_run(struct pipeline *p)
{
	struct job		*j;
	struct dedup_entry	*e;
	json_t			*o;
	char			*s;

	while ((j = publish_pick(p)) != NULL) {
		e = dedup_evaluate(p->index, j->a);
		if (dedup_index_has_hash(p->index, j->a->content_hash)) {
			log_info("%s: same text as an earlier article",
			    j->a->url);
			metrics_inc(M_ARTICLES_DUP_CONTENT);
			metrics_family_add(MF_DUPLICATES, 1, "content", NULL);
			dedup_entry_free(e);
		} else {
			o = article_to_json(j->a);
			s = json_dumps(o, JSON_COMPACT);
			printf("%s\n", s);
			fflush(stdout);
			free(s);
			json_decref(o);
			dedup_index_add(p->index, e);
			metrics_inc(M_ARTICLES_PUBLISHED);
			metrics_family_add(MF_PUBLISHED, 1, j->a->source, NULL);
			if (j->a->dup_of != NULL) {
				metrics_inc(M_ARTICLES_NEAR_DUP);
				metrics_family_add(MF_DUPLICATES, 1, "near",
				    NULL);
			}
		}
		publish_finish(p, j);
	}
}

/*
 * Articles found together (one poll round, one --once run) are gathered
 * for up to PUBLISH_GATHER_MS while others are still being fetched, so
 * that publish_pick can take them in order of publication: which story
 * and which original a report links to should not depend on which page
 * happened to download first.  Returns 1 while the window is open.
 */
#define PUBLISH_GATHER_MS	1500

static int
publish_gathering(struct pipeline *p)
{
	struct job	*head = TAILQ_FIRST(&p->publish_q);
	struct timespec	 now;
	struct timeval	 tv;
	size_t		 docs;
	long		 ms;

	docs = p->env.sources_active != NULL ?
	    p->env.sources_active(p->env.arg) : 0;
	if (p->closing || (p->active == p->queued && docs == 0))
		return (0);		/* nothing else is on its way */
	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (now.tv_sec - head->ready_at.tv_sec) * 1000 +
	    (now.tv_nsec - head->ready_at.tv_nsec) / 1000000;
	if (ms >= PUBLISH_GATHER_MS)
		return (0);
	if (!evtimer_pending(p->gather_ev, NULL)) {
		tv.tv_sec = (PUBLISH_GATHER_MS - ms) / 1000;
		tv.tv_usec = ((PUBLISH_GATHER_MS - ms) % 1000) * 1000;
		evtimer_add(p->gather_ev, &tv);
	}
	return (1);
}

void
publish_gather_cb(evutil_socket_t fd, short ev, void *arg)
{
	publish_kick(arg);
}

void
publish_kick(struct pipeline *p)
{
	if (p->publishing)
		return;
	if (!publish_ready(p)) {
		publish_spool_all(p);
		return;
	}
	if (TAILQ_EMPTY(&p->publish_q))
		publish_replay(p);
	if (TAILQ_EMPTY(&p->publish_q) || publish_gathering(p))
		return;
	if (p->env.store == NULL) {
		publish_dry_run(p);
		return;
	}
	publish_next(p);
}

/* The spool_retry timer: Redis may take records again, the disk may. */
void
publish_retry_cb(evutil_socket_t fd, short ev, void *arg)
{
	struct pipeline	*p = arg;

	if (p->closing)
		return;
	p->refusing = 0;
	p->replay_wanted = 1;
	publish_kick(p);
}

static int
publish_replay_skip(const char *name, void *arg)
{
	struct pipeline	*p = arg;

	return (json_object_get(p->held, name) != NULL ||
	    json_object_get(p->stale, name) != NULL);
}

static void
publish_replay_one(struct article *a, char *link_id, char *name, void *arg)
{
	struct pipeline	*p = arg;
	struct job	*j = xcalloc(1, sizeof *j);

	j->p = p;
	j->a = a;
	j->link = xstrdup(a->url != NULL ? a->url : "(spooled)");
	j->link_id = link_id != NULL ? link_id : xstrdup(a->id);
	j->feed_published = -1;
	j->spool_name = name;
	p->active++;
	metrics_set(M_G_PENDING, p->active);
	json_object_set_new(p->seen, a->id, json_true());
	publish_queue(p, j);
}

/* Take the next batch of spooled records into the queue. */
static void
publish_replay(struct pipeline *p)
{
	size_t	n;

	if (p->closing || !p->replay_wanted || p->env.spool == NULL ||
	    !publish_ready(p))
		return;
	n = spool_replay(p->env.spool, PUBLISH_REPLAY_BATCH,
	    publish_replay_skip, publish_replay_one, p);
	if (n != 0)
		log_info("spool: %zu records taken for publication", n);
	if (n == 0)	/* fewer than a batch may only mean a new scan is due */
		p->replay_wanted = 0;
}

/* The reply was lost with the connection: what is queued goes to disk. */
static void
publish_lost(struct pipeline *p)
{
	p->publishing = 0;
	publish_spool_all(p);
}

struct publish_call;
static void	publish_lookup_cb(struct redisReply *, void *);
static void	publish_head(struct publish_call *);
static void	publish_script_cb(struct redisReply *, void *);

/* One article on its way through the shared index; owns its view. */
struct publish_call {
	struct pipeline		*p;
	struct job		*j;
	struct dedup_store	*view;		/* what was read of the index */
	int			 published;	/* the script's answer */
	char			*why;		/* "url" or "content" */
	char			*earlier;	/* the record it matched */
	char			*version;	/* the index's, after ours */
};

static void
publish_call_free(struct publish_call *call)
{
	dedup_store_free(call->view);
	free(call->why);
	free(call->earlier);
	free(call->version);
	free(call);
}

/* The reply was lost: the article stays where it is, retried later. */
static void
publish_call_lost(struct publish_call *call)
{
	struct pipeline	*p = call->p;

	p->inflight = NULL;
	publish_call_free(call);
	publish_lost(p);
}

/* Send a command built as a dedup_argv; -1 when it could not be sent. */
static int
publish_send(struct pipeline *p, store_reply_cb cb, void *arg,
    struct dedup_argv *argv)
{
	return (store_command(p->env.store, cb, arg, (int)argv->n,
	    (const char **)argv->v, NULL));
}

/* Step 1: read (more of) the article's view of the shared index. */
static void
publish_lookup(struct publish_call *call)
{
	struct pipeline		*p = call->p;
	struct dedup_argv	 argv;

	memset(&argv, 0, sizeof argv);
	if (dedup_store_lookup(call->view, call->j->a, &argv) == 0) {
		dedup_argv_clear(&argv);
		publish_head(call);	/* nothing more to read */
		return;
	}
	if (publish_send(p, publish_lookup_cb, call, &argv) == -1)
		publish_call_lost(call);
	dedup_argv_clear(&argv);
}

static void
publish_next(struct pipeline *p)
{
	struct job		*j = publish_pick(p);
	struct publish_call	*call;
	char			*prefix;

	if (j == NULL) {
		p->publishing = 0;
		return;
	}
	p->publishing = 1;
	p->inflight = j;
	prefix = pipeline_key(p, "", NULL);	/* the key_prefix */
	call = xcalloc(1, sizeof *call);
	call->p = p;
	call->j = j;
	call->view = dedup_store_new(prefix);
	free(prefix);
	publish_lookup(call);
}

/* Decimal counters: 1 when a is below b. */
static int
publish_version_before(const char *a, const char *b)
{
	return (strtoull(a, NULL, 10) < strtoull(b, NULL, 10));
}

static void	publish_refused(struct publish_call *, const char *);

/*
 * The index's version is below one this process saw: Redis lost entries
 * it had acknowledged (a failover to a replica that was behind, a restore
 * from an older snapshot).  Nothing here depends on the old version (each
 * publication reads its view afresh), so this is said once per rollback
 * and counted, and publication goes on against what Redis holds.
 */
static void
publish_index_behind(struct pipeline *p, const char *version)
{
	log_warnx("dedup index: Redis's version %s is below %s, which this "
	    "process saw (a failover or a restore lost entries); going on "
	    "with what Redis holds", version, p->index_last);
	metrics_inc(M_DEDUP_ROLLBACKS);
}

static void
publish_seen_version(struct pipeline *p, const char *version)
{
	if (publish_version_before(version, p->index_last))
		publish_index_behind(p, version);
	free(p->index_last);
	p->index_last = xstrdup(version);
}

static void
publish_lookup_cb(struct redisReply *r, void *arg)
{
	struct publish_call	*call = arg;
	char			*cause = NULL;
	int			 rc;

	if (r == NULL) {
		publish_call_lost(call);
		return;
	}
	if ((rc = dedup_store_answer(call->view, r, &cause)) == -1) {
		publish_refused(call, cause);
		free(cause);
		return;
	}
	if (rc == 1) {
		log_debug("%s: the index moved on while it was read",
		    call->j->a->url);
		metrics_inc(M_PUBLISH_RETRIES);
	} else
		publish_seen_version(call->p, dedup_store_version(call->view));
	publish_lookup(call);
}

/* Steps 2 and 3: evaluate and run the check-and-XADD script. */
static void
publish_head(struct publish_call *call)
{
	struct pipeline		*p = call->p;
	struct article		*a = call->j->a;
	const struct config	*conf = p->conf;
	struct dedup_argv	 argv, keys, args;
	const char		*names[ARTICLE_NFIELDS];
	char			*values[ARTICLE_NFIELDS];
	char			*value, *key;
	size_t			 n, i;

	memset(&argv, 0, sizeof argv);
	memset(&keys, 0, sizeof keys);
	memset(&args, 0, sizeof args);
	dedup_store_evaluate(call->view, a, &value, &keys, &args);
	metrics_set(M_G_DEDUP_ENTRIES, dedup_store_count(call->view));
	metrics_set(M_G_DEDUP_BYTES,
	    dedup_index_bytes(dedup_store_index(call->view)));
	dedup_argv_add(&argv, "EVAL");
	dedup_argv_add(&argv, publish_script);
	dedup_argv_addf(&argv, "%zu", 4 + keys.n);
	key = pipeline_key(p, "url", a->id);
	dedup_argv_add(&argv, key);
	free(key);
	key = pipeline_key(p, "url", call->j->link_id);
	dedup_argv_add(&argv, key);
	free(key);
	key = pipeline_key(p, "hash", a->content_hash);
	dedup_argv_add(&argv, key);
	free(key);
	dedup_argv_add(&argv, conf->stream);
	for (i = 0; i < keys.n; i++)
		dedup_argv_add(&argv, keys.v[i]);
	dedup_argv_addf(&argv, "%lld", (long long)conf->retention_days *
	    86400);
	dedup_argv_add(&argv, a->id);
	dedup_argv_addf(&argv, "%lld", conf->maxlen);
	dedup_argv_add(&argv, value);
	dedup_argv_add(&argv, dedup_store_version(call->view));
	dedup_argv_addf(&argv, "%zu", 7 + args.n);	/* the first field */
	for (i = 0; i < args.n; i++)
		dedup_argv_add(&argv, args.v[i]);
	n = article_fields(a, names, values);
	for (i = 0; i < n; i++) {
		dedup_argv_add(&argv, names[i]);
		dedup_argv_add(&argv, values[i]);
	}
	article_fields_free(values, n);
	free(value);
	dedup_argv_clear(&keys);
	dedup_argv_clear(&args);
	if (publish_send(p, publish_script_cb, call, &argv) == -1)
		publish_call_lost(call);
	dedup_argv_clear(&argv);
}

/* otsnews status: records published per source. */
static void
publish_count_status(struct pipeline *p, const char *source)
{
	const char	*argv[4];
	char		*key;

	if (source == NULL)
		return;
	key = pipeline_key(p, "status", source);
	argv[0] = "HINCRBY";
	argv[1] = key;
	argv[2] = "published";
	argv[3] = "1";
	(void)store_command(p->env.store, NULL, NULL, 4, argv, NULL);
	free(key);
}

/* Redis took nothing (an error reply, too few replicas): retry later. */
static void
publish_refused(struct publish_call *call, const char *why)
{
	struct pipeline	*p = call->p;

	log_warnx("%s: %s; kept for retry in %d s", call->j->a->url, why,
	    p->conf->spool_retry);
	metrics_inc(M_REDIS_ERRORS);
	metrics_inc(M_REDIS_REPLY_ERRORS);
	publish_call_free(call);
	p->inflight = NULL;
	p->refusing = 1;
	p->publishing = 0;
	publish_spool_all(p);
}

/* The reply (and the replicas, when asked) confirmed it: done. */
static void
publish_done(struct publish_call *call)
{
	struct pipeline	*p = call->p;
	struct job	*j = call->j;
	struct article	*a = j->a;
	int		 dup_url;

	p->inflight = NULL;
	if (call->published) {
		log_info("published %s %s [%s] %s%s%s", a->id, a->source,
		    a->lang != NULL ? a->lang : "-", a->title != NULL ?
		    a->title : "", a->dup_of != NULL ? " dup_of=" : "",
		    a->dup_of != NULL ? a->dup_of : "");
		metrics_inc(M_ARTICLES_PUBLISHED);
		metrics_family_add(MF_PUBLISHED, 1, a->source, NULL);
		if (a->dup_of != NULL) {
			metrics_inc(M_ARTICLES_NEAR_DUP);
			metrics_family_add(MF_DUPLICATES, 1, "near", NULL);
		}
		publish_count_status(p, a->source);
		/* Nobody published in between: ours is the newest entry. */
		if (call->version != NULL)
			publish_seen_version(p, call->version);
	} else {
		log_info("%s: not published: same %s as %s", a->url,
		    call->why != NULL ? call->why : "?",
		    call->earlier != NULL ? call->earlier : "?");
		dup_url = call->why != NULL && strcmp(call->why, "url") == 0;
		metrics_inc(dup_url ? M_ARTICLES_DUP_URL :
		    M_ARTICLES_DUP_CONTENT);
		metrics_family_add(MF_DUPLICATES, 1, dup_url ? "url" :
		    "content", NULL);
	}
	publish_finish(p, j);
	publish_call_free(call);
	p->publishing = 0;
	event_active(p->reap_ev, EV_TIMEOUT, 0);	/* the next one */
}

/*
 * [redis] wait_replicas: the record counts only once WAIT says that many
 * replicas have it.  Fewer (or an error) is a refusal: the article stays
 * in the spool, and its retry is answered "same url" by the script (the
 * record is in the stream already), then WAITs again; only a WAIT that
 * succeeds removes the spool file.
 */
static void
publish_wait_cb(struct redisReply *r, void *arg)
{
	struct publish_call	*call = arg;
	const struct config	*conf = call->p->conf;
	char			*why;

	if (r == NULL) {
		publish_call_lost(call);
		return;
	}
	if (r->type == REDIS_REPLY_INTEGER &&
	    r->integer >= conf->redis_wait_replicas) {
		publish_done(call);
		return;
	}
	if (r->type == REDIS_REPLY_INTEGER)
		xasprintf(&why, "WAIT: %lld of %d replicas acknowledged the "
		    "record within %d ms", r->integer,
		    conf->redis_wait_replicas, conf->redis_timeout * 1000);
	else
		xasprintf(&why, "WAIT: %s", r->type == REDIS_REPLY_ERROR ?
		    r->str : "unexpected reply");
	publish_refused(call, why);
	free(why);
}

static void
publish_wait(struct publish_call *call)
{
	const struct config	*conf = call->p->conf;
	const char		*argv[3];
	char			 n[16], ms[16];

	snprintf(n, sizeof n, "%d", conf->redis_wait_replicas);
	snprintf(ms, sizeof ms, "%d", conf->redis_timeout * 1000);
	argv[0] = "WAIT";
	argv[1] = n;
	argv[2] = ms;
	if (store_command_blocking(call->p->env.store,
	    conf->redis_timeout * 1000, publish_wait_cb, call, 3, argv,
	    NULL) == -1)
		publish_call_lost(call);
}

static void
publish_script_cb(struct redisReply *r, void *arg)
{
	struct publish_call	*call = arg;
	struct pipeline		*p;
	char			*why;

	if (r == NULL) {	/* lost with the connection: try again later */
		publish_call_lost(call);
		return;
	}
	if (r->type != REDIS_REPLY_ARRAY || r->elements < 2) {
		/*
		 * OOM under noeviction, MISCONF when Redis cannot persist,
		 * READONLY on a replica...: Redis is up but takes nothing.
		 * Keep the article (in the spool) and retry on the timer.
		 */
		xasprintf(&why, "publish script: %s", r->type ==
		    REDIS_REPLY_ERROR ? r->str : "unexpected reply");
		publish_refused(call, why);
		free(why);
		return;
	}
	if (r->element[0]->integer == 2) {
		/* The index moved under us: read it again, decide again. */
		p = call->p;
		log_debug("%s: the index moved on (version %s); deciding "
		    "again", call->j->a->url, r->elements > 2 &&
		    r->element[2]->str != NULL ? r->element[2]->str : "?");
		metrics_inc(M_PUBLISH_RETRIES);
		publish_call_free(call);
		p->inflight = NULL;
		publish_next(p);	/* publishing stays set */
		return;
	}
	call->published = r->element[0]->integer == 1;
	if (call->published && r->elements > 2) {
		if (r->element[2]->type == REDIS_REPLY_INTEGER)
			xasprintf(&call->version, "%lld",
			    r->element[2]->integer);
		else
			call->version = xstrdup_or_null(r->element[2]->str);
	}
	if (!call->published) {
		call->why = xstrdup_or_null(r->element[1]->str);
		call->earlier = r->elements > 2 ?
		    xstrdup_or_null(r->element[2]->str) : NULL;
	}
	if (call->p->conf->redis_wait_replicas > 0)
		publish_wait(call);	/* the job stays inflight */
	else
		publish_done(call);
}
