/*
 * test_feed.c -- the feed corpus (tests/data/feeds) and feed_parse edges.
 *
 * Every input NAME.{xml,rss,atom,rdf,html,jsonfeed} in tests/data/feeds and
 * its subdirectories is parsed and feed_to_json's output compared byte for
 * byte with NAME.json.  An optional NAME.opts holds key=value lines: url,
 * type, charset, links, tz.  Default url: http://example.com/feed/.
 * With OTSNEWS_TEST_UPDATE=1 the .json files are (re)written instead.
 * Data is found under $OTSNEWS_TESTDATA or tests/data (run from the root).
 */
#include <sys/stat.h>

#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "testdata.h"
#include <jansson.h>

#include "buf.h"
#include "feed.h"

#define CORPUS_MAX	1024

struct corpus_case {
	char	path[1024];	/* input file */
};

static struct corpus_case	corpus[CORPUS_MAX];
static size_t			ncorpus;

static int
is_input(const char *name)
{
	static const char *exts[] = {
		".xml", ".rss", ".atom", ".rdf", ".html", ".jsonfeed", NULL
	};
	size_t	n = strlen(name), e;
	int	i;

	for (i = 0; exts[i] != NULL; i++) {
		e = strlen(exts[i]);
		if (n > e && strcmp(name + n - e, exts[i]) == 0)
			return (1);
	}
	return (0);
}

static int
path_cmp(const void *a, const void *b)
{
	return (strcmp(((const struct corpus_case *)a)->path,
	    ((const struct corpus_case *)b)->path));
}

static void
corpus_scan(const char *dir, int depth)
{
	DIR		*d;
	struct dirent	*de;
	struct stat	 sb;
	char		 p[1024];

	if (depth > 2 || (d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL && ncorpus < CORPUS_MAX) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(p, sizeof p, "%s/%s", dir, de->d_name);
		if (stat(p, &sb) != 0)
			continue;
		if (S_ISDIR(sb.st_mode))
			corpus_scan(p, depth + 1);
		else if (is_input(de->d_name))
			snprintf(corpus[ncorpus++].path, sizeof corpus[0].path,
			    "%s", p);
	}
	closedir(d);
}

/* Strip the input extension and add ext. */
static void
sibling(const char *path, const char *ext, char *out, size_t len)
{
	const char	*dot = strrchr(path, '.');

	snprintf(out, len, "%.*s%s", (int)(dot - path), path, ext);
}

/* Options from NAME.opts; strings live in the static storage given. */
static void
load_opts(const char *path, struct feed_opts *o, char store[5][512])
{
	char	 p[1100], line[600], *eq, *nl;
	FILE	*f;

	memset(o, 0, sizeof *o);
	o->url = "http://example.com/feed/";
	sibling(path, ".opts", p, sizeof p);
	if ((f = fopen(p, "r")) == NULL)
		return;
	while (fgets(line, sizeof line, f) != NULL) {
		if ((nl = strchr(line, '\n')) != NULL)
			*nl = '\0';
		if ((eq = strchr(line, '=')) == NULL)
			continue;
		*eq++ = '\0';
		if (strcmp(line, "url") == 0) {
			snprintf(store[0], 512, "%s", eq);
			o->url = *eq != '\0' ? store[0] : NULL;
		} else if (strcmp(line, "type") == 0)
			assert_int_equal(feed_type_parse(eq, &o->type), 0);
		else if (strcmp(line, "charset") == 0) {
			snprintf(store[1], 512, "%s", eq);
			o->http_charset = store[1];
		} else if (strcmp(line, "links") == 0) {
			snprintf(store[2], 512, "%s", eq);
			o->links_xpath = store[2];
		} else if (strcmp(line, "tz") == 0) {
			snprintf(store[3], 512, "%s", eq);
			o->tz = store[3];
		}
	}
	fclose(f);
}

static void
corpus_case_run(void **state)
{
	const struct corpus_case	*c = *state;
	struct feed_opts		 o;
	struct feed			*f;
	char				 store[5][512], jpath[1100];
	char				*in, *want, *got, *cause = NULL, *out;
	char				*direct;
	size_t				 inlen = 0, wantlen = 0, dlen;
	json_t				*j;
	FILE				*fp;

	load_opts(c->path, &o, store);
	in = slurp(c->path, &inlen);
	assert_non_null(in);
	f = feed_parse(in, inlen, &o, &cause);
	free(in);
	if (f == NULL)
		fail_msg("%s: %s", c->path, cause);
	j = feed_to_json(f);
	got = json_dumps(j, FEED_JSON_FLAGS);
	json_decref(j);
	assert_non_null(got);
	/* parse-feed prints feed_dumps(): the same bytes as jansson */
	direct = feed_dumps(f, &dlen);
	if (strcmp(direct, got) != 0 || dlen != strlen(got)) {
		print_error("--- json_dumps\n%s\n--- feed_dumps\n%s\n", got,
		    direct);
		fail_msg("%s: feed_dumps differs from json_dumps", c->path);
	}
	free(direct);
	feed_free(f);
	sibling(c->path, ".json", jpath, sizeof jpath);
	if (getenv("OTSNEWS_TEST_UPDATE") != NULL) {
		fp = fopen(jpath, "w");
		assert_non_null(fp);
		fprintf(fp, "%s\n", got);
		fclose(fp);
		free(got);
		return;
	}
	want = slurp(jpath, &wantlen);
	if (want == NULL) {
		free(got);
		fail_msg("%s: no expected file", jpath);
	}
	if (asprintf(&out, "%s\n", got) == -1)
		fail();
	free(got);
	if (strcmp(out, want) != 0) {
		print_error("--- %s expected\n%s--- got\n%s", jpath, want, out);
		free(out);
		free(want);
		fail_msg("%s differs", jpath);
	}
	free(out);
	free(want);
}

/* ---- edges ---- */

static struct feed *
parse_str(const char *s, enum feed_type type, char **cause)
{
	struct feed_opts	o;

	memset(&o, 0, sizeof o);
	o.url = "http://example.com/";
	o.type = type;
	return (feed_parse(s, strlen(s), &o, cause));
}

/* feed_dumps() escapes and leaves out what jansson does. */
static void
test_dumps_escapes(void **state)
{
	struct feed		 f;
	struct feed_entry	 e;
	struct feed_enclosure	 enc[2];
	char			*cats[3], *direct, *got;
	json_t			*j;
	size_t			 len;

	(void)state;
	memset(&f, 0, sizeof f);
	memset(&e, 0, sizeof e);
	f.format = FEED_FORMAT_RSS2;
	f.title = (char *)"q\"b\\s/ \b\f\n\r\t\x01\x1f\x7f "
	    "\xc3\xa9 \xe2\x80\xa8";
	f.link = (char *)"bad \xc3\x28 utf-8";	/* left out, as jansson */
	f.updated = 0;
	f.recovered = 1;
	f.is_index = 1;
	e.id = (char *)"id";
	e.published = 1700000000;
	e.updated = -1;
	cats[0] = (char *)"a";
	cats[1] = (char *)"\xed\xa0\x80";	/* a surrogate: left out */
	cats[2] = (char *)"c";
	e.categories = cats;
	e.ncategories = 3;
	enc[0].url = (char *)"http://x/";
	enc[0].type = NULL;
	enc[0].length = 123456789012LL;
	enc[1].url = NULL;
	enc[1].type = (char *)"audio/mpeg";
	enc[1].length = 0;
	e.enclosures = enc;
	e.nenclosures = 2;
	e.language = (char *)"en";
	f.entries = &e;
	f.nentries = 1;
	j = feed_to_json(&f);
	got = json_dumps(j, FEED_JSON_FLAGS);
	json_decref(j);
	direct = feed_dumps(&f, &len);
	assert_string_equal(direct, got);
	assert_int_equal(len, strlen(got));
	free(direct);
	free(got);
	f.nentries = 0;
	f.recovered = f.is_index = 0;
	j = feed_to_json(&f);
	got = json_dumps(j, FEED_JSON_FLAGS);
	json_decref(j);
	direct = feed_dumps(&f, &len);
	assert_string_equal(direct, got);
	free(direct);
	free(got);
}

static void
test_reject_garbage(void **state)
{
	static const char *bad[] = {
		"", "hello world", "{\"foo\": 1}", "<html><body>x</body></html>",
		"<?xml version=\"1.0\"?><unknown/>", "{not json", "\x01\x02\x03",
		NULL
	};
	struct feed	*f;
	char		*cause;
	int		 i;

	(void)state;
	for (i = 0; bad[i] != NULL; i++) {
		cause = NULL;
		f = parse_str(bad[i], FEED_TYPE_AUTO, &cause);
		if (f != NULL) {
			/* an HTML page parses as a listing with no links */
			assert_int_equal(f->nentries, 0);
			feed_free(f);
		} else
			assert_non_null(cause);
		free(cause);
	}
}

static void
test_too_large(void **state)
{
	struct feed_opts	 o;
	struct feed		*f;
	char			*cause = NULL;

	(void)state;
	memset(&o, 0, sizeof o);
	f = feed_parse("<rss/>", 33 * 1024 * 1024, &o, &cause);
	assert_null(f);
	assert_non_null(cause);
	assert_non_null(strstr(cause, "too large"));
	free(cause);
}

/*
 * Entities of the internal subset expand; external ones are never loaded;
 * an expansion bomb is refused before it grows.
 */
static void
test_entity_expansion(void **state)
{
	const char	*s =
	    "<?xml version=\"1.0\"?>\n"
	    "<!DOCTYPE rss [<!ENTITY a \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\">"
	    "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
	    "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
	    "<!ENTITY q 'say \"hi\" &amp; <b>go</b>'>"
	    "<!ENTITY xxe SYSTEM \"file:///etc/passwd\">"
	    "<!ENTITY net SYSTEM \"http://127.0.0.1:1/x\">]>\n"
	    "<rss version=\"2.0\"><channel><title>t&c;&xxe;&net;</title>"
	    "<item><title>x &q;</title><link>/?t=&q;</link>"
	    "<enclosure url=\"/e?t=&q;\" type=\"audio/mpeg\"/></item>"
	    "</channel></rss>";
	struct feed	*f;
	char		*cause = NULL;

	(void)state;
	f = parse_str(s, FEED_TYPE_AUTO, &cause);
	assert_non_null(f);
	assert_false(f->recovered);
	assert_int_equal(strlen(f->title), 1 + 32 * 15 * 15);
	assert_null(strstr(f->title, "root:"));
	assert_int_equal(f->nentries, 1);
	assert_string_equal(f->entries[0].title, "x say \"hi\" & go");
	/* in content the replacement text is markup, in an attribute text */
	assert_string_equal(f->entries[0].link,
	    "http://example.com/?t=say%20%22hi%22%20&%20go");
	assert_int_equal(f->entries[0].nenclosures, 1);
	assert_string_equal(f->entries[0].enclosures[0].url,
	    "http://example.com/e?t=say%20%22hi%22%20&%20%3Cb%3Ego%3C/b%3E");
	feed_free(f);
}

static void
test_entity_bomb(void **state)
{
	static const char *const bombs[] = {
		/* billion laughs */
		"<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n"
		"<!ENTITY lol \"lol\">\n"
		"<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
		"<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
		"<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
		"<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
		"<!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n"
		"<!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n"
		"<!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n"
		"<!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n"
		"<!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n"
		"]>\n<rss version=\"2.0\"><channel><title>&lol9;</title>"
		"<item><title>x</title></item></channel></rss>",
		/* an entity that refers to itself */
		"<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY a \"x&a;\">]>"
		"<rss version=\"2.0\"><channel><title>&a;</title>"
		"</channel></rss>",
		NULL
	};
	struct feed	*f;
	char		*cause;
	int		 i;

	(void)state;
	for (i = 0; bombs[i] != NULL; i++) {
		cause = NULL;
		f = parse_str(bombs[i], FEED_TYPE_AUTO, &cause);
		assert_null(f);
		assert_non_null(cause);
		assert_non_null(strstr(cause, "entit"));
		free(cause);
	}
}

static void
test_recovered(void **state)
{
	const char	*s = "<rss version=\"2.0\"><channel><title>T</title>"
	    "<item><title>one & two</title><link>/a</link></item>"
	    "<item><title>three</title><link>/b</link>";
	struct feed	*f;
	char		*cause = NULL;

	(void)state;
	f = parse_str(s, FEED_TYPE_AUTO, &cause);
	assert_non_null(f);
	assert_true(f->recovered);
	assert_true(f->nentries >= 1);
	assert_string_equal(f->entries[0].link, "http://example.com/a");
	feed_free(f);
}

/*
 * Markup that never closes: each '<' looked for a '>' to the end of the
 * field (quadratic).  The result is what it was, only found once.
 */
static void
test_unclosed_markup(void **state)
{
	static const char *const fill[] = { "<a '>'", "<a", "<a \"=\"" };
	struct buf	 b;
	struct feed	*f;
	char		*cause = NULL;
	size_t		 i, k;

	(void)state;
	f = parse_str("<rss version=\"2.0\"><channel><title>t</title>"
	    "<item><title>x</title><link>/1</link><description><![CDATA["
	    "<a \"<b>x</b> y]]></description></item>"
	    "<item><title>x</title><link>/2</link><description><![CDATA["
	    "a<b c<d>e]]></description></item></channel></rss>",
	    FEED_TYPE_AUTO, &cause);
	assert_non_null(f);
	assert_int_equal(f->nentries, 2);
	assert_string_equal(f->entries[0].summary, "<a \"x y");
	assert_string_equal(f->entries[1].summary, "ae");
	feed_free(f);
	for (k = 0; k < sizeof fill / sizeof fill[0]; k++) {
		buf_init(&b, 0);
		buf_addstr(&b, "<rss version=\"2.0\"><channel><title>t</title>"
		    "<item><title>x</title><link>/1</link><description>"
		    "<![CDATA[<b>x</b>");
		for (i = 0; i < test_scale(300000); i++)
			buf_addstr(&b, fill[k]);
		buf_addstr(&b, "]]></description></item></channel></rss>");
		f = parse_str(b.data, FEED_TYPE_AUTO, &cause);
		buf_clear(&b);
		assert_non_null(f);
		assert_int_equal(f->nentries, 1);
		assert_non_null(f->entries[0].summary);
		feed_free(f);
	}
}

/*
 * A listing of many links, each twice: every link was compared with all
 * before it, and the default XPath's union merged node sets pairwise
 * (both quadratic).  Each link is taken once, in order.
 */
static void
test_big_listing(void **state)
{
	struct buf	 b;
	struct feed	*f;
	char		*cause = NULL, want[64];
	size_t		 i, n;

	(void)state;
	buf_init(&b, 0);
	buf_addstr(&b, "<html><body><article>");
	n = test_scale(50000);
	for (i = 0; i < n; i++)
		buf_printf(&b, "<h2><a href=\"/n/%zu\">Story %zu</a></h2>"
		    "<h3><a href=\"/n/%zu#c\">again</a></h3>", i, i, i);
	buf_addstr(&b, "</article></body></html>");
	f = parse_str(b.data, FEED_TYPE_HTML, &cause);
	buf_clear(&b);
	assert_non_null(f);
	assert_int_equal(f->nentries, n);
	snprintf(want, sizeof want, "http://example.com/n/%zu", n - 1);
	assert_string_equal(f->entries[n - 1].link, want);
	assert_string_equal(f->entries[0].title, "Story 0");
	feed_free(f);
}

static void
test_names(void **state)
{
	enum feed_type	t;

	(void)state;
	assert_int_equal(feed_type_parse("rss", &t), 0);
	assert_int_equal(t, FEED_TYPE_RSS);
	assert_int_equal(feed_type_parse("HTML", &t), 0);
	assert_int_equal(t, FEED_TYPE_HTML);
	assert_int_equal(feed_type_parse("jsonfeed", &t), 0);
	assert_int_equal(t, FEED_TYPE_JSONFEED);
	assert_int_equal(feed_type_parse("gopher", &t), -1);
	assert_string_equal(feed_format_name(FEED_FORMAT_RSS2), "rss2");
	assert_string_equal(feed_format_name(FEED_FORMAT_RSS091N), "rss091n");
	assert_string_equal(feed_format_name(FEED_FORMAT_ATOM03), "atom03");
	assert_string_equal(feed_format_name(FEED_FORMAT_SITEMAP), "sitemap");
	feed_free(NULL);
}

static void
test_hash_id(void **state)
{
	const char	*s = "<rss version=\"2.0\"><channel>"
	    "<item><title>No link</title>"
	    "<pubDate>Thu, 01 Jan 2004 19:48:21 GMT</pubDate></item>"
	    "<item><title>No link</title>"
	    "<pubDate>Thu, 01 Jan 2004 19:48:21 GMT</pubDate></item>"
	    "<item><title>Other</title></item></channel></rss>";
	struct feed	*f;
	char		*cause = NULL;
	size_t		 i;

	(void)state;
	f = parse_str(s, FEED_TYPE_AUTO, &cause);
	assert_non_null(f);
	assert_int_equal(f->nentries, 3);
	for (i = 0; i < 3; i++) {
		assert_non_null(f->entries[i].id);
		assert_int_equal(strlen(f->entries[i].id), 64);
		assert_null(f->entries[i].link);
	}
	assert_string_equal(f->entries[0].id, f->entries[1].id);
	assert_string_not_equal(f->entries[0].id, f->entries[2].id);
	feed_free(f);
}

static void
test_html_default_xpath(void **state)
{
	const char	*s = "<html><body><article><h2><a href=\"/x/1\">One"
	    "</a></h2><p>21 May 2025</p></article><article><h2><a "
	    "href=\"/x/1#top\">One again</a></h2></article>"
	    "<a href=\"/nav\">nav</a></body></html>";
	struct feed	*f;
	char		*cause = NULL;

	(void)state;
	f = parse_str(s, FEED_TYPE_HTML, &cause);
	assert_non_null(f);
	assert_int_equal(f->nentries, 1);
	assert_string_equal(f->entries[0].link, "http://example.com/x/1");
	assert_string_equal(f->entries[0].title, "One");
	feed_free(f);
}

int
main(void)
{
	const struct CMUnitTest	 edges[] = {
		cmocka_unit_test(test_reject_garbage),
		cmocka_unit_test(test_too_large),
		cmocka_unit_test(test_entity_expansion),
		cmocka_unit_test(test_entity_bomb),
		cmocka_unit_test(test_recovered),
		cmocka_unit_test(test_unclosed_markup),
		cmocka_unit_test(test_big_listing),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_hash_id),
		cmocka_unit_test(test_html_default_xpath),
		cmocka_unit_test(test_dumps_escapes),
	};
	struct CMUnitTest	*tests;
	char			 dir[1024];
	size_t			 i;
	int			 rc;

	snprintf(dir, sizeof dir, "%s/feeds", data_dir());
	corpus_scan(dir, 0);
	qsort(corpus, ncorpus, sizeof corpus[0], path_cmp);
	if (ncorpus == 0) {
		fprintf(stderr, "test_feed: no corpus under %s\n", dir);
		return (1);
	}
	tests = calloc(ncorpus, sizeof *tests);
	if (tests == NULL)
		return (1);
	for (i = 0; i < ncorpus; i++) {
		tests[i].name = corpus[i].path;
		tests[i].test_func = corpus_case_run;
		tests[i].initial_state = &corpus[i];
	}
	rc = cmocka_run_group_tests_name("feed edges", edges, NULL, NULL);
	rc += _cmocka_run_group_tests("feed corpus", tests, ncorpus, NULL,
	    NULL);
	free(tests);
	return (rc != 0);
}
