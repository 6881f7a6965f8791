/* test_spool.c -- records survive in the spool and come back whole. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "article.h"
#include "spool.h"

struct replayed {
	int	 n;
	char	*titles[4];
	char	*link_ids[4];
	char	*names[4];
};

static void
collect(struct article *a, char *link_id, char *name, void *arg)
{
	struct replayed	*r = arg;

	assert_true(r->n < 4);
	r->titles[r->n] = strdup(a->title);
	r->link_ids[r->n] = link_id;
	r->names[r->n] = name;
	r->n++;
	article_free(a);
}

static struct article *
make(const char *id, const char *title)
{
	struct article	*a = article_new();

	article_set(&a->id, id);
	article_set(&a->url, "https://example.kz/a");
	article_set(&a->title, title);
	article_set(&a->body, "Первый абзац.\n\nSecond paragraph.");
	a->published = 1747820400;	/* 2025-05-21T09:40:00Z */
	a->similarity = -1;
	return (a);
}

static void
test_roundtrip(void **state)
{
	char		 dir[] = "/tmp/otsnews-spool-XXXXXX";
	struct spool	*sp;
	struct article	*a, *b;
	struct replayed	 r;
	char		*cause = NULL, *n1, *n2, path[256];
	int		 i;

	(void)state;
	assert_non_null(mkdtemp(dir));
	sp = spool_open(dir, &cause);
	assert_non_null(sp);
	assert_int_equal(spool_count(sp), 0);
	a = make("aaaa", "Саммит ОТГ");
	b = make("bbbb", "Second");
	n1 = spool_write(sp, a, "link1", &cause);
	n2 = spool_write(sp, b, NULL, &cause);
	assert_non_null(n1);
	assert_non_null(n2);
	assert_int_equal(spool_count(sp), 2);
	/* Writing the same record again does not count twice. */
	free(spool_write(sp, a, "link1", &cause));
	assert_int_equal(spool_count(sp), 2);
	spool_close(sp);

	/* A new process finds both, and a corrupt file is moved aside. */
	snprintf(path, sizeof path, "%s/spool/cccc.json", dir);
	FILE *f = fopen(path, "w");
	fputs("{not json", f);
	fclose(f);
	sp = spool_open(dir, &cause);
	assert_int_equal(spool_count(sp), 3);
	memset(&r, 0, sizeof r);
	spool_replay(sp, 1000, NULL, collect, &r);
	assert_int_equal(r.n, 2);
	assert_int_equal(spool_count(sp), 2);
	for (i = 0; i < r.n; i++) {
		if (strcmp(r.titles[i], "Саммит ОТГ") == 0)
			assert_string_equal(r.link_ids[i], "link1");
		else
			assert_null(r.link_ids[i]);
		spool_remove(sp, r.names[i]);
		free(r.titles[i]);
		free(r.link_ids[i]);
		free(r.names[i]);
	}
	assert_int_equal(spool_count(sp), 0);
	spool_close(sp);
	article_free(a);
	article_free(b);
	free(n1);
	free(n2);
	snprintf(path, sizeof path, "rm -rf %s", dir);
	assert_int_equal(system(path), 0);
}

static void
test_article_fields(void **state)
{
	struct article	*a = make("abcd", "T");
	const char	*names[ARTICLE_NFIELDS];
	char		*values[ARTICLE_NFIELDS];
	size_t		 n;
	json_t		*o;
	struct article	*b;

	(void)state;
	n = article_fields(a, names, values);
	assert_int_equal(n, ARTICLE_NFIELDS);
	assert_string_equal(names[0], "schema");
	assert_string_equal(values[0], "1");
	assert_string_equal(names[6], "published_at");
	assert_string_equal(values[6], "2025-05-21T09:40:00Z");
	assert_string_equal(names[7], "fetched_at");
	assert_string_equal(values[7], "");
	assert_string_equal(names[16], "similarity");
	assert_string_equal(values[16], "");	/* no dup_of: empty */
	assert_string_equal(names[17], "story_id");
	article_fields_free(values, n);

	article_set(&a->dup_of, "ffff");
	a->similarity = 0.8123;
	o = article_to_json(a);
	assert_string_equal(json_string_value(json_object_get(o, "similarity")),
	    "0.812");
	b = article_from_json(o);
	assert_non_null(b);
	assert_string_equal(b->dup_of, "ffff");
	assert_int_equal(b->published, a->published);
	assert_string_equal(b->body, a->body);
	json_decref(o);
	article_free(a);
	article_free(b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_article_fields),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
