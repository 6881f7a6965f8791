/*
 * fetch.c -- libcurl's multi_socket interface driven by libevent.
 *
 * The wiring follows curl's docs/examples/hiperfifo.c: a per-socket struct
 * attached with curl_multi_assign, a per-transfer struct in CURLOPT_PRIVATE,
 * one timer for CURLMOPT_TIMERFUNCTION (-1 deletes it), and
 * curl_multi_info_read after every curl_multi_socket_action.
 *
 * On top of curl: our own FIFO queue for the connection limits (total and
 * per origin), Retry-After windows per origin, the redirect chain as the
 * header callback sees it, and the private-address guard in the
 * open-socket callback.
 */
#include <sys/queue.h>
#include <sys/socket.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <event2/event.h>

#include "buf.h"
#include "fetch.h"
#include "log.h"
#include "metrics.h"
#include "xmalloc.h"

/* One response of a redirect chain: its status and where it pointed. */
struct fetch_hop {
	long			 code;
	char			*url;		/* Location, resolved */
};

/*
 * Per-origin state: transfers running against it and its Retry-After
 * window.  Freed once idle with no window (fetch_host_gc).
 */
struct fetch_host {
	char			*origin;
	size_t			 active;
	time_t			 not_before;	/* monotonic seconds; 0: none */
	TAILQ_ENTRY(fetch_host)	 entry;
};

/* Owned by struct fetch; on exactly one of transfers, waiting, deferred. */
struct fetch_transfer {
	struct fetch		*fetch;
	CURL			*easy;		/* NULL while deferred */
	char			*url;
	char			*origin;	/* of url, or NULL */
	struct fetch_host	*host;		/* while in the multi handle */
	struct curl_slist	*headers;
	struct buf		 body;
	char			*content_type;
	char			*etag;
	char			*last_modified;
	/* The response being read. */
	long			 code;
	char			*location;
	long			 retry_after;
	struct fetch_hop	*hops;		/* 3xx answers with Location */
	size_t			 nhops;
	int			 too_large;
	int			 blocked;	/* since the last response */
	fetch_cb		 cb;
	void			*arg;
	char			 errbuf[CURL_ERROR_SIZE];
	TAILQ_ENTRY(fetch_transfer) entry;
};
TAILQ_HEAD(fetch_transfers, fetch_transfer);

struct fetch_socket {
	curl_socket_t		 fd;
	struct event		*ev;
};

struct fetch {
	struct event_base	*base;
	CURLM			*multi;
	struct event		*timer;
	struct fetch_config	 conf;		/* trusted_origins: NULL */
	char			*user_agent;
	char			**trusted;	/* origins */
	size_t			 ntrusted;
	size_t			 active;	/* in the multi handle */
	size_t			 nwaiting;
	struct fetch_transfers	 transfers;
	/*
	 * Past max_connections or max_host_connections, transfers wait here
	 * rather than inside curl, so that fetch_timeout counts from the
	 * start of a transfer, not from the moment it was asked for.
	 */
	struct fetch_transfers	 waiting;
	/* To complete with FETCH_ERR_DEFERRED from defer_ev. */
	struct fetch_transfers	 deferred;
	struct event		*defer_ev;
	TAILQ_HEAD(, fetch_host) hosts;
};

static void	fetch_check_info(struct fetch *);
static int	fetch_add(struct fetch *, struct fetch_transfer *, char **);
static void	fetch_start_waiting(struct fetch *);

static time_t
fetch_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ts.tv_sec);
}

static struct fetch_host *
fetch_host_find(struct fetch *f, const char *origin, int create)
{
	struct fetch_host	*h;

	if (origin == NULL)
		return (NULL);
	TAILQ_FOREACH(h, &f->hosts, entry) {
		if (strcmp(h->origin, origin) == 0)
			return (h);
	}
	if (!create)
		return (NULL);
	h = xcalloc(1, sizeof *h);
	h->origin = xstrdup(origin);
	TAILQ_INSERT_TAIL(&f->hosts, h, entry);
	return (h);
}

static void
fetch_host_gc(struct fetch *f, struct fetch_host *h)
{
	if (h == NULL || h->active != 0 || h->not_before > fetch_now())
		return;
	TAILQ_REMOVE(&f->hosts, h, entry);
	free(h->origin);
	free(h);
}

/* Seconds left in origin's Retry-After window, or 0. */
static long
fetch_host_wait(struct fetch *f, const char *origin)
{
	struct fetch_host	*h;
	time_t			 now = fetch_now();

	if ((h = fetch_host_find(f, origin, 0)) == NULL)
		return (0);
	if (h->not_before > now)
		return ((long)(h->not_before - now));
	h->not_before = 0;
	fetch_host_gc(f, h);
	return (0);
}

static int
fetch_can_start(struct fetch *f, const char *origin)
{
	struct fetch_host	*h;

	if (f->active >= (size_t)f->conf.max_connections)
		return (0);
	if (f->conf.max_host_connections <= 0 ||
	    (h = fetch_host_find(f, origin, 0)) == NULL)
		return (1);
	return (h->active < (size_t)f->conf.max_host_connections);
}

int
fetch_trusted(struct fetch *f, const char *url)
{
	char	*origin;
	size_t	 i;
	int	 found = 0;

	if (f->ntrusted == 0 || (origin = fetch_origin(url)) == NULL)
		return (0);
	for (i = 0; i < f->ntrusted && !found; i++)
		found = strcmp(f->trusted[i], origin) == 0;
	free(origin);
	return (found);
}

/*
 * Every new connection, redirects included, passes here; a reused one was
 * opened for the same origin.  Each address curl tries (happy eyeballs:
 * IPv6 and IPv4 side by side) is checked on its own.  The effective URL is
 * already the redirect's target when curl connects for it.
 */
static curl_socket_t
fetch_opensocket_cb(void *clientp, curlsocktype purpose,
    struct curl_sockaddr *addr)
{
	struct fetch_transfer	*t = clientp;
	char			*url = NULL;

	if (!t->fetch->conf.allow_private &&
	    fetch_addr_is_private(&addr->addr)) {
		curl_easy_getinfo(t->easy, CURLINFO_EFFECTIVE_URL, &url);
		if (url == NULL || !fetch_trusted(t->fetch, url)) {
			log_debug("fetch: %s: private address refused",
			    url != NULL ? url : t->url);
			t->blocked = 1;
			return (CURL_SOCKET_BAD);
		}
	}
	return (socket(addr->family, addr->socktype, addr->protocol));
}

static size_t
fetch_write_cb(char *ptr, size_t size, size_t nmemb, void *userdata)
{
	struct fetch_transfer	*t = userdata;
	size_t			 n = size * nmemb;

	if (buf_add(&t->body, ptr, n) == -1) {
		t->too_large = 1;
		return (0);	/* CURLE_WRITE_ERROR ends the transfer */
	}
	return (n);
}

static char *
fetch_header_value(const char *line, size_t len, const char *name)
{
	size_t	nlen = strlen(name);
	const char *v, *end = line + len;

	if (len <= nlen || strncasecmp(line, name, nlen) != 0 ||
	    line[nlen] != ':')
		return (NULL);
	v = line + nlen + 1;
	while (v < end && (*v == ' ' || *v == '\t'))
		v++;
	while (end > v && (end[-1] == '\r' || end[-1] == '\n' ||
	    end[-1] == ' '))
		end--;
	return (xstrndup(v, (size_t)(end - v)));
}

/* "HTTP/1.1 301 Moved Permanently", "HTTP/2 308": the code, or 0. */
static long
fetch_status_code(const char *line, size_t len)
{
	size_t	i = 0;
	long	code = 0;
	int	digits = 0;

	while (i < len && line[i] != ' ')
		i++;
	while (i < len && line[i] == ' ')
		i++;
	for (; i < len && line[i] >= '0' && line[i] <= '9' && digits < 3; i++) {
		code = code * 10 + (line[i] - '0');
		digits++;
	}
	return (digits == 3 ? code : 0);
}

/* A Location resolved against the URL of the response carrying it. */
static char *
fetch_resolve(struct fetch_transfer *t, const char *loc)
{
	CURLU	*u;
	char	*cur = NULL, *out = NULL, *url = NULL;

	curl_easy_getinfo(t->easy, CURLINFO_EFFECTIVE_URL, &cur);
	if ((u = curl_url()) == NULL)
		return (NULL);
	if (curl_url_set(u, CURLUPART_URL, cur != NULL ? cur : t->url, 0) ==
	    CURLUE_OK && curl_url_set(u, CURLUPART_URL, loc,
	    CURLU_URLENCODE | CURLU_ALLOW_SPACE) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_URL, &out, 0) == CURLUE_OK)
		url = xstrdup(out);
	curl_free(out);
	curl_url_cleanup(u);
	return (url);
}

/* A new response (redirect or 1xx): forget what the last one said. */
static void
fetch_response_begin(struct fetch_transfer *t, const char *line, size_t len)
{
	free(t->etag);
	free(t->last_modified);
	free(t->location);
	t->etag = t->last_modified = t->location = NULL;
	t->retry_after = -1;
	t->blocked = 0;
	t->code = fetch_status_code(line, len);
}

/* The headers of a response are complete: keep a redirect's target. */
static void
fetch_response_end(struct fetch_transfer *t)
{
	struct fetch_hop	*hop;

	if (t->code < 300 || t->code > 399 || t->code == 304 ||
	    t->location == NULL)
		return;
	t->hops = xreallocarray(t->hops, t->nhops + 1, sizeof *t->hops);
	hop = &t->hops[t->nhops++];
	hop->code = t->code;
	hop->url = t->location;
	t->location = NULL;
}

static size_t
fetch_header_cb(char *ptr, size_t size, size_t nmemb, void *userdata)
{
	struct fetch_transfer	*t = userdata;
	size_t			 n = size * nmemb;
	char			*v;

	if (n > 5 && strncmp(ptr, "HTTP/", 5) == 0) {
		fetch_response_begin(t, ptr, n);
		return (n);
	}
	if (n > 0 && (ptr[0] == '\r' || ptr[0] == '\n')) {
		fetch_response_end(t);
		return (n);
	}
	if ((v = fetch_header_value(ptr, n, "ETag")) != NULL) {
		free(t->etag);
		t->etag = v;
	} else if ((v = fetch_header_value(ptr, n, "Last-Modified")) != NULL) {
		free(t->last_modified);
		t->last_modified = v;
	} else if ((v = fetch_header_value(ptr, n, "Location")) != NULL) {
		free(t->location);
		t->location = fetch_resolve(t, v);
		free(v);
	} else if ((v = fetch_header_value(ptr, n, "Retry-After")) != NULL) {
		t->retry_after = fetch_retry_after_parse(v, time(NULL));
		free(v);
	}
	return (n);
}

static void
fetch_transfer_free(struct fetch_transfer *t)
{
	size_t	i;

	if (t->easy != NULL)
		curl_easy_cleanup(t->easy);
	curl_slist_free_all(t->headers);
	buf_clear(&t->body);
	free(t->url);
	free(t->origin);
	free(t->content_type);
	free(t->etag);
	free(t->last_modified);
	free(t->location);
	for (i = 0; i < t->nhops; i++)
		free(t->hops[i].url);
	free(t->hops);
	free(t);
}

/* Complete a transfer that never reached curl (or never will). */
static void
fetch_complete(struct fetch_transfer *t, enum fetch_status status,
    const char *error, long retry_after)
{
	struct fetch_result	r;

	memset(&r, 0, sizeof r);
	r.status = status;
	r.error = error;
	r.url = r.effective_url = t->url;
	r.body = "";
	r.retry_after = retry_after;
	t->cb(&r, t->arg);
	fetch_transfer_free(t);
}

/* The URL after the leading run of 301/308 hops among those followed. */
static const char *
fetch_permanent_url(struct fetch_transfer *t, long followed)
{
	const char	*url = NULL;
	size_t		 i;

	for (i = 0; i < t->nhops && i < (size_t)followed; i++) {
		if (t->hops[i].code != 301 && t->hops[i].code != 308)
			break;
		url = t->hops[i].url;
	}
	return (url);
}

/* A 429 or 503 with Retry-After opens a window for the answering origin. */
static void
fetch_note_retry_after(struct fetch *f, const char *url, long secs)
{
	struct fetch_host	*h;
	char			*origin;
	time_t			 until;

	if (secs <= 0 || (origin = fetch_origin(url)) == NULL)
		return;
	h = fetch_host_find(f, origin, 1);
	until = fetch_now() + secs;
	if (h->not_before < until)
		h->not_before = until;
	log_debug("fetch: %s asked to wait %ld s", origin, secs);
	free(origin);
}

static void
fetch_finish_status(struct fetch_transfer *t, CURLcode rc, int cancelled,
    struct fetch_result *r)
{
	if (cancelled) {
		r->status = FETCH_ERR_CANCELLED;
		r->error = "cancelled";
	} else if (t->too_large || rc == CURLE_FILESIZE_EXCEEDED) {
		r->status = FETCH_ERR_TOO_LARGE;
		r->error = "response larger than the limit";
		metrics_inc(M_FETCH_TOO_LARGE);
	} else if (t->blocked && rc == CURLE_COULDNT_CONNECT) {
		r->status = FETCH_ERR_BLOCKED;
		r->error = "private or loopback address refused "
		    "(allow_private_networks = no)";
		metrics_inc(M_FETCH_BLOCKED);
	} else if (rc == CURLE_OPERATION_TIMEDOUT) {
		r->status = FETCH_ERR_TIMEOUT;
		r->error = "timed out";
		metrics_inc(M_FETCH_ERRORS);
	} else if (rc == CURLE_UNSUPPORTED_PROTOCOL) {
		r->status = FETCH_ERR_BLOCKED;
		r->error = "scheme not allowed (http and https only)";
		metrics_inc(M_FETCH_BLOCKED);
	} else if (rc != CURLE_OK) {
		r->status = FETCH_ERR_NETWORK;
		r->error = t->errbuf[0] != '\0' ? t->errbuf :
		    curl_easy_strerror(rc);
		metrics_inc(M_FETCH_ERRORS);
	} else {
		r->status = FETCH_OK;
		r->not_modified = r->http_code == 304;
		if ((r->http_code == 429 || r->http_code == 503) &&
		    t->retry_after >= 0)
			r->retry_after = t->retry_after;
		metrics_add(M_FETCH_BYTES, t->body.len);
	}
}

static void
fetch_finish(struct fetch *f, struct fetch_transfer *t, CURLcode rc,
    int cancelled)
{
	struct fetch_result	 r;
	char			*eff = NULL, *ct = NULL;
	double			 secs = 0;
	long			 followed = 0;

	memset(&r, 0, sizeof r);
	TAILQ_REMOVE(&f->transfers, t, entry);
	f->active--;
	curl_easy_getinfo(t->easy, CURLINFO_EFFECTIVE_URL, &eff);
	curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &r.http_code);
	curl_easy_getinfo(t->easy, CURLINFO_CONTENT_TYPE, &ct);
	curl_easy_getinfo(t->easy, CURLINFO_TOTAL_TIME, &secs);
	curl_easy_getinfo(t->easy, CURLINFO_REDIRECT_COUNT, &followed);
	r.url = t->url;
	r.effective_url = eff != NULL ? eff : t->url;
	r.permanent_url = fetch_permanent_url(t, followed);
	r.redirects = (int)followed;
	r.content_type = ct;
	r.etag = t->etag;
	r.last_modified = t->last_modified;
	r.body = t->body.data != NULL ? t->body.data : "";
	r.len = t->body.len;
	r.seconds = secs;
	r.retry_after = -1;
	fetch_finish_status(t, rc, cancelled, &r);
	metrics_inc(M_FETCH_REQUESTS);
	if (!cancelled)
		metrics_observe_fetch(secs);
	fetch_note_retry_after(f, r.effective_url, r.retry_after);
	if (t->host != NULL) {
		t->host->active--;
		fetch_host_gc(f, t->host);
		t->host = NULL;
	}
	curl_multi_remove_handle(f->multi, t->easy);
	t->cb(&r, t->arg);
	fetch_transfer_free(t);
	if (!cancelled)
		fetch_start_waiting(f);
}

static void
fetch_deferred_cb(evutil_socket_t fd, short kind, void *arg)
{
	struct fetch		*f = arg;
	struct fetch_transfers	 list;
	struct fetch_transfer	*t;
	long			 secs;

	TAILQ_INIT(&list);
	TAILQ_CONCAT(&list, &f->deferred, entry);
	while ((t = TAILQ_FIRST(&list)) != NULL) {
		TAILQ_REMOVE(&list, t, entry);
		if ((secs = fetch_host_wait(f, t->origin)) <= 0)
			secs = 1;
		snprintf(t->errbuf, sizeof t->errbuf,
		    "host asked to wait %ld s (Retry-After)", secs);
		metrics_inc(M_FETCH_DEFERRED);
		fetch_complete(t, FETCH_ERR_DEFERRED, t->errbuf, secs);
	}
}

/* Complete t with FETCH_ERR_DEFERRED from the loop, not from here. */
static void
fetch_defer(struct fetch *f, struct fetch_transfer *t)
{
	struct timeval	tv = { 0, 0 };

	if (t->easy != NULL) {
		curl_easy_cleanup(t->easy);
		t->easy = NULL;
	}
	TAILQ_INSERT_TAIL(&f->deferred, t, entry);
	evtimer_add(f->defer_ev, &tv);
}

/*
 * Start waiting transfers in order, skipping those whose origin is at
 * max_host_connections: first come, first served among those that can go.
 */
static void
fetch_start_waiting(struct fetch *f)
{
	struct fetch_transfer	*t, *next;
	char			*cause = NULL;

	for (t = TAILQ_FIRST(&f->waiting); t != NULL &&
	    f->active < (size_t)f->conf.max_connections; t = next) {
		next = TAILQ_NEXT(t, entry);
		if (fetch_host_wait(f, t->origin) > 0) {
			TAILQ_REMOVE(&f->waiting, t, entry);
			f->nwaiting--;
			fetch_defer(f, t);
			continue;
		}
		if (!fetch_can_start(f, t->origin))
			continue;
		TAILQ_REMOVE(&f->waiting, t, entry);
		f->nwaiting--;
		if (fetch_add(f, t, &cause) == 0)
			continue;
		fetch_complete(t, FETCH_ERR_NETWORK, cause, -1);
		free(cause);
		cause = NULL;
	}
}

static void
fetch_check_info(struct fetch *f)
{
	CURLMsg			*msg;
	int			 left;
	struct fetch_transfer	*t;
	CURL			*easy;
	CURLcode		 rc;

	while ((msg = curl_multi_info_read(f->multi, &left)) != NULL) {
		if (msg->msg != CURLMSG_DONE)
			continue;
		easy = msg->easy_handle;
		rc = msg->data.result;	/* msg dies with remove_handle */
		curl_easy_getinfo(easy, CURLINFO_PRIVATE, (char **)&t);
		fetch_finish(f, t, rc, 0);
	}
}

static void
fetch_event_cb(evutil_socket_t fd, short kind, void *arg)
{
	struct fetch	*f = arg;
	int		 action = 0, running;

	if (kind & EV_READ)
		action |= CURL_CSELECT_IN;
	if (kind & EV_WRITE)
		action |= CURL_CSELECT_OUT;
	curl_multi_socket_action(f->multi, fd, action, &running);
	fetch_check_info(f);
}

static void
fetch_timer_cb(evutil_socket_t fd, short kind, void *arg)
{
	struct fetch	*f = arg;
	int		 running;

	curl_multi_socket_action(f->multi, CURL_SOCKET_TIMEOUT, 0, &running);
	fetch_check_info(f);
}

static int
fetch_multi_timer_cb(CURLM *multi, long timeout_ms, void *userp)
{
	struct fetch	*f = userp;
	struct timeval	 tv;

	if (timeout_ms == -1) {
		evtimer_del(f->timer);
		return (0);
	}
	tv.tv_sec = timeout_ms / 1000;
	tv.tv_usec = (timeout_ms % 1000) * 1000;
	evtimer_add(f->timer, &tv);
	return (0);
}

static int
fetch_multi_socket_cb(CURL *easy, curl_socket_t fd, int what, void *userp,
    void *socketp)
{
	struct fetch		*f = userp;
	struct fetch_socket	*s = socketp;
	short			 kind;

	if (what == CURL_POLL_REMOVE) {
		if (s != NULL) {
			event_free(s->ev);
			free(s);
		}
		return (0);
	}
	kind = EV_PERSIST | ((what & CURL_POLL_IN) ? EV_READ : 0) |
	    ((what & CURL_POLL_OUT) ? EV_WRITE : 0);
	if (s == NULL) {
		s = xcalloc(1, sizeof *s);
		s->fd = fd;
		curl_multi_assign(f->multi, fd, s);
	} else
		event_free(s->ev);
	s->ev = event_new(f->base, fd, kind, fetch_event_cb, f);
	event_add(s->ev, NULL);
	return (0);
}

struct fetch *
fetch_new(struct event_base *base, const struct fetch_config *conf)
{
	struct fetch	*f = xcalloc(1, sizeof *f);

	f->base = base;
	TAILQ_INIT(&f->transfers);
	TAILQ_INIT(&f->waiting);
	TAILQ_INIT(&f->deferred);
	TAILQ_INIT(&f->hosts);
	if ((f->multi = curl_multi_init()) == NULL)
		fatalx("curl_multi_init failed");
	f->timer = evtimer_new(base, fetch_timer_cb, f);
	f->defer_ev = evtimer_new(base, fetch_deferred_cb, f);
	curl_multi_setopt(f->multi, CURLMOPT_SOCKETFUNCTION,
	    fetch_multi_socket_cb);
	curl_multi_setopt(f->multi, CURLMOPT_SOCKETDATA, f);
	curl_multi_setopt(f->multi, CURLMOPT_TIMERFUNCTION,
	    fetch_multi_timer_cb);
	curl_multi_setopt(f->multi, CURLMOPT_TIMERDATA, f);
	fetch_configure(f, conf);
	return (f);
}

static void
fetch_trusted_clear(struct fetch *f)
{
	size_t	i;

	for (i = 0; i < f->ntrusted; i++)
		free(f->trusted[i]);
	free(f->trusted);
	f->trusted = NULL;
	f->ntrusted = 0;
}

static void
fetch_trusted_set(struct fetch *f, const char *const *urls)
{
	char	*origin;
	size_t	 i, n = 0;

	fetch_trusted_clear(f);
	for (i = 0; urls != NULL && urls[i] != NULL; i++)
		n++;
	if (n == 0)
		return;
	f->trusted = xreallocarray(NULL, n, sizeof *f->trusted);
	for (i = 0; i < n; i++) {
		if ((origin = fetch_origin(urls[i])) == NULL) {
			log_warnx("fetch: %s: no origin to trust", urls[i]);
			continue;
		}
		f->trusted[f->ntrusted++] = origin;
	}
}

void
fetch_configure(struct fetch *f, const struct fetch_config *conf)
{
	free(f->user_agent);
	f->conf = *conf;
	f->user_agent = xstrdup(conf->user_agent != NULL ? conf->user_agent :
	    "otsnewsd/" OTSNEWS_VERSION);
	f->conf.user_agent = f->user_agent;
	fetch_trusted_set(f, conf->trusted_origins);
	f->conf.trusted_origins = NULL;
	/* Our queue enforces both; curl's limits are a backstop. */
	curl_multi_setopt(f->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS,
	    (long)conf->max_connections);
	curl_multi_setopt(f->multi, CURLMOPT_MAX_HOST_CONNECTIONS,
	    (long)conf->max_host_connections);
	fetch_start_waiting(f);
}

struct event_base *
fetch_base(struct fetch *f)
{
	return (f->base);
}

void
fetch_free(struct fetch *f)
{
	struct fetch_transfer	*t;
	struct fetch_host	*h;

	if (f == NULL)
		return;

	while ((t = TAILQ_FIRST(&f->transfers)) != NULL)
		fetch_finish(f, t, CURLE_ABORTED_BY_CALLBACK, 1);
	while ((t = TAILQ_FIRST(&f->waiting)) != NULL) {
		TAILQ_REMOVE(&f->waiting, t, entry);
		fetch_complete(t, FETCH_ERR_CANCELLED, "cancelled", -1);
	}
	while ((t = TAILQ_FIRST(&f->deferred)) != NULL) {
		TAILQ_REMOVE(&f->deferred, t, entry);
		fetch_complete(t, FETCH_ERR_CANCELLED, "cancelled", -1);
	}
	while ((h = TAILQ_FIRST(&f->hosts)) != NULL) {
		TAILQ_REMOVE(&f->hosts, h, entry);
		free(h->origin);
		free(h);
	}
	curl_multi_cleanup(f->multi);
	event_free(f->timer);
	event_free(f->defer_ev);
	fetch_trusted_clear(f);
	free(f->user_agent);
	free(f);
}
static void
fetch_setopts(struct fetch *f, struct fetch_transfer *t,
    const struct fetch_request *req)
{
	CURL	*e = t->easy;
	char	*h;

	curl_easy_setopt(e, CURLOPT_URL, t->url);
	curl_easy_setopt(e, CURLOPT_PRIVATE, t);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->errbuf);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(e, CURLOPT_MAXREDIRS, (long)f->conf.max_redirects);
	curl_easy_setopt(e, CURLOPT_TIMEOUT, (long)f->conf.timeout);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT,
	    (long)f->conf.connect_timeout);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, 16L);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME,
	    (long)f->conf.timeout);
	curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");	/* all built in */
	curl_easy_setopt(e, CURLOPT_USERAGENT, req->user_agent != NULL ?
	    req->user_agent : f->user_agent);
	if (req->insecure) {	/* per source: tls_verify = no */
		curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 0L);
		curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 0L);
	}
	curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE,
	    (curl_off_t)req->max_bytes);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, fetch_write_cb);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, t);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, fetch_header_cb);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, t);
	curl_easy_setopt(e, CURLOPT_OPENSOCKETFUNCTION, fetch_opensocket_cb);
	curl_easy_setopt(e, CURLOPT_OPENSOCKETDATA, t);
	if (req->etag != NULL) {
		xasprintf(&h, "If-None-Match: %s", req->etag);
		t->headers = curl_slist_append(t->headers, h);
		free(h);
	}
	if (req->last_modified != NULL) {
		xasprintf(&h, "If-Modified-Since: %s", req->last_modified);
		t->headers = curl_slist_append(t->headers, h);
		free(h);
	}
	if (req->accept != NULL) {
		xasprintf(&h, "Accept: %s", req->accept);
		t->headers = curl_slist_append(t->headers, h);
		free(h);
	}
	t->headers = curl_slist_append(t->headers,
	    "Accept-Language: en,ru;q=0.9,kk;q=0.8,tr;q=0.7,*;q=0.5");
	curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->headers);
}


int
fetch_start(struct fetch *f, const struct fetch_request *req, fetch_cb cb,
    void *arg, char **cause)
{
	struct fetch_transfer	*t;

	t = xcalloc(1, sizeof *t);
	t->fetch = f;
	t->url = xstrdup(req->url);
	t->origin = fetch_origin(req->url);
	t->retry_after = -1;
	t->cb = cb;
	t->arg = arg;
	buf_init(&t->body, req->max_bytes);
	if (fetch_host_wait(f, t->origin) > 0) {
		fetch_defer(f, t);
		return (0);
	}
	if ((t->easy = curl_easy_init()) == NULL) {
		xasprintf(cause, "curl_easy_init failed");
		fetch_transfer_free(t);
		return (-1);
	}
	fetch_setopts(f, t, req);
	/* Those waiting can start only when their origin has room. */
	if (!fetch_can_start(f, t->origin)) {
		TAILQ_INSERT_TAIL(&f->waiting, t, entry);
		f->nwaiting++;
		return (0);
	}
	if (fetch_add(f, t, cause) == -1) {
		fetch_transfer_free(t);
		return (-1);
	}
	return (0);
}

static int
fetch_add(struct fetch *f, struct fetch_transfer *t, char **cause)
{
	CURLMcode	mrc;

	if ((mrc = curl_multi_add_handle(f->multi, t->easy)) != CURLM_OK) {
		xasprintf(cause, "curl_multi_add_handle: %s",
		    curl_multi_strerror(mrc));
		return (-1);
	}
	TAILQ_INSERT_TAIL(&f->transfers, t, entry);
	f->active++;
	if ((t->host = fetch_host_find(f, t->origin, 1)) != NULL)
		t->host->active++;
	return (0);
}
