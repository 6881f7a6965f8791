/*
 * metrics.c -- counters and gauges; GET /metrics via libevent's evhttp.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <event2/buffer.h>
#include <event2/event.h>
#include <event2/http.h>
#include <jansson.h>

#include "buf.h"
#include "metrics.h"
#include "xmalloc.h"

static const struct {
	const char	*name;
	const char	*help;
	int		 gauge;
} metric_info[M_NMETRICS] = {
	[M_FETCH_REQUESTS] = { "fetch_requests_total", "HTTP transfers finished", 0 },
	[M_FETCH_ERRORS] = { "fetch_errors_total", "transfers failed (network, TLS, timeout)", 0 },
	[M_FETCH_TOO_LARGE] = { "fetch_too_large_total", "responses over the size limit", 0 },
	[M_FETCH_BLOCKED] = { "fetch_blocked_total", "connections refused by the private-address guard or scheme", 0 },
	[M_FETCH_BYTES] = { "fetch_bytes_total", "decompressed response bytes", 0 },
	[M_FETCH_NOT_MODIFIED] = { "fetch_not_modified_total", "304 answers to conditional GETs", 0 },
	[M_HTTP_ERRORS] = { "http_errors_total", "responses with HTTP status >= 400", 0 },
	[M_POLLS] = { "source_polls_total", "source polls started", 0 },
	[M_POLLS_LEASED] = { "source_polls_leased_total", "polls left to another daemon holding the source's lease", 0 },
	[M_FEED_ERRORS] = { "feed_errors_total", "source documents that could not be parsed", 0 },
	[M_FEED_RECOVERED] = { "feed_recovered_total", "ill-formed source documents partly recovered", 0 },
	[M_FEED_ENTRIES] = { "feed_entries_total", "entries found in source documents", 0 },
	[M_ARTICLES_FETCHED] = { "articles_fetched_total", "article pages fetched", 0 },
	[M_ARTICLES_SKIPPED_SEEN] = { "articles_seen_total", "links skipped as already processed", 0 },
	[M_EXTRACT_ERRORS] = { "extract_errors_total", "article pages that could not be extracted", 0 },
	[M_ARTICLES_OFF_TOPIC] = { "articles_off_topic_total", "articles dropped by the topic filter", 0 },
	[M_ARTICLES_DUP_URL] = { "articles_dup_url_total", "articles already published under the same canonical URL", 0 },
	[M_ARTICLES_DUP_CONTENT] = { "articles_dup_content_total", "articles whose text was already published", 0 },
	[M_ARTICLES_NEAR_DUP] = { "articles_near_dup_total", "records published with dup_of", 0 },
	[M_ARTICLES_PUBLISHED] = { "articles_published_total", "records added to the stream", 0 },
	[M_REDIS_ERRORS] = { "redis_errors_total", "Redis errors and lost connections", 0 },
	[M_REDIS_CONNECTS] = { "redis_connects_total", "Redis connections established", 0 },
	[M_SPOOL_WRITTEN] = { "spool_written_total", "records written to the spool", 0 },
	[M_SPOOL_REPLAYED] = { "spool_replayed_total", "records taken from the spool", 0 },
	[M_RELOADS] = { "reloads_total", "configuration reloads", 0 },
	[M_REDIS_AUTH_ERRORS] = { "redis_handshake_errors_total", "connections refused at AUTH, SELECT or PING", 0 },
	[M_REDIS_REPLY_ERRORS] = { "redis_reply_errors_total", "publications Redis answered with an error (OOM, MISCONF, ...); kept for retry", 0 },
	[M_PUBLISH_RETRIES] = { "publish_retries_total", "publications decided again because another daemon published first", 0 },
	[M_DEDUP_BAD_ENTRIES] = { "dedup_bad_entries_total", "entries of the shared dedup index that could not be read (damaged or of another format) and were passed over", 0 },
	[M_DEDUP_ROLLBACKS] = { "dedup_rollbacks_total", "times the shared dedup index's version was found below one this process saw (Redis lost entries: failover, restore)", 0 },
	[M_FETCH_DEFERRED] = { "fetch_deferred_total", "transfers deferred by a host's Retry-After", 0 },
	[M_FETCH_PAUSES] = { "fetch_pauses_total", "times new fetches paused because neither Redis nor the spool took records", 0 },
	[M_SOURCE_GONE] = { "source_gone_total", "sources that answered 410 Gone and are no longer polled", 0 },
	[M_SOURCE_MOVED] = { "source_moved_total", "sources whose URL moved permanently (301/308)", 0 },
	[M_ROBOTS_DENIED] = { "articles_robots_denied_total", "article fetches refused by robots.txt", 0 },
	[M_ROBOTS_FETCHES] = { "robots_fetches_total", "robots.txt transfers finished", 0 },
	[M_ARTICLES_UNDELIVERED] = { "articles_undelivered_total", "articles neither published nor spooled at exit (listed in the log)", 0 },
	[M_EXTRACT_BUDGET] = { "extract_budget_exceeded_total", "pages whose extraction exceeded the work budget", 0 },
	[M_G_REDIS_CONNECTED] = { "redis_connected", "1 when connected to Redis", 1 },
	[M_G_SOURCES] = { "sources", "configured sources", 1 },
	[M_G_PENDING] = { "articles_pending", "articles in the pipeline", 1 },
	[M_G_SPOOL] = { "spool_records", "records waiting in the spool", 1 },
	[M_G_DEDUP_ENTRIES] = { "dedup_entries", "entries the last publication was compared with (read from the shared index)", 1 },
	[M_G_DEDUP_BYTES] = { "dedup_bytes", "memory of the last publication's view of the dedup index", 1 },
	[M_G_PAUSED] = { "fetch_paused", "1 while new fetches are paused (records cannot be made durable)", 1 },
	[M_G_UNSAFE] = { "articles_unsafe", "ready articles held only in memory (neither published nor spooled)", 1 },
	[M_SPOOL_BAD] = { "spool_bad_total", "spool records moved aside as unreadable", 0 },
	[M_SPOOL_WRITE_ERRORS] = { "spool_write_errors_total", "records that could not be spooled", 0 },
	[M_G_SPOOL_BYTES] = { "spool_bytes", "bytes of the records waiting in the spool", 1 },
	[M_G_QUEUED] = { "articles_queued", "articles fetched and waiting for publication (or the spool)", 1 },
	[M_G_HELD] = { "articles_held", "links whose page fetch waits: the backlog is at max_backlog, or fetches are paused", 1 },
};

static const struct {
	const char	*name;
	const char	*help;
	int		 gauge;
	const char	*label1, *label2;
} family_info[MF_NFAMILIES] = {
	[MF_FETCHES] = { "fetches_total", "HTTP transfers by source and outcome (ok, not_modified, http_4xx, http_5xx, network, timeout, too_large, blocked, deferred)", 0, "source", "status" },
	[MF_PUBLISHED] = { "articles_published_total", "records added to the stream, by source", 0, "source", NULL },
	[MF_DUPLICATES] = { "duplicates_total", "articles not published or linked as duplicates: url (same canonical URL), content (same text), near (published with dup_of)", 0, "kind", NULL },
	[MF_SOURCE_UP] = { "source_up", "1 when the source's last poll worked", 1, "source", NULL },
	[MF_SOURCE_LAST_SUCCESS] = { "source_last_success_timestamp_seconds", "when the source's last poll worked (unix time)", 1, "source", NULL },
	[MF_SOURCE_LAST_POLL] = { "source_last_poll_timestamp_seconds", "when the source was last polled (unix time)", 1, "source", NULL },
};

/* Each family: label text ("source=\"x\",status=\"ok\"") -> json real. */
static json_t			*family_rows[MF_NFAMILIES];

static const double		 fetch_buckets[] = {
	0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60
};
#define FETCH_NBUCKETS	(sizeof fetch_buckets / sizeof fetch_buckets[0])
static unsigned long long	 fetch_bucket_counts[FETCH_NBUCKETS];
static unsigned long long	 fetch_count;
static double			 fetch_sum;
static int			 reload_ok = 1;
static time_t			 reload_time;

static int			(*metrics_ready)(void *);
static void			*metrics_ready_arg;

static unsigned long long	 metric_values[M_NMETRICS];
static struct evhttp		*metrics_http;

void
metrics_inc(enum metric m)
{
	metric_values[m]++;
}

void
metrics_add(enum metric m, unsigned long long n)
{
	metric_values[m] += n;
}

void
metrics_set(enum metric m, unsigned long long n)
{
	metric_values[m] = n;
}

unsigned long long
metrics_get(enum metric m)
{
	return (metric_values[m]);
}

/* A label value in the exposition format: \\, \" and \n escaped. */
static void
metrics_label_value(struct buf *b, const char *v)
{
	for (; *v != '\0'; v++) {
		if (*v == '\\' || *v == '"')
			buf_printf(b, "\\%c", *v);
		else if (*v == '\n')
			buf_printf(b, "\\n");
		else
			buf_printf(b, "%c", *v);
	}
}

static char *
metrics_labels(enum metric_family f, const char *l1, const char *l2)
{
	struct buf	 b;
	char		*s;

	buf_init(&b, 0);
	buf_printf(&b, "%s=\"", family_info[f].label1);
	metrics_label_value(&b, l1 != NULL ? l1 : "");
	buf_printf(&b, "\"");
	if (family_info[f].label2 != NULL) {
		buf_printf(&b, ",%s=\"", family_info[f].label2);
		metrics_label_value(&b, l2 != NULL ? l2 : "");
		buf_printf(&b, "\"");
	}
	s = xstrndup(b.data != NULL ? b.data : "", b.len);
	buf_clear(&b);
	return (s);
}

static json_t *
metrics_row(enum metric_family f, const char *l1, const char *l2)
{
	json_t	*v;
	char	*key;

	if (family_rows[f] == NULL)
		family_rows[f] = json_object();
	key = metrics_labels(f, l1, l2);
	if ((v = json_object_get(family_rows[f], key)) == NULL) {
		v = json_real(0);
		json_object_set_new_nocheck(family_rows[f], key, v);
	}
	free(key);
	return (v);
}

void
metrics_family_add(enum metric_family f, double n, const char *l1,
    const char *l2)
{
	json_t	*v = metrics_row(f, l1, l2);

	json_real_set(v, json_real_value(v) + n);
}

void
metrics_family_set(enum metric_family f, double n, const char *l1,
    const char *l2)
{
	json_real_set(metrics_row(f, l1, l2), n);
}

void
metrics_forget_source(const char *name)
{
	json_t		*rows, *v;
	const char	*key;
	void		*tmp;
	char		*prefix;
	size_t		 i;
	struct buf	 b;

	buf_init(&b, 0);
	buf_printf(&b, "source=\"");
	metrics_label_value(&b, name);
	buf_printf(&b, "\"");
	prefix = xstrndup(b.data, b.len);
	buf_clear(&b);
	for (i = 0; i < MF_NFAMILIES; i++) {
		if ((rows = family_rows[i]) == NULL ||
		    strcmp(family_info[i].label1, "source") != 0)
			continue;
		json_object_foreach_safe(rows, tmp, key, v) {
			if (strncmp(key, prefix, strlen(prefix)) == 0 &&
			    (key[strlen(prefix)] == '\0' ||
			    key[strlen(prefix)] == ','))
				json_object_del(rows, key);
		}
	}
	free(prefix);
}

void
metrics_observe_fetch(double seconds)
{
	size_t	i;

	for (i = 0; i < FETCH_NBUCKETS; i++) {
		if (seconds <= fetch_buckets[i])
			fetch_bucket_counts[i]++;
	}
	fetch_count++;
	fetch_sum += seconds;
}

void
metrics_reload_result(int ok)
{
	reload_ok = ok;
	if (ok)
		reload_time = time(NULL);
}

static int
metrics_key_cmp(const void *a, const void *b)
{
	return (strcmp(*(const char *const *)a, *(const char *const *)b));
}

static void
metrics_format_family(struct buf *b, enum metric_family f)
{
	json_t		*rows = family_rows[f];
	const char	*key, **keys;
	json_t		*v;
	size_t		 n = 0, i;

	buf_printf(b, "# HELP otsnewsd_%s %s\n# TYPE otsnewsd_%s %s\n",
	    family_info[f].name, family_info[f].help, family_info[f].name,
	    family_info[f].gauge ? "gauge" : "counter");
	if (rows == NULL)
		return;
	keys = xcalloc(json_object_size(rows) + 1, sizeof *keys);
	json_object_foreach(rows, key, v)
		keys[n++] = key;
	qsort(keys, n, sizeof *keys, metrics_key_cmp);	/* stable output */
	for (i = 0; i < n; i++) {
		buf_printf(b, "otsnewsd_%s{%s} %.17g\n", family_info[f].name,
		    keys[i], json_real_value(json_object_get(rows, keys[i])));
	}
	free(keys);
}

static void
metrics_format_extra(struct buf *b)
{
	size_t	i;

	for (i = 0; i < MF_NFAMILIES; i++)
		metrics_format_family(b, i);
	buf_printf(b, "# HELP otsnewsd_fetch_duration_seconds time of one "
	    "HTTP transfer\n# TYPE otsnewsd_fetch_duration_seconds "
	    "histogram\n");
	for (i = 0; i < FETCH_NBUCKETS; i++)
		buf_printf(b, "otsnewsd_fetch_duration_seconds_bucket{le=\"%g\"}"
		    " %llu\n", fetch_buckets[i], fetch_bucket_counts[i]);
	buf_printf(b, "otsnewsd_fetch_duration_seconds_bucket{le=\"+Inf\"} "
	    "%llu\notsnewsd_fetch_duration_seconds_sum %.6f\n"
	    "otsnewsd_fetch_duration_seconds_count %llu\n", fetch_count,
	    fetch_sum, fetch_count);
	buf_printf(b, "# HELP otsnewsd_build_info the running version\n"
	    "# TYPE otsnewsd_build_info gauge\n"
	    "otsnewsd_build_info{version=\"%s\"} 1\n", OTSNEWS_VERSION);
	buf_printf(b, "# HELP otsnewsd_config_reload_success 1 when the last "
	    "reload (or the start) applied cleanly\n"
	    "# TYPE otsnewsd_config_reload_success gauge\n"
	    "otsnewsd_config_reload_success %d\n", reload_ok);
	buf_printf(b, "# HELP otsnewsd_config_last_reload_success_timestamp_"
	    "seconds when the configuration last applied cleanly\n"
	    "# TYPE otsnewsd_config_last_reload_success_timestamp_seconds "
	    "gauge\notsnewsd_config_last_reload_success_timestamp_seconds "
	    "%lld\n", (long long)reload_time);
}

void
metrics_format(struct buf *b)
{
	size_t	i;

	for (i = 0; i < M_NMETRICS; i++) {
		if (i == M_ARTICLES_PUBLISHED)
			continue;	/* served by source (MF_PUBLISHED) */
		buf_printf(b, "# HELP otsnewsd_%s %s\n# TYPE otsnewsd_%s %s\n"
		    "otsnewsd_%s %llu\n", metric_info[i].name,
		    metric_info[i].help, metric_info[i].name,
		    metric_info[i].gauge ? "gauge" : "counter",
		    metric_info[i].name, metric_values[i]);
	}
	metrics_format_extra(b);
}

void
metrics_summary(struct buf *b)
{
	size_t	i;

	for (i = 0; i < M_NMETRICS; i++) {
		if (metric_values[i] == 0 || metric_info[i].gauge)
			continue;
		buf_printf(b, "%s%s=%llu", b->len != 0 ? " " : "",
		    metric_info[i].name, metric_values[i]);
	}
}

static void
metrics_reply(struct evhttp_request *req, int code, const char *reason,
    const char *type, const char *body, size_t len)
{
	struct evbuffer	*out = evbuffer_new();

	/* evhttp leaves the body out of the answer to HEAD itself. */
	evbuffer_add(out, body, len);
	evhttp_add_header(evhttp_request_get_output_headers(req),
	    "Content-Type", type);
	evhttp_send_reply(req, code, reason, out);
	evbuffer_free(out);
}

static void
metrics_http_cb(struct evhttp_request *req, void *arg)
{
	const char	*uri = evhttp_request_get_uri(req);
	struct buf	 b;
	size_t		 n = strcspn(uri, "?");
	int		 ready;

	if (n == 8 && strncmp(uri, "/metrics", n) == 0) {
		buf_init(&b, 0);
		metrics_format(&b);
		metrics_reply(req, HTTP_OK, "OK", "text/plain; version=0.0.4",
		    b.data, b.len);
		buf_clear(&b);
	} else if (n == 8 && strncmp(uri, "/healthz", n) == 0)
		metrics_reply(req, HTTP_OK, "OK", "text/plain", "ok\n", 3);
	else if (n == 6 && strncmp(uri, "/ready", n) == 0) {
		ready = metrics_ready == NULL || metrics_ready(metrics_ready_arg);
		if (ready)
			metrics_reply(req, HTTP_OK, "OK", "text/plain",
			    "ready\n", 6);
		else
			metrics_reply(req, 503, "Service Unavailable",
			    "text/plain", "neither Redis nor the spool can take "
			    "records\n", 46);
	} else
		evhttp_send_error(req, HTTP_NOTFOUND, NULL);
}

int
metrics_listen(struct event_base *base, const char *hostport,
    int (*ready)(void *), void *arg, char **cause)
{
	char		*host, *colon;
	int		 port;

	metrics_ready = ready;
	metrics_ready_arg = arg;
	host = xstrdup(hostport);
	colon = strrchr(host, ':');
	*colon = '\0';
	port = atoi(colon + 1);
	metrics_http = evhttp_new(base);
	evhttp_set_allowed_methods(metrics_http, EVHTTP_REQ_GET |
	    EVHTTP_REQ_HEAD);
	evhttp_set_gencb(metrics_http, metrics_http_cb, NULL);
	if (evhttp_bind_socket(metrics_http, host, (unsigned short)port) != 0) {
		xasprintf(cause, "metrics_listen %s: cannot bind", hostport);
		evhttp_free(metrics_http);
		metrics_http = NULL;
		free(host);
		return (-1);
	}
	free(host);
	return (0);
}

void
metrics_close(void)
{
	size_t	i;

	if (metrics_http != NULL)
		evhttp_free(metrics_http);
	metrics_http = NULL;
	for (i = 0; i < MF_NFAMILIES; i++) {
		json_decref(family_rows[i]);
		family_rows[i] = NULL;
	}
}
