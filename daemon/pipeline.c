/*
 * pipeline.c -- from a link to an article: the seen-check, the page fetch,
 * extraction, the topic filter.  publish.c takes it from there.
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
#include "daemon.h"
#include "dedup.h"
#include "extract.h"
#include "feed.h"
#include "fetch.h"
#include "hash.h"
#include "log.h"
#include "metrics.h"
#include "pipeline.h"
#include "pipeline-int.h"
#include "store.h"
#include "topic.h"
#include "url.h"
#include "xmalloc.h"

/* Forget the in-process seen set past this size (Redis still knows). */
#define PIPELINE_SEEN_MAX	200000

struct pipeline *
pipeline_new(struct daemon *d)
{
	struct pipeline	*p = xcalloc(1, sizeof *p);

	p->d = d;
	p->seen = json_object();
	p->index = dedup_index_new((time_t)d->conf->retention_days * 86400);
	p->index_last = xstrdup("0-0");
	p->gather_ev = evtimer_new(d->base, publish_gather_cb, p);
	TAILQ_INIT(&p->publish_q);
	return (p);
}

static void
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

void
pipeline_free(struct pipeline *p)
{
	struct job	*j;

	if (p == NULL)
		return;
	while ((j = TAILQ_FIRST(&p->publish_q)) != NULL) {
		TAILQ_REMOVE(&p->publish_q, j, entry);
		job_free(j);
	}
	event_free(p->gather_ev);
	json_decref(p->seen);
	dedup_index_free(p->index);
	free(p->index_last);
	free(p->index_key_cache);
	free(p);
}

size_t
pipeline_active(const struct pipeline *p)
{
	return (p->active);
}

size_t
pipeline_waiting(const struct pipeline *p)
{
	return (p->queued);
}

char *
pipeline_key(struct pipeline *p, const char *kind, const char *id)
{
	char	*key;

	xasprintf(&key, "%s%s%s%s", p->d->conf->key_prefix != NULL ?
	    p->d->conf->key_prefix : "", kind, id != NULL ? ":" : "",
	    id != NULL ? id : "");
	return (key);
}

void
job_done(struct job *j)
{
	struct pipeline	*p = j->p;

	p->active--;
	metrics_set(M_G_PENDING, p->active);
	job_free(j);
	publish_kick(p);	/* it may have been the one the queue waited for */
	daemon_check_done(p->d);
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
	j->filter = config_source_filter(p->d->conf, sc);
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

static void	job_fetch(struct job *);

static void
job_seen_cb(struct redisReply *r, void *arg)
{
	struct job	*j = arg;

	if (r != NULL && r->type == REDIS_REPLY_INTEGER && r->integer > 0) {
		log_debug("%s: already processed", j->link);
		metrics_inc(M_ARTICLES_SKIPPED_SEEN);
		job_done(j);
		return;
	}
	job_fetch(j);
}

void
pipeline_offer(struct pipeline *p, const struct source_conf *sc,
    const char *link, const struct feed_entry *e, int listing)
{
	struct daemon	*d = p->d;
	struct job	*j;
	char		*canon, *id, *key;
	const char	*argv[2];

	if (d->stopping || (canon = url_canonical(link)) == NULL)
		return;
	id = hash_article_id(canon);
	free(canon);
	if (pipeline_seen(p, id)) {
		metrics_inc(M_ARTICLES_SKIPPED_SEEN);
		free(id);
		return;
	}
	pipeline_mark(p, id);
	j = job_new(p, sc, link, id, e, listing);
	if (d->store == NULL || !store_connected(d->store)) {
		job_fetch(j);
		return;
	}
	key = pipeline_key(p, "url", id);
	argv[0] = "EXISTS";
	argv[1] = key;
	if (store_command(d->store, job_seen_cb, j, 2, argv, NULL) == -1)
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

static void
job_mark_skipped(struct job *j, const char *id)
{
	struct daemon	*d = j->p->d;
	char		*key, ttl[32];
	const char	*argv[6];

	if (d->store == NULL || !store_connected(d->store))
		return;
	key = pipeline_key(j->p, "url", id);
	snprintf(ttl, sizeof ttl, "%lld",
	    (long long)d->conf->retention_days * 86400);
	argv[0] = "SET"; argv[1] = key; argv[2] = "x";
	argv[3] = "EX"; argv[4] = ttl; argv[5] = "NX";
	(void)store_command(d->store, NULL, NULL, 6, argv, NULL);
	free(key);
}

/* The topic filter; returns 0 when the article goes on. */
static int
job_filter(struct job *j, struct article *a)
{
	char	*matched = NULL;
	int	 ots;

	ots = topic_match(j->p->d->terms, a->title, a->body, &matched);
	a->matched = matched != NULL && *matched != '\0' ? matched : NULL;
	if (a->matched == NULL)
		free(matched);
	article_set(&a->topics, ots ? "ots" : NULL);
	if (j->filter == FILTER_OTS && !ots) {
		log_debug("%s: not about the OTS", a->url);
		metrics_inc(M_ARTICLES_OFF_TOPIC);
		return (-1);
	}
	return (0);
}

static void
job_fetched(const struct fetch_result *r, void *arg)
{
	struct job		*j = arg;
	struct extract_opts	 o;
	struct article		*a;
	char			*cause = NULL, *cs;

	if (r->status == FETCH_ERR_CANCELLED) {
		job_done(j);
		return;
	}
	if (r->status != FETCH_OK || r->http_code >= 400) {
		if (r->status == FETCH_OK) {
			log_warnx("%s: HTTP %ld", r->url, r->http_code);
			metrics_inc(M_HTTP_ERRORS);
		} else
			log_warnx("%s: %s", r->url, r->error);
		json_object_del(j->p->seen, j->link_id); /* retry next poll */
		job_done(j);
		return;
	}
	metrics_inc(M_ARTICLES_FETCHED);
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
		job_done(j);
		return;
	}
	job_complete_article(j, a, r);
	if (strcmp(a->id, j->link_id) != 0 && pipeline_seen(j->p, a->id)) {
		log_debug("%s: canonical %s already handled", a->url,
		    a->canonical_url);
		metrics_inc(M_ARTICLES_DUP_URL);
		article_free(a);
		job_done(j);
		return;
	}
	pipeline_mark(j->p, a->id);
	if (job_filter(j, a) == -1) {
		job_mark_skipped(j, j->link_id);
		job_mark_skipped(j, a->id);
		article_free(a);
		job_done(j);
		return;
	}
	j->a = a;
	publish_enqueue(j->p, j);
}

static void
job_fetch(struct job *j)
{
	struct fetch_request	 req;
	char			*cause = NULL;

	memset(&req, 0, sizeof req);
	req.url = j->link;
	req.max_bytes = (size_t)j->p->d->conf->max_page_bytes;
	req.user_agent = j->sc->user_agent;
	req.insecure = !j->sc->tls_verify;
	req.accept = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5";
	if (fetch_start(j->p->d->fetch, &req, job_fetched, j, &cause) == -1) {
		log_warnx("%s: %s", j->link, cause);
		free(cause);
		job_done(j);
	}
}

void
pipeline_publish_spooled(struct pipeline *p, struct article *a,
    char *link_id, char *spool_name)
{
	struct job	*j = xcalloc(1, sizeof *j);

	j->p = p;
	j->a = a;
	j->link = xstrdup(a->url);
	j->link_id = link_id != NULL ? link_id : xstrdup(a->id);
	j->feed_published = -1;
	j->spool_name = spool_name;
	p->active++;
	metrics_set(M_G_PENDING, p->active);
	pipeline_mark(p, a->id);
	publish_enqueue(p, j);
}
