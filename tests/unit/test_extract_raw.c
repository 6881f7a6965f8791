/*
 * test_extract_raw.c -- extract_raw_strip: which script and style bodies
 * go, which stay, and that a page it cannot follow is left as it is.
 * (tests/fuzz/fuzz_raw.c checks the trees libxml2 builds from both.)
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "article.h"
#include "extract.h"
#include "xmalloc.h"

/* The stripped copy of s, checked in place as well. */
static void
check_strip(const char *s, const char *want)
{
	size_t	 len = strlen(s), n;
	char	*out = xmalloc(len + 1), *in = xstrdup(s);

	n = extract_raw_strip(s, len, out);
	out[n] = '\0';
	assert_string_equal(out, want);
	n = extract_raw_strip(in, len, in);
	in[n] = '\0';
	assert_string_equal(in, want);
	free(out);
	free(in);
}

static void
test_raw_bodies(void **state)
{
	(void)state;
	check_strip("<p>a</p><script>var x = 1 < 2;</script><p>b</p>"
	    "<STYLE type=\"text/css\">p > a { }</sTyLe >",
	    "<p>a</p><script></script><p>b</p>"
	    "<STYLE type=\"text/css\"></sTyLe >");
	/* Quoted values may hold '>' and "</script>". */
	check_strip("<script data-a=\"</script>\" b='x>y'>f()</script>",
	    "<script data-a=\"</script>\" b='x>y'></script>");
	/* A body starting with a tag libxml2 does not close on goes too. */
	check_strip("<script type=\"text/template\"><div>{{x}}</div></script>",
	    "<script type=\"text/template\"></script>");
}

static void
test_raw_kept(void **state)
{
	const char	*same[] = {
		/* JSON: the JSON-LD walk reads it. */
		"<script type=\"application/ld+json\">{\"a\":1}</script>",
		"<script type=application/json id=s>{\"a\":1}</script>",
		/* Not raw: a self-closed script, a comment, a quote. */
		"<script src=\"a.js\"/><p>text</p>",
		"<!-- <script> --><p>text</p><!-- </script> -->",
		"<div title=\"<script>\">text</div>",
		/* '<' inside a bogus attribute: not a tag. */
		"<p<script>text</p>",
		/* Open to the end: libxml2 reads the rest as the body. */
		"<p>a</p><script>var never_closed = 1; <p>b</p>",
		"<p>a</p><!-- open <script>x</script>",
		"<script async=\"unclosed>x</script>",
		/* "</scriptx": libxml2 ends the body there; not followed. */
		"<script>a</scriptx>b<script>c</script>",
		/* An end tag, or <frameset> (which closes style), first. */
		"<script></div>x</script>",
		"<head><style><frameset>x</style>",
		"<head><style><FRAMESET.a{}</style>",
		/* A '<' before the '>' of something skipped whole. */
		"<!x <script>y</script>\">",
		"</_x <script>y</script>",
		NULL
	};
	const char	**s;

	(void)state;
	for (s = same; *s != NULL; s++)
		check_strip(*s, *s);
	/* After what it cannot follow, nothing more goes. */
	check_strip("<script>a</script><!-- open <script>b</script>",
	    "<script></script><!-- open <script>b</script>");
	/* "</p>" may close the script: what follows is not its body. */
	check_strip("<style>a</style><p><script></p><!-- x --></script>"
	    "<script>b</script>", "<style></style><p><script></p>"
	    "<!-- x --></script><script>b</script>");
}

/* The page's article is the same with the bodies gone. */
static void
test_raw_page(void **state)
{
	const char	*page = "<html><head><title>OTS summit</title>"
	    "<script>document.write('<p>Not the article.</p>');</script>"
	    "<style>.a{}</style><script type=\"application/ld+json\">"
	    "{\"@type\":\"NewsArticle\",\"headline\":\"OTS summit in Astana\","
	    "\"datePublished\":\"2026-11-03T10:00:00+05:00\"}</script>"
	    "</head><body><article><h1>OTS summit in Astana</h1><p>The "
	    "leaders of the Organization of Turkic States met in Astana on "
	    "Monday to sign a charter on transport corridors.</p><script>"
	    "var ad = '<p>Advertisement text</p>';</script><p>The next "
	    "summit will be held in Baku, the secretary general said.</p>"
	    "</article></body></html>";
	struct extract_opts	 o = { 0 };
	struct article		*a;
	char			*cause = NULL;

	(void)state;
	o.url = "http://example.org/news/1.html";
	o.tz = "Asia/Almaty";
	a = extract_page(page, strlen(page), &o, &cause);
	assert_non_null(a);
	assert_string_equal(a->title, "OTS summit in Astana");
	assert_true(a->published > 0);
	assert_non_null(strstr(a->body, "transport corridors"));
	assert_non_null(strstr(a->body, "held in Baku"));
	assert_null(strstr(a->body, "Advertisement"));
	assert_null(strstr(a->body, "Not the article"));
	article_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_raw_bodies),
		cmocka_unit_test(test_raw_kept),
		cmocka_unit_test(test_raw_page),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
