/*
 * dedup-boiler.c -- paragraphs an article shares with others of its
 * source: the boilerplate left out when texts are compared (dedup.c),
 * unless two articles share more than half their paragraphs (one text
 * posted twice).  Paragraph fingerprints are compared through a 256-bit
 * filter first: most pairs share none.
 */
#include <sys/queue.h>

#include <stdint.h>
#include <string.h>

#include "dedup-entry.h"
#include "dedup.h"

static size_t
dedup_popcount(uint64_t m)
{
	return (__builtin_popcountll(m));
}

/*
 * A fingerprint's bit in the filter: its top eight bits, which are among
 * the thirty an entry keeps (DEDUP_PARA_Q zeroes the low 34, so the low
 * bits would leave a quarter of the filter unused).
 */
static unsigned
dedup_para_bit(uint64_t v)
{
	return ((unsigned)(v >> 56));
}

/*
 * A 256-bit filter of paragraph fingerprints: a fingerprint whose bit is
 * clear is none of them.  Most pairs of a source's articles share no
 * paragraph, so the filter spares comparing each with each.
 */
void
dedup_para_filter(const uint64_t *a, size_t na, uint64_t f[4])
{
	size_t		i;
	unsigned	bit;

	f[0] = f[1] = f[2] = f[3] = 0;
	for (i = 0; i < na; i++) {
		bit = dedup_para_bit(a[i]);
		f[bit >> 6] |= 1ULL << (bit & 63);
	}
}

int
dedup_para_filters_meet(const uint64_t a[4], const uint64_t b[4])
{
	return (((a[0] & b[0]) | (a[1] & b[1]) | (a[2] & b[2]) |
	    (a[3] & b[3])) != 0);
}

static int
dedup_para_maybe(const uint64_t f[4], uint64_t v)
{
	unsigned	bit = dedup_para_bit(v);

	return ((f[bit >> 6] & 1ULL << (bit & 63)) != 0);
}

/* Bit mask of a's paragraphs that also occur in b. */
uint64_t
dedup_shared_paras(const uint64_t *a, size_t na, const uint64_t *b,
    size_t nb)
{
	uint64_t	mask = 0, f[4];
	size_t		i, j;

	dedup_para_filter(b, nb, f);
	for (i = 0; i < na && i < 64; i++) {
		if (!dedup_para_maybe(f, a[i]))
			continue;
		for (j = 0; j < nb; j++) {
			if (a[i] == b[j]) {
				mask |= 1ULL << i;
				break;
			}
		}
	}
	return (mask);
}

/*
 * Both masks of dedup_shared_paras in one pass: a's paragraphs that occur
 * in b (returned) and b's that occur in a (*bmask); bfilter is b's
 * dedup_para_filter, which the index keeps (e->pfilter).
 */
uint64_t
dedup_shared_both(const uint64_t *a, size_t na, const uint64_t *b,
    size_t nb, const uint64_t bfilter[4], uint64_t *bmask)
{
	uint64_t	ma = 0, mb = 0;
	size_t		i, j;

	for (i = 0; i < na; i++) {
		if (!dedup_para_maybe(bfilter, a[i]))
			continue;
		for (j = 0; j < nb; j++) {
			if (a[i] != b[j])
				continue;
			if (i < 64)
				ma |= 1ULL << i;
			if (j < 64)
				mb |= 1ULL << j;
		}
	}
	*bmask = mb;
	return (ma);
}

/*
 * Do two articles of one source share more than half the paragraphs of the
 * shorter?  Then they are one text posted twice, not a text and the site's
 * boilerplate.  Given the mask of a's paragraphs that b also has
 * (dedup_shared_paras(a, na, b, nb)), which callers need anyway.
 */
int
dedup_repost_mask(uint64_t shared, size_t na, size_t nb)
{
	size_t	fewer = na < nb ? na : nb;

	return (fewer > 0 && dedup_popcount(shared) * 2 > fewer);
}

/* The article's paragraphs that other articles of its source also carry. */
uint64_t
dedup_source_boiler(const struct dedup_index *idx, const char *id,
    const char *source, const struct dedup_shingles *s)
{
	struct dedup_source	*src;
	struct dedup_entry	*e;
	uint64_t		 mask = 0, m;

	if ((src = dedup_index_source(idx, source)) == NULL)
		return (0);
	TAILQ_FOREACH(e, &src->entries, sentry) {
		if (strcmp(e->id, id) == 0)
			continue;
		m = dedup_shared_paras(s->paras, s->nparas, e->paras,
		    e->nparas);
		if (!dedup_repost_mask(m, s->nparas, e->nparas))
			mask |= m;
	}
	return (mask);
}

/* The candidate's paragraphs to leave out when compared with a. */
uint64_t
dedup_boiler_of(const struct dedup_entry *e, const char *source,
    const struct dedup_shingles *s)
{
	uint64_t	mask = e->boiler, m;

	if (strcmp(e->source, source) == 0) {
		m = dedup_shared_paras(e->paras, e->nparas, s->paras,
		    s->nparas);
		if (!dedup_repost_mask(m, e->nparas, s->nparas))
			mask |= m;
	}
	return (mask);
}
