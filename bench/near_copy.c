/*
 * near_copy.c -- how many copies of real texts the near-copy check finds,
 * for weighing what the stored sketch keeps (bench/RESULTS.md).
 *
 *	near_copy FILE.jsonl ...
 *
 * The bodies of extracted articles (otsnews extract output, one JSON
 * object a line) of at least 3 paragraphs and 300 words are the long
 * texts L.  For each, with M the next one (another article), these are
 * made, by words, keeping L's line breaks:
 *
 *	excerpt-W	L's first W words (all of it repeated)
 *	mix60-W		0.6 W words of L's middle, then 0.4 W of M: a near
 *			copy (DEDUP_NEAR is half of the shorter text)
 *	mix30-W		0.3 W of L, 0.7 W of M: not a near copy
 *	edit		L with every 20th word replaced by one of M's (a
 *			near copy: 3/4 of the 5-word shingles are kept)
 *	other		M itself: not a near copy
 *
 * Each is checked both ways: L filed and the derived text evaluated
 * ("L first": the index holds the long text's sketch, the hard case for
 * a short text), and the derived text filed and L evaluated.  A pair
 * counts as found when the evaluated article's dup_of is the other, and
 * as found through the buckets when, besides, the evaluated article's
 * probes meet the filed one's buckets: a lookup in Redis would bring it
 * (the caps of a full bucket aside).
 * Prints, per kind and way, found / pairs; and the mean sketch hashes an
 * entry keeps.  Pure: dedup_index in memory, no Redis.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "article.h"
#include "buf.h"
#include "dedup-entry.h"
#include "dedup.h"

#define MAXTEXTS	4096

struct words {
	char	**w;		/* each word, '\n' before a paragraph's first */
	size_t	  n;
};

static struct words	texts[MAXTEXTS];
static size_t		ntexts;
static double		sketch_sum;
static size_t		sketch_n;

static void
words_split(const char *body, struct words *t)
{
	const char	*p = body, *q;
	int		 nl = 0;
	size_t		 size = 0;

	t->n = 0;
	t->w = NULL;
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\n') {
			if (*p == '\n')
				nl = 1;
			p++;
		}
		if (*p == '\0')
			break;
		for (q = p; *q != '\0' && *q != ' ' && *q != '\t' &&
		    *q != '\n'; q++)
			;
		if (t->n == size) {
			size = size ? size * 2 : 256;
			t->w = realloc(t->w, size * sizeof *t->w);
		}
		if (asprintf(&t->w[t->n], "%s%.*s", nl && t->n ? "\n" : "",
		    (int)(q - p), p) < 0)
			exit(1);
		t->n++;
		nl = 0;
		p = q;
	}
}

static size_t
paragraphs(const struct words *t)
{
	size_t	i, n = 1;

	for (i = 1; i < t->n; i++)
		n += t->w[i][0] == '\n';
	return (n);
}

/* Words [from, from + n) of t, appended to b. */
static void
words_add(struct buf *b, const struct words *t, size_t from, size_t n)
{
	size_t	i;

	for (i = from; i < from + n && i < t->n; i++) {
		if (b->len > 0 && t->w[i][0] != '\n')
			buf_addc(b, ' ');
		buf_addstr(b, t->w[i]);
	}
}

static struct article *
make(const char *id, const char *source, char *body)
{
	struct article	*a = article_new();

	article_set(&a->id, id);
	article_set(&a->source, source);
	article_set(&a->title, id);
	article_set(&a->lang, "en");
	a->body = body;
	a->published = 1700000000;
	a->fetched = 1700000000;
	return (a);
}

/* Do two sorted arrays share a value? */
static int
meet(const uint64_t *x, size_t nx, const uint64_t *y, size_t ny)
{
	size_t	i = 0, j = 0;

	while (i < nx && j < ny) {
		if (x[i] == y[j])
			return (1);
		if (x[i] < y[j])
			i++;
		else
			j++;
	}
	return (0);
}

/*
 * File first, evaluate second: is second a copy of first?  1 when the
 * index says so, 3 when also a lookup in Redis would have brought first
 * (second's probes meet first's buckets, dedup-bucket.c).
 */
static int
found(const char *first, const char *second)
{
	struct dedup_index	*idx = dedup_index_new(0);
	struct article		*a, *b;
	struct dedup_entry	*e;
	struct dedup_text	*t;
	uint64_t		*eb, *pb;
	size_t			 neb, npb;
	int			 hit;

	a = make("first", "s1", strdup(first));
	e = dedup_evaluate(idx, a);
	sketch_sum += (double)e->nsketch;
	sketch_n++;
	neb = dedup_entry_buckets(e, &eb);
	dedup_index_add(idx, e);
	b = make("second", "s2", strdup(second));
	t = dedup_text_make(b);
	npb = dedup_probes(idx, b, t, &pb);
	dedup_text_free(t);
	e = dedup_evaluate(idx, b);
	hit = b->dup_of != NULL && strcmp(b->dup_of, "first") == 0;
	if (hit && meet(eb, neb, pb, npb))
		hit |= 2;
	free(eb);
	free(pb);
	dedup_entry_free(e);
	article_free(a);
	article_free(b);
	dedup_index_free(idx);
	return (hit);
}

enum { EXCERPT60, EXCERPT150, MIX60_100, MIX60_250, MIX30_100, MIX30_250,
    EDIT, OTHER, NKINDS };
static const char *const kind_name[NKINDS] = {
	"excerpt-60", "excerpt-150", "mix60-100", "mix60-250", "mix30-100",
	"mix30-250", "edit", "other"
};
static const int	kind_copy[NKINDS] = { 1, 1, 1, 1, 0, 0, 1, 0 };

static char *
derive(int kind, const struct words *l, const struct words *m)
{
	struct buf	b;
	size_t		w, nl, i;

	buf_init(&b, 0);
	switch (kind) {
	case EXCERPT60:
	case EXCERPT150:
		words_add(&b, l, 0, kind == EXCERPT60 ? 60 : 150);
		break;
	case MIX60_100:
	case MIX60_250:
	case MIX30_100:
	case MIX30_250:
		w = kind == MIX60_100 || kind == MIX30_100 ? 100 : 250;
		nl = kind == MIX60_100 || kind == MIX60_250 ? w * 6 / 10 :
		    w * 3 / 10;
		words_add(&b, l, l->n > nl ? (l->n - nl) / 2 : 0, nl);
		buf_addc(&b, '\n');
		words_add(&b, m, 0, w - nl);
		break;
	case EDIT:
		for (i = 0; i < l->n; i++) {
			if (b.len > 0 && l->w[i][0] != '\n')
				buf_addc(&b, ' ');
			if (i % 20 == 19)
				buf_addstr(&b, m->w[i % m->n] +
				    (m->w[i % m->n][0] == '\n'));
			else
				buf_addstr(&b, l->w[i]);
		}
		break;
	default:
		words_add(&b, m, 0, m->n);
		break;
	}
	return (buf_steal(&b));
}

int
main(int argc, char **argv)
{
	struct buf	 lb;
	size_t		 hits[NKINDS][4] = { { 0 } }, pairs[NKINDS] = { 0 };
	size_t		 i, k;
	char		 line[1 << 20], *d, *l;
	int		 f, h;

	for (f = 1; f < argc; f++) {
		FILE	*fp = fopen(argv[f], "r");

		if (fp == NULL) {
			perror(argv[f]);
			return (1);
		}
		while (fgets(line, sizeof line, fp) != NULL &&
		    ntexts < MAXTEXTS) {
			json_t		*o = json_loads(line, 0, NULL);
			const char	*body;

			if (o == NULL)
				continue;
			body = json_string_value(json_object_get(o, "body"));
			if (body != NULL) {
				words_split(body, &texts[ntexts]);
				if (texts[ntexts].n >= 300 &&
				    paragraphs(&texts[ntexts]) >= 3)
					ntexts++;
			}
			json_decref(o);
		}
		fclose(fp);
	}
	for (i = 0; i < ntexts; i++) {
		const struct words	*lw = &texts[i];
		const struct words	*mw = &texts[(i + 1) % ntexts];

		buf_init(&lb, 0);
		words_add(&lb, lw, 0, lw->n);
		l = buf_steal(&lb);
		for (k = 0; k < NKINDS; k++) {
			d = derive((int)k, lw, mw);
			pairs[k]++;
			h = found(l, d);
			hits[k][0] += h & 1;
			hits[k][2] += h >> 1;
			h = found(d, l);
			hits[k][1] += h & 1;
			hits[k][3] += h >> 1;
			free(d);
		}
		free(l);
	}
	printf("texts %zu, sketch hashes kept per entry %.1f\n", ntexts,
	    sketch_n ? sketch_sum / (double)sketch_n : 0.0);
	printf("| kind | a copy | pairs | L filed first: found | "
	    "through the buckets | L second: found | through the buckets |\n");
	printf("| --- | --- | --- | --- | --- | --- | --- |\n");
	for (k = 0; k < NKINDS; k++)
		printf("| %s | %s | %zu | %zu | %zu | %zu | %zu |\n",
		    kind_name[k], kind_copy[k] ? "yes" : "no", pairs[k],
		    hits[k][0], hits[k][2], hits[k][1], hits[k][3]);
	return (0);
}
