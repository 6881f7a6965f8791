/* test_url.c -- URL resolution and canonical identity. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "url.h"

static void
check_canon(const char *in, const char *want)
{
	char	*got = url_canonical(in);

	if (want == NULL) {
		assert_null(got);
		return;
	}
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void
test_canonical(void **state)
{
	(void)state;
	check_canon("HTTP://WWW.Example.KZ:80/News/A?utm_source=rss&utm_medium=feed#top",
	    "http://www.example.kz/News/A");
	check_canon("https://example.kz:443/a?id=5&fbclid=xyz", "https://example.kz/a?id=5");
	check_canon("https://example.kz:8443/a", "https://example.kz:8443/a");
	check_canon("https://example.kz", "https://example.kz/");
	check_canon("https://example.kz/a?gclid=1", "https://example.kz/a");
	check_canon("ftp://example.kz/a", NULL);
	check_canon("not a url", NULL);
}

static void
test_resolve(void **state)
{
	char	*s;

	(void)state;
	s = url_resolve("http://h.kz/akorda/en/events/index.html", "/akorda/en/news/x.html");
	assert_string_equal(s, "http://h.kz/akorda/en/news/x.html");
	free(s);
	s = url_resolve("http://h.kz/a/b/", "c.html");
	assert_string_equal(s, "http://h.kz/a/b/c.html");
	free(s);
	s = url_resolve("http://h.kz/a/", "  https://other.kz/x  ");
	assert_string_equal(s, "https://other.kz/x");
	free(s);
	assert_null(url_resolve("http://h.kz/", "javascript:void(0)"));
	assert_null(url_resolve("http://h.kz/", "mailto:a@b.kz"));
	assert_null(url_resolve("http://h.kz/", "   "));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_canonical),
		cmocka_unit_test(test_resolve),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
