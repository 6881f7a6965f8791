/* test_config.c -- the key table: defaults, values, FILE:LINE errors. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "config.h"

static char	tmpl[] = "/tmp/otsnews-conf-XXXXXX";

static const char *
write_conf(const char *text)
{
	static char	path[64];
	FILE		*f;
	int		 fd;

	strcpy(path, tmpl);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	fputs(text, f);
	fclose(f);
	return (path);
}

static void
test_defaults(void **state)
{
	const char	*path = write_conf("[source a]\nurl = https://x.kz/rss\n");
	struct config	*c;
	char		*cause = NULL;

	(void)state;
	c = config_load(path, &cause);
	assert_non_null(c);
	assert_string_equal(c->state_dir, "/var/lib/otsnewsd");
	assert_string_equal(c->redis.host, "127.0.0.1");
	assert_int_equal(c->redis.port, 6379);
	assert_string_equal(c->stream, "ots:articles");
	assert_int_equal(c->maxlen, 1000000);
	assert_string_equal(c->key_prefix, "otsnews:");
	assert_int_equal(c->topic, FILTER_OTS);
	assert_int_equal(c->allow_private_networks, 0);
	assert_int_equal(c->nsources, 1);
	assert_int_equal(TAILQ_FIRST(&c->sources)->interval, 300);
	assert_int_equal(TAILQ_FIRST(&c->sources)->type, FEED_TYPE_AUTO);
	assert_int_equal(config_source_filter(c, TAILQ_FIRST(&c->sources)),
	    FILTER_OTS);
	config_free(c);
	unlink(path);
}

static void
test_values(void **state)
{
	const char	*path = write_conf(
	    "; comment\n# comment\n[daemon]\nallow_private_networks = yes # why\n"
	    "max_page_bytes = 2M\nlog_level = debug\n"
	    "[redis]\nurl = redis://:pw@10.0.0.5:6390/3\n"
	    "[filter]\ntopic = all\n"
	    "[source kt-en]\nurl = https://kt.kz/eng/rss\ntype = rss\n"
	    "filter = ots\ninterval = 60\nlinks = //a[@class=\"x\"]/@href\n");
	struct config	*c;
	struct source_conf *s;
	char		*cause = NULL;

	(void)state;
	c = config_load(path, &cause);
	assert_non_null(c);
	assert_int_equal(c->allow_private_networks, 1);
	assert_int_equal(c->max_page_bytes, 2 * 1024 * 1024);
	assert_int_equal(c->log_level, LOG_LEVEL_DEBUG);
	assert_string_equal(c->redis.host, "10.0.0.5");
	assert_int_equal(c->redis.port, 6390);
	assert_int_equal(c->redis.db, 3);
	assert_string_equal(c->redis.password, "pw");
	assert_int_equal(c->topic, FILTER_ALL);
	s = TAILQ_FIRST(&c->sources);
	assert_string_equal(s->name, "kt-en");
	assert_int_equal(s->type, FEED_TYPE_RSS);
	assert_int_equal(s->interval, 60);
	assert_string_equal(s->links, "//a[@class=\"x\"]/@href");
	assert_int_equal(config_source_filter(c, s), FILTER_OTS);
	config_free(c);
	unlink(path);
}

static void
check_error(const char *text, int line, const char *what)
{
	const char	*path = write_conf(text);
	struct config	*c;
	char		*cause = NULL, want[128];

	c = config_load(path, &cause);
	assert_null(c);
	assert_non_null(cause);
	snprintf(want, sizeof want, "%s:%d: ", path, line);
	if (strncmp(cause, want, strlen(want)) != 0 ||
	    strstr(cause, what) == NULL)
		fail_msg("got \"%s\", want \"%s...%s\"", cause, want, what);
	free(cause);
	unlink(path);
}

static void
test_errors(void **state)
{
	(void)state;
	check_error("[daemon]\nnope = 1\n", 2, "unknown key \"nope\"");
	check_error("\n[bogus]\nx = 1\n", 2, "unknown section");
	check_error("[source A]\nurl = https://x/\n", 1, "must match");
	check_error("[source a]\ntype = rss\n", 1, "url is required");
	check_error("[source a]\nurl = https://x/\n[source a]\nurl = https://y/\n",
	    3, "duplicate");
	check_error("[source a]\nurl = https://x/\ntype = html\n", 1, "needs links");
	check_error("[source a]\nurl = https://x/\ninterval = 1\n", 3, "interval");
	check_error("[redis]\nurl = redis://h:99999/0\n", 2, "port");
	check_error("[daemon]\nallow_private_networks = maybe\n", 2, "yes or no");
	check_error("[daemon]\nmetrics_listen = nowhere\n", 2, "HOST:PORT");
	check_error("[daemon]\nthis is not ini\n", 2, "syntax");
}

static void
test_redis_url(void **state)
{
	struct redis_addr	a;
	char			*cause = NULL;

	(void)state;
	assert_int_equal(config_redis_url("unix:///run/redis.sock?db=2", &a,
	    &cause), 0);
	assert_string_equal(a.path, "/run/redis.sock");
	assert_int_equal(a.db, 2);
	config_redis_clear(&a);
	assert_int_equal(config_redis_url("redis://localhost", &a, &cause), 0);
	assert_string_equal(a.host, "localhost");
	assert_int_equal(a.port, 6379);
	config_redis_clear(&a);
	assert_int_equal(config_redis_url("http://x", &a, &cause), -1);
	free(cause);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_redis_url),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
