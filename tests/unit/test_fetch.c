/*
 * test_fetch.c -- the private-address guard, origins, Retry-After, and
 * fetch.c on a real event loop against a small evhttp server on loopback
 * (two ports, so two origins; "localhost" names a third and fourth).
 */
#include <sys/socket.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>
#include <curl/curl.h>
#include <event2/buffer.h>
#include <event2/event.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>

#include "fetch.h"

static int
is_private(const char *addr)
{
	struct sockaddr_in	sin;
	struct sockaddr_in6	sin6;

	memset(&sin, 0, sizeof sin);
	memset(&sin6, 0, sizeof sin6);
	if (inet_pton(AF_INET, addr, &sin.sin_addr) == 1) {
		sin.sin_family = AF_INET;
		return (fetch_addr_is_private((struct sockaddr *)&sin));
	}
	assert_int_equal(inet_pton(AF_INET6, addr, &sin6.sin6_addr), 1);
	sin6.sin6_family = AF_INET6;
	return (fetch_addr_is_private((struct sockaddr *)&sin6));
}

static void
test_private(void **state)
{
	const char *const priv[] = {
		"127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1",
		"172.31.255.255", "192.168.1.1", "169.254.169.254", "0.0.0.0",
		"100.64.0.1", "100.127.255.254", "224.0.0.1", "255.255.255.255",
		"::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1",
		"::ffff:127.0.0.1", "::ffff:10.0.0.1",
	};
	const char *const pub[] = {
		"8.8.8.8", "172.15.255.255", "172.32.0.1", "192.169.0.1",
		"100.63.255.255", "100.128.0.1", "185.22.64.1",
		"2a00:1450:4001:80b::200e", "::ffff:8.8.8.8",
	};
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof priv / sizeof priv[0]; i++) {
		if (!is_private(priv[i]))
			fail_msg("%s should be private", priv[i]);
	}
	for (i = 0; i < sizeof pub / sizeof pub[0]; i++) {
		if (is_private(pub[i]))
			fail_msg("%s should be public", pub[i]);
	}
}

static void
test_origin(void **state)
{
	const char *const cases[][2] = {
		{ "http://example.com/feed.xml", "http://example.com:80" },
		{ "HTTPS://News.Example.COM/a?b#c",
		    "https://news.example.com:443" },
		{ "http://example.com:8080", "http://example.com:8080" },
		{ "https://example.com:443/", "https://example.com:443" },
		{ "http://example.com:443/", "http://example.com:443" },
		{ "http://user:pw@Example.com/", "http://example.com:80" },
		{ "http://localhost./x", "http://localhost:80" },
		{ "http://127.0.0.1:8000/rss", "http://127.0.0.1:8000" },
		{ "http://2130706433/", "http://127.0.0.1:80" },
		{ "http://[::1]:8080/feed", "http://[::1]:8080" },
		{ "https://[2A00:1450::1]/", "https://[2a00:1450::1]:443" },
		{ "http://a%41b.com/", "http://aab.com:80" },
	};
	const char *const bad[] = {
		"ftp://example.com/", "file:///etc/passwd", "example.com/feed",
		"", "http://", "gopher://x:70/", "javascript:alert(1)",
	};
	char	*o;
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		o = fetch_origin(cases[i][0]);
		if (o == NULL || strcmp(o, cases[i][1]) != 0)
			fail_msg("%s: got %s, want %s", cases[i][0],
			    o != NULL ? o : "NULL", cases[i][1]);
		free(o);
	}
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if ((o = fetch_origin(bad[i])) != NULL)
			fail_msg("%s: got %s, want NULL", bad[i], o);
	}
	assert_null(fetch_origin(NULL));
}

static void
test_retry_after(void **state)
{
	time_t	now = 1445412480;	/* Wed, 21 Oct 2015 07:28:00 GMT */

	(void)state;
	assert_int_equal(fetch_retry_after_parse("120", now), 120);
	assert_int_equal(fetch_retry_after_parse(" 7 ", now), 7);
	assert_int_equal(fetch_retry_after_parse("0", now), 0);
	assert_int_equal(fetch_retry_after_parse("86400", now), 86400);
	assert_int_equal(fetch_retry_after_parse("86401", now),
	    FETCH_RETRY_AFTER_MAX);
	assert_int_equal(fetch_retry_after_parse("99999999999999999999999999",
	    now), FETCH_RETRY_AFTER_MAX);
	/* The three HTTP-date forms. */
	assert_int_equal(fetch_retry_after_parse(
	    "Wed, 21 Oct 2015 07:30:00 GMT", now), 120);
	assert_int_equal(fetch_retry_after_parse(
	    "Wednesday, 21-Oct-15 07:29:00 GMT", now), 60);
	assert_int_equal(fetch_retry_after_parse(
	    "Wed Oct 21 07:28:30 2015", now), 30);
	assert_int_equal(fetch_retry_after_parse(
	    "Tue, 20 Oct 2015 07:28:00 GMT", now), 0);	/* past */
	assert_int_equal(fetch_retry_after_parse(
	    "Fri, 21 Oct 2016 07:28:00 GMT", now), FETCH_RETRY_AFTER_MAX);
	/* Garbage. */
	assert_int_equal(fetch_retry_after_parse(NULL, now), -1);
	assert_int_equal(fetch_retry_after_parse("", now), -1);
	assert_int_equal(fetch_retry_after_parse("   ", now), -1);
	assert_int_equal(fetch_retry_after_parse("soon", now), -1);
	assert_int_equal(fetch_retry_after_parse("-5", now), -1);
	assert_int_equal(fetch_retry_after_parse("1.5", now), -1);
	assert_int_equal(fetch_retry_after_parse("12abc", now), -1);
	assert_int_equal(fetch_retry_after_parse("0x10", now), -1);
}

/* ---- a loopback server and a loop ------------------------------------ */

struct host_count {
	char	host[64];
	int	inflight;
	int	peak;
	int	requests;
};

static struct event_base	*base;
static struct evhttp		*http;
static int			 port1, port2;
static struct host_count	 hosts[8];
static int			 nrequests;

struct slow {
	struct evhttp_request	*req;
	struct event		*ev;
	struct host_count	*hc;
};

static struct host_count *
host_count(struct evhttp_request *req)
{
	const char	*h = evhttp_find_header(
			    evhttp_request_get_input_headers(req), "Host");
	size_t		 i;

	if (h == NULL)
		h = "-";
	for (i = 0; i < sizeof hosts / sizeof hosts[0]; i++) {
		if (hosts[i].host[0] == '\0')
			snprintf(hosts[i].host, sizeof hosts[i].host, "%s", h);
		if (strcmp(hosts[i].host, h) == 0)
			return (&hosts[i]);
	}
	fail_msg("too many hosts");
	return (NULL);
}

static void
reply(struct evhttp_request *req, int code, const char *body)
{
	struct evbuffer	*out = evbuffer_new();

	evbuffer_add_printf(out, "%s\n", body);
	evhttp_send_reply(req, code, "Test", out);
	evbuffer_free(out);
}

static void
slow_cb(evutil_socket_t fd, short kind, void *arg)
{
	struct slow	*s = arg;

	s->hc->inflight--;
	reply(s->req, 200, "slow");
	event_free(s->ev);
	free(s);
}

/*
 *   /ok                    200
 *   /r/CODE/REST           CODE, Location: /REST
 *   /rel/CODE/NAME         CODE, Location: ../../NAME (relative)
 *   /x/CODE/HOST/PORT/REST CODE, Location: http://HOST:PORT/REST
 *   /ra/CODE/VALUE         CODE, Retry-After: VALUE ("date": now + 1 h)
 *   /slow                  200 after 450 ms
 */
static void
server_cb(struct evhttp_request *req, void *arg)
{
	struct evkeyvalq	*h = evhttp_request_get_output_headers(req);
	struct host_count	*hc = host_count(req);
	const char		*uri = evhttp_request_get_uri(req);
	char			 loc[512], host[64], rest[256], val[128];
	struct slow		*s;
	struct timeval		 tv = { 0, 450000 };
	int			 code, port, off = 0;
	time_t			 t;

	nrequests++;
	hc->requests++;
	if (strcmp(uri, "/ok") == 0)
		reply(req, 200, "ok");
	else if (sscanf(uri, "/r/%d/%n", &code, &off) == 1 && off > 0) {
		snprintf(loc, sizeof loc, "/%s", uri + off);
		evhttp_add_header(h, "Location", loc);
		reply(req, code, "moved");
	} else if (sscanf(uri, "/rel/%d/%255s", &code, rest) == 2) {
		snprintf(loc, sizeof loc, "../../%s", rest);
		evhttp_add_header(h, "Location", loc);
		reply(req, code, "moved");
	} else if (sscanf(uri, "/x/%d/%63[^/]/%d/%255s", &code, host, &port,
	    rest) == 4) {
		snprintf(loc, sizeof loc, "http://%s:%d/%s", host, port, rest);
		evhttp_add_header(h, "Location", loc);
		reply(req, code, "moved");
	} else if (sscanf(uri, "/ra/%d/%127s", &code, val) == 2) {
		if (strcmp(val, "date") == 0) {
			t = time(NULL) + 3600;
			strftime(val, sizeof val, "%a, %d %b %Y %H:%M:%S GMT",
			    gmtime(&t));
		}
		evhttp_add_header(h, "Retry-After", val);
		reply(req, code, "wait");
	} else if (strcmp(uri, "/slow") == 0) {
		s = calloc(1, sizeof *s);
		s->req = req;
		s->hc = hc;
		if (++hc->inflight > hc->peak)
			hc->peak = hc->inflight;
		s->ev = evtimer_new(base, slow_cb, s);
		evtimer_add(s->ev, &tv);
	} else
		reply(req, 404, "not found");
}

static int
server_bind(void)
{
	struct evhttp_bound_socket	*sock;
	struct sockaddr_in		 sin;
	socklen_t			 sl = sizeof sin;

	sock = evhttp_bind_socket_with_handle(http, "127.0.0.1", 0);
	assert_non_null(sock);
	getsockname(evhttp_bound_socket_get_fd(sock), (struct sockaddr *)&sin,
	    &sl);
	return (ntohs(sin.sin_port));
}

static int
setup(void **state)
{
	base = event_base_new();
	http = evhttp_new(base);
	evhttp_set_gencb(http, server_cb, NULL);
	port1 = server_bind();
	port2 = server_bind();
	memset(hosts, 0, sizeof hosts);
	nrequests = 0;
	return (0);
}

static int
teardown(void **state)
{
	evhttp_free(http);
	event_base_free(base);
	return (0);
}

/* What a callback saw: fetch_result lives only during the callback. */
struct got {
	int			 done;
	int			 order;
	enum fetch_status	 status;
	long			 http_code;
	long			 retry_after;
	int			 redirects;
	char			 effective[256];
	char			 permanent[256];	/* "" for NULL */
	char			 error[256];
};

static int	ndone, nwant, order;

static void
got_cb(const struct fetch_result *r, void *arg)
{
	struct got	*g = arg;

	g->done = 1;
	g->order = ++order;
	g->status = r->status;
	g->http_code = r->http_code;
	g->retry_after = r->retry_after;
	g->redirects = r->redirects;
	snprintf(g->effective, sizeof g->effective, "%s", r->effective_url);
	snprintf(g->permanent, sizeof g->permanent, "%s",
	    r->permanent_url != NULL ? r->permanent_url : "");
	snprintf(g->error, sizeof g->error, "%s",
	    r->error != NULL ? r->error : "");
	if (++ndone == nwant)
		event_base_loopexit(base, NULL);
}

static void
start(struct fetch *f, struct got *g, const char *fmt, ...)
{
	struct fetch_request	 req;
	va_list			 ap;
	char			 url[512], *cause = NULL;

	va_start(ap, fmt);
	vsnprintf(url, sizeof url, fmt, ap);
	va_end(ap);
	memset(g, 0, sizeof *g);
	memset(&req, 0, sizeof req);
	req.url = url;
	req.max_bytes = 1 << 20;
	if (fetch_start(f, &req, got_cb, g, &cause) != 0)
		fail_msg("fetch_start %s: %s", url, cause);
	assert_int_equal(g->done, 0);	/* never inside fetch_start */
	nwant++;
}

/* Run the loop until every started transfer has called back. */
static void
run(void)
{
	struct timeval	tv = { 15, 0 };

	if (ndone < nwant) {
		event_base_loopexit(base, &tv);
		event_base_dispatch(base);
	}
	assert_int_equal(ndone, nwant);
	ndone = nwant = 0;
}

static struct fetch *
fetch_test_new(int allow_private, const char *const *trusted, int max_host)
{
	struct fetch_config	c;

	memset(&c, 0, sizeof c);
	c.timeout = 1;
	c.connect_timeout = 5;
	c.max_redirects = 5;
	c.allow_private = allow_private;
	c.max_connections = 8;
	c.max_host_connections = max_host;
	c.trusted_origins = trusted;
	return (fetch_new(base, &c));
}

/*
 * 127.0.0.1:port1 and localhost:port2 are trusted; 127.0.0.1:port2 is
 * not, although it is the same socket as localhost:port2.
 */
static void
test_trusted_origins(void **state)
{
	struct fetch	*f;
	struct got	 g;
	char		 t1[64], t2[64], eff[128];
	const char	*trusted[3] = { t1, t2, NULL };

	snprintf(t1, sizeof t1, "http://127.0.0.1:%d/feed.xml", port1);
	snprintf(t2, sizeof t2, "HTTP://LocalHost:%d", port2);
	f = fetch_test_new(0, trusted, 2);
	/* The list was copied. */
	memset(t1, 0, sizeof t1);
	memset(t2, 0, sizeof t2);

	assert_true(fetch_trusted(f, "http://127.0.0.1:PORT1/") == 0);
	snprintf(eff, sizeof eff, "http://127.0.0.1:%d/other?q", port1);
	assert_true(fetch_trusted(f, eff));
	snprintf(eff, sizeof eff, "http://localhost:%d/x", port2);
	assert_true(fetch_trusted(f, eff));
	snprintf(eff, sizeof eff, "http://127.0.0.1:%d/x", port2);
	assert_false(fetch_trusted(f, eff));
	snprintf(eff, sizeof eff, "https://127.0.0.1:%d/x", port1);
	assert_false(fetch_trusted(f, eff));

	start(f, &g, "http://127.0.0.1:%d/ok", port1);
	run();
	assert_int_equal(g.status, FETCH_OK);
	assert_int_equal(g.http_code, 200);

	start(f, &g, "http://127.0.0.1:%d/ok", port2);
	run();
	assert_int_equal(g.status, FETCH_ERR_BLOCKED);

	/* Happy eyeballs: localhost is ::1 and 127.0.0.1. */
	start(f, &g, "http://localhost:%d/ok", port2);
	run();
	assert_int_equal(g.status, FETCH_OK);
	/* The connection to localhost:port2 is cached: not reused for this. */
	start(f, &g, "http://127.0.0.1:%d/ok", port2);
	run();
	assert_int_equal(g.status, FETCH_ERR_BLOCKED);

	/*
	 * A trusted origin redirecting to an untrusted private one: refused,
	 * so the effective URL is the new one when curl connects for it...
	 */
	start(f, &g, "http://127.0.0.1:%d/x/302/127.0.0.1/%d/ok", port1,
	    port2);
	run();
	assert_int_equal(g.status, FETCH_ERR_BLOCKED);
	/* ...and to another trusted one: allowed. */
	start(f, &g, "http://127.0.0.1:%d/x/301/localhost/%d/ok", port1,
	    port2);
	run();
	assert_int_equal(g.status, FETCH_OK);
	assert_int_equal(g.http_code, 200);
	assert_int_equal(g.redirects, 1);
	snprintf(eff, sizeof eff, "http://localhost:%d/ok", port2);
	assert_string_equal(g.effective, eff);
	/* A redirect within the trusted origin. */
	start(f, &g, "http://127.0.0.1:%d/r/302/ok", port1);
	run();
	assert_int_equal(g.status, FETCH_OK);
	assert_int_equal(g.redirects, 1);

	/* Nothing trusted: the old behaviour. */
	fetch_free(f);
	f = fetch_test_new(0, NULL, 2);
	start(f, &g, "http://127.0.0.1:%d/ok", port1);
	run();
	assert_int_equal(g.status, FETCH_ERR_BLOCKED);
	fetch_free(f);
}

static void
test_permanent_url(void **state)
{
	struct fetch	*f = fetch_test_new(1, NULL, 2);
	struct got	 g;
	char		 want[256];

	start(f, &g, "http://127.0.0.1:%d/ok", port1);
	run();
	assert_int_equal(g.redirects, 0);
	assert_string_equal(g.permanent, "");

	/* 301 A->B, 302 B->C: B. */
	start(f, &g, "http://127.0.0.1:%d/r/301/r/302/ok", port1);
	run();
	assert_int_equal(g.status, FETCH_OK);
	assert_int_equal(g.http_code, 200);
	assert_int_equal(g.redirects, 2);
	snprintf(want, sizeof want, "http://127.0.0.1:%d/r/302/ok", port1);
	assert_string_equal(g.permanent, want);

	/* 302 A->B, 301 B->C: none. */
	start(f, &g, "http://127.0.0.1:%d/r/302/r/301/ok", port1);
	run();
	assert_int_equal(g.redirects, 2);
	assert_string_equal(g.permanent, "");

	/* 301 then 308: the end; a relative Location; across origins. */
	start(f, &g, "http://127.0.0.1:%d/r/301/x/308/localhost/%d/rel/301/ok",
	    port1, port2);
	run();
	assert_int_equal(g.status, FETCH_OK);
	assert_int_equal(g.redirects, 3);
	snprintf(want, sizeof want, "http://localhost:%d/ok", port2);
	assert_string_equal(g.permanent, want);
	assert_string_equal(g.effective, want);

	/* 307 is temporary. */
	start(f, &g, "http://127.0.0.1:%d/r/307/ok", port1);
	run();
	assert_int_equal(g.redirects, 1);
	assert_string_equal(g.permanent, "");

	/* Too many: an error, whatever the chain. */
	start(f, &g, "http://127.0.0.1:%d/r/301/r/301/r/301/r/301/r/301/r/301/"
	    "ok", port1);
	run();
	assert_int_equal(g.status, FETCH_ERR_NETWORK);
	fetch_free(f);
}

static void
test_retry_after_window(void **state)
{
	struct fetch	*f = fetch_test_new(1, NULL, 2);
	struct got	 g, g2;
	int		 before;

	/* No Retry-After, or not on a 429/503: -1. */
	start(f, &g, "http://127.0.0.1:%d/ok", port1);
	run();
	assert_int_equal(g.retry_after, -1);
	start(f, &g, "http://127.0.0.1:%d/ra/500/30", port1);
	run();
	assert_int_equal(g.http_code, 500);
	assert_int_equal(g.retry_after, -1);
	start(f, &g, "http://127.0.0.1:%d/ra/429/soon", port1);
	run();
	assert_int_equal(g.http_code, 429);
	assert_int_equal(g.retry_after, -1);
	start(f, &g, "http://127.0.0.1:%d/ok", port1);
	run();
	assert_int_equal(g.status, FETCH_OK);

	/* A 429 opens a window for the origin that said it. */
	start(f, &g, "http://127.0.0.1:%d/ra/429/30", port1);
	run();
	assert_int_equal(g.status, FETCH_OK);
	assert_int_equal(g.http_code, 429);
	assert_int_equal(g.retry_after, 30);

	before = nrequests;
	start(f, &g, "http://127.0.0.1:%d/ok", port1);
	start(f, &g2, "http://localhost:%d/ok", port1);	/* another origin */
	run();
	assert_int_equal(g.status, FETCH_ERR_DEFERRED);
	assert_in_range(g.retry_after, 29, 30);
	assert_non_null(strstr(g.error, "Retry-After"));
	assert_int_equal(g2.status, FETCH_OK);
	assert_int_equal(nrequests, before + 1);

	/* 503 with an HTTP-date, reached through a redirect. */
	start(f, &g, "http://localhost:%d/x/302/127.0.0.1/%d/ra/503/date",
	    port1, port2);
	run();
	assert_int_equal(g.http_code, 503);
	assert_in_range(g.retry_after, 3590, 3600);
	start(f, &g, "http://127.0.0.1:%d/ok", port2);
	run();
	assert_int_equal(g.status, FETCH_ERR_DEFERRED);
	assert_in_range(g.retry_after, 3590, 3600);

	/* fetch_free with one deferred: cancelled, once. */
	start(f, &g, "http://127.0.0.1:%d/ok", port2);
	nwant = 0;
	fetch_free(f);
	assert_int_equal(g.done, 1);
	assert_int_equal(g.status, FETCH_ERR_CANCELLED);
	ndone = nwant = 0;
}

/*
 * max_host_connections = 1 and a 1 s timeout: three 450 ms answers from
 * one origin run one after the other (1.35 s, none timed out: timeouts
 * count from each start), while the other origin's goes at once.
 */
static void
test_host_queue(void **state)
{
	struct fetch	*f = fetch_test_new(1, NULL, 1);
	struct got	 a1, a2, a3, b1;
	size_t		 i;

	start(f, &a1, "http://127.0.0.1:%d/slow", port1);
	start(f, &a2, "http://127.0.0.1:%d/slow", port1);
	start(f, &a3, "http://127.0.0.1:%d/slow", port1);
	start(f, &b1, "http://127.0.0.1:%d/slow", port2);
	run();
	assert_int_equal(a1.status, FETCH_OK);
	assert_int_equal(a2.status, FETCH_OK);
	assert_int_equal(a3.status, FETCH_OK);
	assert_int_equal(b1.status, FETCH_OK);
	assert_true(a1.order < a2.order && a2.order < a3.order);
	assert_true(b1.order < a2.order);
	for (i = 0; i < sizeof hosts / sizeof hosts[0]; i++) {
		if (hosts[i].host[0] != '\0' && hosts[i].peak > 1)
			fail_msg("%s: %d at once", hosts[i].host,
			    hosts[i].peak);
	}
	fetch_free(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_private),
		cmocka_unit_test(test_origin),
		cmocka_unit_test(test_retry_after),
		cmocka_unit_test_setup_teardown(test_trusted_origins, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_permanent_url, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_retry_after_window, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_host_queue, setup,
		    teardown),
	};
	int	rc;

	curl_global_init(CURL_GLOBAL_DEFAULT);
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	curl_global_cleanup();
	return (rc);
}
