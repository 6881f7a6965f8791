/*
 * dedup-entry5.c -- format 5 of an index entry: its fields as bytes.
 *
 * Format 4 (dedup-entry.c) is text, ~1.4 KB for an article of 300 words,
 * most of it the sketch (three base64 characters a hash) and the story
 * keys.  Format 5 writes the same fields as bytes, ~0.7 KB:
 *
 *	"5 " LLLL HEAD SKETCH
 *
 * LLLL is four hex digits, the length of HEAD as written, so that the
 * lookup script (dedup-store.c) can cut the sketch off without decoding.
 * HEAD and SKETCH are escaped so that the value holds no NUL byte (values
 * travel as C strings) and no line break (tools print entries a line
 * each): 0x00, 0x01, '\n' and '\r' are written as 0x01 and '0', '1', 'n'
 * or 'r'.
 * Unescaped, HEAD is:
 *
 *	flags	one byte; bits 0-1: ots 0, 1, or 2 (unknown, '-')
 *	id, source, hash, story
 *		each a varint v and v >> 1 bytes: when v & 1, lowercase hex
 *		digits two a byte (the high nibble first), else the bytes
 *		as they are; none ("-" in format 4) is empty
 *	when	zigzag varint
 *	seen	zigzag varint of seen - when
 *	nshingles, then the number of paragraph fingerprints, varints
 *	paras	each fingerprint's top 32 bits, big-endian (the 30 kept,
 *		DEDUP_PARA_Q, and two zero bits)
 *	keys	a string field (not packed) of one token a key: a key of
 *		dedup_lexicon is the one byte 0x80 + its index (no UTF-8
 *		text begins with a byte 0x80..0xbf); a number key ("#"
 *		and digits or dots) the byte 0xf8, a date key ("#@" and
 *		digits) 0xf9, then its digits as nibbles, 1-10 the digits
 *		0-9 and 11 a dot (so that no byte of them needs an
 *		escape), up to a nibble 15 (two when their count is even); a key of 4 to
 *		64 lowercase Latin letters, '+' and '\'' (a name's
 *		skeleton, story-name.c) the byte 0xfa and its characters
 *		in five bits each (1-26 the letters, 27 '+', 28 '\''), up
 *		to a 0, zero bits to the byte; any other key its text and
 *		','.
 *
 * SKETCH is '-' (none), " ." (cut off by the lookup script: the entry
 * decodes without a sketch), or 's', a varint n, a byte r, a byte B and a
 * bit stream, most significant bit first: n differences of the hashes'
 * top 19 bits (DEDUP_SKETCH_Q; the first difference from 0), Rice-coded
 * with parameter r (the quotient as that many one bits and a zero bit,
 * then r bits); the n paragraph tags (0..B - 1) as numbers base B, the
 * first tag lowest, in groups (dedup5_group); zero bits to the byte; then
 * '$', so that a whole entry never ends in " .".
 *
 * Hand-written: the entry is a few fields of known kinds, and a general
 * serialisation library (msgpack, CBOR) would spend more on the sketch
 * than the Rice code does.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "dedup-entry.h"
#include "dedup-int.h"
#include "story.h"
#include "xmalloc.h"

#define DEDUP5_ESC	0x01
#define DEDUP5_QBITS	19	/* DEDUP_SKETCH_Q */
#define DEDUP5_QSHIFT	(64 - DEDUP5_QBITS)

/*
 * The story keys written as one byte: story.c's canonical keys
 * (story_lexicon_key) as of format 5, copied because an entry stores an
 * index into this list: append only, none removed or moved.  A key not
 * listed is written as text; test_format5 fails when story.c has a key
 * this list lacks.
 */
static const char *const dedup_lexicon[] = {
	"#%summit", "#%fm", "#%sg", "#%transport", "#%energy", "#%agri",
	"#%digital", "#%education", "#%tourism", "#%health", "#%invest",
	"#%elders",
	"#!astana", "#!baku", "#!bishkek", "#!tashkent", "#!budapest",
	"#!ankara", "#!istanbul", "#!samarkand", "#!almaty", "#!ashgabat",
	"#!shusha", "#!turkistan", "#!khiva", "#!bukhara", "#!cholponata",
	"#!kazan", "#!nakhchivan", "#!gabala", "#!khankendi", "#!antalya",
	"#!shymkent", "#!aktau",
	"#~kazakhstan", "#~azerbaijan", "#~kyrgyzstan", "#~uzbekistan",
	"#~turkiye", "#~hungary", "#~turkmenistan",
};
#define DEDUP5_NLEX	(sizeof dedup_lexicon / sizeof dedup_lexicon[0])

size_t
dedup_lexicon_size(void)
{
	return (DEDUP5_NLEX);
}

const char *
dedup_lexicon_key(size_t i)
{
	return (i < DEDUP5_NLEX ? dedup_lexicon[i] : NULL);
}

static int
dedup_lexicon_find(const char *k)
{
	size_t	i;

	if (k[0] != '#')
		return (-1);
	for (i = 0; i < DEDUP5_NLEX; i++) {
		if (strcmp(k, dedup_lexicon[i]) == 0)
			return ((int)i);
	}
	return (-1);
}

/* Writing. */

static void
dedup5_varint(struct buf *b, uint64_t v)
{
	char	out[10];
	size_t	n = 0;

	while (v >= 0x80) {
		out[n++] = (char)((v & 0x7f) | 0x80);
		v >>= 7;
	}
	out[n++] = (char)v;
	buf_add(b, out, n);
}

static uint64_t
dedup5_zigzag(int64_t v)
{
	return (((uint64_t)v << 1) ^ (uint64_t)(v >> 63));
}

static int
dedup5_hexdigit(char c)
{
	if (c >= '0' && c <= '9')
		return (c - '0');
	if (c >= 'a' && c <= 'f')
		return (c - 'a' + 10);
	return (-1);
}

/* A string field: packed when it is an even number of lowercase hex. */
static void
dedup5_str(struct buf *b, const char *s)
{
	size_t	len = s != NULL ? strlen(s) : 0, i;
	char	c;

	for (i = 0; i < len && dedup5_hexdigit(s[i]) >= 0; i++)
		;
	if (len == 0 || i < len || len % 2 != 0) {
		dedup5_varint(b, (uint64_t)len << 1);
		buf_add(b, s, len);
		return;
	}
	dedup5_varint(b, (uint64_t)(len / 2) << 1 | 1);
	for (i = 0; i < len; i += 2) {
		c = (char)(dedup5_hexdigit(s[i]) << 4 | dedup5_hexdigit(s[i + 1]));
		buf_addc(b, c);
	}
}

struct dedup5_bits {
	struct buf	*b;
	uint64_t	 acc;
	int		 n;		/* bits in acc */
};

static void
dedup5_put(struct dedup5_bits *w, uint64_t v, int bits)
{
	int	take;

	while (bits > 0) {
		take = bits < 8 ? bits : 8;
		bits -= take;
		w->acc = w->acc << take | (v >> bits & ((1U << take) - 1));
		w->n += take;
		if (w->n >= 8) {
			w->n -= 8;
			buf_addc(w->b, (char)(w->acc >> w->n & 0xff));
		}
	}
}

static void
dedup5_flush(struct dedup5_bits *w)
{
	if (w->n > 0)
		dedup5_put(w, 0, 8 - w->n);
}

/*
 * The Rice parameter that writes the differences in the fewest bits: the
 * best is within one of log2 of their mean (a geometric spread's).
 */
static int
dedup5_rice_param(const uint32_t *d, size_t n)
{
	uint64_t	best = UINT64_MAX, bits, sum = 0;
	size_t		i;
	int		r, r0, bestr = 0;

	for (i = 0; i < n; i++)
		sum += d[i];
	for (r0 = 0; r0 < DEDUP5_QBITS && (2ULL << r0) * n <= sum; r0++)
		;
	for (r = r0 > 0 ? r0 - 1 : 0; r <= r0 + 1 && r <= DEDUP5_QBITS; r++) {
		for (bits = 0, i = 0; i < n; i++)
			bits += (d[i] >> r) + 1 + (uint64_t)r;
		if (bits < best) {
			best = bits;
			bestr = r;
		}
	}
	return (bestr);
}

/*
 * Tags are written base b (their largest + 1) in groups, each as few
 * bits as b^g needs: of the n left, the most whose b^g fits 32 bits
 * (2.6 bits a tag for six paragraphs, where bit fields take three).
 */
static size_t
dedup5_group(unsigned base, size_t n, int *bits)
{
	uint64_t	p = 1;
	size_t		g = 0;

	if (base <= 1) {	/* every tag 0: no bits at all */
		*bits = 0;
		return (n);
	}
	while (g < n && p * base <= 1ULL << 32) {
		p *= base;
		g++;
	}
	*bits = p <= 1 ? 0 : 64 - __builtin_clzll(p - 1);
	return (g);
}

static void
dedup5_sketch(struct buf *b, const struct dedup_entry *e)
{
	struct dedup5_bits	 w = { b, 0, 0 };
	uint32_t		*d, q, prev = 0;
	uint64_t		 v;
	uint8_t			 tag, max = 0;
	size_t			 i, j, u, g;
	unsigned		 base;
	int			 r, bits;

	if (e->nsketch == 0) {
		buf_addc(b, '-');
		return;
	}
	d = xreallocarray(NULL, e->nsketch, sizeof *d);
	for (i = 0; i < e->nsketch; i++) {
		q = (uint32_t)(e->sketch[i] >> DEDUP5_QSHIFT);
		d[i] = q - prev;	/* ascending: never below 0 */
		prev = q;
		tag = e->spara[i] < DEDUP_UNTAGGED ? e->spara[i] :
		    DEDUP_UNTAGGED;
		if (tag > max)
			max = tag;
	}
	base = (unsigned)max + 1;
	r = dedup5_rice_param(d, e->nsketch);
	buf_addc(b, 's');
	dedup5_varint(b, e->nsketch);
	buf_addc(b, (char)r);
	buf_addc(b, (char)base);
	for (i = 0; i < e->nsketch; i++) {
		for (u = d[i] >> r; u >= 32; u -= 32)
			dedup5_put(&w, 0xffffffffU, 32);
		dedup5_put(&w, ((1ULL << u) - 1) << 1, (int)u + 1);
		dedup5_put(&w, d[i] & ((1U << r) - 1), r);
	}
	for (i = 0; i < e->nsketch; i += g) {
		g = dedup5_group(base, e->nsketch - i, &bits);
		for (v = 0, j = g; j-- > 0;) {
			tag = e->spara[i + j] < DEDUP_UNTAGGED ?
			    e->spara[i + j] : DEDUP_UNTAGGED;
			v = v * base + tag;
		}
		dedup5_put(&w, v, bits);
	}
	dedup5_flush(&w);
	buf_addc(b, '$');
	free(d);
}

/* What an escaped byte is written as after DEDUP5_ESC, or 0. */
static char
dedup5_esc_code(unsigned char c)
{
	switch (c) {
	case 0x00:
		return ('0');
	case DEDUP5_ESC:
		return ('1');
	case '\n':
		return ('n');
	case '\r':
		return ('r');
	}
	return (0);
}

/* Bytes out of raw into b, escaped (the top of the file). */
static void
dedup5_escape(struct buf *b, const char *raw, size_t len)
{
	size_t	i, from = 0;
	char	esc[2] = { DEDUP5_ESC, 0 };

	for (i = 0; i < len; i++) {
		if ((unsigned char)raw[i] > '\r' ||
		    (esc[1] = dedup5_esc_code((unsigned char)raw[i])) == 0)
			continue;
		buf_add(b, raw + from, i - from);
		buf_add(b, esc, 2);
		from = i + 1;
	}
	buf_add(b, raw + from, len - from);
}

/* The marker byte of a number key ("#" digits) or a date key ("#@"). */
#define DEDUP5_NUM	0xf8
#define DEDUP5_DATE	0xf9
#define DEDUP5_NIBDOT	11	/* digits are 1..10: no byte below 0x10 */
#define DEDUP5_NIBEND	15
/* A key of lowercase Latin letters, '+' and '\'' (names' skeletons). */
#define DEDUP5_WORD	0xfa
#define DEDUP5_WORDMAX	64

/* The 5-bit code of a word token's character (1..28), or 0. */
static int
dedup5_word_code(char c)
{
	if (c >= 'a' && c <= 'z')
		return (c - 'a' + 1);
	return (c == '+' ? 27 : c == '\'' ? 28 : 0);
}

static char
dedup5_word_char(int code)
{
	return (code <= 26 ? (char)('a' + code - 1) : code == 27 ? '+' : '\'');
}

/* Digits and dots, at most 30: a number token's. */
static int
dedup5_numeric(const char *s)
{
	size_t	n = strspn(s, "0123456789.");

	return (n > 0 && n <= 30 && s[n] == '\0');
}

/* One key as its token (the top of the file). */
static void
dedup5_key(struct buf *b, const char *k)
{
	unsigned char	 nib[32];
	const char	*d;
	size_t		 n = 0, i;
	int		 lex;

	if (((unsigned char)k[0] >= 0x80 && (unsigned char)k[0] <= 0xbf) ||
	    (unsigned char)k[0] >= 0xf8)
		return;		/* not UTF-8: never a key of text */
	if ((lex = dedup_lexicon_find(k)) >= 0) {
		buf_addc(b, (char)(0x80 + lex));
		return;
	}
	if (k[0] == '#' && (dedup5_numeric(k + 1) || (k[1] == '@' &&
	    dedup5_numeric(k + 2)))) {
		buf_addc(b, (char)(k[1] == '@' ? DEDUP5_DATE : DEDUP5_NUM));
		for (d = k + (k[1] == '@' ? 2 : 1); *d != '\0'; d++)
			nib[n++] = *d == '.' ? DEDUP5_NIBDOT :
			    (unsigned char)(*d - '0' + 1);
		nib[n++] = DEDUP5_NIBEND;
		if (n % 2 != 0)
			nib[n++] = DEDUP5_NIBEND;
		for (i = 0; i < n; i += 2)
			buf_addc(b, (char)(nib[i] << 4 | nib[i + 1]));
		return;
	}
	for (n = 0; k[n] != '\0' && dedup5_word_code(k[n]) != 0; n++)
		;
	if (k[n] == '\0' && n >= 4 && n <= DEDUP5_WORDMAX) {
		struct dedup5_bits	w = { b, 0, 0 };

		buf_addc(b, (char)DEDUP5_WORD);
		for (i = 0; i <= n; i++)
			dedup5_put(&w, i < n ? (uint64_t)dedup5_word_code(k[i]) :
			    0, 5);
		dedup5_flush(&w);
		return;
	}
	buf_addstr(b, k);
	buf_addc(b, ',');
}

char *
dedup_entry_encode5(const struct dedup_entry *e)
{
	struct buf	 raw, out, keys;
	size_t		 i, j, headlen;
	char		 len4[5];

	buf_init(&raw, 0);
	buf_addc(&raw, (char)(e->ots < 0 ? 2 : e->ots ? 1 : 0));
	dedup5_str(&raw, e->id);
	dedup5_str(&raw, e->source);
	dedup5_str(&raw, e->hash);
	dedup5_str(&raw, e->story);
	dedup5_varint(&raw, dedup5_zigzag((int64_t)e->when));
	dedup5_varint(&raw, dedup5_zigzag((int64_t)e->seen -
	    (int64_t)e->when));
	dedup5_varint(&raw, e->nshingles);
	dedup5_varint(&raw, e->nparas);
	for (i = 0; i < e->nparas; i++) {
		for (j = 0; j < 4; j++)		/* the 30 bits kept */
			buf_addc(&raw, (char)((e->paras[i] & DEDUP_PARA_Q) >>
			    (56 - 8 * j)));
	}
	buf_init(&keys, 0);
	for (i = 0; i < e->nkeys; i++)
		dedup5_key(&keys, e->keys[i]);
	dedup5_varint(&raw, (uint64_t)keys.len << 1);
	buf_add(&raw, keys.data, keys.len);
	buf_clear(&keys);
	buf_init(&out, 0);
	buf_addstr(&out, "5 0000");
	dedup5_escape(&out, raw.data, raw.len);
	headlen = out.len - 6;
	if (headlen > 0xffff)
		fatalx("dedup entry %s: a head of %zu bytes", e->id, headlen);
	snprintf(len4, sizeof len4, "%04zx", headlen);
	memcpy(out.data + 2, len4, 4);
	buf_clear(&raw);
	buf_init(&raw, 0);
	dedup5_sketch(&raw, e);
	dedup5_escape(&out, raw.data, raw.len);
	buf_clear(&raw);
	return (buf_steal(&out));
}

/* Reading. */

struct dedup5_in {
	const unsigned char	*p, *end;
	int			 bad;
};

static uint64_t
dedup5_get_varint(struct dedup5_in *in)
{
	uint64_t	v = 0;
	int		shift;

	for (shift = 0; shift < 64; shift += 7) {
		if (in->p >= in->end) {
			in->bad = 1;
			return (0);
		}
		v |= (uint64_t)(*in->p & 0x7f) << shift;
		if ((*in->p++ & 0x80) == 0)
			return (v);
	}
	in->bad = 1;
	return (0);
}

static int64_t
dedup5_unzigzag(uint64_t v)
{
	return ((int64_t)(v >> 1) ^ -(int64_t)(v & 1));
}

/* A string field: its bytes (*raw) or packed hex digits (*hex set). */
static const unsigned char *
dedup5_get_str(struct dedup5_in *in, size_t *len, int *hex)
{
	uint64_t		 v = dedup5_get_varint(in);
	const unsigned char	*s = in->p;

	*hex = (int)(v & 1);
	*len = (size_t)(v >> 1);
	if (in->bad || *len > (size_t)(in->end - in->p)) {
		in->bad = 1;
		*len = 0;
		return (s);
	}
	in->p += *len;
	return (s);
}

/* Its text length: two digits a byte when packed. */
static size_t
dedup5_str_len(size_t len, int hex)
{
	return (hex ? 2 * len : len);
}

/* Write a string field as text at *cur (NUL-terminated); returns it. */
static char *
dedup5_put_str(char **cur, const unsigned char *s, size_t len, int hex)
{
	static const char	 digits[] = "0123456789abcdef";
	char			*at = *cur, *o = at;
	size_t			 i;

	for (i = 0; i < len; i++) {
		if (hex) {
			*o++ = digits[s[i] >> 4];
			*o++ = digits[s[i] & 15];
		} else
			*o++ = (char)s[i];
	}
	*o++ = '\0';
	*cur = o;
	return (at);
}

/* Bits read most significant first, from a 64-bit window. */
struct dedup5_bitsin {
	const unsigned char	*start, *p, *end;
	uint64_t		 win;	/* the next bits, the first on top;
					   zero below the n valid ones */
	int			 n;
	int			 bad;
};

static void
dedup5_bits_begin(struct dedup5_bitsin *r, const unsigned char *p,
    const unsigned char *end)
{
	r->start = r->p = p;
	r->end = end;
	r->win = 0;
	r->n = 0;
	r->bad = 0;
}

static inline void
dedup5_refill(struct dedup5_bitsin *r)
{
	uint64_t	w;
	size_t		take;

	if (r->end - r->p >= 8) {	/* eight bytes at once, whole ones kept */
		memcpy(&w, r->p, sizeof w);
		w = __builtin_bswap64(w);
		take = (size_t)(63 - r->n) >> 3;
		r->win |= w >> r->n;
		r->n += (int)take * 8;
		r->p += take;
		r->win &= ~0ULL << (64 - r->n);
		return;
	}
	while (r->n <= 56 && r->p < r->end) {
		r->win |= (uint64_t)*r->p++ << (56 - r->n);
		r->n += 8;
	}
}

/* The next bits (at most 57) as a number; 0 and r->bad past the end. */
static inline uint64_t
dedup5_get_bits(struct dedup5_bitsin *r, int bits)
{
	uint64_t	v;

	if (bits == 0)
		return (0);
	if (r->n < bits) {
		dedup5_refill(r);
		if (r->n < bits) {
			r->bad = 1;
			return (0);
		}
	}
	v = r->win >> (64 - bits);
	r->win <<= bits;
	r->n -= bits;
	return (v);
}

/* A unary quotient: one bits up to a zero bit. */
static uint32_t
dedup5_get_unary(struct dedup5_bitsin *r)
{
	uint32_t	u = 0;
	int		ones;

	for (;;) {
		if (r->n == 0) {
			dedup5_refill(r);
			if (r->n == 0) {
				r->bad = 1;
				return (0);
			}
		}
		ones = ~r->win == 0 ? 64 : __builtin_clzll(~r->win);
		if (ones < r->n) {
			u += (uint32_t)ones;
			r->win = ones + 1 >= 64 ? 0 : r->win << (ones + 1);
			r->n -= ones + 1;
			return (u);
		}
		u += (uint32_t)r->n;	/* all ones so far */
		r->win = 0;
		r->n = 0;
		if (u > 1U << DEDUP5_QBITS) {
			r->bad = 1;
			return (0);
		}
	}
}

/* Where the byte after the last bit read starts (padding skipped). */
static const unsigned char *
dedup5_bits_end(const struct dedup5_bitsin *r)
{
	size_t	used = 8 * (size_t)(r->p - r->start) - (size_t)r->n;

	return (r->start + (used + 7) / 8);
}

static int
dedup5_decode_sketch(struct dedup_entry *e, const unsigned char *p,
    const unsigned char *end, size_t n)
{
	struct dedup5_bitsin	 r;
	uint64_t		 q = 0, d, v;
	size_t			 i, j, g, gfull;
	int			 rp, base, bits, bfull;

	rp = p[0];
	base = p[1];
	if (rp > DEDUP5_QBITS || base < 1 || base > DEDUP_UNTAGGED + 1)
		return (-1);
	dedup5_bits_begin(&r, p + 2, end);
	for (i = 0; i < n; i++) {
		d = (uint64_t)dedup5_get_unary(&r) << rp;
		d |= dedup5_get_bits(&r, rp);
		if (r.bad || (q += d) >= 1ULL << DEDUP5_QBITS)
			return (-1);
		e->sketch[i] = q << DEDUP5_QSHIFT;
	}
	gfull = dedup5_group((unsigned)base, n, &bfull);
	for (i = 0; i < n; i += g) {
		if (n - i >= gfull) {
			g = gfull;
			bits = bfull;
		} else
			g = dedup5_group((unsigned)base, n - i, &bits);
		v = dedup5_get_bits(&r, bits);
		for (j = 0; j < g; j++) {
			e->spara[i + j] = (uint8_t)(v % (unsigned)base);
			v /= (unsigned)base;
		}
		if (v != 0)
			return (-1);
	}
	e->nsketch = n;
	/* what is left is the padding of the last byte */
	return (r.bad || dedup5_bits_end(&r) != end ? -1 : 0);
}

/*
 * The unescaped value, kept from one call to the next as dedup-entry.c
 * keeps its lines.  Not thread-safe, like the daemon.
 */
static unsigned char	*dedup5_buf;
static size_t		 dedup5_size;
static char		*dedup5_keys;
static size_t		 dedup5_keysize;

static ssize_t
dedup5_unescape(const char *s, size_t len)
{
	const char	*p = s, *end = s + len, *esc;
	size_t		 n = 0;

	if (len > dedup5_size) {
		free(dedup5_buf);
		dedup5_size = len > 2 * dedup5_size ? len : 2 * dedup5_size;
		dedup5_buf = xmalloc(dedup5_size);
	}
	/* escapes are one byte in ~60: copy the runs between them */
	while ((esc = memchr(p, DEDUP5_ESC, (size_t)(end - p))) != NULL) {
		memcpy(dedup5_buf + n, p, (size_t)(esc - p));
		n += (size_t)(esc - p);
		if (esc + 1 == end)
			return (-1);
		switch (esc[1]) {
		case '0':
			dedup5_buf[n++] = 0x00;
			break;
		case '1':
			dedup5_buf[n++] = DEDUP5_ESC;
			break;
		case 'n':
			dedup5_buf[n++] = '\n';
			break;
		case 'r':
			dedup5_buf[n++] = '\r';
			break;
		default:
			return (-1);
		}
		p = esc + 2;
	}
	memcpy(dedup5_buf + n, p, (size_t)(end - p));
	n += (size_t)(end - p);
	return ((ssize_t)n);
}

/* Room for n more bytes of key text. */
static void
dedup5_keys_room(size_t have, size_t n)
{
	if (have + n <= dedup5_keysize)
		return;
	dedup5_keysize = have + n > 2 * dedup5_keysize ? have + n :
	    2 * dedup5_keysize;
	dedup5_keys = xrealloc(dedup5_keys, dedup5_keysize);
}

/*
 * The keys' tokens (the top of the file) as text, joined by ',', with a
 * NUL at the end; its length, or -1.
 */
static ssize_t
dedup5_expand_keys(const unsigned char *k, size_t len)
{
	const unsigned char	*p = k, *end = k + len, *c;
	const char		*lex;
	size_t			 n = 0, l;
	int			 nib, i, done;

	dedup5_keys_room(0, 1);
	while (p < end) {
		if (n > 0) {
			dedup5_keys_room(n, 1);
			dedup5_keys[n++] = ',';
		}
		if (*p >= 0x80 && *p <= 0xbf) {
			if ((size_t)(*p - 0x80) >= DEDUP5_NLEX)
				return (-1);
			lex = dedup_lexicon[*p++ - 0x80];
			l = strlen(lex);
			dedup5_keys_room(n, l);
			memcpy(dedup5_keys + n, lex, l);
			n += l;
		} else if (*p == DEDUP5_NUM || *p == DEDUP5_DATE) {
			dedup5_keys_room(n, 2 + 64);
			dedup5_keys[n++] = '#';
			if (*p++ == DEDUP5_DATE)
				dedup5_keys[n++] = '@';
			for (done = 0, l = 0; !done && p < end; p++) {
				for (i = 0; i < 2 && !done; i++) {
					nib = i == 0 ? *p >> 4 : *p & 15;
					if (nib == DEDUP5_NIBEND)
						done = 1;
					else if (nib == 0 ||
					    nib > DEDUP5_NIBDOT || ++l > 30)
						return (-1);
					else
						dedup5_keys[n++] = nib ==
						    DEDUP5_NIBDOT ? '.' :
						    (char)('0' + nib - 1);
				}
			}
			if (!done || l == 0)
				return (-1);
		} else if (*p == DEDUP5_WORD) {
			struct dedup5_bitsin	r;
			uint64_t		code;

			dedup5_bits_begin(&r, p + 1, end);
			dedup5_keys_room(n, DEDUP5_WORDMAX);
			for (l = 0; (code = dedup5_get_bits(&r, 5)) != 0 &&
			    !r.bad; l++) {
				if (l == DEDUP5_WORDMAX || code > 28)
					return (-1);
				dedup5_keys[n++] = dedup5_word_char((int)code);
			}
			if (r.bad || l < 4)
				return (-1);
			p = dedup5_bits_end(&r);	/* after the padding */
		} else {
			if ((c = memchr(p, ',', (size_t)(end - p))) == NULL ||
			    c == p)
				return (-1);
			dedup5_keys_room(n, (size_t)(c - p));
			memcpy(dedup5_keys + n, p, (size_t)(c - p));
			n += (size_t)(c - p);
			p = c + 1;
		}
	}
	dedup5_keys_room(n, 1);
	dedup5_keys[n] = '\0';
	return ((ssize_t)n);
}

struct dedup_entry *
dedup_entry_decode5(const char *line, size_t len, struct arena *arena,
    char **cause)
{
	struct dedup5_in	 in;
	struct dedup_entry	*e;
	const unsigned char	*id, *src, *hash, *story, *keys, *sk = NULL,
				*paras;
	size_t			 idlen, srclen, hashlen, storylen, keylen, nsk = 0,
				 npa, strs, i;
	ssize_t			 n, head, nkeytext;
	uint64_t		 v, nsh;
	int			 idhex, srchex, hashhex, storyhex, keyhex, flags;
	int64_t			 when, seen;
	char			*cur, len4[5], *end;

	/* "5 " LLLL */
	if (len < 6 || line[0] != '5' || line[1] != ' ')
		goto bad;
	memcpy(len4, line + 2, 4);
	len4[4] = '\0';
	head = (ssize_t)strtoul(len4, &end, 16);
	if (*end != '\0' || (size_t)head > len - 6)
		goto bad;
	/* the sketch's bytes follow the head's when unescaped */
	if ((n = dedup5_unescape(line + 6, len - 6)) < 0)
		goto bad;
	in.p = dedup5_buf;
	in.end = dedup5_buf + n;
	in.bad = 0;
	flags = in.p < in.end ? *in.p++ : 3;
	id = dedup5_get_str(&in, &idlen, &idhex);
	src = dedup5_get_str(&in, &srclen, &srchex);
	hash = dedup5_get_str(&in, &hashlen, &hashhex);
	story = dedup5_get_str(&in, &storylen, &storyhex);
	when = dedup5_unzigzag(dedup5_get_varint(&in));
	seen = dedup5_unzigzag(dedup5_get_varint(&in));
	nsh = dedup5_get_varint(&in);
	npa = (size_t)dedup5_get_varint(&in);
	paras = in.p;
	if (in.bad || flags > 2 || npa > DEDUP_PARAS || nsh > UINT32_MAX ||
	    (size_t)(in.end - in.p) < 4 * npa)
		goto bad;
	in.p += 4 * npa;
	keys = dedup5_get_str(&in, &keylen, &keyhex);
	if (in.bad || keyhex || dedup5_str_len(hashlen, hashhex) > 64)
		goto bad;
	/* the sketch: "-", " ." or 's' ... '$' */
	if (in.end - in.p == 1 && *in.p == '-')
		nsk = 0;
	else if (in.end - in.p == 2 && in.p[0] == ' ' && in.p[1] == '.')
		nsk = 0;
	else if (in.p < in.end && *in.p == 's' && in.end[-1] == '$') {
		in.p++;
		v = dedup5_get_varint(&in);
		if (in.bad || v == 0 || v > DEDUP_SKETCH ||
		    in.end - in.p < 3)
			goto bad;
		nsk = (size_t)v;
		sk = in.p;
	} else
		goto bad;
	if ((nkeytext = dedup5_expand_keys(keys, keylen)) < 0)
		goto bad;
	strs = dedup5_str_len(idlen, idhex) + dedup5_str_len(srclen, srchex) +
	    dedup5_str_len(storylen, storyhex) + 3;
	e = dedup_entry_alloc(nsk, npa, dedup_count_keys(dedup5_keys,
	    (size_t)nkeytext), (size_t)nkeytext, strs, arena, &cur);
	dedup_entry_cut_keys(e, dedup5_keys, (size_t)nkeytext);
	e->id = dedup5_put_str(&cur, id, idlen, idhex);
	if (srclen == 0)
		e->source = dedup5_put_str(&cur, (const unsigned char *)"-", 1,
		    0);
	else
		e->source = dedup5_put_str(&cur, src, srclen, srchex);
	if (storylen > 0)
		e->story = dedup5_put_str(&cur, story, storylen, storyhex);
	{
		char	*h = e->hash;
		size_t	 hl = dedup5_str_len(hashlen, hashhex);

		(void)dedup5_put_str(&h, hash, hashlen, hashhex);
		if (hl > DEDUP_HASH_KEPT)	/* cut as dedup_entry_make */
			e->hash[DEDUP_HASH_KEPT] = '\0';
	}
	e->ots = flags == 2 ? -1 : flags;
	e->when = (time_t)when;
	e->seen = (time_t)(when + seen);
	e->nshingles = (uint32_t)nsh;
	for (i = 0; i < npa; i++) {
		e->paras[i] = ((uint64_t)paras[4 * i] << 56 |
		    (uint64_t)paras[4 * i + 1] << 48 |
		    (uint64_t)paras[4 * i + 2] << 40 |
		    (uint64_t)paras[4 * i + 3] << 32) & DEDUP_PARA_Q;
	}
	e->nparas = npa;
	if (nsk > 0 && dedup5_decode_sketch(e, sk, in.end - 1, nsk) != 0) {
		xasprintf(cause, "dedup entry %s: bad sketch", e->id);
		dedup_entry_free(e);
		return (NULL);
	}
	return (e);
bad:
	xasprintf(cause, "dedup entry: bad format 5");
	return (NULL);
}
