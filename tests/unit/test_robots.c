/* test_robots.c -- robots.txt parsing and matching (RFC 9309). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "robots.h"

#define AGENT	"otsnewsd"

static struct robots *
parse(const char *text, const char *agent)
{
	return (robots_parse(text, strlen(text), agent));
}

/* Each path prefixed by '+' must be allowed, by '-' disallowed. */
static void
expect(const struct robots *r, const char *const *paths)
{
	size_t	i;
	int	want, got;

	for (i = 0; paths[i] != NULL; i++) {
		want = paths[i][0] == '+';
		got = robots_allowed(r, paths[i] + 1);
		if (got != want)
			fail_msg("%s: %s, want %s", paths[i] + 1,
			    got ? "allowed" : "disallowed",
			    want ? "allowed" : "disallowed");
	}
}

static void
expect_text(const char *text, const char *agent, const char *const *paths)
{
	struct robots	*r = parse(text, agent);

	expect(r, paths);
	robots_free(r);
}

/* One rule, as Google's documentation tabulates its examples. */
static void
expect_rule(const char *rule, const char *const *paths)
{
	char	*text;

	assert_true(asprintf(&text, "user-agent: *\n%s\n", rule) > 0);
	expect_text(text, AGENT, paths);
	free(text);
}

/* RFC 9309 section 5.1. */
static const char rfc_simple[] =
    "User-Agent: *\n"
    "Disallow: *.gif$\n"
    "Disallow: /example/\n"
    "Allow: /publications/\n"
    "\n"
    "User-Agent: foobot\n"
    "Disallow:/\n"
    "Allow:/example/page.html\n"
    "Allow:/example/allowed.gif\n"
    "\n"
    "User-Agent: barbot\n"
    "User-Agent: bazbot\n"
    "Disallow: /example/page.html\n"
    "\n"
    "User-Agent: quxbot\n"
    "\n"
    "EOF\n";

static void
test_rfc_simple(void **state)
{
	const char *const foobot[] = { "+/example/page.html",
	    "+/example/allowed.gif", "-/", "-/example/", "-/other.html",
	    "-/example/page.htm", NULL };
	const char *const barbot[] = { "-/example/page.html",
	    "-/example/page.html?x", "+/example/", "+/a.gif", "+/", NULL };
	const char *const quxbot[] = { "+/", "+/example/page.html",
	    "+/a.gif", NULL };
	const char *const other[] = { "-/a.gif", "-/x/y/b.gif",
	    "+/a.gif?x", "-/example/", "-/example/x", "+/publications/",
	    "+/publications/a.html", "+/", "+/example", NULL };

	(void)state;
	expect_text(rfc_simple, "foobot", foobot);
	expect_text(rfc_simple, "FooBot", foobot);
	expect_text(rfc_simple, "barbot", barbot);
	expect_text(rfc_simple, "bazbot", barbot);
	expect_text(rfc_simple, "quxbot", quxbot);
	expect_text(rfc_simple, AGENT, other);
	expect_text(rfc_simple, NULL, other);
}

/* RFC 9309 section 5.2. */
static void
test_rfc_longest(void **state)
{
	const char *const p[] = { "+/example/page/",
	    "-/example/page/disallowed.gif", "+/example/page/disallowed.gi",
	    NULL };

	(void)state;
	expect_text("User-Agent: foobot\n"
	    "Allow: /example/page/\n"
	    "Disallow: /example/page/disallowed.gif\n", "foobot", p);
}

/* RFC 9309 section 2.2.2's table, and more percent-encoding. */
static void
test_percent(void **state)
{
	const char *const a[] = { "-/foo/bar?baz=quz", "+/foo/bar?baz=qu",
	    NULL };
	const char *const b[] = { "-/foo/bar/%E3%83%84", "-/foo/bar/%e3%83%84",
	    "-/foo/bar/\xe3\x83\x84", "+/foo/bar/", NULL };
	const char *const c[] = { "-/foo/bar/baz", "-/foo/bar/%62%61%7a",
	    "-/foo/bar/%62az", "+/foo/bar/ba", NULL };
	const char *const d[] = { "-/a/~x", "-/a/%7Ex", "-/a/%7ex", NULL };
	const char *const e[] = { "-/a%2Fb", "-/a%2fb", "+/a/b", NULL };
	const char *const f[] = { "-/path/file-with-a-*.html",
	    "-/path/file-with-a-%2A.html", "+/path/file-with-a-x.html", NULL };
	const char *const g[] = { "-/path/foo-$", "-/path/foo-%24",
	    "-/path/foo-$/x", "+/path/foo-", NULL };
	const char *const h[] = { "-/a b", "-/a%20b", "+/a", NULL };
	const char *const i[] = { "-/%zz", "-/%zzy", "+/%z", NULL };
	const char *const j[] = { "-/a$b", "-/a%24b", "+/ab", NULL };

	(void)state;
	expect_rule("Disallow: /foo/bar?baz=quz", a);
	expect_rule("Disallow: /foo/bar/\xe3\x83\x84", b);
	expect_rule("Disallow: /foo/bar/%E3%83%84", b);
	expect_rule("Disallow: /foo/bar/%e3%83%84", b);
	expect_rule("Disallow: /foo/bar/%62%61%7A", c);
	expect_rule("Disallow: /foo/bar/baz", c);
	expect_rule("Disallow: /a/%7ex", d);
	expect_rule("Disallow: /a/~x", d);
	expect_rule("Disallow: /a%2fb", e);
	expect_rule("Disallow: /path/file-with-a-%2A.html", f);
	expect_rule("Disallow: /path/foo-%24", g);
	expect_rule("Disallow: /a%20b", h);
	expect_rule("Disallow: /%zz", i);
	expect_rule("Disallow: /a$b", j);
}

/* Google's documented examples of path matching. */
static void
test_google_paths(void **state)
{
	const char *const root[] = { "-/", "-/a", "-/a/b?c", "-/?x", NULL };
	const char *const rootend[] = { "-/", "+/a", "+/?x", "+/index.html",
	    NULL };
	const char *const fish[] = { "-/fish", "-/fish.html",
	    "-/fish/salmon.html", "-/fishheads", "-/fishheads/yummy.html",
	    "-/fish.php?id=anything", "+/Fish.asp", "+/catfish",
	    "+/?id=fish", "+/desert/fish", NULL };
	const char *const fishdir[] = { "-/fish/", "-/fish/?id=anything",
	    "-/fish/salmon.htm", "+/fish", "+/fish.html", "+/animals/fish/",
	    "+/Fish/Salmon.asp", NULL };
	const char *const php[] = { "-/index.php", "-/filename.php",
	    "-/folder/filename.php", "-/folder/filename.php?parameters",
	    "-/folder/any.php.file.html", "-/filename.php/", "+/",
	    "+/windows.PHP", NULL };
	const char *const phpend[] = { "-/filename.php",
	    "-/folder/filename.php", "+/filename.php?parameters",
	    "+/filename.php/", "+/filename.php5", "+/windows.PHP", NULL };
	const char *const fishphp[] = { "-/fish.php",
	    "-/fishheads/catfish.php?parameters", "+/Fish.PHP", "+/fish.ph",
	    NULL };

	(void)state;
	expect_rule("Disallow: /", root);
	expect_rule("Disallow: /*", root);
	expect_rule("Disallow: /$", rootend);
	expect_rule("Disallow: /fish", fish);
	expect_rule("Disallow: /fish*", fish);
	expect_rule("Disallow: /fish**", fish);
	expect_rule("Disallow: /fish/", fishdir);
	expect_rule("Disallow: /*.php", php);
	expect_rule("Disallow: /*.php$", phpend);
	expect_rule("Disallow: /fish*.php", fishphp);
}

/* Google's order of precedence: longest pattern, Allow on a tie. */
static void
test_google_precedence(void **state)
{
	const char *const a[] = { "+/page", NULL };
	const char *const b[] = { "+/folder/page", NULL };
	const char *const c[] = { "-/page.htm", NULL };
	const char *const d[] = { "+/page.php5", NULL };
	const char *const e[] = { "+/", "-/page.htm", NULL };
	const char *const f[] = { "-/a/b", "+/a/b/c", "-/a/b/c/d", "+/a",
	    NULL };

	(void)state;
	expect_text("user-agent: *\nallow: /p\ndisallow: /\n", AGENT, a);
	expect_text("user-agent: *\nallow: /folder\ndisallow: /folder\n",
	    AGENT, b);
	expect_text("user-agent: *\ndisallow: /folder\nallow: /folder\n",
	    AGENT, b);
	expect_text("user-agent: *\nallow: /page\ndisallow: /*.htm\n",
	    AGENT, c);
	expect_text("user-agent: *\nallow: /page\ndisallow: /*.ph\n",
	    AGENT, d);
	expect_text("user-agent: *\nallow: /$\ndisallow: /\n", AGENT, e);
	expect_text("user-agent: *\ndisallow: /a/b\nallow: /a/b/c\n"
	    "disallow: /a/b/c/d\n", AGENT, f);
}

static void
test_groups(void **state)
{
	const char *const ours[] = { "-/ours", "+/global", "+/", NULL };
	const char *const glob[] = { "+/ours", "-/global", NULL };
	const char *const merged[] = { "-/one", "-/two", "-/three", "+/x",
	    NULL };
	const char *const all[] = { "+/", "+/private", NULL };
	const char *const none[] = { "-/", "-/a", NULL };
	const char *const text =
	    "User-agent: *\nDisallow: /global\n\n"
	    "User-agent: otsnewsd\nDisallow: /ours\n";

	(void)state;
	expect_text(text, AGENT, ours);
	expect_text(text, "OTSNEWSD", ours);
	expect_text(text, "otherbot", glob);
	expect_text("User-agent: OtsNewsD/1.2 (+https://x)\nDisallow: /ours\n"
	    "User-agent: *\nDisallow: /global\n", AGENT, ours);
	/* A longer token is another agent. */
	expect_text("User-agent: otsnewsdx\nDisallow: /ours\n"
	    "User-agent: *\nDisallow: /global\n", AGENT, glob);
	expect_text("User-agent: ots\nDisallow: /ours\n"
	    "User-agent: *\nDisallow: /global\n", AGENT, glob);
	/* Groups for the same agent merge (section 2.2.1). */
	expect_text("User-agent: otsnewsd\nDisallow: /one\n\n"
	    "User-agent: *\nDisallow: /x\n\n"
	    "User-agent: OTSNEWSD\nDisallow: /two\n\n"
	    "user-agent: a\nuser-agent: otsnewsd\nDisallow: /three\n", AGENT,
	    merged);
	expect_text("User-agent: *\nDisallow: /one\n\n"
	    "User-agent: a\nDisallow: /x\n\n"
	    "User-agent: *\nDisallow: /two\nDisallow: /three\n", AGENT,
	    merged);
	/* Our group, even empty, hides "*". */
	expect_text("User-agent: *\nDisallow: /\n\nUser-agent: otsnewsd\n",
	    AGENT, all);
	expect_text("User-agent: otsnewsd\nDisallow:\n\n"
	    "User-agent: *\nDisallow: /\n", AGENT, all);
	/* No group at all; rules before any user-agent line. */
	expect_text("", AGENT, all);
	expect_text("Disallow: /\n", AGENT, all);
	expect_text("Disallow: /\nUser-agent: *\nAllow: /\n", AGENT, all);
	expect_text("User-agent: a\nDisallow: /\n", AGENT, all);
	/* Consecutive agents share a group; a rule ends the agent list. */
	expect_text("User-agent: a\nUser-agent: otsnewsd\nDisallow: /\n",
	    AGENT, none);
	expect_text("User-agent: otsnewsd\nDisallow: /one\n"
	    "User-agent: a\nDisallow: /x\n", AGENT, (const char *const[]){
	    "-/one", "+/x", NULL });
	/* Sitemap and unknown lines end nothing. */
	expect_text("User-agent: a\nSitemap: https://x/s.xml\nFoo: bar\n"
	    "User-agent: otsnewsd\nDisallow: /\n", AGENT, none);
	/* A group naming "*" and us serves both. */
	expect_text("User-agent: *\nUser-agent: otsnewsd\nDisallow: /\n",
	    AGENT, none);
	expect_text("User-agent: *\nUser-agent: otsnewsd\nDisallow: /\n",
	    "other", none);
}

static void
test_directives(void **state)
{
	struct robots	*r;

	(void)state;
	r = parse("Sitemap: https://example.com/sitemap.xml\n"
	    "User-agent: *\nCrawl-delay: 2.5\nDisallow: /a\n"
	    "User-agent: otsnewsd\nCrawl-delay: 7\nDisallow: /b\n"
	    "sitemap:https://example.com/news.xml # the news\n"
	    "Sitemap: has space\n", AGENT);
	assert_true(robots_crawl_delay(r) == 7);
	assert_string_equal(robots_sitemap(r, 0),
	    "https://example.com/sitemap.xml");
	assert_string_equal(robots_sitemap(r, 1),
	    "https://example.com/news.xml");
	assert_null(robots_sitemap(r, 2));
	assert_int_equal(robots_count(r), 1);
	robots_free(r);
	r = parse("User-agent: *\nCrawl-delay: 2.5\n", "other");
	assert_true(robots_crawl_delay(r) == 2.5);
	robots_free(r);
	r = parse("User-agent: *\nCrawl-delay: soon\n", AGENT);
	assert_true(robots_crawl_delay(r) == -1);
	robots_free(r);
	r = parse("User-agent: *\nCrawl-delay: -3\n", AGENT);
	assert_true(robots_crawl_delay(r) == -1);
	robots_free(r);
	r = parse("User-agent: otsnewsd\nDisallow: /\n"
	    "User-agent: *\nCrawl-delay: 4\n", AGENT);
	assert_true(robots_crawl_delay(r) == -1);
	robots_free(r);
}

static void
test_syntax(void **state)
{
	const char *const priv[] = { "-/private", "-/private/x", "+/public",
	    "+/", NULL };
	const char *const both[] = { "-/a", "-/b", "+/c", NULL };
	char	 text[] = "User-agent: *\nDisallow: /a\0b\nDisallow: /c\n";
	struct robots	*r;

	(void)state;
	/* No newline at the end; CR only; CRLF; mixed; BOM. */
	expect_text("User-agent: *\nDisallow: /private", AGENT, priv);
	expect_text("User-agent: *\rDisallow: /private\r", AGENT, priv);
	expect_text("User-agent: *\r\nDisallow: /private\r\n", AGENT, priv);
	expect_text("User-agent: *\r\rDisallow: /a\n\r\nDisallow: /b\r",
	    AGENT, both);
	expect_text("\xef\xbb\xbfUser-agent: *\nDisallow: /private\n", AGENT,
	    priv);
	/* Comments, blank space, case. */
	expect_text("# hello\n  USER-AGENT  :  *  # all\n\t\n"
	    "DISALLOW\t:\t/private # not /public\n# Disallow: /\n", AGENT,
	    priv);
	expect_text("User-agent: *\nDisallow: #/\nDisallow: /private\n", AGENT,
	    priv);
	/* A missing colon, if the value is one word; typos. */
	expect_text("User-agent *\nDisallow /private\n", AGENT, priv);
	expect_text("User-agent *\nDisallow /private and more\n", AGENT,
	    (const char *const[]){ "+/private", NULL });
	expect_text("Useragent: *\nDissallow: /a\nDisalow: /b\n", AGENT,
	    both);
	/* Unknown directives, empty values, a lone colon, junk lines. */
	expect_text("User-agent: *\nNoindex: /public\nFoo\n:\n:/public\n"
	    "Allow:\nDisallow: /private\nHost: example.com\n", AGENT, priv);
	/* A pattern not starting with '/' or '*' matches nothing. */
	expect_text("User-agent: *\nDisallow: private\n", AGENT,
	    (const char *const[]){ "+/private", NULL });
	/* A NUL byte is just another (encoded) octet. */
	r = robots_parse(text, sizeof text - 1, AGENT);
	expect(r, (const char *const[]){ "+/a", "-/a%00b", "-/a%00bc",
	    "-/c", NULL });
	robots_free(r);
	/* Rules are matched against /robots.txt never. */
	expect_text("User-agent: *\nDisallow: /\n", AGENT,
	    (const char *const[]){ "+/robots.txt", "-/robots.txt?x",
	    "-/robots.txt/", NULL });
	r = robots_disallow_all();
	expect(r, (const char *const[]){ "-/", "-/a", "-", "+/robots.txt",
	    NULL });
	robots_free(r);
	r = robots_allow_all();
	expect(r, (const char *const[]){ "+/", "+/a", NULL });
	robots_free(r);
	robots_free(NULL);
	r = robots_parse(NULL, 0, NULL);
	expect(r, (const char *const[]){ "+/", NULL });
	robots_free(r);
}

static uint32_t
xorshift(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return (*s);
}

static void
test_junk(void **state)
{
	const size_t	 n = 1 << 20;
	char		*junk = malloc(n + 1);
	struct robots	*r;
	uint32_t	 seed = 12345;
	size_t		 i, j;
	const char	*tail = "\nUser-agent: *\nDisallow: /late\n";
	static const char alpha[] = "\r\n\t :#*$%/aAuU-\x00\xff\xc3";

	(void)state;
	assert_non_null(junk);
	junk[n] = '\0';
	/* Random bytes, then biased towards robots.txt syntax. */
	for (j = 0; j < 4; j++) {
		for (i = 0; i < n; i++) {
			junk[i] = j < 2 ? (char)xorshift(&seed) :
			    alpha[xorshift(&seed) % (sizeof alpha - 1)];
		}
		r = robots_parse(junk, n, j & 1 ? AGENT : NULL);
		(void)robots_allowed(r, "/");
		(void)robots_allowed(r, junk + n - 1000);
		robots_free(r);
	}
	/* Junk then real lines; the same past 500 KiB is ignored. */
	for (i = 0; i < 1000; i++)
		junk[i] = (char)(xorshift(&seed) | 0x80);
	memcpy(junk + 1000, tail, strlen(tail));
	r = robots_parse(junk, 1000 + strlen(tail), AGENT);
	expect(r, (const char *const[]){ "-/late", "+/", NULL });
	robots_free(r);
	memset(junk, '#', n);
	memcpy(junk, "User-agent: *\nDisallow: /early\n# ", 33);
	memcpy(junk + ROBOTS_MAX_PARSE + 10, tail, strlen(tail));
	r = robots_parse(junk, n, AGENT);
	expect(r, (const char *const[]){ "-/early", "+/late", NULL });
	robots_free(r);
	/* One 1 MiB line, and 1 MiB of short lines. */
	memset(junk, 'a', n);
	memcpy(junk, "User-agent: *\nDisallow: /", 25);
	r = robots_parse(junk, n, AGENT);
	expect(r, (const char *const[]){ "+/aaa", "+/", NULL });
	assert_int_equal(robots_count(r), 1);
	robots_free(r);
	for (i = 0; i + 16 <= n; i += 16)
		memcpy(junk + i, "Disallow: /xyz\n\n", 16);
	memcpy(junk, "User-agent: *\n\n", 15);
	r = robots_parse(junk, n, AGENT);
	assert_int_equal(robots_count(r), ROBOTS_MAX_PARSE / 16 - 1);
	expect(r, (const char *const[]){ "-/xyz", "+/xy", NULL });
	robots_free(r);
	free(junk);
}

/* Patterns that are exponential for a backtracking matcher. */
static void
test_wildcards(void **state)
{
	const size_t	 nstars = 100000, plen = 200000;
	char		*text, *path;
	size_t		 n, i;
	struct robots	*r;
	clock_t		 start;

	(void)state;
	start = clock();
	text = malloc(64 + 2 * nstars);
	path = malloc(plen + 2);
	assert_non_null(text);
	assert_non_null(path);

	/* "/" then 99,999 of "*a" then "*b": 100,000 stars. */
	n = (size_t)sprintf(text, "User-agent: *\nDisallow: /");
	for (i = 0; i < nstars - 1; i++) {
		text[n++] = '*';
		text[n++] = 'a';
	}
	memcpy(text + n, "*b\n", 3);
	n += 3;
	r = robots_parse(text, n, AGENT);
	path[0] = '/';
	memset(path + 1, 'a', plen);
	path[plen + 1] = '\0';
	assert_true(robots_allowed(r, path));		/* no b */
	path[plen] = 'b';
	assert_false(robots_allowed(r, path));		/* enough a, then b */
	path[nstars / 2] = 'b';
	path[nstars / 2 + 1] = '\0';
	assert_true(robots_allowed(r, path));		/* too few a */
	robots_free(r);

	/* 100,000 bare stars, anchored. */
	n = (size_t)sprintf(text, "User-agent: *\nDisallow: /x");
	memset(text + n, '*', nstars);
	n += nstars;
	memcpy(text + n, "$\n", 2);
	n += 2;
	r = robots_parse(text, n, AGENT);
	memset(path + 1, 'a', plen);
	path[1] = 'x';
	path[plen + 1] = '\0';
	assert_false(robots_allowed(r, path));
	assert_true(robots_allowed(r, "/y"));
	robots_free(r);

	r = parse("User-agent: *\nDisallow: /*a*a*a*a*a*a*a*a*a*b\n"
	    "Disallow: /*a*a*a*a*a*a*a*a*a*a$\n", AGENT);
	memset(path + 1, 'a', plen);
	path[2] = 'c';
	assert_false(robots_allowed(r, path));		/* ends in a */
	path[plen] = 'c';
	assert_true(robots_allowed(r, path));
	robots_free(r);
	free(path);
	free(text);
	/* All of it well under the 300 s the runner gives a test. */
	assert_true((clock() - start) / CLOCKS_PER_SEC < 5);
}

static void
check_split(const char *url, const char *origin, const char *path)
{
	char	*o, *p, *cause = NULL;

	if (origin == NULL) {
		assert_int_equal(robots_url_split(url, &o, &p, &cause), -1);
		assert_non_null(cause);
		free(cause);
		return;
	}
	if (robots_url_split(url, &o, &p, &cause) != 0)
		fail_msg("%s: %s", url, cause);
	assert_string_equal(o, origin);
	assert_string_equal(p, path);
	free(o);
	free(p);
}

static void
test_url_split(void **state)
{
	(void)state;
	check_split("https://example.com/a/b?c=d#frag", "https://example.com",
	    "/a/b?c=d");
	check_split("HTTPS://User:pw@Example.COM:443/A", "https://example.com",
	    "/A");
	check_split("http://a@b@example.com:80", "http://example.com", "/");
	check_split("http://example.com?x=1", "http://example.com", "/?x=1");
	check_split("http://example.com#x", "http://example.com", "/");
	check_split("http://example.com:8080/x", "http://example.com:8080",
	    "/x");
	check_split("http://example.com:443/", "http://example.com:443", "/");
	check_split("https://example.com:/", "https://example.com", "/");
	check_split("http://[::1]:8080/x", "http://[::1]:8080", "/x");
	check_split("http://[2001:DB8::1]/x", "http://[2001:db8::1]", "/x");
	check_split("ftp://example.com/", NULL, NULL);
	check_split("example.com/", NULL, NULL);
	check_split("http:///x", NULL, NULL);
	check_split("http://:80/x", NULL, NULL);
	check_split("http://example.com:99999/", NULL, NULL);
	check_split("http://example.com:8a/", NULL, NULL);
	check_split("http://[::1/", NULL, NULL);
	check_split("http://[::1]x/", NULL, NULL);
	check_split(NULL, NULL, NULL);
}

static void
test_status(void **state)
{
	const char	*body = "User-agent: *\nDisallow: /x\n";
	struct robots	*r;
	long		 allow[] = { 300, 301, 400, 401, 403, 404, 410, 451 };
	long		 unreach[] = { 0, 100, 429, 500, 502, 503, 504, 599,
	    600 };
	size_t		 i;

	(void)state;
	r = robots_from_response(200, body, strlen(body), AGENT);
	expect(r, (const char *const[]){ "-/x", "+/y", NULL });
	robots_free(r);
	r = robots_from_response(206, body, strlen(body), AGENT);
	expect(r, (const char *const[]){ "-/x", NULL });
	robots_free(r);
	for (i = 0; i < sizeof allow / sizeof allow[0]; i++) {
		r = robots_from_response(allow[i], body, strlen(body), AGENT);
		assert_non_null(r);
		assert_int_equal(robots_count(r), 0);
		robots_free(r);
	}
	for (i = 0; i < sizeof unreach / sizeof unreach[0]; i++)
		assert_null(robots_from_response(unreach[i], body,
		    strlen(body), AGENT));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc_simple),
		cmocka_unit_test(test_rfc_longest),
		cmocka_unit_test(test_percent),
		cmocka_unit_test(test_google_paths),
		cmocka_unit_test(test_google_precedence),
		cmocka_unit_test(test_groups),
		cmocka_unit_test(test_directives),
		cmocka_unit_test(test_syntax),
		cmocka_unit_test(test_junk),
		cmocka_unit_test(test_wildcards),
		cmocka_unit_test(test_url_split),
		cmocka_unit_test(test_status),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
