/*
 * dedup-minhash.c -- word shingles and bottom-k MinHash sketches.
 *
 * Hand-written: Debian has no C library for MinHash.  A body is split into
 * paragraphs (at line breaks), each paragraph into normalised words
 * (text_tokenize, marks stripped), and each run of DEDUP_SHINGLE words
 * within a paragraph is hashed (FNV-1a, then the splitmix64 finaliser so
 * that the low hashes form a uniform sample).  An article keeps the
 * DEDUP_SKETCH smallest hashes, each tagged with its paragraph, so that
 * paragraphs found to be a site's boilerplate can be left out when two
 * articles are compared.  Below the largest hash of b's sketch, the sketch
 * is exactly b's set, so the containment in both directions is estimated
 * from the hashes of a (all known) and b below that bound.
 *
 * The words of each line are kept (dedup_lines) for story_keys_lines, so
 * that a body is tokenised once for both.
 */
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "buf.h"
#include "dedup-entry.h"
#include "dedup.h"
#include "hash.h"
#include "text.h"
#include "xmalloc.h"

#define FNV_OFFSET	0xcbf29ce484222325ULL
#define FNV_PRIME	0x100000001b3ULL

static uint64_t
dedup_fnv(uint64_t h, const char *s)
{
	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= FNV_PRIME;
	}
	h ^= ' ';
	return (h * FNV_PRIME);
}

static uint64_t
dedup_mix(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	x ^= x >> 31;
	return (x);
}

static int
dedup_pair_cmp(const void *a, const void *b)
{
	const uint64_t	*x = a, *y = b;

	if (x[0] != y[0])
		return (x[0] < y[0] ? -1 : 1);
	return (x[1] < y[1] ? -1 : x[1] > y[1]);
}

/* Shingles of one paragraph's words into pairs (hash, paragraph). */
static void
dedup_paragraph(struct text_token *t, size_t nt, size_t pi, uint64_t **pairs,
    size_t *n, size_t *size)
{
	size_t		i, k, last;
	uint64_t	h;

	last = nt >= DEDUP_SHINGLE ? nt - DEDUP_SHINGLE + 1 : 1;
	for (i = 0; i < last; i++) {
		h = FNV_OFFSET;
		for (k = i; k < i + DEDUP_SHINGLE && k < nt; k++)
			h = dedup_fnv(h, t[k].word);
		if (*n == *size) {
			*size = *size == 0 ? 256 : *size * 2;
			*pairs = xreallocarray(*pairs, *size, 2 * sizeof **pairs);
		}
		(*pairs)[2 * *n] = dedup_mix(h);
		(*pairs)[2 * *n + 1] = pi < DEDUP_UNTAGGED ? pi : DEDUP_UNTAGGED;
		(*n)++;
	}
}

static int
dedup_ascii(const char *s)
{
	for (; *s != '\0'; s++) {
		if ((unsigned char)*s >= 0x80)
			return (0);
	}
	return (1);
}

/* Words joined by one space, as dedup_content_hash joins them. */
static void
dedup_words_add(struct buf *w, size_t *nw, const struct text_token *t,
    size_t nt)
{
	size_t	i;

	for (i = 0; i < nt; i++) {
		if ((*nw)++ > 0)
			buf_addc(w, ' ');
		buf_addstr(w, t[i].word);
	}
}

/*
 * The lines' tokens, and in words the body's words as
 * dedup_content_hash joins them: no token spans a line, and on an ASCII
 * line marks cannot be stripped, so its tokens serve both and only other
 * lines are tokenised twice.  The lines' tokens are tw's when it is not
 * NULL (the article's words, text_words_make of this body): taken over,
 * not made again.
 */
static void
dedup_lines_words(const char *body, struct text_words *tw,
    struct dedup_lines *l, struct buf *words)
{
	struct text_token	*t, *t0;
	size_t			 nt, n0, size = 0, nw = 0, k;
	char			*copy, *line, *next;

	memset(l, 0, sizeof *l);
	copy = xstrdup(body != NULL ? body : "");
	for (k = 0, line = copy; line != NULL; line = next, k++) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if (tw != NULL && k < tw->nlines) {
			t = tw->line[k];
			nt = tw->nline[k];
			tw->line[k] = NULL;
			tw->nline[k] = 0;
		} else
			nt = text_tokenize(line, TEXT_STRIP_MARKS, &t);
		if (dedup_ascii(line))
			dedup_words_add(words, &nw, t, nt);
		else {
			n0 = text_tokenize(line, 0, &t0);
			dedup_words_add(words, &nw, t0, n0);
			text_tokens_free(t0, n0);
		}
		if (nt == 0) {
			text_tokens_free(t, nt);
			continue;
		}
		if (l->n == size) {
			size = size == 0 ? 16 : size * 2;
			l->t = xreallocarray(l->t, size, sizeof *l->t);
			l->nt = xreallocarray(l->nt, size, sizeof *l->nt);
		}
		l->t[l->n] = t;
		l->nt[l->n++] = nt;
	}
	free(copy);
}

void
dedup_lines_clear(struct dedup_lines *l)
{
	size_t	i;

	for (i = 0; i < l->n; i++)
		text_tokens_free(l->t[i], l->nt[i]);
	free(l->t);
	free(l->nt);
	memset(l, 0, sizeof *l);
}

void
dedup_shingles_lines(const struct dedup_lines *l, struct dedup_shingles *s)
{
	struct text_token	*t;
	uint64_t		*pairs = NULL, fp;
	size_t			 n = 0, size = 0, nt, i, k, pi;

	memset(s, 0, sizeof *s);
	s->paras = xcalloc(DEDUP_PARAS, sizeof *s->paras);
	for (pi = 0; pi < l->n; pi++) {
		t = l->t[pi];
		nt = l->nt[pi];
		fp = FNV_OFFSET;
		for (k = 0; k < nt; k++)
			fp = dedup_fnv(fp, t[k].word);
		if (pi < DEDUP_PARAS)
			s->paras[s->nparas++] = dedup_mix(fp) & DEDUP_PARA_Q;
		dedup_paragraph(t, nt, pi, &pairs, &n, &size);
	}
	if (n > 0)
		qsort(pairs, n, 2 * sizeof *pairs, dedup_pair_cmp);
	s->h = xcalloc(n + 1, sizeof *s->h);
	s->para = xcalloc(n + 1, sizeof *s->para);
	for (i = 0; i < n; i++) {
		if (s->n > 0 && s->h[s->n - 1] == pairs[2 * i])
			continue;
		s->h[s->n] = pairs[2 * i];
		s->para[s->n] = pairs[2 * i + 1];
		s->n++;
	}
	free(pairs);
}

struct dedup_text *
dedup_text_make(const struct article *a)
{
	struct dedup_text	*t = xcalloc(1, sizeof *t);
	struct buf		 w;
	char			 hex[HASH_HEX_LEN + 1];

	/* dedup_content_hash(a->body), from the same tokens as the lines */
	buf_init(&w, 0);
	if (a->words != NULL && a->words->body_src == a->body) {
		dedup_lines_words(a->body, a->words, &t->l, &w);
		text_words_clear(a->words);	/* emptied: made of nothing */
	} else
		dedup_lines_words(a->body, NULL, &t->l, &w);
	hash_sha256_hex(w.data != NULL ? w.data : "", w.len, hex);
	buf_clear(&w);
	t->content_hash = xstrdup(hex);
	dedup_shingles_lines(&t->l, &t->s);
	return (t);
}

void
dedup_text_free(struct dedup_text *t)
{
	size_t	i;

	if (t == NULL)
		return;
	dedup_lines_clear(&t->l);
	dedup_shingles_clear(&t->s);
	free(t->content_hash);
	for (i = 0; i < t->nkeys; i++)
		free(t->keys[i]);
	free(t->keys);
	free(t);
}

void
dedup_shingles_clear(struct dedup_shingles *s)
{
	free(s->h);
	free(s->para);
	free(s->paras);
	memset(s, 0, sizeof *s);
}

static int
dedup_masked(uint8_t para, uint64_t mask)
{
	return (DEDUP_TAG_MASKED(para, mask));
}

double
dedup_sketch_compare(const struct dedup_shingles *a, uint64_t amask,
    const uint64_t *bh, const uint8_t *bpara, size_t bn, int bfull,
    uint64_t bmask, size_t *common)
{
	uint64_t	bound, q;
	size_t		i, j, na = 0, nb = 0, both = 0, smaller;

	*common = 0;
	if (bn == 0 || a->n == 0)
		return (0.0);
	/* Quantised on both sides (DEDUP_SKETCH_Q): b may come from Redis. */
	bound = bfull ? UINT64_MAX : bh[bn - 1] & DEDUP_SKETCH_Q;
	for (i = 0, j = 0; i < a->n && (q = a->h[i] & DEDUP_SKETCH_Q) <= bound;
	    i++) {
		if (dedup_masked(a->para[i], amask))
			continue;
		na++;
		while (j < bn && (bh[j] & DEDUP_SKETCH_Q) < q)
			j++;
		/* Each of b's hashes matches once (two of a's may share q). */
		if (j < bn && (bh[j] & DEDUP_SKETCH_Q) == q) {
			if (!dedup_masked(bpara[j], bmask))
				both++;
			j++;
		}
	}
	for (j = 0; j < bn; j++) {
		if (!dedup_masked(bpara[j], bmask))
			nb++;
	}
	*common = both;
	smaller = na < nb ? na : nb;
	if (smaller == 0)
		return (0.0);
	return ((double)both / smaller);
}
