/*
 * metrics.c -- counters and gauges; GET /metrics via libevent's evhttp.
 */
#include <stdlib.h>
#include <string.h>

#include <event2/buffer.h>
#include <event2/event.h>
#include <event2/http.h>

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
	[M_G_DEDUP_ENTRIES] = { "dedup_entries", "articles in the dedup index", 1 },
	[M_G_DEDUP_BYTES] = { "dedup_bytes", "memory of the dedup index", 1 },
	[M_G_PAUSED] = { "fetch_paused", "1 while new fetches are paused (records cannot be made durable)", 1 },
	[M_G_UNSAFE] = { "articles_unsafe", "ready articles held only in memory (neither published nor spooled)", 1 },
	[M_SPOOL_BAD] = { "spool_bad_total", "spool records moved aside as unreadable", 0 },
	[M_SPOOL_WRITE_ERRORS] = { "spool_write_errors_total", "records that could not be spooled", 0 },
	[M_G_SPOOL_BYTES] = { "spool_bytes", "bytes of the records waiting in the spool", 1 },
};

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

void
metrics_format(struct buf *b)
{
	size_t	i;

	for (i = 0; i < M_NMETRICS; i++) {
		buf_printf(b, "# HELP otsnewsd_%s %s\n# TYPE otsnewsd_%s %s\n"
		    "otsnewsd_%s %llu\n", metric_info[i].name,
		    metric_info[i].help, metric_info[i].name,
		    metric_info[i].gauge ? "gauge" : "counter",
		    metric_info[i].name, metric_values[i]);
	}
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
metrics_http_cb(struct evhttp_request *req, void *arg)
{
	struct evbuffer	*out;
	struct buf	 b;

	if (strcmp(evhttp_request_get_uri(req), "/metrics") != 0) {
		evhttp_send_error(req, HTTP_NOTFOUND, NULL);
		return;
	}
	buf_init(&b, 0);
	metrics_format(&b);
	out = evbuffer_new();
	evbuffer_add(out, b.data, b.len);
	buf_clear(&b);
	evhttp_add_header(evhttp_request_get_output_headers(req),
	    "Content-Type", "text/plain; version=0.0.4");
	evhttp_send_reply(req, HTTP_OK, "OK", out);
	evbuffer_free(out);
}

int
metrics_listen(struct event_base *base, const char *hostport, char **cause)
{
	char		*host, *colon;
	int		 port;

	host = xstrdup(hostport);
	colon = strrchr(host, ':');
	*colon = '\0';
	port = atoi(colon + 1);
	metrics_http = evhttp_new(base);
	evhttp_set_allowed_methods(metrics_http, EVHTTP_REQ_GET);
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
	if (metrics_http != NULL)
		evhttp_free(metrics_http);
	metrics_http = NULL;
}
