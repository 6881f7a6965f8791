/*
 * test_source_state.c -- a source's saved state (validators, a permanent
 * redirect, gone): saved durably or not, it loads back the same; an
 * empty or cut file, what a power loss may leave of a save made without
 * fsync, loads as a fresh state.
 */
#include <sys/stat.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "source-state.h"
#include "xmalloc.h"

#define CONF_URL	"http://127.0.0.1:1/feed.xml"

static char	*dir;

static int
setup(void **state)
{
	char	 tmpl[] = "/tmp/otsnews-state-XXXXXX";

	assert_non_null(mkdtemp(tmpl));
	dir = xstrdup(tmpl);
	return (0);
}

static int
teardown(void **state)
{
	char	*cmd;

	xasprintf(&cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(dir);
	return (0);
}

static void
save(const char *name, int durable, const char *etag, int gone)
{
	struct source_state	 st;
	char			*cause = NULL;

	memset(&st, 0, sizeof st);
	st.conf_url = xstrdup(CONF_URL);
	st.url = xstrdup("http://127.0.0.1:1/moved.xml");
	st.etag = etag != NULL ? xstrdup(etag) : NULL;
	st.last_modified = xstrdup("Tue, 01 Dec 2026 10:00:00 GMT");
	st.gone = gone;
	assert_int_equal(source_state_save(dir, name, &st, durable, &cause),
	    0);
	assert_null(cause);
	source_state_clear(&st);
}

static void
test_round_trip(void **state)
{
	struct source_state	st;
	int			durable;

	for (durable = 0; durable <= 1; durable++) {
		save("a", durable, durable ? "\"v2\"" : "\"v1\"", durable);
		source_state_load(dir, "a", CONF_URL, &st);
		assert_string_equal(st.url, "http://127.0.0.1:1/moved.xml");
		assert_string_equal(st.etag, durable ? "\"v2\"" : "\"v1\"");
		assert_string_equal(st.last_modified,
		    "Tue, 01 Dec 2026 10:00:00 GMT");
		assert_int_equal(st.gone, durable);
		source_state_clear(&st);
	}
	/* A state saved for another configured URL is not this one's. */
	source_state_load(dir, "a", "http://127.0.0.1:1/other.xml", &st);
	assert_string_equal(st.url, "http://127.0.0.1:1/other.xml");
	assert_null(st.etag);
	assert_int_equal(st.gone, 0);
	source_state_clear(&st);
}

/* Write bytes over NAME's state file, as a power loss could leave it. */
static void
damage(const char *name, size_t keep)
{
	char	*path, *text = NULL;
	FILE	*f;
	size_t	 len = 0;
	long	 size;

	xasprintf(&path, "%s/sources/%s.json", dir, name);
	if (keep > 0) {
		assert_non_null(f = fopen(path, "r"));
		assert_int_equal(fseek(f, 0, SEEK_END), 0);
		assert_true((size = ftell(f)) > (long)keep);
		rewind(f);
		text = xmalloc(keep);
		len = fread(text, 1, keep, f);
		assert_int_equal(len, keep);
		fclose(f);
	}
	assert_non_null(f = fopen(path, "w"));
	if (len > 0)
		assert_int_equal(fwrite(text, 1, len, f), len);
	fclose(f);
	free(text);
	free(path);
}

static void
test_damaged_is_fresh(void **state)
{
	struct source_state	st;
	size_t			keep;

	for (keep = 0; keep <= 20; keep += 20) {	/* empty, then cut */
		save("b", 0, "\"v1\"", 0);
		damage("b", keep);
		source_state_load(dir, "b", CONF_URL, &st);
		assert_string_equal(st.conf_url, CONF_URL);
		assert_string_equal(st.url, CONF_URL);
		assert_null(st.etag);
		assert_null(st.last_modified);
		assert_int_equal(st.gone, 0);
		source_state_clear(&st);
	}
	/* No file at all: fresh too, and saving again works. */
	source_state_load(dir, "c", CONF_URL, &st);
	assert_null(st.etag);
	source_state_clear(&st);
	save("b", 0, "\"v3\"", 0);
	source_state_load(dir, "b", CONF_URL, &st);
	assert_string_equal(st.etag, "\"v3\"");
	source_state_clear(&st);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_round_trip, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_damaged_is_fresh, setup,
		    teardown),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
