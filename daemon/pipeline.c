/*
 * pipeline.c -- from a link to an article: the seen-check, robots.txt,
 * the page fetch, extraction, the topic filter.  publish.c takes it from
 * there.
 *
 * A job moves through the states of enum job_state and ends in reap_q;
 * reap_ev delivers its completion to whoever offered the link and frees
 * it.  Nothing here finishes a job and re-enters the caller on the same
 * stack: a fetch or Redis callback only moves the job to reap_q.
 */
#include <sys/queue.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <event2/event.h>
#include <hiredis/hiredis.h>

#include "article.h"
#include "charset.h"
#include "config.h"
#include "dedup.h"
#include "extract.h"
#include "feed.h"
#include "fetch.h"
#include "hash.h"
#include "log.h"
#include "metrics.h"
#include "pipeline.h"
#include "pipeline-int.h"
#include "robots-cache.h"
#include "store.h"
#include "text.h"
#include "topic.h"
#include "url.h"
#include "xmalloc.h"

/* Forget the in-process seen set past this size (Redis still knows). */
#define PIPELINE_SEEN_MAX	200000

static void	pipeline_reap_cb(evutil_socket_t, short, void *);
static void	pipeline_release(struct pipeline *);
static void	job_fetch(struct job *);
static void	job_fetch_start(struct job *);

struct pipeline *
pipeline_new(const struct pipeline_env *env, const struct config *conf,
    const struct topic_terms *terms)
{
	struct pipeline	*p = xcalloc(1, sizeof *p);
	struct timeval	 tv;

	p->env = *env;
	p->conf = conf;
	p->terms = terms;
	p->seen = json_object();
	p->held = json_object();
	p->stale = json_object();
	p->index = dedup_index_new((time_t)conf->retention_days * 86400);
	p->index_last = xstrdup("0");
	TAILQ_INIT(&p->hold_q);
	TAILQ_INIT(&p->publish_q);
	TAILQ_INIT(&p->reap_q);
	p->reap_ev = event_new(env->base, -1, 0, pipeline_reap_cb, p);
	p->gather_ev = evtimer_new(env->base, publish_gather_cb, p);
	p->retry_ev = event_new(env->base, -1, EV_PERSIST, publish_retry_cb,
	    p);
	p->replay_wanted = env->spool != NULL;
	if (env->spool != NULL) {
		tv.tv_sec = conf->spool_retry;
		tv.tv_usec = 0;
		evtimer_add(p->retry_ev, &tv);
	}
	return (p);
}

void
pipeline_configure(struct pipeline *p, const struct config *conf,
    const struct topic_terms *terms)
{
	struct timeval	tv;

	p->conf = conf;
	p->terms = terms;
	if (p->env.spool != NULL) {
		tv.tv_sec = conf->spool_retry;
		tv.tv_usec = 0;
		evtimer_add(p->retry_ev, &tv);
	}
	event_active(p->reap_ev, EV_TIMEOUT, 0);	/* max_backlog may grow */
}

void
job_free(struct job *j)
{
	config_source_free(j->sc);
	free(j->link);
	free(j->link_id);
	free(j->feed_title);
	free(j->feed_summary);
	free(j->feed_author);
	article_free(j->a);
	free(j->spool_name);
	free(j);
}

/* Deliver completions and free the jobs: never on the stack that ended them. */
static void
pipeline_reap(struct pipeline *p)
{
	struct job	*j;

	while ((j = TAILQ_FIRST(&p->reap_q)) != NULL) {
		TAILQ_REMOVE(&p->reap_q, j, entry);
		if (j->done != NULL)
			j->done(j->ok, j->done_arg);
		job_free(j);
	}
}

static void
pipeline_reap_cb(evutil_socket_t fd, short ev, void *arg)
{
	struct pipeline	*p = arg;

	pipeline_reap(p);
	/* The queue may have waited for it; closing still drains the queue. */
	publish_kick(p);
	/* What settled made room (here, not on the stack that settled it). */
	pipeline_release(p);
}

void
job_state(struct job *j, enum job_state s)
{
	struct pipeline	*p = j->p;
	int		 was, is;

	was = j->state == JOB_ROBOTS || j->state == JOB_FETCH;
	is = s == JOB_ROBOTS || s == JOB_FETCH;
	if (was && !is)
		p->fetching--;
	else if (!was && is)
		p->fetching++;
	j->state = s;
}

/*
 * Back-pressure: a page is fetched only while the articles in memory --
 * being fetched, and fetched but not yet published or spooled -- are
 * fewer than [daemon] max_backlog.  A burst of new articles then waits as
 * links (in hold_q), not as pages and texts; none is dropped, none is
 * fetched twice.
 */
static int
pipeline_room(const struct pipeline *p)
{
	return (p->fetching + p->queued < (size_t)p->conf->max_backlog);
}

/* Start the held fetches there is room for (none while paused). */
static void
pipeline_release(struct pipeline *p)
{
	struct job	*j;

	while (!p->paused && !p->closing && pipeline_room(p) &&
	    (j = TAILQ_FIRST(&p->hold_q)) != NULL) {
		TAILQ_REMOVE(&p->hold_q, j, entry);
		p->nheld--;
		job_fetch_start(j);
	}
	metrics_set(M_G_HELD, p->nheld);
}

void
job_finish(struct job *j, int ok)
{
	struct pipeline	*p = j->p;

	if (j->state == JOB_DONE)
		fatalx("job_finish: %s finished twice", j->link);
	job_state(j, JOB_DONE);
	j->ok = ok;
	p->active--;
	metrics_set(M_G_PENDING, p->active);
	TAILQ_INSERT_TAIL(&p->reap_q, j, entry);
	event_active(p->reap_ev, EV_TIMEOUT, 0);
}

void
pipeline_close(struct pipeline *p)
{
	struct job	*j;

	if (p->closing)
		return;
	p->closing = 1;
	while ((j = TAILQ_FIRST(&p->hold_q)) != NULL) {
		TAILQ_REMOVE(&p->hold_q, j, entry);
		p->nheld--;
		json_object_del(p->seen, j->link_id);
		job_finish(j, 0);
	}
	metrics_set(M_G_HELD, 0);
	evtimer_del(p->retry_ev);
	p->replay_wanted = 0;
}

size_t
pipeline_free(struct pipeline *p)
{
	size_t	lost;

	if (p == NULL)
		return (0);
	pipeline_close(p);
	pipeline_reap(p);
	lost = publish_drop_all(p);
	pipeline_reap(p);
	if (p->active != 0)
		log_warnx("pipeline: %zu jobs still in flight at exit",
		    p->active);
	event_free(p->reap_ev);
	event_free(p->gather_ev);
	event_free(p->retry_ev);
	json_decref(p->seen);
	json_decref(p->held);
	json_decref(p->stale);
	dedup_index_free(p->index);
	free(p->index_last);
	free(p);
	return (lost);
}

int
pipeline_paused(const struct pipeline *p)
{
	return (p->paused);
}

int
pipeline_busy(const struct pipeline *p)
{
	size_t	moving;

	if (!TAILQ_EMPTY(&p->reap_q) || p->publishing)
		return (1);
	/* Seen-checks, robots.txt lookups, page fetches. */
	moving = p->active - p->queued - p->nheld;
	if (moving != 0)
		return (1);
	/* Held links wait for the pause to end (close gives them back). */
	if (p->nheld != 0)
		return (1);
	if (p->queued != 0) {
		if (publish_ready(p))
			return (1);
		/*
		 * Neither Redis nor the spool takes them: they wait, except
		 * at shutdown, where pipeline_free lists them.
		 */
		return (!p->closing);
	}
	if (!p->closing && p->env.spool != NULL && p->replay_wanted &&
	    publish_ready(p))
		return (1);
	return (0);
}

char *
pipeline_key(const struct pipeline *p, const char *kind, const char *id)
{
	char	*key;

	xasprintf(&key, "%s%s%s%s", p->conf->key_prefix != NULL ?
	    p->conf->key_prefix : "", kind, id != NULL ? ":" : "",
	    id != NULL ? id : "");
	return (key);
}

void
pipeline_update_pause(struct pipeline *p)
{
	int	paused;

	/*
	 * Unspooled articles in the queue are normal while Redis takes
	 * records (they are on their way); they are a reason to pause only
	 * when Redis cannot take them and the spool did not either.
	 */
	paused = p->unsafe != 0 && !publish_ready(p);
	metrics_set(M_G_UNSAFE, paused ? p->unsafe : 0);
	if (paused == p->paused)
		return;
	p->paused = paused;
	metrics_set(M_G_PAUSED, paused);
	if (paused) {
		log_warnx("pausing new fetches: %zu articles can be neither "
		    "published nor spooled (they are kept in memory)",
		    p->unsafe);
		metrics_inc(M_FETCH_PAUSES);
		return;
	}
	log_info("resuming fetches: every article is published or spooled");
	pipeline_release(p);
}

void
pipeline_redis_state(struct pipeline *p, int up)
{
	if (p->closing)
		return;
	if (up) {
		p->refusing = 0;
		p->replay_wanted = p->env.spool != NULL;
		pipeline_update_pause(p);
		publish_kick(p);
	} else
		publish_spool_all(p);
}

static int
pipeline_seen(struct pipeline *p, const char *id)
{
	return (json_object_get(p->seen, id) != NULL);
}

static void
pipeline_mark(struct pipeline *p, const char *id)
{
	if (json_object_size(p->seen) >= PIPELINE_SEEN_MAX)
		json_object_clear(p->seen);
	json_object_set_new(p->seen, id, json_true());
}

static struct job *
job_new(struct pipeline *p, const struct source_conf *sc, const char *link,
    char *link_id, const struct feed_entry *e, int listing)
{
	struct job	*j = xcalloc(1, sizeof *j);

	j->p = p;
	j->sc = config_source_dup(sc);
	j->filter = config_source_filter(p->conf, sc);
	j->link = xstrdup(link);
	j->link_id = link_id;
	j->feed_published = -1;
	j->feed_is_listing = listing;
	if (e != NULL) {
		j->feed_title = xstrdup_or_null(e->title);
		j->feed_summary = xstrdup_or_null(e->summary);
		j->feed_author = xstrdup_or_null(e->author);
		j->feed_published = e->published != -1 ? e->published :
		    e->updated;
	}
	p->active++;
	metrics_set(M_G_PENDING, p->active);
	return (j);
}

static void
job_seen_cb(struct redisReply *r, void *arg)
{
	struct job	*j = arg;

	if (r != NULL && r->type == REDIS_REPLY_INTEGER && r->integer > 0) {
		log_debug("%s: already processed", j->link);
		metrics_inc(M_ARTICLES_SKIPPED_SEEN);
		job_finish(j, 1);
		return;
	}
	if (j->p->closing) {
		json_object_del(j->p->seen, j->link_id);
		job_finish(j, 0);
		return;
	}
	job_fetch(j);
}

void
pipeline_offer(struct pipeline *p, const struct source_conf *sc,
    const char *link, const struct feed_entry *e, int listing,
    pipeline_done_cb done, void *arg)
{
	struct store	*st = p->env.store;
	struct job	*j;
	char		*canon, *id, *key;
	const char	*argv[2];
	int		 seen;

	if (p->closing || (canon = url_canonical(link)) == NULL) {
		log_debug("%s: not taken (%s)", link, p->closing ?
		    "stopping" : "not a URL");
		j = xcalloc(1, sizeof *j);	/* only to report back */
		j->p = p;
		j->link = xstrdup(link);
		j->done = done;
		j->done_arg = arg;
		p->active++;
		job_finish(j, !p->closing);
		return;
	}
	id = hash_article_id(canon);
	free(canon);
	seen = pipeline_seen(p, id);
	if (!seen)
		pipeline_mark(p, id);
	j = job_new(p, sc, link, id, e, listing);
	j->done = done;
	j->done_arg = arg;
	if (seen) {
		metrics_inc(M_ARTICLES_SKIPPED_SEEN);
		job_finish(j, 1);
		return;
	}
	job_state(j, JOB_SEEN_CHECK);
	if (st == NULL || !store_connected(st)) {
		job_fetch(j);
		return;
	}
	key = pipeline_key(p, "url", id);
	argv[0] = "EXISTS";
	argv[1] = key;
	if (store_command(st, job_seen_cb, j, 2, argv, NULL) == -1)
		job_fetch(j);
	free(key);
}

/* Fill what the page did not say from the feed and the source. */
static void
job_complete_article(struct job *j, struct article *a,
    const struct fetch_result *r)
{
	char	*canon = NULL;

	article_set(&a->source, j->sc->name);
	article_set(&a->url, r->effective_url);
	if (a->canonical_url != NULL)
		canon = url_canonical(a->canonical_url);
	if (canon == NULL)
		canon = url_canonical(r->effective_url);
	if (canon == NULL)
		canon = xstrdup(r->effective_url);
	free(a->canonical_url);
	a->canonical_url = canon;
	free(a->id);
	a->id = hash_article_id(canon);
	if (a->title == NULL)
		article_set(&a->title, j->feed_title);
	/*
	 * A feed's machine-readable date beats the page's; a date a listing
	 * page shows in words is only a fallback.
	 */
	if (j->feed_published != -1 && (!j->feed_is_listing ||
	    a->published == -1))
		a->published = j->feed_published;
	if (a->lang == NULL && j->sc->lang != NULL)
		article_set(&a->lang, j->sc->lang);
	if (a->author == NULL)
		article_set(&a->author, j->feed_author);
	if (j->feed_summary != NULL)
		article_set(&a->summary, j->feed_summary);
	a->fetched = time(NULL);
}

/* Remember a filtered article in Redis so no daemon fetches it again. */
static void
job_mark_skipped(struct job *j, const char *id)
{
	struct store	*st = j->p->env.store;
	char		*key, ttl[32];
	const char	*argv[6];

	if (st == NULL || !store_connected(st))
		return;
	key = pipeline_key(j->p, "url", id);
	snprintf(ttl, sizeof ttl, "%lld",
	    (long long)j->p->conf->retention_days * 86400);
	argv[0] = "SET"; argv[1] = key; argv[2] = "x";
	argv[3] = "EX"; argv[4] = ttl; argv[5] = "NX";
	(void)store_command(st, NULL, NULL, 6, argv, NULL);
	free(key);
}

/*
 * The topic filter; returns 0 when the article goes on.  The record's
 * topics are those the article is the subject of; relevance and its score
 * are the strongest relevance to a topic the filter publishes ([filter]
 * topic, or the OTS for a source filtering under topic = all; any topic
 * when nothing is filtered).  Filtering sources publish an article whose relevance
 * to one of those topics reaches [filter] relevance.
 */
static int
job_filter(struct job *j, struct article *a)
{
	const struct config	*conf = j->p->conf;
	struct topic_verdict	 v;
	int			 t, mask, best = -1;

	/* tokenised once: dedup takes the words over (dedup_text_make) */
	article_words_drop(a);
	a->words = xcalloc(1, sizeof *a->words);
	text_words_make(a->title, a->body, a->words);
	topic_assess_words(j->p->terms, a->words, &v);
	a->matched = *v.matched != '\0' ? v.matched : NULL;
	if (a->matched == NULL)
		free(v.matched);
	v.matched = NULL;
	free(a->topics);
	a->topics = topic_tags(&v, TOPIC_SUBJECT);
	if (j->filter == FILTER_ALL)
		mask = TOPIC_BIT(TOPIC_OTS) | TOPIC_BIT(TOPIC_ORGS);
	else if (conf->topic == FILTER_OTS && conf->topics != 0)
		mask = conf->topics;
	else
		mask = TOPIC_BIT(TOPIC_OTS);
	for (t = 0; t < TOPIC_NTOPICS; t++) {
		if ((mask & TOPIC_BIT(t)) && (best < 0 ||
		    v.rel[t] > v.rel[best] || (v.rel[t] == v.rel[best] &&
		    v.score[t] > v.score[best])))
			best = t;
	}
	article_set(&a->relevance, v.rel[best] != TOPIC_NONE ?
	    topic_relevance_name(v.rel[best]) : NULL);
	a->relevance_score = v.score[best];
	topic_verdict_clear(&v);
	if (j->filter == FILTER_OTS && (v.rel[best] == TOPIC_NONE ||
	    (int)v.rel[best] < conf->relevance)) {
		log_debug("%s: not about the topics filtered for", a->url);
		metrics_inc(M_ARTICLES_OFF_TOPIC);
		return (-1);
	}
	return (0);
}

/* A fetched page: extract it; returns the article or NULL (logged). */
static struct article *
job_extract(struct job *j, const struct fetch_result *r)
{
	struct extract_opts	 o;
	struct article		*a;
	char			*cause = NULL, *cs;

	memset(&o, 0, sizeof o);
	cs = charset_from_content_type(r->content_type);
	o.url = r->effective_url;
	o.http_charset = cs;
	o.lang_hint = j->sc->lang;
	o.tz = j->sc->tz;
	o.title_xpath = j->sc->title_xpath;
	o.body_xpath = j->sc->body_xpath;
	o.date_xpath = j->sc->date_xpath;
	o.drop_xpath = j->sc->drop_xpath;
	a = extract_page(r->body, r->len, &o, &cause);
	free(cs);
	if (a == NULL || a->body == NULL || *a->body == '\0') {
		log_warnx("%s: no article text: %s", r->effective_url,
		    cause != NULL ? cause : "empty body");
		metrics_inc(M_EXTRACT_ERRORS);
		free(cause);
		article_free(a);
		return (NULL);
	}
	return (a);
}

static void
job_fetched(const struct fetch_result *r, void *arg)
{
	struct job	*j = arg;
	struct article	*a;

	if (r->status != FETCH_ERR_CANCELLED)
		metrics_family_add(MF_FETCHES, 1, j->sc->name, fetch_outcome(r));
	if (r->status != FETCH_OK || r->http_code >= 400) {
		if (r->status == FETCH_ERR_CANCELLED)
			;
		else if (r->status == FETCH_OK) {
			log_warnx("%s: HTTP %ld", r->url, r->http_code);
			metrics_inc(M_HTTP_ERRORS);
		} else
			log_warnx("%s: %s", r->url, r->error);
		json_object_del(j->p->seen, j->link_id); /* retry next poll */
		job_finish(j, 0);
		return;
	}
	metrics_inc(M_ARTICLES_FETCHED);
	if ((a = job_extract(j, r)) == NULL) {
		job_finish(j, 1);	/* the page has no text: settled */
		return;
	}
	job_complete_article(j, a, r);
	if (strcmp(a->id, j->link_id) != 0 && pipeline_seen(j->p, a->id)) {
		log_debug("%s: canonical %s already handled", a->url,
		    a->canonical_url);
		metrics_inc(M_ARTICLES_DUP_URL);
		article_free(a);
		job_finish(j, 1);
		return;
	}
	pipeline_mark(j->p, a->id);
	if (job_filter(j, a) == -1) {
		job_mark_skipped(j, j->link_id);
		job_mark_skipped(j, a->id);
		article_free(a);
		job_finish(j, 1);
		return;
	}
	j->a = a;
	publish_enqueue(j->p, j);
}

static void
job_fetch_page(struct job *j)
{
	struct fetch_request	 req;
	char			*cause = NULL;

	memset(&req, 0, sizeof req);
	req.url = j->link;
	req.max_bytes = (size_t)j->p->conf->max_page_bytes;
	req.user_agent = j->sc->user_agent;
	req.insecure = !j->sc->tls_verify;
	req.accept = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5";
	job_state(j, JOB_FETCH);
	if (fetch_start(j->p->env.fetch, &req, job_fetched, j, &cause) == -1) {
		log_warnx("%s: %s", j->link, cause);
		free(cause);
		json_object_del(j->p->seen, j->link_id);
		job_finish(j, 0);
	}
}

static void
job_robots_cb(int allowed, void *arg)
{
	struct job	*j = arg;

	if (j->p->closing) {
		json_object_del(j->p->seen, j->link_id);
		job_finish(j, 0);
		return;
	}
	if (allowed != ROBOTS_ALLOWED) {
		log_info("%s: disallowed by robots.txt", j->link);
		metrics_inc(M_ROBOTS_DENIED);
		job_finish(j, 1);
		return;
	}
	job_fetch_page(j);
}

/* A link past its seen-check: fetched now, or held behind those waiting. */
static void
job_fetch(struct job *j)
{
	struct pipeline	*p = j->p;

	if (p->closing) {
		json_object_del(p->seen, j->link_id);
		job_finish(j, 0);
		return;
	}
	if (p->paused || !pipeline_room(p) || !TAILQ_EMPTY(&p->hold_q)) {
		job_state(j, JOB_HOLD);
		TAILQ_INSERT_TAIL(&p->hold_q, j, entry);
		p->nheld++;
		metrics_set(M_G_HELD, p->nheld);
		if (!p->paused && pipeline_room(p))	/* release in order */
			event_active(p->reap_ev, EV_TIMEOUT, 0);
		return;
	}
	job_fetch_start(j);
}

/* robots.txt (when asked), then the page. */
static void
job_fetch_start(struct job *j)
{
	struct pipeline	*p = j->p;
	char		*cause = NULL;

	if (p->env.robots == NULL || !j->sc->robots) {
		job_fetch_page(j);
		return;
	}
	job_state(j, JOB_ROBOTS);
	if (robots_cache_check(p->env.robots, j->link, j->sc->user_agent,
	    !j->sc->tls_verify, job_robots_cb, j, &cause) == -1) {
		log_warnx("%s: robots.txt: %s", j->link, cause);
		free(cause);
		job_fetch_page(j);
	}
}
