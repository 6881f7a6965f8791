/*
 * dedup-bucket.c -- the buckets of the shared dedup index.
 *
 * The shared index (dedup-store.c) keeps every entry in Redis and files
 * its number under a few buckets, so that an article's evaluation reads
 * the entries it may be compared with, not the whole index.  A bucket is
 * a 64-bit value: its kind in the top two bits, a hash below.
 *
 *	DEDUP_BUCKET_LSH	a sketch hash.  An entry is filed under the
 *				DEDUP_LSH_MIN smallest hashes of its sketch and
 *				every one below 2^64 / DEDUP_LSH_RATE (at most
 *				DEDUP_LSH_MAX); an article looks under its
 *				DEDUP_LSH_PROBE smallest shingles outside its
 *				boilerplate and every such one below the rate.
 *				A text repeating half of another shares, with
 *				near certainty, one of those hashes with it
 *				(bottom-k: the smallest hashes of the two are
 *				samples of one permutation, and a fixed bound
 *				samples both alike).
 *	DEDUP_BUCKET_KEY	a story key: '#' keys whole, and each part of an
 *				entity key by its prefix (dedup_prefix_key),
 *				which is where story_key_match finds them.
 *
 * The evaluation itself is dedup_evaluate's, unchanged: what is filed and
 * looked up only decides which entries it sees.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "dedup-entry.h"
#include "dedup.h"
#include "xmalloc.h"

#define DEDUP_HASH_MASK	((1ULL << 62) - 1)

struct dedup_bset {
	uint64_t	*v;
	size_t		 n, size;
};

static void
dedup_bset_add(struct dedup_bset *b, int kind, uint64_t h)
{
	if (b->n == b->size) {
		b->size = b->size == 0 ? 64 : b->size * 2;
		b->v = xreallocarray(b->v, b->size, sizeof *b->v);
	}
	b->v[b->n++] = (uint64_t)kind << 62 | (h & DEDUP_HASH_MASK);
}

static int
dedup_u64_cmp(const void *a, const void *b)
{
	uint64_t	x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x < y ? -1 : x > y);
}

/* Sorted and unique; returns the count, *out the array (never NULL). */
static size_t
dedup_bset_finish(struct dedup_bset *b, uint64_t **out)
{
	size_t	i, n = 0;

	if (b->v == NULL)
		b->v = xcalloc(1, sizeof *b->v);
	qsort(b->v, b->n, sizeof *b->v, dedup_u64_cmp);
	for (i = 0; i < b->n; i++) {
		if (n == 0 || b->v[n - 1] != b->v[i])
			b->v[n++] = b->v[i];
	}
	*out = b->v;
	return (n);
}

/* Every part prefix of the keys ('#' keys whole). */
static void
dedup_bset_keys(struct dedup_bset *b, char **keys, size_t nkeys)
{
	const char	*key, *p;
	size_t		 i, lp;

	for (i = 0; i < nkeys && i < 64; i++) {
		key = keys[i];
		if (key[0] == '#') {
			dedup_bset_add(b, DEDUP_BUCKET_KEY,
			    dedup_tab_hash(key, strlen(key)));
			continue;
		}
		for (p = key; *p != '\0'; p += lp + (p[lp] == '+')) {
			lp = strcspn(p, "+");
			dedup_bset_add(b, DEDUP_BUCKET_KEY,
			    dedup_prefix_key(p, lp));
		}
	}
}

static int
dedup_sampled(uint64_t h)
{
	return (h < UINT64_MAX / DEDUP_LSH_RATE);
}

size_t
dedup_entry_buckets(const struct dedup_entry *e, uint64_t **out)
{
	struct dedup_bset	b;
	size_t			i, n = 0;

	memset(&b, 0, sizeof b);
	for (i = 0; i < e->nsketch && n < DEDUP_LSH_MAX; i++) {
		if (i >= DEDUP_LSH_MIN && !dedup_sampled(e->sketch[i]))
			break;		/* ascending: no more below */
		dedup_bset_add(&b, DEDUP_BUCKET_LSH, e->sketch[i]);
		n++;
	}
	dedup_bset_keys(&b, e->keys, e->nkeys);
	return (dedup_bset_finish(&b, out));
}

size_t
dedup_probes(struct dedup_index *idx, struct article *a,
    struct dedup_text *t, uint64_t **out)
{
	const struct dedup_shingles	*s = &t->s;
	struct dedup_bset		 b;
	struct dedup_entry		*ne;
	uint64_t			 amask;
	size_t				 i, n = 0;

	memset(&b, 0, sizeof b);
	amask = dedup_source_boiler(idx, a->id != NULL ? a->id : "",
	    a->source != NULL ? a->source : "-", s);
	ne = dedup_entry_make_text(a, t, amask);
	for (i = 0; i < s->n; i++) {
		if (DEDUP_TAG_MASKED(s->para[i], amask))
			continue;
		if (n >= DEDUP_LSH_PROBE && !dedup_sampled(s->h[i]))
			break;
		dedup_bset_add(&b, DEDUP_BUCKET_LSH, s->h[i]);
		n++;
	}
	dedup_bset_keys(&b, ne->keys, ne->nkeys);
	dedup_entry_free(ne);
	return (dedup_bset_finish(&b, out));
}
