/*
 * test_robots_cache.c -- the robots.txt cache: what a transfer's result
 * means, and the cache itself against loopback HTTP servers
 * (libevent's evhttp) on the loop the fetches run on.
 */
#include <sys/socket.h>

#include <netinet/in.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <curl/curl.h>
#include <event2/buffer.h>
#include <event2/event.h>
#include <event2/http.h>

#include "fetch.h"
#include "log.h"
#include "robots.h"
#include "robots-cache.h"

#define AGENT	"otsnewsd"
#define NSRV	5

enum srv_mode { SRV_RULES, SRV_404, SRV_503, SRV_HOLD, SRV_REDIRECT };

struct srv {
	struct evhttp		*http;
	int			 port;
	enum srv_mode		 mode;
	int			 hits;		/* GET /robots.txt */
	struct evhttp_request	*held;
	char			 location[128];
};

struct env {
	struct event_base	*base;
	struct event		*tick;
	struct fetch		*fetch;
	struct robots_cache	*cache;
	struct srv		 srv[NSRV];
	int			 closed_port;	/* nobody listens */
};

struct answer {
	struct env		*env;
	int			 calls;
	int			 allowed;
	int			 free_cache;	/* robots_cache_free in cb */
};

static const char rules[] =
    "User-agent: *\nDisallow: /private\n\n"
    "User-agent: otsnewsd\nDisallow: /ours\n";

static int	in_check;		/* inside robots_cache_check */
static int	pending;		/* answers still to come */

static void
srv_cb(struct evhttp_request *req, void *arg)
{
	struct srv	*s = arg;
	struct evbuffer	*b;

	if (strcmp(evhttp_request_get_uri(req), "/robots.txt") != 0) {
		evhttp_send_error(req, 404, NULL);
		return;
	}
	s->hits++;
	b = evbuffer_new();
	switch (s->mode) {
	case SRV_RULES:
		evbuffer_add(b, rules, sizeof rules - 1);
		evhttp_send_reply(req, 200, "OK", b);
		break;
	case SRV_404:
		evbuffer_add_printf(b, "<html>nothing</html>");
		evhttp_send_reply(req, 404, "Not Found", b);
		break;
	case SRV_503:
		evhttp_send_reply(req, 503, "Busy", b);
		break;
	case SRV_HOLD:
		s->held = req;	/* never answered */
		break;
	case SRV_REDIRECT:
		evhttp_add_header(evhttp_request_get_output_headers(req),
		    "Location", s->location);
		evhttp_send_reply(req, 301, "Moved", b);
		break;
	}
	evbuffer_free(b);
}

static int
sock_port(evutil_socket_t fd)
{
	struct sockaddr_in	sin;
	socklen_t		len = sizeof sin;

	assert_int_equal(getsockname(fd, (struct sockaddr *)&sin, &len), 0);
	return (ntohs(sin.sin_port));
}

static void
tick_cb(evutil_socket_t fd, short events, void *arg)
{
	/* Only wakes event_base_loop(EVLOOP_ONCE) up. */
}

static struct env *
env_new(void)
{
	struct env		*e = calloc(1, sizeof *e);
	struct fetch_config	 fc;
	struct evhttp_bound_socket *bs;
	struct timeval		 tv = { 0, 100000 };
	int			 i, fd;

	assert_non_null(e);
	e->base = event_base_new();
	e->tick = event_new(e->base, -1, EV_PERSIST, tick_cb, NULL);
	event_add(e->tick, &tv);
	memset(&fc, 0, sizeof fc);
	fc.user_agent = "otsnewsd-test";
	fc.timeout = 5;
	fc.connect_timeout = 2;
	fc.max_redirects = 5;
	fc.allow_private = 1;
	fc.max_connections = 8;
	fc.max_host_connections = 4;
	e->fetch = fetch_new(e->base, &fc);
	e->cache = robots_cache_new(e->fetch, AGENT, 0);
	for (i = 0; i < NSRV; i++) {
		e->srv[i].http = evhttp_new(e->base);
		evhttp_set_gencb(e->srv[i].http, srv_cb, &e->srv[i]);
		bs = evhttp_bind_socket_with_handle(e->srv[i].http,
		    "127.0.0.1", 0);
		assert_non_null(bs);
		e->srv[i].port = sock_port(evhttp_bound_socket_get_fd(bs));
		e->srv[i].mode = (enum srv_mode)i;
	}
	snprintf(e->srv[SRV_REDIRECT].location,
	    sizeof e->srv[SRV_REDIRECT].location,
	    "http://127.0.0.1:%d/robots.txt", e->srv[SRV_RULES].port);
	fd = socket(AF_INET, SOCK_STREAM, 0);
	{
		struct sockaddr_in sin;

		memset(&sin, 0, sizeof sin);
		sin.sin_family = AF_INET;
		sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		assert_int_equal(bind(fd, (struct sockaddr *)&sin,
		    sizeof sin), 0);
	}
	e->closed_port = sock_port(fd);
	close(fd);
	pending = 0;
	return (e);
}

static void
env_free(struct env *e)
{
	int	i;

	robots_cache_free(e->cache);
	fetch_free(e->fetch);
	for (i = 0; i < NSRV; i++)
		evhttp_free(e->srv[i].http);
	event_free(e->tick);
	event_base_free(e->base);
	free(e);
}

static void
answer_cb(int allowed, void *arg)
{
	struct answer	*a = arg;

	assert_false(in_check);
	a->calls++;
	a->allowed = allowed;
	pending--;
	if (a->free_cache) {
		robots_cache_free(a->env->cache);
		a->env->cache = NULL;
	}
}

static void
check(struct env *e, int srv, const char *path, struct answer *a)
{
	char	*url, *cause = NULL;
	int	 port = srv < 0 ? e->closed_port : e->srv[srv].port;

	assert_true(asprintf(&url, "http://127.0.0.1:%d%s", port, path) > 0);
	memset(a, 0, sizeof *a);
	a->env = e;
	a->allowed = -2;
	in_check = 1;
	if (robots_cache_check(e->cache, url, NULL, 0, answer_cb, a,
	    &cause) != 0)
		fail_msg("%s: %s", url, cause);
	in_check = 0;
	pending++;
	free(url);
}

/* Run the loop until *flag is nonzero (flag NULL: no answer pending). */
static void
run_until(struct env *e, const int *flag)
{
	time_t	deadline = time(NULL) + 10;

	while (flag != NULL ? *flag == 0 : pending != 0) {
		if (time(NULL) > deadline)
			fail_msg("timed out");
		event_base_loop(e->base, EVLOOP_ONCE);
	}
}

static void
run_until_held(struct env *e, struct srv *s)
{
	time_t	deadline = time(NULL) + 10;

	while (s->held == NULL) {
		if (time(NULL) > deadline)
			fail_msg("timed out");
		event_base_loop(e->base, EVLOOP_ONCE);
	}
}

static void
test_rules_once(void **state)
{
	struct env	*e = env_new();
	struct answer	 a[4];

	(void)state;
	check(e, SRV_RULES, "/ours/a", &a[0]);
	check(e, SRV_RULES, "/private", &a[1]);
	check(e, SRV_RULES, "/x?y=1#z", &a[2]);
	run_until(e, NULL);
	assert_int_equal(a[0].calls, 1);
	assert_int_equal(a[0].allowed, ROBOTS_DISALLOWED);
	assert_int_equal(a[1].allowed, ROBOTS_ALLOWED);
	assert_int_equal(a[2].allowed, ROBOTS_ALLOWED);
	assert_int_equal(e->srv[SRV_RULES].hits, 1);
	/* Cached: answered from the loop, not fetched again. */
	check(e, SRV_RULES, "/ours", &a[3]);
	assert_int_equal(a[3].calls, 0);
	run_until(e, NULL);
	assert_int_equal(a[3].calls, 1);
	assert_int_equal(a[3].allowed, ROBOTS_DISALLOWED);
	assert_int_equal(e->srv[SRV_RULES].hits, 1);
	assert_int_equal(robots_cache_size(e->cache), 1);
	env_free(e);
}

static void
test_status(void **state)
{
	struct env	*e = env_new();
	struct answer	 a[6];

	(void)state;
	check(e, SRV_404, "/a", &a[0]);
	check(e, SRV_503, "/a", &a[1]);
	check(e, -1, "/a", &a[2]);
	check(e, SRV_REDIRECT, "/ours", &a[3]);
	check(e, SRV_REDIRECT, "/a", &a[4]);
	run_until(e, NULL);
	assert_int_equal(a[0].allowed, ROBOTS_ALLOWED);
	assert_int_equal(a[1].allowed, ROBOTS_DISALLOWED);
	assert_int_equal(a[2].allowed, ROBOTS_DISALLOWED);
	assert_int_equal(a[3].allowed, ROBOTS_DISALLOWED);
	assert_int_equal(a[4].allowed, ROBOTS_ALLOWED);
	assert_int_equal(e->srv[SRV_REDIRECT].hits, 1);
	assert_int_equal(e->srv[SRV_RULES].hits, 1);
	/* The 503 is remembered for a while, not asked again at once. */
	check(e, SRV_503, "/b", &a[5]);
	run_until(e, NULL);
	assert_int_equal(a[5].allowed, ROBOTS_DISALLOWED);
	assert_int_equal(e->srv[SRV_503].hits, 1);
	assert_int_equal(robots_cache_size(e->cache), 4);
	env_free(e);
}

static void
test_bad_url(void **state)
{
	struct env	*e = env_new();
	struct answer	 a;
	char		*cause = NULL;

	(void)state;
	memset(&a, 0, sizeof a);
	assert_int_equal(robots_cache_check(e->cache, "ftp://127.0.0.1/x",
	    NULL, 0, answer_cb, &a, &cause), -1);
	assert_non_null(cause);
	free(cause);
	assert_int_equal(robots_cache_size(e->cache), 0);
	event_base_loop(e->base, EVLOOP_NONBLOCK);
	assert_int_equal(a.calls, 0);
	env_free(e);
}

/* Freed with the transfer in flight, before fetch_free cancels it. */
static void
test_free_in_flight(void **state)
{
	struct env	*e = env_new();
	struct answer	 a[2];
	struct srv	*s = &e->srv[SRV_HOLD];

	(void)state;
	check(e, SRV_HOLD, "/a", &a[0]);
	check(e, SRV_HOLD, "/b", &a[1]);
	run_until_held(e, s);
	assert_int_equal(a[0].calls, 0);
	robots_cache_free(e->cache);
	e->cache = NULL;
	assert_int_equal(a[0].calls, 1);
	assert_int_equal(a[0].allowed, ROBOTS_CANCELLED);
	assert_int_equal(a[1].calls, 1);
	assert_int_equal(a[1].allowed, ROBOTS_CANCELLED);
	fetch_free(e->fetch);	/* the orphaned transfer's callback */
	e->fetch = NULL;
	assert_int_equal(a[0].calls, 1);
	env_free(e);
}

/* fetch_free first: answers wait for the loop or robots_cache_free. */
static void
test_fetch_freed_first(void **state)
{
	struct env	*e = env_new();
	struct answer	 a;
	struct srv	*s = &e->srv[SRV_HOLD];

	(void)state;
	check(e, SRV_HOLD, "/a", &a);
	run_until_held(e, s);
	fetch_free(e->fetch);
	e->fetch = NULL;
	assert_int_equal(a.calls, 0);
	robots_cache_free(e->cache);
	e->cache = NULL;
	assert_int_equal(a.calls, 1);
	assert_int_equal(a.allowed, ROBOTS_CANCELLED);
	env_free(e);
}

/* robots_cache_free from inside a callback: the rest are cancelled. */
static void
test_free_in_callback(void **state)
{
	struct env	*e = env_new();
	struct answer	 a[3];

	(void)state;
	check(e, SRV_RULES, "/ours", &a[0]);
	check(e, SRV_RULES, "/x", &a[1]);
	check(e, SRV_HOLD, "/x", &a[2]);
	a[0].free_cache = 1;
	run_until(e, &a[0].calls);
	assert_null(e->cache);
	assert_int_equal(a[0].allowed, ROBOTS_DISALLOWED);
	assert_int_equal(a[1].calls, 1);
	assert_int_equal(a[1].allowed, ROBOTS_CANCELLED);
	assert_int_equal(a[2].calls, 1);
	assert_int_equal(a[2].allowed, ROBOTS_CANCELLED);
	env_free(e);
}

/* Each path prefixed by '+' must be allowed, by '-' disallowed. */
static void
expect_paths(const struct robots *r, const char *const *paths)
{
	size_t	i;

	assert_non_null(r);
	for (i = 0; paths[i] != NULL; i++) {
		if (robots_allowed(r, paths[i] + 1) != (paths[i][0] == '+'))
			fail_msg("%s: wrong answer", paths[i] + 1);
	}
}

static struct robots *
result_rules(enum fetch_status st, long code, const char *body)
{
	struct fetch_result	r;

	memset(&r, 0, sizeof r);
	r.status = st;
	r.error = st == FETCH_OK ? NULL : "test";
	r.url = r.effective_url = "http://example.com/robots.txt";
	r.http_code = code;
	r.body = body;
	r.len = strlen(body);
	return (robots_cache_result_rules(&r, AGENT));
}

static void
test_fetch_status(void **state)
{
	const char	*body = "User-agent: *\nDisallow: /x\n";
	struct robots	*r;

	(void)state;
	r = result_rules(FETCH_OK, 200, body);
	expect_paths(r, (const char *const[]){ "-/x", "+/y", NULL });
	robots_free(r);
	r = result_rules(FETCH_OK, 404, "<html>not found</html>");
	expect_paths(r, (const char *const[]){ "+/x", NULL });
	robots_free(r);
	assert_null(result_rules(FETCH_OK, 503, body));
	assert_null(result_rules(FETCH_OK, 429, body));
	assert_null(result_rules(FETCH_ERR_NETWORK, 0, ""));
	assert_null(result_rules(FETCH_ERR_NETWORK, 301, ""));
	assert_null(result_rules(FETCH_ERR_TIMEOUT, 200, body));
	assert_null(result_rules(FETCH_ERR_BLOCKED, 0, ""));
	assert_null(result_rules(FETCH_ERR_CANCELLED, 0, ""));
	assert_null(result_rules(FETCH_ERR_DEFERRED, 503, ""));
	/* Over the limit: what arrived is parsed; nothing, unreachable. */
	r = result_rules(FETCH_ERR_TOO_LARGE, 200, "User-agent: *\n"
	    "Disallow: /x\nDisallow: /y");
	expect_paths(r, (const char *const[]){ "-/x", "-/y", "+/z", NULL });
	robots_free(r);
	assert_null(result_rules(FETCH_ERR_TOO_LARGE, 200, ""));
	r = result_rules(FETCH_ERR_TOO_LARGE, 404, "");
	expect_paths(r, (const char *const[]){ "+/x", NULL });
	robots_free(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fetch_status),
		cmocka_unit_test(test_rules_once),
		cmocka_unit_test(test_status),
		cmocka_unit_test(test_bad_url),
		cmocka_unit_test(test_free_in_flight),
		cmocka_unit_test(test_fetch_freed_first),
		cmocka_unit_test(test_free_in_callback),
	};
	int	rc;

	log_init("test_robots_cache", LOG_LEVEL_WARN);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	curl_global_cleanup();
	return (rc);
}
