/*
 * fetch.c -- libcurl's multi_socket interface driven by libevent.
 *
 * The wiring follows curl's docs/examples/hiperfifo.c: a per-socket struct
 * attached with curl_multi_assign, a per-transfer struct in CURLOPT_PRIVATE,
 * one timer for CURLMOPT_TIMERFUNCTION (-1 deletes it), and
 * curl_multi_info_read after every curl_multi_socket_action.
 */
#include <sys/queue.h>
#include <sys/socket.h>

#include <netinet/in.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <curl/curl.h>
#include <event2/event.h>

#include "buf.h"
#include "fetch.h"
#include "log.h"
#include "metrics.h"
#include "xmalloc.h"

struct fetch_transfer {
	struct fetch		*fetch;
	CURL			*easy;
	char			*url;
	struct curl_slist	*headers;
	struct buf		 body;
	char			*content_type;
	char			*etag;
	char			*last_modified;
	int			 too_large;
	int			 blocked;
	fetch_cb		 cb;
	void			*arg;
	char			 errbuf[CURL_ERROR_SIZE];
	TAILQ_ENTRY(fetch_transfer) entry;
};

struct fetch_socket {
	curl_socket_t		 fd;
	struct event		*ev;
};

struct fetch {
	struct event_base	*base;
	CURLM			*multi;
	struct event		*timer;
	struct fetch_config	 conf;
	char			*user_agent;
	size_t			 active;	/* in the multi handle */
	size_t			 nwaiting;
	TAILQ_HEAD(, fetch_transfer) transfers;
	/*
	 * Past max_connections, transfers wait here rather than inside curl,
	 * so that fetch_timeout counts from the start of a transfer, not
	 * from the moment it was asked for.
	 */
	TAILQ_HEAD(, fetch_transfer) waiting;
};

static void	fetch_check_info(struct fetch *);
static int	fetch_add(struct fetch *, struct fetch_transfer *, char **);
static void	fetch_start_waiting(struct fetch *);

/* 0/8, 10/8, 127/8, 169.254/16, 172.16/12, 192.168/16, 100.64/10, 224/3. */
static int
fetch_v4_is_private(uint32_t v4)
{
	return ((v4 >> 24) == 0 || (v4 >> 24) == 10 || (v4 >> 24) == 127 ||
	    (v4 >> 16) == 0xa9fe || (v4 >> 20) == 0xac1 ||
	    (v4 >> 16) == 0xc0a8 || (v4 >> 22) == (100 << 2 | 1) ||
	    (v4 >> 29) == 7);
}

int
fetch_addr_is_private(const struct sockaddr *sa)
{
	const struct sockaddr_in	*sin;
	const struct sockaddr_in6	*sin6;
	const unsigned char		*a;

	if (sa->sa_family == AF_INET) {
		sin = (const struct sockaddr_in *)(const void *)sa;
		return (fetch_v4_is_private(ntohl(sin->sin_addr.s_addr)));
	}
	if (sa->sa_family != AF_INET6)
		return (1);
	sin6 = (const struct sockaddr_in6 *)(const void *)sa;
	a = sin6->sin6_addr.s6_addr;
	if (IN6_IS_ADDR_V4MAPPED(&sin6->sin6_addr))
		return (fetch_v4_is_private((uint32_t)a[12] << 24 |
		    (uint32_t)a[13] << 16 | (uint32_t)a[14] << 8 | a[15]));
	return (IN6_IS_ADDR_LOOPBACK(&sin6->sin6_addr) ||
	    IN6_IS_ADDR_UNSPECIFIED(&sin6->sin6_addr) ||
	    IN6_IS_ADDR_LINKLOCAL(&sin6->sin6_addr) ||
	    IN6_IS_ADDR_MULTICAST(&sin6->sin6_addr) ||
	    (a[0] & 0xfe) == 0xfc);
}

/* Every connection, redirects included, passes here. */
static curl_socket_t
fetch_opensocket_cb(void *clientp, curlsocktype purpose,
    struct curl_sockaddr *addr)
{
	struct fetch_transfer	*t = clientp;

	if (!t->fetch->conf.allow_private &&
	    fetch_addr_is_private(&addr->addr)) {
		t->blocked = 1;
		return (CURL_SOCKET_BAD);
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

static size_t
fetch_header_cb(char *ptr, size_t size, size_t nmemb, void *userdata)
{
	struct fetch_transfer	*t = userdata;
	size_t			 n = size * nmemb;
	char			*v;

	if (n > 5 && strncmp(ptr, "HTTP/", 5) == 0) {
		/* A new response (redirect or 100): forget the last one. */
		free(t->etag);
		free(t->last_modified);
		t->etag = t->last_modified = NULL;
		return (n);
	}
	if ((v = fetch_header_value(ptr, n, "ETag")) != NULL) {
		free(t->etag);
		t->etag = v;
	} else if ((v = fetch_header_value(ptr, n, "Last-Modified")) != NULL) {
		free(t->last_modified);
		t->last_modified = v;
	}
	return (n);
}

static void
fetch_transfer_free(struct fetch_transfer *t)
{
	if (t->easy != NULL)
		curl_easy_cleanup(t->easy);
	curl_slist_free_all(t->headers);
	buf_clear(&t->body);
	free(t->url);
	free(t->content_type);
	free(t->etag);
	free(t->last_modified);
	free(t);
}

static void
fetch_finish(struct fetch *f, struct fetch_transfer *t, CURLcode rc,
    int cancelled)
{
	struct fetch_result	 r;
	char			*eff = NULL, *ct = NULL;
	double			 secs = 0;

	memset(&r, 0, sizeof r);
	TAILQ_REMOVE(&f->transfers, t, entry);
	f->active--;
	curl_easy_getinfo(t->easy, CURLINFO_EFFECTIVE_URL, &eff);
	curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &r.http_code);
	curl_easy_getinfo(t->easy, CURLINFO_CONTENT_TYPE, &ct);
	curl_easy_getinfo(t->easy, CURLINFO_TOTAL_TIME, &secs);
	r.url = t->url;
	r.effective_url = eff != NULL ? eff : t->url;
	r.content_type = ct;
	r.etag = t->etag;
	r.last_modified = t->last_modified;
	r.body = t->body.data != NULL ? t->body.data : "";
	r.len = t->body.len;
	r.seconds = secs;
	if (cancelled) {
		r.status = FETCH_ERR_CANCELLED;
		r.error = "cancelled";
	} else if (t->too_large || rc == CURLE_FILESIZE_EXCEEDED) {
		r.status = FETCH_ERR_TOO_LARGE;
		r.error = "response larger than the limit";
		metrics_inc(M_FETCH_TOO_LARGE);
	} else if (t->blocked) {
		r.status = FETCH_ERR_BLOCKED;
		r.error = "private or loopback address refused "
		    "(allow_private_networks = no)";
		metrics_inc(M_FETCH_BLOCKED);
	} else if (rc == CURLE_OPERATION_TIMEDOUT) {
		r.status = FETCH_ERR_TIMEOUT;
		r.error = "timed out";
		metrics_inc(M_FETCH_ERRORS);
	} else if (rc == CURLE_UNSUPPORTED_PROTOCOL) {
		r.status = FETCH_ERR_BLOCKED;
		r.error = "scheme not allowed (http and https only)";
		metrics_inc(M_FETCH_BLOCKED);
	} else if (rc != CURLE_OK) {
		r.status = FETCH_ERR_NETWORK;
		r.error = t->errbuf[0] != '\0' ? t->errbuf :
		    curl_easy_strerror(rc);
		metrics_inc(M_FETCH_ERRORS);
	} else {
		r.status = FETCH_OK;
		r.not_modified = r.http_code == 304;
		metrics_add(M_FETCH_BYTES, t->body.len);
	}
	metrics_inc(M_FETCH_REQUESTS);
	curl_multi_remove_handle(f->multi, t->easy);
	t->cb(&r, t->arg);
	fetch_transfer_free(t);
	if (!cancelled)
		fetch_start_waiting(f);
}

static void
fetch_start_waiting(struct fetch *f)
{
	struct fetch_transfer	*t;
	char			*cause = NULL;
	struct fetch_result	 r;

	while (f->active < (size_t)f->conf.max_connections &&
	    (t = TAILQ_FIRST(&f->waiting)) != NULL) {
		TAILQ_REMOVE(&f->waiting, t, entry);
		f->nwaiting--;
		if (fetch_add(f, t, &cause) == 0)
			continue;
		memset(&r, 0, sizeof r);
		r.status = FETCH_ERR_NETWORK;
		r.error = cause;
		r.url = r.effective_url = t->url;
		r.body = "";
		t->cb(&r, t->arg);
		free(cause);
		cause = NULL;
		fetch_transfer_free(t);
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
	if ((f->multi = curl_multi_init()) == NULL)
		fatalx("curl_multi_init failed");
	f->timer = evtimer_new(base, fetch_timer_cb, f);
	curl_multi_setopt(f->multi, CURLMOPT_SOCKETFUNCTION,
	    fetch_multi_socket_cb);
	curl_multi_setopt(f->multi, CURLMOPT_SOCKETDATA, f);
	curl_multi_setopt(f->multi, CURLMOPT_TIMERFUNCTION,
	    fetch_multi_timer_cb);
	curl_multi_setopt(f->multi, CURLMOPT_TIMERDATA, f);
	fetch_configure(f, conf);
	return (f);
}

void
fetch_configure(struct fetch *f, const struct fetch_config *conf)
{
	free(f->user_agent);
	f->conf = *conf;
	f->user_agent = xstrdup(conf->user_agent != NULL ? conf->user_agent :
	    "otsnewsd/" OTSNEWS_VERSION);
	f->conf.user_agent = f->user_agent;
	curl_multi_setopt(f->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS,
	    (long)conf->max_connections);
	curl_multi_setopt(f->multi, CURLMOPT_MAX_HOST_CONNECTIONS,
	    (long)conf->max_host_connections);
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
	struct fetch_result	 r;

	if (f == NULL)
		return;

	while ((t = TAILQ_FIRST(&f->transfers)) != NULL)
		fetch_finish(f, t, CURLE_ABORTED_BY_CALLBACK, 1);
	while ((t = TAILQ_FIRST(&f->waiting)) != NULL) {
		TAILQ_REMOVE(&f->waiting, t, entry);
		memset(&r, 0, sizeof r);
		r.status = FETCH_ERR_CANCELLED;
		r.error = "cancelled";
		r.url = r.effective_url = t->url;
		r.body = "";
		t->cb(&r, t->arg);
		fetch_transfer_free(t);
	}
	curl_multi_cleanup(f->multi);
	event_free(f->timer);
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
	t->cb = cb;
	t->arg = arg;
	buf_init(&t->body, req->max_bytes);
	if ((t->easy = curl_easy_init()) == NULL) {
		xasprintf(cause, "curl_easy_init failed");
		fetch_transfer_free(t);
		return (-1);
	}
	fetch_setopts(f, t, req);
	if (f->active >= (size_t)f->conf.max_connections) {
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
	return (0);
}
