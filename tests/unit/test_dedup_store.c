/*
 * test_dedup_store.c -- the shared dedup index: buckets, lookups, views.
 *
 * A model of the two Redis scripts (the lookup of dedup-store.c and the
 * filing part of the publication script, DEDUP_STORE_FILE_LUA) answers
 * the commands dedup-store.c builds, so that the world's fixtures can be
 * published through views of the shared index and compared, article by
 * article, with the in-memory index that sees everything.  The scripts
 * themselves run against a real Redis in the integration tests.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>
#include <hiredis/hiredis.h>

#include "testdata.h"
#include "dedup-fixture.h"
#include "fake-reply.h"

#include "article.h"
#include "dedup-store.h"
#include "dedup.h"

#define NFIX	64
#define NMEM	8192

/* ---- fixtures (as in test_dedup.c) ---- */

static struct article *
fixture_load(const char *name)
{
	struct article	*a;
	char		 path[1024], *buf;

	snprintf(path, sizeof path, "%s/dedup/%s.txt", data_dir(), name);
	if ((buf = slurp(path, NULL)) == NULL)
		fail_msg("cannot read %s", path);
	a = dedup_fixture_parse(buf);
	article_set(&a->id, name);
	a->fetched = -1;
	free(buf);
	return (a);
}

static int
article_cmp(const void *x, const void *y)
{
	const struct article	*a = *(struct article *const *)x;
	const struct article	*b = *(struct article *const *)y;

	if (a->published != b->published)
		return (a->published < b->published ? -1 : 1);
	return (strcmp(a->id, b->id));
}

/* Every fixture of tests/data/dedup, in publication order. */
static size_t
load_all(struct article **v)
{
	char		 dir[1024], name[256];
	struct dirent	*de;
	DIR		*d;
	size_t		 n = 0;

	snprintf(dir, sizeof dir, "%s/dedup", data_dir());
	assert_non_null(d = opendir(dir));
	while ((de = readdir(d)) != NULL && n < NFIX) {
		if (strstr(de->d_name, ".txt") == NULL)
			continue;
		snprintf(name, sizeof name, "%.*s",
		    (int)(strlen(de->d_name) - 4), de->d_name);
		v[n++] = fixture_load(name);
	}
	closedir(d);
	qsort(v, n, sizeof *v, article_cmp);
	return (n);
}

/* ---- a model of Redis's side ---- */

/* A record of a bucket: the bucket's records in the order of seq. */
struct member {
	char		*key;
	unsigned long	 seq;		/* filing order */
	unsigned long	 num;
	long		 check;		/* < 0: none (S:) */
};

struct model {
	char		*version;
	char		*entries[NFIX + 1];	/* by number, from 1 */
	unsigned long	 n, seq;
	struct member	 m[NMEM];
	size_t		 nm;
	unsigned	 lookups;
};

static void
model_clear(struct model *md)
{
	size_t	i;

	for (i = 1; i <= md->n; i++)
		free(md->entries[i]);
	for (i = 0; i < md->nm; i++)
		free(md->m[i].key);
	free(md->version);
}

/*
 * The filing script's put: the entry's record appended (its check put in
 * the last record instead, when that is the entry's already: two of its
 * buckets share the key), then the newest cap of the key kept.
 */
static void
model_put(struct model *md, const char *key, long check, int cap)
{
	size_t	i, low = 0, last = 0;
	int	count = 0;

	for (i = 0; i < md->nm; i++) {
		if (strcmp(md->m[i].key, key) == 0 && (count++ == 0 ||
		    md->m[i].seq > md->m[last].seq))
			last = i;
	}
	if (count > 0 && md->m[last].num == md->n) {
		md->m[last].check = check;
		return;
	}
	assert_true(md->nm < NMEM);
	md->m[md->nm].key = strdup(key);
	md->m[md->nm].seq = ++md->seq;
	md->m[md->nm].num = md->n;
	md->m[md->nm].check = check;
	md->nm++;
	for (;;) {
		count = 0;
		for (i = 0; i < md->nm; i++) {
			if (strcmp(md->m[i].key, key) != 0)
				continue;
			if (count++ == 0 || md->m[i].seq < md->m[low].seq)
				low = i;
		}
		if (count <= cap)
			break;
		free(md->m[low].key);
		md->m[low] = md->m[--md->nm];
	}
}

/*
 * The lookup script's take: of the newest count records of key, those
 * with this check (< 0: any), newest first, appended.
 */
static void
model_take(struct model *md, const char *key, long check, int count,
    unsigned long *ids, int *full, int sketch, size_t *nids)
{
	unsigned long	 below = (unsigned long)-1, best;
	size_t		 i, k, bi;
	int		 taken;

	for (taken = 0; taken < count; taken++) {
		best = 0;
		bi = 0;
		for (i = 0; i < md->nm; i++) {
			if (strcmp(md->m[i].key, key) == 0 &&
			    md->m[i].seq < below && md->m[i].seq > best) {
				best = md->m[i].seq;
				bi = i;
			}
		}
		if (best == 0)
			break;
		below = best;
		if (check >= 0 && md->m[bi].check != check)
			continue;
		for (k = 0; k < *nids && ids[k] != md->m[bi].num; k++)
			;
		if (k == *nids) {
			full[k] = 0;
			ids[(*nids)++] = md->m[bi].num;
		}
		full[k] |= sketch;
	}
}

static int
ulong_desc(const void *x, const void *y)
{
	unsigned long	a = *(const unsigned long *)x;
	unsigned long	b = *(const unsigned long *)y;

	return (a < b ? 1 : a > b ? -1 : 0);
}

/* An entry as the script returns it: "." for its sketch when !full. */
static char *
model_value(const char *value, int full)
{
	const char	*sp = strrchr(value, ' ');
	char		*v;

	if (!full && strncmp(value + 17, "5 ", 2) == 0) {
		/* format 5: its head's length in four hex digits */
		char	hex[5];
		size_t	l;

		memcpy(hex, value + 19, 4);
		hex[4] = '\0';
		l = strtoul(hex, NULL, 16);

		v = malloc(23 + l + 3);
		memcpy(v, value, 23 + l);
		strcpy(v + 23 + l, " .");
		return (v);
	}
	if (full || sp == NULL)
		return (strdup(value));
	v = malloc(sp - value + 3);
	memcpy(v, value, sp - value + 1);
	strcpy(v + (sp - value + 1), ".");
	return (v);
}

/* The lookup script over an argv of dedup_store_lookup. */
static redisReply *
model_lookup(struct model *md, const struct dedup_argv *argv)
{
	redisReply	*r;
	unsigned long	 ids[NFIX * 4], sorted[NFIX * 4];
	int		 full[NFIX * 4];
	size_t		 nids = 0, nkeys, nlsh, i, k;
	char		 num[32], **keys, **args, *v;
	int		 cap, max;

	md->lookups++;
	assert_true(argv->n >= 7);
	assert_string_equal(argv->v[0], "EVAL");
	nkeys = strtoul(argv->v[2], NULL, 10);
	keys = argv->v + 3;
	args = argv->v + 3 + nkeys;
	assert_int_equal(argv->n, 3 + nkeys + 5 + (nkeys - 2));
	assert_string_equal(keys[0], "t:dedup");
	assert_int_equal(strncmp(keys[1], "t:S:", 4), 0);
	assert_string_equal(args[0], "t:entry:");
	cap = atoi(args[1]);
	max = atoi(args[2]);
	nlsh = strtoul(args[4], NULL, 10);
	assert_true(nlsh <= nkeys - 2);
	model_take(md, keys[1], -1, atoi(args[3]), ids, full, 1, &nids);
	for (i = 2; i < nkeys; i++) {
		/* the L: buckets first, their number in args[4] */
		assert_int_equal(strncmp(keys[i], i - 2 < nlsh ? "t:L:" :
		    "t:K:", 4), 0);
		model_take(md, keys[i], atol(args[i + 3]), cap, ids, full,
		    i - 2 < nlsh, &nids);
	}
	memcpy(sorted, ids, nids * sizeof *ids);
	qsort(sorted, nids, sizeof *sorted, ulong_desc);
	r = reply_new(REDIS_REPLY_ARRAY, NULL);
	reply_add(r, reply_new(REDIS_REPLY_STRING, md->version != NULL ?
	    md->version : "0"));
	for (i = 0; i < nids && (int)i < max; i++) {
		for (k = 0; ids[k] != sorted[i]; k++)
			;
		snprintf(num, sizeof num, "%lu", sorted[i]);
		reply_add(r, reply_new(REDIS_REPLY_STRING, num));
		v = model_value(md->entries[sorted[i]], full[k]);
		reply_add(r, reply_new(REDIS_REPLY_STRING, v));
		free(v);
	}
	return (r);
}

/* The filing part of the publication script. */
static void
model_file(struct model *md, const char *value, const struct dedup_argv *keys,
    const struct dedup_argv *args)
{
	size_t	i, nu, u;
	char	buf[32];

	assert_true(keys->n >= 2 && args->n == 3 + (keys->n - 2) + 1 +
	    2 * strtoul(args->v[3 + keys->n - 2], NULL, 10));
	assert_true(md->n < NFIX);
	md->n++;
	md->entries[md->n] = strdup(value);
	model_put(md, keys->v[1], -1, atoi(args->v[2]));
	for (i = 2; i < keys->n; i++)
		model_put(md, keys->v[i], atoi(args->v[i + 1]),
		    atoi(args->v[1]));
	u = 3 + keys->n - 2;
	nu = strtoul(args->v[u], NULL, 10);
	for (i = 0; i < nu; i++) {
		unsigned long n = strtoul(args->v[u + 1 + 2 * i], NULL, 10);

		assert_true(n >= 1 && n < md->n);
		assert_int_equal(strlen(args->v[u + 2 + 2 * i]), 16);
		memcpy(md->entries[n], args->v[u + 2 + 2 * i], 16);
	}
	snprintf(buf, sizeof buf, "%lu", md->n);
	free(md->version);
	md->version = strdup(buf);
}

/* Publish one article through a view, as publish.c does. */
static void
model_publish(struct model *md, struct article *a)
{
	struct dedup_store	*ds = dedup_store_new("t:");
	struct dedup_argv	 argv, keys, args;
	redisReply		*r;
	char			*cause = NULL, *value;

	for (;;) {
		memset(&argv, 0, sizeof argv);
		if (dedup_store_lookup(ds, a, &argv) == 0) {
			dedup_argv_clear(&argv);
			break;
		}
		r = model_lookup(md, &argv);
		assert_int_equal(dedup_store_answer(ds, r, &cause), 0);
		assert_string_equal(dedup_store_version(ds),
		    md->version != NULL ? md->version : "0");
		reply_free(r);
		dedup_argv_clear(&argv);
	}
	memset(&keys, 0, sizeof keys);
	memset(&args, 0, sizeof args);
	dedup_store_evaluate(ds, a, &value, &keys, &args);
	model_file(md, value, &keys, &args);
	free(value);
	dedup_argv_clear(&keys);
	dedup_argv_clear(&args);
	dedup_store_free(ds);
}

static void
copy_article(struct article *to, const struct article *from)
{
	article_set(&to->id, from->id);
	article_set(&to->source, from->source);
	article_set(&to->title, from->title);
	article_set(&to->body, from->body);
	article_set(&to->topics, from->topics);
	to->published = from->published;
	to->fetched = from->fetched;
}

/*
 * Every fixture published through views of the shared index gets the
 * content hash, dup_of, similarity and story of the index that holds
 * everything.
 */
static void
test_views_match_full_index(void **state)
{
	struct article		*a[NFIX], *b[NFIX];
	struct dedup_index	*idx;
	struct model		 md;
	size_t			 n, i, dups = 0, joined = 0;

	n = load_all(a);
	assert_true(n >= 20);
	idx = dedup_index_new(0);
	memset(&md, 0, sizeof md);
	for (i = 0; i < n; i++) {
		b[i] = article_new();
		copy_article(b[i], a[i]);
		dedup_index_add(idx, dedup_evaluate(idx, a[i]));
		model_publish(&md, b[i]);
		assert_string_equal(b[i]->content_hash, a[i]->content_hash);
		if (a[i]->dup_of == NULL)
			assert_null(b[i]->dup_of);
		else {
			assert_non_null(b[i]->dup_of);
			assert_string_equal(b[i]->dup_of, a[i]->dup_of);
			dups++;
		}
		assert_true(b[i]->similarity == a[i]->similarity);
		assert_string_equal(b[i]->story_id, a[i]->story_id);
		if (strncmp(a[i]->story_id, a[i]->id, 16) != 0)
			joined++;
	}
	/* The comparison is worth something: copies and stories exist. */
	assert_true(dups >= 2);
	assert_true(joined >= 5);
	assert_int_equal(md.n, n);
	/* Rounds: at least one lookup each, at most DEDUP_STORE_ROUNDS. */
	assert_true(md.lookups >= n && md.lookups <= n * DEDUP_STORE_ROUNDS);
	for (i = 0; i < n; i++) {
		article_free(a[i]);
		article_free(b[i]);
	}
	dedup_index_free(idx);
	model_clear(&md);
}

static int
u64cmp(const void *x, const void *y)
{
	uint64_t	a = *(const uint64_t *)x, b = *(const uint64_t *)y;

	return (a < b ? -1 : a > b);
}

/* Where an entry is filed, and where an article looks. */
static void
test_buckets(void **state)
{
	struct article		*a[NFIX];
	struct dedup_index	*idx;
	struct dedup_entry	*e;
	struct dedup_text	*tx;
	uint64_t		*fb, *pb;
	size_t			 n, nf, np, i, j, k, lsh, key;
	int			 first;

	n = load_all(a);
	idx = dedup_index_new(0);
	for (i = 0; i < n; i++) {
		for (k = 0, first = 1; k < i; k++)
			first &= strcmp(a[k]->source, a[i]->source) != 0;
		tx = dedup_text_make(a[i]);
		np = dedup_probes(idx, a[i], tx, &pb);
		e = dedup_evaluate_text(idx, a[i], tx);
		dedup_text_free(tx);
		nf = dedup_entry_buckets(e, &fb);
		lsh = key = 0;
		for (j = 0; j < nf; j++) {
			if (j > 0)
				assert_true(fb[j - 1] < fb[j]);
			if (DEDUP_BUCKET_KIND(fb[j]) == DEDUP_BUCKET_LSH)
				lsh++;
			else {
				assert_int_equal(DEDUP_BUCKET_KIND(fb[j]),
				    DEDUP_BUCKET_KEY);
				key++;
			}
		}
		assert_true(lsh >= 1 && lsh <= DEDUP_LSH_MAX);
		/*
		 * An article looks under its story keys where it is filed;
		 * the first of its source (no boilerplate to leave out) under
		 * its sketch hashes too.
		 */
		for (j = 0; j < nf; j++) {
			if (first || DEDUP_BUCKET_KIND(fb[j]) ==
			    DEDUP_BUCKET_KEY)
				assert_non_null(bsearch(&fb[j], pb, np,
				    sizeof *pb, u64cmp));
		}
		free(fb);
		free(pb);
		dedup_index_add(idx, e);
	}
	dedup_index_free(idx);
	for (i = 0; i < n; i++)
		article_free(a[i]);
}

/*
 * A lookup that finds a newer version starts the view over; an error
 * reply is refused with its text; an entry that does not decode is left
 * out, not fatal.
 */
static void
test_answers(void **state)
{
	struct dedup_store	*ds = dedup_store_new("t:");
	struct article		*a[NFIX];
	struct dedup_argv	 argv, keys, args;
	redisReply		*r;
	char			*cause = NULL, *value;
	size_t			 n, i;

	n = load_all(a);
	memset(&argv, 0, sizeof argv);
	assert_true(dedup_store_lookup(ds, a[0], &argv) > 0);
	dedup_argv_clear(&argv);
	assert_string_equal(dedup_store_version(ds), "0");

	r = reply_new(REDIS_REPLY_ARRAY, NULL);
	reply_add(r, reply_new(REDIS_REPLY_STRING, "7"));
	reply_add(r, reply_new(REDIS_REPLY_STRING, "3"));
	reply_add(r, reply_new(REDIS_REPLY_STRING,
	    "0000000000000000 not an entry"));
	assert_int_equal(dedup_store_answer(ds, r, &cause), 0);
	reply_free(r);
	assert_string_equal(dedup_store_version(ds), "7");
	assert_int_equal(dedup_store_count(ds), 1);
	/* a second round, if any, sees the version move: start over */
	r = reply_new(REDIS_REPLY_ARRAY, NULL);
	reply_add(r, reply_new(REDIS_REPLY_STRING, "8"));
	assert_int_equal(dedup_store_answer(ds, r, &cause), 1);
	reply_free(r);
	assert_int_equal(dedup_store_count(ds), 0);
	assert_string_equal(dedup_store_version(ds), "0");

	r = reply_new(REDIS_REPLY_ERROR, "OOM command not allowed");
	assert_int_equal(dedup_store_answer(ds, r, &cause), -1);
	assert_non_null(strstr(cause, "OOM"));
	free(cause);
	reply_free(r);

	/* the undecodable entry is skipped; the article starts its story */
	r = reply_new(REDIS_REPLY_ARRAY, NULL);
	reply_add(r, reply_new(REDIS_REPLY_STRING, "8"));
	reply_add(r, reply_new(REDIS_REPLY_STRING, "3"));
	reply_add(r, reply_new(REDIS_REPLY_STRING,
	    "0000000000000000 1 broken"));
	assert_int_equal(dedup_store_answer(ds, r, &cause), 0);
	reply_free(r);
	memset(&keys, 0, sizeof keys);
	memset(&args, 0, sizeof args);
	dedup_store_evaluate(ds, a[0], &value, &keys, &args);
	assert_null(a[0]->dup_of);
	assert_int_equal(strncmp(a[0]->story_id, a[0]->id, 16), 0);
	assert_string_equal(keys.v[0], "t:dedup");
	assert_string_equal(args.v[0], "t:entry:");
	assert_int_equal(strlen(value) > 17 && value[16] == ' ', 1);
	assert_int_equal(strcmp(args.v[args.n - 1], "0"), 0);	/* no updates */
	free(value);
	dedup_argv_clear(&keys);
	dedup_argv_clear(&args);
	dedup_store_free(ds);
	dedup_store_free(NULL);
	for (i = 0; i < n; i++)
		article_free(a[i]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_views_match_full_index),
		cmocka_unit_test(test_buckets),
		cmocka_unit_test(test_answers),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
