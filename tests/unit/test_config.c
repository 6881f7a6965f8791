/* test_config.c -- the key table: defaults, values, FILE:LINE errors. */
#include <sys/stat.h>

#include <fcntl.h>
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
write_conf_len(const char *text, size_t len)
{
	static char	path[64];
	FILE		*f;
	int		 fd;

	strcpy(path, tmpl);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	assert_int_equal(fwrite(text, 1, len, f), len);
	fclose(f);
	return (path);
}

static const char *
write_conf(const char *text)
{
	return (write_conf_len(text, strlen(text)));
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

/*
 * Load text (len bytes) and compare every error exactly: want holds
 * "LINE: message" (or ": message" for the file), NULL-terminated.
 */
static void
check_errors_len(const char *text, size_t len, const char *const *want)
{
	const char	*path = write_conf_len(text, len);
	struct config	*c;
	char		*cause = NULL, *exp = NULL, *t;
	size_t		 i;

	for (i = 0; want[i] != NULL; i++) {
		if (asprintf(&t, "%s%s%s:%s", exp != NULL ? exp : "",
		    exp != NULL ? "\n" : "", path, want[i]) == -1)
			fail();
		free(exp);
		exp = t;
	}
	c = config_load(path, &cause);
	if (c != NULL)
		fail_msg("loaded, want \"%s\"", exp);
	assert_non_null(cause);
	if (strcmp(cause, exp) != 0)
		fail_msg("got\n%s\nwant\n%s", cause, exp);
	free(cause);
	free(exp);
	unlink(path);
}

static void
check_errors(const char *text, const char *const *want)
{
	check_errors_len(text, strlen(text), want);
}

static struct config *
load_ok(const char *text)
{
	const char	*path = write_conf(text);
	struct config	*c;
	char		*cause = NULL;

	c = config_load(path, &cause);
	if (c == NULL)
		fail_msg("%s", cause);
	unlink(path);
	return (c);
}

/* Every error of a file in one load, in file order, with its line. */
static void
test_all_errors(void **state)
{
	const char *const want[] = {
		"2: unknown key \"colour\" in [daemon]",
		"3: max_redirects: expected a number from 0 to 20, got \"99\"",
		"4: syntax error",
		"5: unknown section [bogus]",
		"8: [source a]: url is required",
		"9: type: expected auto, rss, atom, rdf, jsonfeed, sitemap or "
		    "html, got \"gopher\"",
		"10: interval: expected a number from 10 to 604800, got \"1\"",
		"11: source name \"B\" must match [a-z0-9_-]+",
		"13: [source c]: type = html needs links",
		"16: [source d]: url is required",
		NULL
	};

	(void)state;
	check_errors(
	    "[daemon]\n"			/* 1 */
	    "colour = blue\n"			/* 2 */
	    "max_redirects = 99\n"		/* 3 */
	    "this is not ini\n"			/* 4 */
	    "[bogus]\n"				/* 5 */
	    "x = 1\n"				/* 6: skipped with its section */
	    "\n"				/* 7 */
	    "[source a]\n"			/* 8 */
	    "type = gopher\n"			/* 9 */
	    "interval = 1\n"			/* 10 */
	    "[source B]\n"			/* 11 */
	    "url = ftp://x/\n"			/* 12: skipped */
	    "[source c]\n"			/* 13 */
	    "url = https://c.kz/\n"		/* 14 */
	    "type = html\n"			/* 15 */
	    "[source d]\n",			/* 16: at the end, no keys */
	    want);
}

static void
test_numbers(void **state)
{
	const char *const w1[] = {
		"2: max_feed_bytes: expected a number from 1024 to 1073741824, "
		    "got \"18014398509481985k\"",
		"3: max_page_bytes: expected a number from 1024 to 1073741824, "
		    "got \"9223372036854775807G\"",
		"4: fetch_timeout: expected a number from 1 to 3600, got "
		    "\"99999999999999999999\"",
		"6: maxlen: expected a number from 1 to 1099511627776, got \"0\"",
		"8: max_connections: expected a number from 1 to 10000, got "
		    "\"4294967297\"",
		"9: max_feed_bytes: expected a number from 1024 to 1073741824, "
		    "got \"-1k\"",
		"10: max_page_bytes: expected a number from 1024 to 1073741824, "
		    "got \"2G\"",
		"11: max_feed_bytes: expected a number from 1024 to 1073741824, "
		    "got \"1x\"",
		NULL
	};
	struct config	*c;

	(void)state;
	check_errors("[daemon]\n"
	    "max_feed_bytes = 18014398509481985k\n"
	    "max_page_bytes = 9223372036854775807G\n"
	    "fetch_timeout = 99999999999999999999\n"
	    "[redis]\nmaxlen = 0\n"
	    "[daemon]\nmax_connections = 4294967297\n"
	    "max_feed_bytes = -1k\n"
	    "max_page_bytes = 2G\n"
	    "max_feed_bytes = 1x\n", w1);
	c = load_ok("[daemon]\nmax_feed_bytes = 1G\nmax_page_bytes = 64kB\n"
	    "[redis]\nmaxlen = 1099511627776\n");
	assert_int_equal(c->max_feed_bytes, 1LL << 30);
	assert_int_equal(c->max_page_bytes, 64 * 1024);
	assert_int_equal(c->maxlen, 1LL << 40);
	config_free(c);
}

/* A line of n bytes: "url = https://x.kz/?" then 'a's, then "&max=1". */
static char *
long_url_line(size_t n)
{
	char	*l = malloc(n + 1);

	assert_non_null(l);
	memset(l, 'a', n);
	memcpy(l, "url = https://x.kz/?", 20);
	memcpy(l + n - 6, "&max=1", 6);
	l[n] = '\0';
	return (l);
}

/* Long lines reach the key whole; too long ones are refused, not split. */
static void
test_long_lines(void **state)
{
	const char *const want[] = {
		"3: line is longer than 65536 bytes",
		"4: unknown key \"x\" in [source a]",
		NULL
	};
	struct config	*c;
	char		*l, *text;

	(void)state;
	l = long_url_line(5000);
	if (asprintf(&text, "[source a]\n%s\nlinks = //a[@id='%0300d']\n", l, 0) == -1)
		fail();
	c = load_ok(text);
	assert_int_equal(strlen(TAILQ_FIRST(&c->sources)->url), 5000 - 6);
	assert_string_equal(TAILQ_FIRST(&c->sources)->url, l + 6);
	assert_int_equal(strlen(TAILQ_FIRST(&c->sources)->links), 311);
	config_free(c);
	free(text);
	free(l);

	/* The longest line allowed, with a CRLF ending. */
	l = long_url_line(65536);
	if (asprintf(&text, "[source a]\r\n%s\r\n", l) == -1)
		fail();
	c = load_ok(text);
	assert_int_equal(strlen(TAILQ_FIRST(&c->sources)->url), 65536 - 6);
	config_free(c);
	free(text);
	free(l);

	l = long_url_line(65537);
	if (asprintf(&text, "[source a]\nurl = https://x.kz/\n%s\nx = 1\n",
	    l) == -1)
		fail();
	check_errors(text, want);
	free(text);
	free(l);
}

static void
test_nul_byte(void **state)
{
	static const char text[] = "[daemon]\nlog_level = debug\n"
	    "user_agent = a\0b\n[redis]\nnope = 1\n";
	const char *const want[] = {
		"3: NUL byte in the line",
		"5: unknown key \"nope\" in [redis]",
		NULL
	};

	(void)state;
	check_errors_len(text, sizeof text - 1, want);
}

static void
test_bad_files(void **state)
{
	char		 dir[] = "/tmp/otsnews-confdir-XXXXXX", *cause = NULL;
	char		*want;
	const char	*path;
	struct config	*c;

	(void)state;
	assert_non_null(mkdtemp(dir));
	assert_null(config_load(dir, &cause));
	if (asprintf(&want, "%s: is a directory", dir) == -1)
		fail();
	assert_string_equal(cause, want);
	free(want);
	free(cause);
	rmdir(dir);

	assert_null(config_load("/nonexistent/otsnewsd.conf", &cause));
	assert_string_equal(cause, "/nonexistent/otsnewsd.conf: No such file "
	    "or directory");
	free(cause);

	if (geteuid() != 0) {	/* root reads it anyway */
		path = write_conf("[daemon]\n");
		chmod(path, 0);
		assert_null(config_load(path, &cause));
		if (asprintf(&want, "%s: Permission denied", path) == -1)
			fail();
		assert_string_equal(cause, want);
		free(want);
		free(cause);
		unlink(path);
	}

	/* A UTF-8 BOM, a section name inih would cut, indented keys. */
	c = load_ok("\xef\xbb\xbf[source a-source-name-longer-than-inih-keeps-"
	    "in-its-own-buffer]\n  url = https://x.kz/\n  type = rss\n"
	    "   interval = 60\n");
	assert_string_equal(TAILQ_FIRST(&c->sources)->name,
	    "a-source-name-longer-than-inih-keeps-in-its-own-buffer");
	assert_int_equal(TAILQ_FIRST(&c->sources)->type, FEED_TYPE_RSS);
	assert_int_equal(TAILQ_FIRST(&c->sources)->interval, 60);
	config_free(c);
}

static void
test_values_checked(void **state)
{
	const char *const want[] = {
		"2: metrics_listen: expected HOST:PORT, got \"127.0.0.1:0\"",
		"3: metrics_listen: expected HOST:PORT, got \":9464\"",
		"4: metrics_listen: expected HOST:PORT, got \"[::1]:9464\" "
		    "(write an IPv6 address without brackets, as ::1:9464)",
		"5: metrics_listen: expected HOST:PORT, got \"a b:9464\" "
		    "(bad host)",
		"7: url: no host in \"redis://:6379/0\"",
		"8: url: bad port in \"redis://h:0/0\"",
		"10: url: no host in \"https:///feed\"",
		"11: url: bad port in \"https://x.kz:99999/\"",
		"12: url: not an http or https URL: \"x.kz/rss\"",
		"13: url: no host in \"http://user@:80/\"",
		NULL
	};
	struct config	*c;

	(void)state;
	check_errors("[daemon]\n"
	    "metrics_listen = 127.0.0.1:0\n"
	    "metrics_listen = :9464\n"
	    "metrics_listen = [::1]:9464\n"
	    "metrics_listen = a b:9464\n"
	    "[redis]\n"
	    "url = redis://:6379/0\n"
	    "url = redis://h:0/0\n"
	    "[source a]\n"
	    "url = https:///feed\n"
	    "url = https://x.kz:99999/\n"
	    "url = x.kz/rss\n"
	    "url = http://user@:80/\n", want);
	c = load_ok("[daemon]\nmetrics_listen = ::1:9464\n"
	    "[source a]\nurl = https://[::1]:8443/x\n"
	    "[source b]\nurl = http://u:p@x.kz:8080?q#f\n");
	assert_string_equal(c->metrics_listen, "::1:9464");
	config_free(c);
	c = load_ok("[daemon]\nmetrics_listen = localhost:9464\n");
	config_free(c);
}

/* libxml2's message, no noise on stderr, every XPath key. */
static void
test_xpath(void **state)
{
	const char *const want[] = {
		"3: links: invalid XPath: Invalid expression at character 8",
		"4: title_xpath: invalid XPath: Invalid expression at "
		    "character 3",
		"5: body_xpath: invalid XPath: Unfinished literal at "
		    "character 14",
		"6: date_xpath: invalid XPath: Invalid expression at "
		    "character 1",
		"7: drop_xpath: invalid XPath: Invalid expression at "
		    "character 5",
		NULL
	};
	char		 errpath[] = "/tmp/otsnews-stderr-XXXXXX";
	struct stat	 sb;
	struct config	*c;
	int		 fd, saved;

	(void)state;
	fd = mkstemp(errpath);
	assert_true(fd >= 0);
	fflush(stderr);
	saved = dup(2);
	dup2(fd, 2);
	check_errors("[source a]\nurl = https://x.kz/\n"
	    "links = //a[@x=]/@href\n"
	    "title_xpath = //\n"
	    "body_xpath = //p[@a=\"open]\n"
	    "date_xpath = ]\n"
	    "drop_xpath = //a[\n", want);
	c = load_ok("[source a]\nurl = https://x.kz/\ntype = html\n"
	    "links = //div[contains(@class,\"news\") or @id='x']//a/@href\n"
	    "title_xpath = //h1\nbody_xpath = //article//p\n"
	    "date_xpath = //time/@datetime\n"
	    "drop_xpath = //aside | //script\n");
	config_free(c);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	assert_int_equal(fstat(fd, &sb), 0);
	assert_int_equal(sb.st_size, 0);
	close(fd);
	unlink(errpath);
}

static void
test_tz(void **state)
{
	const char *const want[] = {
		"3: tz: unknown time zone \"Mars/Olympus\" (expected a name "
		    "under /usr/share/zoneinfo such as Asia/Almaty, or an "
		    "offset such as +05:00)",
		"4: tz: unknown time zone \"+25:00\" (expected a name under "
		    "/usr/share/zoneinfo such as Asia/Almaty, or an offset "
		    "such as +05:00)",
		"5: tz: unknown time zone \"../../etc/passwd\" (expected a "
		    "name under /usr/share/zoneinfo such as Asia/Almaty, or an "
		    "offset such as +05:00)",
		"6: tz: unknown time zone \"05:00\" (expected a name under "
		    "/usr/share/zoneinfo such as Asia/Almaty, or an offset "
		    "such as +05:00)",
		NULL
	};
	const char	*good[] = { "Asia/Almaty", "+05:00", "-0330", "UTC+5",
	    "GMT-03", "UTC", "Z", "Europe/Istanbul", NULL };
	struct config	*c;
	char		*text;
	size_t		 i;

	(void)state;
	check_errors("[source a]\nurl = https://x.kz/\n"
	    "tz = Mars/Olympus\ntz = +25:00\ntz = ../../etc/passwd\n"
	    "tz = 05:00\n", want);
	for (i = 0; good[i] != NULL; i++) {
		if (asprintf(&text, "[source a]\nurl = https://x.kz/\n"
		    "tz = %s\n", good[i]) == -1)
			fail();
		c = load_ok(text);
		assert_string_equal(TAILQ_FIRST(&c->sources)->tz, good[i]);
		config_free(c);
		free(text);
	}
}

/* A file with mode holding text; the caller frees the path. */
static char *
write_secret(const char *text, mode_t mode)
{
	char	*path = strdup(write_conf(text));

	assert_non_null(path);
	assert_int_equal(chmod(path, mode), 0);
	return (path);
}

static void
check_password_error(const char *file, const char *url, const char *want)
{
	char	*text, *w;

	if (asprintf(&text, "[redis]\nurl = %s\npassword_file = %s\n", url,
	    file) == -1 || asprintf(&w, "3: password_file: %s", want) == -1)
		fail();
	check_errors(text, (const char *const []){ w, NULL });
	free(text);
	free(w);
}

static void
test_password_file(void **state)
{
	char		 dir[] = "/tmp/otsnews-creds-XXXXXX", path[128];
	char		*text, *w, *secret;
	struct config	*c;
	FILE		*f;

	(void)state;
	secret = write_secret("s3cret pass\n", 0600);
	if (asprintf(&text, "[redis]\npassword_file = %s\n"
	    "url = redis://127.0.0.1:6390/1\n", secret) == -1)
		fail();
	c = load_ok(text);
	assert_string_equal(c->redis.password, "s3cret pass");
	assert_string_equal(c->redis.host, "127.0.0.1");
	assert_int_equal(c->redis.db, 1);
	config_free(c);
	free(text);

	/* Group-readable is allowed (root:otsnewsd 0640), others are not. */
	assert_int_equal(chmod(secret, 0640), 0);
	if (asprintf(&text, "[redis]\npassword_file = %s\n", secret) == -1)
		fail();
	c = load_ok(text);
	config_free(c);
	free(text);
	assert_int_equal(chmod(secret, 0644), 0);
	if (asprintf(&w, "%s: mode 0644 lets every user read it "
	    "(chmod o-rwx)", secret) == -1)
		fail();
	check_password_error(secret, "redis://h/0", w);
	free(w);
	assert_int_equal(chmod(secret, 0600), 0);

	/* Both a password in the url and a file. */
	check_password_error(secret, "redis://:pw@h/0",
	    "[redis] url has a password too; keep only one of them");
	unlink(secret);
	free(secret);

	check_password_error("/nonexistent/pw", "redis://h/0",
	    "/nonexistent/pw: No such file or directory");
	check_password_error("/tmp", "redis://h/0", "/tmp: not a regular file");
	check_password_error("pw.txt", "redis://h/0",
	    "\"pw.txt\": expected an absolute path or credential:NAME");
	secret = write_secret("\n", 0600);
	if (asprintf(&w, "%s: the password is empty", secret) == -1)
		fail();
	check_password_error(secret, "redis://h/0", w);
	free(w);
	unlink(secret);
	free(secret);
	secret = write_secret("one\ntwo\n", 0600);
	if (asprintf(&w, "%s: the password holds more than one line",
	    secret) == -1)
		fail();
	check_password_error(secret, "redis://h/0", w);
	free(w);
	unlink(secret);
	free(secret);

	/* systemd's LoadCredential=: $CREDENTIALS_DIRECTORY/NAME. */
	unsetenv("CREDENTIALS_DIRECTORY");
	check_password_error("credential:redis", "redis://h/0",
	    "credential:redis: CREDENTIALS_DIRECTORY is not set (give the "
	    "unit LoadCredential=redis:PATH)");
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/redis", dir);
	assert_non_null(f = fopen(path, "w"));
	fputs("from-systemd\r\n", f);
	fclose(f);
	assert_int_equal(chmod(path, 0400), 0);
	setenv("CREDENTIALS_DIRECTORY", dir, 1);
	c = load_ok("[redis]\nurl = unix:///run/redis.sock\n"
	    "password_file = credential:redis\n");
	assert_string_equal(c->redis.password, "from-systemd");
	config_free(c);
	if (asprintf(&w, "%s/other: No such file or directory", dir) == -1)
		fail();
	check_password_error("credential:other", "redis://h/0", w);
	free(w);
	check_password_error("credential:../x", "redis://h/0",
	    "\"credential:../x\": bad credential name");
	unsetenv("CREDENTIALS_DIRECTORY");
	unlink(path);
	rmdir(dir);
}

static void
test_redis_equal(void **state)
{
	struct config	*a, *b;

	(void)state;
	a = load_ok("[redis]\nurl = redis://:x@h/0\n");
	b = load_ok("[redis]\nurl = redis://:x@h/0\n");
	assert_true(config_redis_equal(a, b));
	free(b->redis.password);
	b->redis.password = strdup("y");
	assert_false(config_redis_equal(a, b));
	config_free(a);
	config_free(b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_redis_url),
		cmocka_unit_test(test_all_errors),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_long_lines),
		cmocka_unit_test(test_nul_byte),
		cmocka_unit_test(test_bad_files),
		cmocka_unit_test(test_values_checked),
		cmocka_unit_test(test_xpath),
		cmocka_unit_test(test_tz),
		cmocka_unit_test(test_password_file),
		cmocka_unit_test(test_redis_equal),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
