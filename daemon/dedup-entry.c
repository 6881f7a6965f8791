/*
 * dedup-entry.c -- index entries and their one-line text form.
 *
 * The line, stored in Redis (dedup-store.h) so that other daemons and
 * restarts see the same index, is twelve fields separated by one space:
 *
 *	4 ID SOURCE WHEN SEEN HASH STORY OTS NSHINGLES PARAS KEYS SKETCH
 *
 * "4" is the format version; WHEN is the publication time in seconds since
 * the epoch (-1 unknown), SEEN the time the article was fetched, which
 * expiry goes by (old articles found today stay for the retention);
 * HASH the first DEDUP_HASH_KEPT hex digits of the content hash (128
 * bits: what the index compares); OTS is 1 or 0 (the article's topics had
 * "ots" or not) or '-' (unknown); PARAS the paragraph fingerprints, five
 * base64 characters each (the top 30 bits, DEDUP_PARA_Q); KEYS the story
 * evidence joined by ','; SKETCH, last so that a reader can cut it off,
 * the bottom-k hashes, each quantised to its top 24 bits (DEDUP_SKETCH_Q),
 * in ascending order as the differences from the one before (the first
 * from 0): three base64 characters for a difference below
 * DEDUP_DELTA_ESC, else the three of DEDUP_DELTA_ESC and four of the
 * difference; then ':', one base64 character B (1..6) and the hashes'
 * paragraph tags, B bits each, packed into base64 characters (the last
 * padded with zero bits).  Two hashes may be equal once quantised (a
 * difference of 0).  A SKETCH of "." means it was left out (the lookup
 * script ships no sketch where the evaluation cannot use one): the entry
 * decodes without a sketch.  An empty list is "-".  None of the fields can
 * contain a space.
 *
 * Format 3 (2026-12-01; the full 64-digit content hash, sketch hashes as
 * five base64 characters of 24 bits and a six-bit tag) and format 2
 * (until 2026-12; 64-bit paragraph fingerprints in hex joined by ',',
 * sketch hashes as 12 base64 characters of 64 bits and a tag byte) are
 * still read, quantised and cut as format 4 is, so that an index filed by
 * an older daemon keeps deciding alike through its retention.  A 256-hash
 * sketch is ~0.8 KB in format 4, ~1.3 KB in format 3, ~3.1 KB in format 2:
 * the values are the same, only written shorter.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "article.h"
#include "buf.h"
#include "dedup-entry.h"
#include "log.h"
#include "story.h"
#include "xmalloc.h"

#define DEDUP_FORMAT4	"4"

/* A sketch difference this large or larger is written in full. */
#define DEDUP_DELTA_ESC	0x3ffff

static const char dedup_b64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

struct dedup_entry *
dedup_entry_make(const struct article *a, const struct dedup_shingles *s,
    const struct dedup_lines *l, uint64_t skip)
{
	struct dedup_entry	*e;
	size_t			 n;

	e = xcalloc(1, sizeof *e);
	e->id = xstrdup(a->id != NULL ? a->id : "");
	e->source = xstrdup(a->source != NULL && *a->source != '\0' ?
	    a->source : "-");
	e->when = a->published >= 0 ? a->published : a->fetched;
	e->seen = a->fetched >= 0 ? a->fetched : time(NULL);
	if (a->content_hash != NULL)	/* cut as decoded entries are */
		snprintf(e->hash, DEDUP_HASH_KEPT + 1, "%s", a->content_hash);
	e->nshingles = s->n;
	n = dedup_sketch_kept(s->n);
	e->sketch = xcalloc(n + 1, sizeof *e->sketch);
	e->spara = xcalloc(n + 1, sizeof *e->spara);
	if (n != 0) {		/* an empty text has no shingle arrays */
		memcpy(e->sketch, s->h, n * sizeof *e->sketch);
		memcpy(e->spara, s->para, n * sizeof *e->spara);
	}
	e->nsketch = n;
	e->paras = xcalloc(s->nparas + 1, sizeof *e->paras);
	if (s->nparas != 0)
		memcpy(e->paras, s->paras, s->nparas * sizeof *e->paras);
	e->nparas = s->nparas;
	if (l != NULL)		/* NULL: the caller fills in the keys */
		e->nkeys = story_keys_lines(a->title, l->t, l->nt, l->n, skip,
		    a->published, &e->keys);
	/* The pipeline runs topic_match first: no topics is not OTS. */
	e->ots = a->topics != NULL && strstr(a->topics, "ots") != NULL;
	return (e);
}

/* How many of a text's n shingle hashes its entry keeps. */
size_t
dedup_sketch_kept(size_t n)
{
	size_t	k = (n + DEDUP_SKETCH_RATE - 1) / DEDUP_SKETCH_RATE;

	if (k < DEDUP_SKETCH_MIN)
		k = DEDUP_SKETCH_MIN;
	if (k > DEDUP_SKETCH_MAX)
		k = DEDUP_SKETCH_MAX;
	return (k < n ? k : n);
}

static char **
dedup_keys_dup(char **keys, size_t n)
{
	char	**copy = xcalloc(n + 1, sizeof *copy);
	size_t	  i;

	for (i = 0; i < n; i++)
		copy[i] = xstrdup(keys[i]);
	return (copy);
}

struct dedup_entry *
dedup_entry_make_text(const struct article *a, struct dedup_text *t,
    uint64_t skip)
{
	struct dedup_entry	*e;
	size_t			 i;

	if (t->has_keys && t->keys_skip == skip) {
		/* As dedup_entry_make, less story_keys_lines. */
		e = dedup_entry_make(a, &t->s, NULL, skip);
		e->keys = dedup_keys_dup(t->keys, t->nkeys);
		e->nkeys = t->nkeys;
		return (e);
	}
	e = dedup_entry_make(a, &t->s, &t->l, skip);
	for (i = 0; i < t->nkeys; i++)
		free(t->keys[i]);
	free(t->keys);
	t->keys = dedup_keys_dup(e->keys, e->nkeys);
	t->nkeys = e->nkeys;
	t->keys_skip = skip;
	t->has_keys = 1;
	return (e);
}

static void *
dedup_memdup(const void *p, size_t n, size_t size)
{
	void	*q = xcalloc(n + 1, size);

	if (n != 0)
		memcpy(q, p, n * size);
	return (q);
}

struct dedup_entry *
dedup_entry_copy(const struct dedup_entry *e)
{
	struct dedup_entry	*c;
	size_t			 i, len = 0, end;

	c = xcalloc(1, sizeof *c);
	c->id = xstrdup(e->id);
	c->source = xstrdup(e->source);
	c->when = e->when;
	c->seen = e->seen;
	memcpy(c->hash, e->hash, sizeof c->hash);
	c->story = e->story != NULL ? xstrdup(e->story) : NULL;
	c->ots = e->ots;
	c->nshingles = e->nshingles;
	c->sketch = dedup_memdup(e->sketch, e->nsketch, sizeof *c->sketch);
	c->spara = dedup_memdup(e->spara, e->nsketch, sizeof *c->spara);
	c->nsketch = e->nsketch;
	c->paras = dedup_memdup(e->paras, e->nparas, sizeof *c->paras);
	c->nparas = e->nparas;
	c->boiler = e->boiler;
	c->nkeys = e->nkeys;
	c->keys = xcalloc(e->nkeys + 1, sizeof *c->keys);
	if (e->keyblock == NULL) {
		for (i = 0; i < e->nkeys; i++)
			c->keys[i] = xstrdup(e->keys[i]);
		return (c);
	}
	/* Decoded: the keys point into one block; copy it, point again. */
	for (i = 0; i < e->nkeys; i++) {
		end = (size_t)(e->keys[i] - e->keyblock) + strlen(e->keys[i]);
		if (end + 1 > len)
			len = end + 1;
	}
	c->keyblock = dedup_memdup(e->keyblock, len, 1);
	for (i = 0; i < e->nkeys; i++)
		c->keys[i] = c->keyblock + (e->keys[i] - e->keyblock);
	return (c);
}

size_t
dedup_entry_size(const struct dedup_entry *e)
{
	size_t	n, i;

	if (e->packed)		/* known: a view files a few hundred */
		return (e->packed);
	n = sizeof *e + strlen(e->id) + strlen(e->source) + 2;
	if (e->story != NULL)
		n += strlen(e->story) + 1;
	n += e->nsketch * (sizeof *e->sketch + sizeof *e->spara);
	n += e->nparas * sizeof *e->paras;
	n += (e->nkeys + 1) * sizeof *e->keys;
	for (i = 0; i < e->nkeys; i++)
		n += strlen(e->keys[i]) + 1;
	return (n);
}

void
dedup_entry_free(struct dedup_entry *e)
{
	if (e == NULL)
		return;
	if (e->packed) {	/* dedup_entry_pack: one allocation */
		if (!e->inarena)
			free(e);
		return;
	}
	free(e->id);
	free(e->source);
	free(e->story);
	free(e->sketch);
	free(e->spara);
	free(e->paras);
	if (e->keyblock != NULL) {	/* decoded: the keys point into it */
		free(e->keyblock);
		free(e->keys);
	} else
		story_keys_free(e->keys, e->nkeys);
	free(e);
}

const char *
dedup_entry_id(const struct dedup_entry *e)
{
	return (e->id);
}

const char *
dedup_entry_story(const struct dedup_entry *e)
{
	return (e->story);
}

const char *
dedup_entry_source(const struct dedup_entry *e)
{
	return (e->source);
}

uint64_t
dedup_entry_boiler(const struct dedup_entry *e)
{
	return (e->boiler);
}

void
dedup_entry_set_boiler(struct dedup_entry *e, uint64_t boiler)
{
	e->boiler = boiler;
}

/* The low 6 * n bits of v as n base64 characters, the highest first. */
static void
dedup_encode_b64(struct buf *b, uint32_t v, int n)
{
	char	out[5];
	int	i;

	for (i = 0; i < n; i++)
		out[i] = dedup_b64[(v >> (6 * (n - 1 - i))) & 63];
	buf_add(b, out, (size_t)n);
}

/* The SKETCH field of format 4 (see the top of the file). */
static void
dedup_encode_sketch(struct buf *b, const struct dedup_entry *e)
{
	uint32_t	q, prev = 0, d, acc = 0;
	uint8_t		tag, max = 0;
	size_t		i;
	int		bits = 1, nacc = 0;

	if (e->nsketch == 0) {
		buf_addc(b, '-');
		return;
	}
	for (i = 0; i < e->nsketch; i++) {
		q = (uint32_t)(e->sketch[i] >> 40);	/* 24 bits */
		d = q - prev;	/* ascending: never below 0 */
		prev = q;
		if (d < DEDUP_DELTA_ESC)
			dedup_encode_b64(b, d, 3);
		else {
			dedup_encode_b64(b, DEDUP_DELTA_ESC, 3);
			dedup_encode_b64(b, d, 4);
		}
		tag = e->spara[i] < DEDUP_UNTAGGED ? e->spara[i] :
		    DEDUP_UNTAGGED;
		if (tag > max)
			max = tag;
	}
	while ((1U << bits) <= max)
		bits++;
	buf_addc(b, ':');
	buf_addc(b, dedup_b64[bits]);
	for (i = 0; i < e->nsketch; i++) {
		tag = e->spara[i] < DEDUP_UNTAGGED ? e->spara[i] :
		    DEDUP_UNTAGGED;
		acc = acc << bits | tag;
		for (nacc += bits; nacc >= 6; nacc -= 6)
			buf_addc(b, dedup_b64[(acc >> (nacc - 6)) & 63]);
	}
	if (nacc > 0)
		buf_addc(b, dedup_b64[(acc << (6 - nacc)) & 63]);
}

char *
dedup_entry_encode(const struct dedup_entry *e)
{
	return (dedup_entry_encode5(e));
}

char *
dedup_entry_encode4(const struct dedup_entry *e)
{
	struct buf	 b;
	size_t		 i;

	buf_init(&b, 0);
	buf_printf(&b, DEDUP_FORMAT4 " %s %s %lld %lld %s %s %s %u ", e->id,
	    e->source, (long long)e->when, (long long)e->seen,
	    e->hash[0] != '\0' ? e->hash : "-",
	    e->story != NULL ? e->story : "-",
	    e->ots < 0 ? "-" : e->ots ? "1" : "0", (unsigned)e->nshingles);
	for (i = 0; i < e->nparas; i++)
		dedup_encode_b64(&b, (uint32_t)(e->paras[i] >> 34), 5);
	buf_printf(&b, "%s ", e->nparas == 0 ? "-" : "");
	for (i = 0; i < e->nkeys; i++)
		buf_printf(&b, "%s%s", i ? "," : "", e->keys[i]);
	buf_printf(&b, "%s ", e->nkeys == 0 ? "-" : "");
	dedup_encode_sketch(&b, e);
	return (buf_steal(&b));
}

int
dedup_hex64(const char *s, size_t len, uint64_t *v)
{
	size_t	i;
	int	d;

	if (len == 0 || len > 16)
		return (-1);
	*v = 0;
	for (i = 0; i < len; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			d = s[i] - '0';
		else if (s[i] >= 'a' && s[i] <= 'f')
			d = s[i] - 'a' + 10;
		else if (s[i] >= 'A' && s[i] <= 'F')
			d = s[i] - 'A' + 10;
		else
			return (-1);
		*v = *v << 4 | (uint64_t)d;
	}
	return (0);
}

/* The value of each base64 character, or -1; filled in once. */
static signed char dedup_b64_val[256];

static void
dedup_b64_init(void)
{
	size_t	i;

	if (dedup_b64_val['B'] != 0)
		return;
	memset(dedup_b64_val, -1, sizeof dedup_b64_val);
	for (i = 0; i < 64; i++)
		dedup_b64_val[(unsigned char)dedup_b64[i]] = (signed char)i;
}

/*
 * Format 2: 12 base64 characters, a sketch hash and its paragraph, the 72
 * bits of the old encoder (ten characters and four bits of the eleventh
 * are the hash).
 */
static int
dedup_decode_hash2(const char *s, uint64_t *h, uint8_t *para)
{
	const unsigned char	*u = (const unsigned char *)s;
	uint64_t		 v = 0;
	int			 d, bad = 0, i;

	for (i = 0; i < 10; i++) {
		d = dedup_b64_val[u[i]];
		bad |= d;
		v = v << 6 | (uint64_t)(d & 63);
	}
	d = dedup_b64_val[u[10]];
	bad |= d | dedup_b64_val[u[11]];
	if (bad < 0)
		return (-1);
	*h = v << 4 | (uint64_t)d >> 2;
	*para = (uint8_t)((d & 3) << 6 | dedup_b64_val[u[11]]);
	return (0);
}

/* n base64 characters (n <= 5); -1 on a character not base64. */
static int
dedup_decode_b64(const char *s, int n, uint32_t *v)
{
	const unsigned char	*u = (const unsigned char *)s;
	int			 d, bad = 0, i;

	*v = 0;
	for (i = 0; i < n; i++) {
		d = dedup_b64_val[u[i]];
		bad |= d;
		*v = *v << 6 | (uint32_t)(d & 63);
	}
	return (bad < 0 ? -1 : 0);
}

/* Three base64 characters: eighteen bits, or -1 (the sketch's hot loop). */
static int32_t
dedup_decode18(const char *s)
{
	const unsigned char	*u = (const unsigned char *)s;
	int32_t			 a = dedup_b64_val[u[0]], b = dedup_b64_val[u[1]];
	int32_t			 c = dedup_b64_val[u[2]];

	return ((a | b | c) < 0 ? -1 : a << 12 | b << 6 | c);
}

static int
dedup_decode30(const char *s, uint32_t *v)
{
	return (dedup_decode_b64(s, 5, v));
}

/*
 * A field of a line cut by dedup_entry_decode_in: its start and its
 * length, which the cutting found (the decoders need not look again).
 */
struct dedup_field {
	char	*s;
	size_t	 len;
};

/* Is the field the one character c ("-", ".")? */
static int
dedup_field_is(const struct dedup_field *f, char c)
{
	return (f->len == 1 && f->s[0] == c);
}

/*
 * Format 4's SKETCH (the top of the file) into e's arrays, which have room
 * for len / 3 hashes (each takes three characters or more).
 */
static int
dedup_decode_sketch4(struct dedup_entry *e, const char *f, size_t len)
{
	const char	*colon = memchr(f, ':', len), *t;
	uint32_t	 d, q = 0, acc = 0, tmask;
	int32_t		 d18;
	const char	*end;
	size_t		 i, ntag;
	int		 bits, nacc = 0, c;

	if (colon == NULL)
		return (-1);
	end = f + len;
	for (; f < colon; f += 3) {
		if (colon - f < 3 || (d18 = dedup_decode18(f)) < 0)
			return (-1);
		d = (uint32_t)d18;
		if (d == DEDUP_DELTA_ESC) {
			if (colon - f < 7 || dedup_decode_b64(f + 3, 4, &d) != 0)
				return (-1);
			f += 4;
		}
		if (d > 0xffffffU - q || e->nsketch == DEDUP_SKETCH)
			return (-1);
		q += d;
		e->sketch[e->nsketch++] = (uint64_t)q << 40;
	}
	t = colon + 1;
	if (e->nsketch == 0 || (bits = dedup_b64_val[(unsigned char)*t]) < 1 ||
	    bits > 6)
		return (-1);
	ntag = (e->nsketch * (size_t)bits + 5) / 6;
	if ((size_t)(end - ++t) != ntag)
		return (-1);
	tmask = (1U << bits) - 1;
	for (i = 0; i < e->nsketch; i++) {
		while (nacc < bits) {
			if ((c = dedup_b64_val[(unsigned char)*t++]) < 0)
				return (-1);
			acc = (acc << 6 | (uint32_t)c) & 0xfff;
			nacc += 6;
		}
		nacc -= bits;
		e->spara[i] = (uint8_t)(acc >> nacc & tmask);
	}
	return (0);
}

static int
dedup_decode_paras(struct dedup_entry *e, const struct dedup_field *fl,
    int format)
{
	const char	*f = fl->s;
	size_t		len = fl->len;
	uint64_t	v;
	uint32_t	w;

	if (dedup_field_is(fl, '-'))
		return (0);
	if (format >= 3) {
		if (len % 5 != 0 || len / 5 > DEDUP_PARAS)
			return (-1);
		for (; *f != '\0'; f += 5) {
			if (dedup_decode30(f, &w) != 0)
				return (-1);
			e->paras[e->nparas++] = (uint64_t)w << 34;
		}
		return (0);
	}
	while (*f != '\0') {
		len = strcspn(f, ",");
		if (e->nparas == DEDUP_PARAS || dedup_hex64(f, len, &v) != 0)
			return (-1);
		e->paras[e->nparas++] = v & DEDUP_PARA_Q;
		f += len;
		if (*f == ',')
			f++;
	}
	return (0);
}

static int
dedup_decode_sketch(struct dedup_entry *e, const struct dedup_field *fl,
    int format)
{
	const char	*f = fl->s;
	size_t		len = fl->len, i, w = format == 3 ? 5 : 12;
	uint64_t	v, full = 0;
	uint32_t	x;
	uint8_t		p;

	if (dedup_field_is(fl, '-') || dedup_field_is(fl, '.'))
		return (0);	/* none, or left out */
	if (format == 4)
		return (dedup_decode_sketch4(e, f, len));
	if (len % w != 0 || len / w > DEDUP_SKETCH)
		return (-1);
	for (i = 0; i < len / w; i++) {
		if (format == 3) {
			if (dedup_decode30(f + 5 * i, &x) != 0)
				return (-1);
			v = (uint64_t)(x >> 6) << 40;
			p = (uint8_t)(x & 63);
		} else {
			if (dedup_decode_hash2(f + 12 * i, &v, &p) != 0)
				return (-1);
			if (i > 0 && v <= full)		/* ascending */
				return (-1);
			full = v;
			v &= DEDUP_SKETCH_Q;
			if (p > DEDUP_UNTAGGED)
				p = DEDUP_UNTAGGED;
		}
		/* Two hashes may be equal once quantised, never descending. */
		if (e->nsketch > 0 && v < e->sketch[e->nsketch - 1])
			return (-1);
		e->sketch[e->nsketch] = v;
		e->spara[e->nsketch++] = p;
	}
	return (0);
}

/*
 * The keys point into one copy of the field, each cut at its ',' (empty
 * ones skipped, as strtok would): two allocations, not one a key.
 */
void
dedup_entry_cut_keys(struct dedup_entry *e, const char *s, size_t len)
{
	char	*k, *end, *last;

	memcpy(e->keyblock, s, len);
	e->keyblock[len] = '\0';
	last = e->keyblock + len;
	for (k = e->keyblock; k < last && e->nkeys < STORY_MAXKEYS; k = end) {
		if ((end = memchr(k, ',', (size_t)(last - k))) == NULL)
			end = last;
		if (end < last)
			*end++ = '\0';
		if (*k != '\0')
			e->keys[e->nkeys++] = k;
	}
	e->keys[e->nkeys] = NULL;
}

size_t
dedup_count_keys(const char *s, size_t len)
{
	const char	*p, *end = s + len;
	size_t		 nk;

	for (nk = 1, p = s; (p = memchr(p, ',', (size_t)(end - p))) != NULL;
	    p++)
		nk++;
	return (nk > STORY_MAXKEYS ? STORY_MAXKEYS : nk);
}

/*
 * The keys point into one copy of the field, each cut at its ',' (empty
 * ones skipped, as strtok would): two allocations, not one a key.
 */
static void
dedup_decode_keys(struct dedup_entry *e, const struct dedup_field *f)
{
	if (!dedup_field_is(f, '-'))
		dedup_entry_cut_keys(e, f->s, f->len);
}

/*
 * The line is cut into fields in a copy kept from one call to the next (a
 * publication decodes a few hundred entries of ~1.6 KB: one malloc and free
 * of each was a noticeable share of the daemon's malloc).  Not
 * thread-safe, like the daemon.
 */
static char	*dedup_line;
static size_t	 dedup_linesize;

/* Bytes n rounded up to a multiple of 8. */
#define DEDUP_ALIGN(n)	(((n) + 7) & ~(size_t)7)

/*
 * One allocation for a decoded entry and everything it holds (its arrays
 * sized as the fields say, its strings after them): a publication decodes
 * a few hundred entries, and nine allocations each were most of its
 * mallocs.  The strings are copied in by dedup_pack_str, from e->keyblock
 * on, which comes last.
 */
struct dedup_entry *
dedup_entry_alloc(size_t nsk, size_t npa, size_t nk, size_t keylen,
    size_t strs, struct arena *arena, char **cur)
{
	struct dedup_entry	*e;
	size_t			 size, o;

	o = DEDUP_ALIGN(sizeof *e);
	size = o + (nsk + 1) * sizeof *e->sketch + (npa + 1) *
	    sizeof *e->paras + (nk + 1) * sizeof *e->keys +
	    DEDUP_ALIGN(nsk + 1) + keylen + 1 + strs;
	e = arena != NULL ? arena_alloc(arena, size) : xmalloc(size);
	memset(e, 0, sizeof *e);
	e->packed = size;
	e->inarena = arena != NULL;
	e->sketch = (uint64_t *)((char *)e + o);
	o += (nsk + 1) * sizeof *e->sketch;
	e->paras = (uint64_t *)((char *)e + o);
	o += (npa + 1) * sizeof *e->paras;
	e->keys = (char **)((char *)e + o);
	e->keys[0] = NULL;
	o += (nk + 1) * sizeof *e->keys;
	e->spara = (uint8_t *)((char *)e + o);
	o += DEDUP_ALIGN(nsk + 1);
	/* the strings: keys first (dedup_entry_cut_keys), the others after */
	e->keyblock = (char *)e + o;
	e->keyblock[0] = '\0';
	*cur = e->keyblock + keylen + 1;	/* the next free byte */
	return (e);
}

/* dedup_entry_alloc sized by a format 2-4 line's fields. */
static struct dedup_entry *
dedup_entry_pack(const struct dedup_field *f, int format,
    struct arena *arena, char **cur)
{
	size_t	nsk, npa, nk;

	nsk = dedup_field_is(&f[11], '-') || dedup_field_is(&f[11], '.') ? 0 :
	    f[11].len / (format == 4 ? 3 : format == 3 ? 5 : 12);
	if (nsk > DEDUP_SKETCH)
		nsk = DEDUP_SKETCH;	/* refused by dedup_decode_sketch */
	/* room for what the decoders may write, no more: not zeroed */
	npa = format == 2 ? DEDUP_PARAS : dedup_field_is(&f[9], '-') ? 0 :
	    f[9].len / 5;
	if (npa > DEDUP_PARAS)
		npa = DEDUP_PARAS;	/* refused by dedup_decode_paras */
	nk = dedup_count_keys(f[10].s, f[10].len);
	return (dedup_entry_alloc(nsk, npa, nk, f[10].len, f[1].len +
	    f[2].len + f[6].len + 3, arena, cur));
}

/* A copy of field f at *cur in the entry's string space (dedup_entry_pack). */
static char *
dedup_pack_str(char **cur, const struct dedup_field *f)
{
	char	*at = *cur;

	memcpy(at, f->s, f->len + 1);
	*cur = at + f->len + 1;
	return (at);
}

/*
 * A copy of a decoded entry (dedup_entry_pack: one block, every pointer
 * into it) in arena, or malloc: the block copied and its pointers moved
 * with it.  Cheaper than decoding its line again by ~7,000 instructions.
 */
struct dedup_entry *
dedup_entry_clone_in(const struct dedup_entry *e, struct arena *arena)
{
	struct dedup_entry	*c;
	size_t			 i;

#define DEDUP_MOVED(p)	((p) == NULL ? NULL : (void *)((char *)c + \
	    ((const char *)(p) - (const char *)e)))
	if (e->packed == 0)
		fatalx("dedup entry: a clone of an entry not decoded");
	c = arena != NULL ? arena_alloc(arena, e->packed) : xmalloc(e->packed);
	memcpy(c, e, e->packed);
	c->inarena = arena != NULL;
	c->id = DEDUP_MOVED(e->id);
	c->source = DEDUP_MOVED(e->source);
	c->story = DEDUP_MOVED(e->story);
	c->sketch = DEDUP_MOVED(e->sketch);
	c->spara = DEDUP_MOVED(e->spara);
	c->paras = DEDUP_MOVED(e->paras);
	c->keys = DEDUP_MOVED(e->keys);
	c->keyblock = DEDUP_MOVED(e->keyblock);
	for (i = 0; i < e->nkeys; i++)
		c->keys[i] = DEDUP_MOVED(e->keys[i]);
#undef DEDUP_MOVED
	return (c);
}

struct dedup_entry *
dedup_entry_decode(const char *line, char **cause)
{
	return (dedup_entry_decode_in(line, NULL, cause));
}

struct dedup_entry *
dedup_entry_decode_in(const char *line, struct arena *arena, char **cause)
{
	struct dedup_entry	*e;
	struct dedup_field	 f[13];
	char			*copy, *last, *lend, *end, *end2, *cur;
	size_t			 n = 0, len = strlen(line);
	long long		 when;
	unsigned long		 nsh;
	int			 format = 0;

	if (len >= 2 && line[0] == '5' && line[1] == ' ')
		return (dedup_entry_decode5(line, len, arena, cause));
	dedup_b64_init();
	if (len + 1 > dedup_linesize) {
		dedup_linesize = len + 1 > 2 * dedup_linesize ? len + 1 :
		    2 * dedup_linesize;
		free(dedup_line);
		dedup_line = xmalloc(dedup_linesize);
	}
	copy = memcpy(dedup_line, line, len + 1);
	lend = copy + len;
	/*
	 * As strtok_r(copy, " ") would cut it, without its per-call setup,
	 * and keeping each field's length.
	 */
	for (n = 0, last = copy; n < 13; n++) {
		while (*last == ' ')
			last++;
		if (*last == '\0')
			break;
		f[n].s = last;
		if ((last = memchr(last, ' ', (size_t)(lend - last))) == NULL)
			last = lend;
		f[n].len = (size_t)(last - f[n].s);
		if (last < lend)
			*last++ = '\0';
	}
	if (n == 12 && f[0].len == 1)
		format = f[0].s[0] == '4' ? 4 :
		    f[0].s[0] == '3' ? 3 : f[0].s[0] == '2' ? 2 : 0;
	if (n != 12 || format == 0 || f[7].len != 1 ||
	    strchr("01-", f[7].s[0]) == NULL) {
		xasprintf(cause, "dedup entry: bad format");
		return (NULL);
	}
	e = dedup_entry_pack(f, format, arena, &cur);
	e->id = dedup_pack_str(&cur, &f[1]);
	e->source = dedup_pack_str(&cur, &f[2]);
	when = strtoll(f[3].s, &end, 10);
	e->when = *end == '\0' ? (time_t)when : -1;
	when = strtoll(f[4].s, &end2, 10);
	e->seen = *end2 == '\0' ? (time_t)when : -1;
	if (!dedup_field_is(&f[5], '-')) {	/* cut as dedup_entry_make cuts */
		len = f[5].len < DEDUP_HASH_KEPT ? f[5].len : DEDUP_HASH_KEPT;
		memcpy(e->hash, f[5].s, len);
		e->hash[len] = '\0';
	}
	if (!dedup_field_is(&f[6], '-'))
		e->story = dedup_pack_str(&cur, &f[6]);
	e->ots = f[7].s[0] == '-' ? -1 : f[7].s[0] == '1';
	dedup_decode_keys(e, &f[10]);
	nsh = strtoul(f[8].s, &end, 10);
	e->nshingles = nsh;
	if (*end != '\0' || *end2 != '\0' ||
	    dedup_decode_paras(e, &f[9], format) != 0 ||
	    dedup_decode_sketch(e, &f[11], format) != 0) {
		xasprintf(cause, "dedup entry %s: bad field", e->id);
		dedup_entry_free(e);
		return (NULL);
	}
	return (e);
}
