/*
 * text.c -- Unicode normalisation and word tokenisation.
 *
 * libutf8proc does decomposition, composition, case folding and character
 * categories.  It has no notion of scripts or confusables (UTS #39 tables
 * are not packaged in Debian), so the short table of look-alike
 * Cyrillic/Latin letters below is written by hand; so is the Turkish
 * dotted/dotless i handling, which Unicode default case folding gets wrong
 * for our purpose (İ folds to "i" + U+0307, ı is left alone).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "text.h"
#include "xmalloc.h"

struct cpbuf {
	int32_t	*v;
	size_t	 n;
	size_t	 size;
};

/* Look-alike letters: Cyrillic, Latin.  First match wins both ways. */
static const int32_t text_confusables[][2] = {
	{ 0x0410, 'A' }, { 0x0412, 'B' }, { 0x0415, 'E' }, { 0x041A, 'K' },
	{ 0x041C, 'M' }, { 0x041D, 'H' }, { 0x041E, 'O' }, { 0x0420, 'P' },
	{ 0x0421, 'C' }, { 0x0422, 'T' }, { 0x0423, 'Y' }, { 0x0425, 'X' },
	{ 0x0406, 'I' }, { 0x0408, 'J' }, { 0x0405, 'S' }, { 0x04BA, 'H' },
	{ 0x051A, 'Q' }, { 0x051C, 'W' },
	{ 0x0430, 'a' }, { 0x0435, 'e' }, { 0x043E, 'o' }, { 0x0440, 'p' },
	{ 0x0441, 'c' }, { 0x0443, 'y' }, { 0x0445, 'x' }, { 0x0456, 'i' },
	{ 0x0458, 'j' }, { 0x0455, 's' }, { 0x04BB, 'h' }, { 0x0501, 'd' },
	{ 0x051B, 'q' }, { 0x051D, 'w' }
};

/* Cyrillic (lower case) to Latin, for text_translit. */
static const struct {
	int32_t		 cp;
	const char	*latin;
} text_translit_table[] = {
	{ 0x0430, "a" }, { 0x0431, "b" }, { 0x0432, "v" }, { 0x0433, "g" },
	{ 0x0434, "d" }, { 0x0435, "e" }, { 0x0436, "zh" }, { 0x0437, "z" },
	{ 0x0438, "i" }, { 0x0439, "y" }, { 0x043A, "k" }, { 0x043B, "l" },
	{ 0x043C, "m" }, { 0x043D, "n" }, { 0x043E, "o" }, { 0x043F, "p" },
	{ 0x0440, "r" }, { 0x0441, "s" }, { 0x0442, "t" }, { 0x0443, "u" },
	{ 0x0444, "f" }, { 0x0445, "kh" }, { 0x0446, "ts" }, { 0x0447, "ch" },
	{ 0x0448, "sh" }, { 0x0449, "shch" }, { 0x044A, "" }, { 0x044B, "y" },
	{ 0x044C, "" }, { 0x044D, "e" }, { 0x044E, "yu" }, { 0x044F, "ya" },
	{ 0x0450, "e" }, { 0x0451, "e" }, { 0x0454, "ye" }, { 0x0456, "i" },
	{ 0x0457, "yi" }, { 0x045E, "o" }, { 0x0493, "g" }, { 0x049B, "k" },
	{ 0x04A3, "n" }, { 0x04AF, "u" }, { 0x04B1, "u" }, { 0x04B3, "h" },
	{ 0x04BB, "h" }, { 0x04D9, "a" }, { 0x04E9, "o" }, { 0x0491, "g" },
	{ 0x0497, "zh" }, { 0x04A5, "ng" }, { 0x04E7, "o" }, { 0x04F1, "u" }
};

static void
cpbuf_grow(struct cpbuf *b)
{
	b->size = b->size == 0 ? 256 : b->size * 2;
	b->v = xreallocarray(b->v, b->size, sizeof *b->v);
}

/* In line: a call a code point was a tenth of the daemon's tokenising. */
static inline void
cpbuf_add(struct cpbuf *b, int32_t cp)
{
	if (b->n == b->size)
		cpbuf_grow(b);
	b->v[b->n++] = cp;
}

static int
text_is_cyrillic(int32_t cp)
{
	return (cp >= 0x0400 && cp <= 0x052F);
}

static int
text_is_latin(int32_t cp)
{
	return ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
	    (cp >= 0x00C0 && cp <= 0x024F && cp != 0x00D7 && cp != 0x00F7) ||
	    (cp >= 0x0250 && cp <= 0x02AF) || (cp >= 0x1E00 && cp <= 0x1EFF));
}

/*
 * What utf8proc says of each ASCII code point, asked once: most text is
 * ASCII, and asking utf8proc for every character of every body was most
 * of the daemon's tokenising (the table holds utf8proc's own answers, so
 * the fast path decides exactly as the slow one).
 */
#define TA_LETTER	0x01
#define TA_MARK		0x02
#define TA_DIGIT	0x04
#define TA_UPPER	0x08
#define TA_PLAIN	0x10	/* NFKD leaves it as it is */
#define TA_FOLD		0x20	/* case folding gives one code point */
#define TA_SPACE	0x40	/* text_is_space */
static struct {
	uint8_t	flags;
	uint8_t	fold;
} text_ascii[128];
static int	text_ascii_ready;

static void	text_ascii_init(void) __attribute__((__constructor__));

static int
text_cat_letter(utf8proc_category_t c)
{
	return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO);
}

static void
text_ascii_init(void)
{
	utf8proc_int32_t	tmp[32];
	utf8proc_ssize_t	m;
	utf8proc_category_t	c;
	int32_t			cp;

	if (text_ascii_ready)
		return;
	for (cp = 0; cp < 128; cp++) {
		c = utf8proc_category(cp);
		if (text_cat_letter(c))
			text_ascii[cp].flags |= TA_LETTER;
		if (c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME)
			text_ascii[cp].flags |= TA_MARK;
		if (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO)
			text_ascii[cp].flags |= TA_DIGIT;
		if (c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT)
			text_ascii[cp].flags |= TA_UPPER;
		if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\f' ||
		    cp == '\v' || c == UTF8PROC_CATEGORY_ZS ||
		    c == UTF8PROC_CATEGORY_ZL || c == UTF8PROC_CATEGORY_ZP ||
		    c == UTF8PROC_CATEGORY_CC)
			text_ascii[cp].flags |= TA_SPACE;
		m = utf8proc_decompose_char(cp, tmp, 32,
		    UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE, NULL);
		if (m == 1 && tmp[0] == cp)
			text_ascii[cp].flags |= TA_PLAIN;
		m = utf8proc_decompose_char(cp, tmp, 32, UTF8PROC_CASEFOLD |
		    UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE, NULL);
		if (m == 1 && tmp[0] >= 0 && tmp[0] < 128) {
			text_ascii[cp].flags |= TA_FOLD;
			text_ascii[cp].fold = (uint8_t)tmp[0];
		}
	}
	text_ascii_ready = 1;
}

static int
text_is_letter(int32_t cp)
{
	if (cp >= 0 && cp < 128)
		return ((text_ascii[cp].flags & TA_LETTER) != 0);
	return (text_cat_letter(utf8proc_category(cp)));
}

static int
text_is_mark(int32_t cp)
{
	utf8proc_category_t	c;

	if (cp >= 0 && cp < 128)
		return ((text_ascii[cp].flags & TA_MARK) != 0);
	c = utf8proc_category(cp);
	return (c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME);
}

static int
text_is_digit(int32_t cp)
{
	utf8proc_category_t	c;

	if (cp >= 0 && cp < 128)
		return ((text_ascii[cp].flags & TA_DIGIT) != 0);
	c = utf8proc_category(cp);
	return (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO);
}

static int
text_is_apostrophe(int32_t cp)
{
	return (cp == '\'' || cp == 0x02BB || cp == 0x02BC || cp == 0x2018 ||
	    cp == 0x2019 || cp == 0x0060 || cp == 0x00B4 || cp == 0x02B9);
}

/*
 * UTF-8 to NFKD code points; invalid bytes become U+FFFD.  Returns 0 when
 * every byte was plain ASCII (then no code point is Cyrillic), else 1.
 */
static int
text_decode(const char *s, struct cpbuf *b)
{
	const utf8proc_uint8_t	*p = (const utf8proc_uint8_t *)s;
	utf8proc_ssize_t	 len = strlen(s), n, i, m;
	utf8proc_int32_t	 cp, tmp[32];
	int			 other = 0;

	while (len > 0) {
		if (*p < 0x80 && (text_ascii[*p].flags & TA_PLAIN)) {
			cpbuf_add(b, *p == '\r' ? '\n' : *p);
			p++;
			len--;
			continue;
		}
		other = 1;
		n = utf8proc_iterate(p, len, &cp);
		if (n <= 0) {
			cp = 0xFFFD;
			n = 1;
		}
		p += n;
		len -= n;
		if (cp == '\r')
			cp = '\n';
		m = utf8proc_decompose_char(cp, tmp, 32,
		    UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE, NULL);
		if (m < 0 || m > 32) {
			cpbuf_add(b, cp);
			continue;
		}
		for (i = 0; i < m; i++)
			cpbuf_add(b, tmp[i]);
	}
	return (other);
}

static int32_t
text_confusable(int32_t cp, int to_latin)
{
	size_t	i;

	for (i = 0; i < sizeof text_confusables / sizeof *text_confusables;
	    i++) {
		if (to_latin && text_confusables[i][0] == cp)
			return (text_confusables[i][1]);
		if (!to_latin && text_confusables[i][1] == cp)
			return (text_confusables[i][0]);
	}
	return (cp);
}

/* Fold look-alike letters of mixed-script words to the majority script. */
static void
text_fold_confusables(struct cpbuf *b)
{
	size_t	i, j, start;
	int	latin, cyr, to_latin;

	for (i = 0; i < b->n; i = j) {
		if (!text_is_letter(b->v[i])) {
			j = i + 1;
			continue;
		}
		start = i;
		latin = cyr = 0;
		for (j = i; j < b->n; j++) {
			if (text_is_mark(b->v[j]))
				continue;
			if (!text_is_letter(b->v[j]))
				break;
			if (text_is_latin(b->v[j]))
				latin++;
			else if (text_is_cyrillic(b->v[j]))
				cyr++;
		}
		if (latin == 0 || cyr == 0)
			continue;
		to_latin = latin >= cyr;
		for (i = start; i < j; i++) {
			if (to_latin && text_is_cyrillic(b->v[i]))
				b->v[i] = text_confusable(b->v[i], 1);
			else if (!to_latin && text_is_latin(b->v[i]))
				b->v[i] = text_confusable(b->v[i], 0);
		}
	}
}

/* Case folding (Turkish-aware), apostrophes, marks; appends to out. */
static void
text_fold_other(int32_t cp, int flags, struct cpbuf *out)
{
	utf8proc_int32_t	tmp[32];
	utf8proc_ssize_t	m, i;

	if (text_is_apostrophe(cp)) {
		cpbuf_add(out, '\'');
		return;
	}
	if (cp == 0x0307)
		return;
	if ((flags & TEXT_STRIP_MARKS) && (text_is_mark(cp) || cp == 0x0674))
		return;
	if (cp == 0x0130 || cp == 0x0131) {
		cpbuf_add(out, (flags & TEXT_KEEP_CASE) && cp == 0x0130 ?
		    'I' : 'i');
		return;
	}
	if (flags & TEXT_KEEP_CASE) {
		cpbuf_add(out, cp);
		return;
	}
	if (cp >= 0 && cp < 128 && (text_ascii[cp].flags & TA_FOLD)) {
		/* An ASCII fold is no mark, 0x0307, 0x0131 or 0x0674. */
		cpbuf_add(out, text_ascii[cp].fold);
		return;
	}
	m = utf8proc_decompose_char(cp, tmp, 32,
	    UTF8PROC_CASEFOLD | UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE, NULL);
	if (m < 0 || m > 32) {
		cpbuf_add(out, cp);
		return;
	}
	for (i = 0; i < m; i++) {
		if (tmp[i] == 0x0307 || ((flags & TEXT_STRIP_MARKS) &&
		    tmp[i] == 0x0674))
			continue;
		if (tmp[i] == 0x0131)
			cpbuf_add(out, 'i');
		else if (!(flags & TEXT_STRIP_MARKS) || !text_is_mark(tmp[i]))
			cpbuf_add(out, tmp[i]);
	}
}

/*
 * As text_fold_other, ASCII in line: what the steps there give it (no
 * mark, 0x0130, 0x0131 or 0x0307 is ASCII; ' and ` are apostrophes).
 */
static inline void
text_fold_char(int32_t cp, int flags, struct cpbuf *out)
{
	if (cp >= 0 && cp < 128 && cp != '\'' && cp != '`' &&
	    ((flags & TEXT_KEEP_CASE) || (text_ascii[cp].flags & TA_FOLD))) {
		cpbuf_add(out, (flags & TEXT_KEEP_CASE) ? cp :
		    text_ascii[cp].fold);
		return;
	}
	text_fold_other(cp, flags, out);
}

/* Compose and encode code points as a heap UTF-8 string. */
static char *
text_encode(const int32_t *v, size_t n)
{
	int32_t			*w;
	utf8proc_ssize_t	 len;
	char			*s;

	w = xcalloc(n + 2, sizeof *w);
	if (n > 0)
		memcpy(w, v, n * sizeof *w);
	len = utf8proc_normalize_utf32(w, n, UTF8PROC_COMPOSE |
	    UTF8PROC_STABLE);
	if (len < 0)
		len = n;
	len = utf8proc_reencode(w, len, UTF8PROC_COMPOSE | UTF8PROC_STABLE);
	s = xstrdup(len < 0 ? "" : (char *)w);
	free(w);
	return (s);
}

static int
text_is_space(int32_t cp)
{
	utf8proc_category_t	c;

	if (cp >= 0 && cp < 128)
		return ((text_ascii[cp].flags & TA_SPACE) != 0);
	c = utf8proc_category(cp);
	return (c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL ||
	    c == UTF8PROC_CATEGORY_ZP || c == UTF8PROC_CATEGORY_CC ||
	    cp == 0x200B || cp == 0xFEFF);
}

/* Decode, fold confusables and case into out, through in (emptied). */
static void
text_prepare_in(const char *s, int flags, struct cpbuf *in,
    struct cpbuf *out)
{
	struct cpbuf	tmp;
	size_t		i;
	int		other;

	in->n = 0;
	other = text_decode(s, in);
	if (!other && (flags & TEXT_KEEP_CASE) && out->n == 0) {
		/*
		 * Plain ASCII, case kept: no confusable (no Cyrillic), and
		 * the fold leaves every code point as it is but ` (an
		 * apostrophe), so in becomes out, swapped, not copied.
		 */
		tmp = *out;
		*out = *in;
		*in = tmp;
		for (i = 0; i < out->n; i++) {
			if (out->v[i] == '`')
				out->v[i] = '\'';
		}
		return;
	}
	/* no Cyrillic, no mixed-script word: nothing to fold */
	if (other)
		text_fold_confusables(in);
	for (i = 0; i < in->n; i++)
		text_fold_char(in->v[i], flags, out);
}

/* Decode, fold confusables and case: the common first steps. */
static void
text_prepare(const char *s, int flags, struct cpbuf *out)
{
	struct cpbuf	in = { NULL, 0, 0 };

	text_prepare_in(s, flags, &in, out);
	free(in.v);
}

char *
text_normalize(const char *s, int flags)
{
	struct cpbuf	 b = { NULL, 0, 0 }, o = { NULL, 0, 0 };
	size_t		 i;
	int		 space, nl;
	char		*r;

	text_prepare(s, flags, &b);
	space = nl = 0;
	for (i = 0; i < b.n; i++) {
		if (text_is_space(b.v[i])) {
			space = 1;
			if (b.v[i] == '\n' || b.v[i] == 0x2029 ||
			    b.v[i] == 0x2028 || b.v[i] == 0x85)
				nl = 1;
			continue;
		}
		if (space && o.n > 0) {
			if (nl) {
				cpbuf_add(&o, '\n');
				cpbuf_add(&o, '\n');
			} else
				cpbuf_add(&o, ' ');
		}
		space = nl = 0;
		cpbuf_add(&o, b.v[i]);
	}
	r = text_encode(o.v, o.n);
	free(b.v);
	free(o.v);
	return (r);
}

static int
text_is_upper(int32_t cp)
{
	if (cp >= 0 && cp < 128)
		return ((text_ascii[cp].flags & TA_UPPER) != 0);
	return (utf8proc_category(cp) == UTF8PROC_CATEGORY_LU ||
	    utf8proc_category(cp) == UTF8PROC_CATEGORY_LT);
}

/* Length of the word starting at v[i] (0 if none). */
static size_t
text_word_len(const int32_t *v, size_t n, size_t i)
{
	size_t	j;

	if (!text_is_letter(v[i]) && !text_is_digit(v[i]))
		return (0);
	for (j = i + 1; j < n; j++) {
		if (text_is_letter(v[j]) || text_is_mark(v[j]) ||
		    text_is_digit(v[j]))
			continue;
		if (v[j] == '\'' && j + 1 < n && text_is_letter(v[j + 1]) &&
		    text_is_letter(v[j - 1]))
			continue;
		if ((v[j] == '.' || v[j] == ',') && j + 1 < n &&
		    text_is_digit(v[j + 1]) && text_is_digit(v[j - 1]))
			continue;
		break;
	}
	return (j - i);
}

/*
 * Scratch buffers of text_tokenize, reused for every token and, but for
 * the block of the tokens' strings, which the caller gets, kept from one
 * call to the next (the daemon tokenises each body several times: one
 * malloc a token and a dozen a call were a fifth of its CPU, mostly in
 * malloc).  Not thread-safe, like the daemon.
 */
struct text_scratch {
	struct cpbuf	in, b;
	char		*block;
	size_t		 nblock, blocksize;
	struct cpbuf	f, r, w1, w2;
};

/*
 * As text_encode, into scratch w (its string, of *len bytes, NUL-
 * terminated): composed like it, except that ASCII, which composition
 * leaves as it is, is copied.
 */
static const char *
text_compose(const int32_t *v, size_t n, struct cpbuf *w, size_t *lenp)
{
	utf8proc_ssize_t	 len;
	char			*s;
	size_t			 i;

	if (w->size < n + 2) {
		w->size = n + 2 < 64 ? 64 : n + 2;
		free(w->v);
		w->v = xcalloc(w->size, sizeof *w->v);
	}
	s = (char *)w->v;
	for (i = 0; i < n && v[i] >= 0 && v[i] < 0x80; i++)
		s[i] = (char)v[i];
	if (i == n) {
		s[n] = '\0';
		*lenp = n;
		return (s);
	}
	memcpy(w->v, v, n * sizeof *w->v);
	w->v[n] = w->v[n + 1] = 0;
	len = utf8proc_normalize_utf32(w->v, n, UTF8PROC_COMPOSE |
	    UTF8PROC_STABLE);
	if (len < 0)
		len = n;
	len = utf8proc_reencode(w->v, len, UTF8PROC_COMPOSE | UTF8PROC_STABLE);
	if (len < 0)
		len = 0;
	s[len] = '\0';
	*lenp = strlen(s);	/* as text_encode's xstrdup */
	return (s);
}

/* Room for n more bytes in the block of the tokens' strings. */
static void
text_block_room(struct text_scratch *sc, size_t n)
{
	if (sc->nblock + n <= sc->blocksize)
		return;
	while (sc->nblock + n > sc->blocksize)
		sc->blocksize = sc->blocksize == 0 ? 4096 : sc->blocksize * 2;
	sc->block = xrealloc(sc->block, sc->blocksize);
}

/*
 * text_token_make for a token of ASCII that folds by the table (most
 * words): what its steps give, in one pass, straight into the block
 * (composition leaves ASCII as it is).  0 when the token is not such.
 */
static int
text_token_ascii(struct text_token *t, const int32_t *v, size_t len,
    int flags, struct text_scratch *sc)
{
	char	*w, *r;
	size_t	 i, letters = 0, upper = 0;
	int	 c, apos = 0, capital = -1;

	/* written past the block's end until the whole token is known */
	text_block_room(sc, 2 * len + 2);
	w = sc->block + sc->nblock;
	r = w + len + 1;
	for (i = 0; i < len; i++) {
		c = v[i] == ',' ? '.' : v[i];
		if (c < 0 || c >= 128 || c == '`' || (c != '\'' &&
		    !(flags & TEXT_KEEP_CASE) &&
		    !(text_ascii[c].flags & TA_FOLD)))
			return (0);
		r[i] = (char)c;
		if (c == '\'')
			w[i] = '\'';	/* an apostrophe */
		else
			w[i] = (char)((flags & TEXT_KEEP_CASE) ? c :
			    text_ascii[c].fold);
		if (v[i] == '\'')
			apos = 1;
		if (text_ascii[v[i]].flags & TA_LETTER) {
			if (capital < 0)
				capital = (text_ascii[v[i]].flags &
				    TA_UPPER) != 0;
			if (!apos) {
				letters++;
				if (text_ascii[v[i]].flags & TA_UPPER)
					upper++;
			}
		}
	}
	w[len] = r[len] = '\0';
	t->flags = 0;
	if (text_ascii[v[0]].flags & TA_DIGIT)
		t->flags |= TEXT_TOKEN_DIGIT;
	if (capital > 0)
		t->flags |= TEXT_TOKEN_CAPITAL;
	if (letters >= 2 && upper == letters)
		t->flags |= TEXT_TOKEN_UPPER;
	t->word = (char *)(uintptr_t)sc->nblock;
	t->raw = (char *)(uintptr_t)(sc->nblock + len + 1);
	sc->nblock += 2 * len + 2;
	return (1);
}

/*
 * The token at v into t, its word and raw appended to sc->block; t->word
 * and t->raw hold their offsets in it until text_tokenize points them.
 */
static void
text_token_make(struct text_token *t, const int32_t *v, size_t len,
    int flags, struct text_scratch *sc)
{
	struct cpbuf	*f = &sc->f, *r = &sc->r;
	const char	*word, *raw;
	size_t		 i, letters = 0, upper = 0, wlen, rlen;
	int		 apos = 0;

	if (text_token_ascii(t, v, len, flags, sc))
		return;
	f->n = r->n = 0;
	for (i = 0; i < len; i++) {
		cpbuf_add(r, v[i] == ',' ? '.' : v[i]);
		if (v[i] == '\'' || text_is_apostrophe(v[i]))
			apos = 1;
		if (!apos && text_is_letter(v[i])) {
			letters++;
			if (text_is_upper(v[i]))
				upper++;
		}
		text_fold_char(v[i] == ',' ? '.' : v[i], flags, f);
	}
	t->flags = 0;
	if (text_is_digit(v[0]))
		t->flags |= TEXT_TOKEN_DIGIT;
	for (i = 0; i < len; i++) {
		if (text_is_letter(v[i])) {
			if (text_is_upper(v[i]))
				t->flags |= TEXT_TOKEN_CAPITAL;
			break;
		}
	}
	if (letters >= 2 && upper == letters)
		t->flags |= TEXT_TOKEN_UPPER;
	word = text_compose(f->v, f->n, &sc->w1, &wlen);
	raw = text_compose(r->v, r->n, &sc->w2, &rlen);
	text_block_room(sc, wlen + rlen + 2);
	t->word = (char *)(uintptr_t)sc->nblock;
	memcpy(sc->block + sc->nblock, word, wlen + 1);
	sc->nblock += wlen + 1;
	t->raw = (char *)(uintptr_t)sc->nblock;
	memcpy(sc->block + sc->nblock, raw, rlen + 1);
	sc->nblock += rlen + 1;
}

/* Code points a scratch buffer keeps between calls, at most. */
#define TEXT_SCRATCH_KEEP	(256 * 1024)

static void
text_scratch_trim(struct cpbuf *b)
{
	if (b->size > TEXT_SCRATCH_KEEP) {
		free(b->v);
		b->v = NULL;
		b->size = 0;
	}
	b->n = 0;
}

static struct text_scratch	text_sc;

/*
 * What a text's next word inherits from the characters before it: the
 * flags its gap sets, whether the last of them was a newline (two make a
 * paragraph break), and, for a text cut into lines, whether the gap
 * inside the line itself had punctuation (text_words_make).
 */
struct text_chain {
	int	start;		/* TEXT_TOKEN_START, _PARA, _PUNCT */
	int	nl;
	int	lead_punct;
};

static size_t	text_tokenize_chain(const char *, int, struct text_chain *,
		    struct text_token **);

size_t
text_tokenize(const char *s, int flags, struct text_token **tokens)
{
	struct text_chain	c = { TEXT_TOKEN_START | TEXT_TOKEN_PARA, 0, 0 };

	return (text_tokenize_chain(s, flags, &c, tokens));
}

/* A newline between two texts of a chain. */
static void
text_chain_newline(struct text_chain *c)
{
	if (c->nl)
		c->start |= TEXT_TOKEN_START | TEXT_TOKEN_PARA;
	c->nl = 1;
}

/*
 * text_tokenize, the text's start carrying on from the text before it in
 * c (which is left as the text ends).  The array has one token more, in
 * front, whose word is the block of every token's strings:
 * text_tokens_free finds it at t[-1].  "\n\n" is found by its second
 * newline, not by looking ahead at the first, so that it counts across
 * two calls alike; no word lies between the two, so the next one gets
 * the same flags.
 */
static size_t
text_tokenize_chain(const char *s, int flags, struct text_chain *c,
    struct text_token **tokens)
{
	struct text_scratch	*sc = &text_sc;
	struct cpbuf		*b = &sc->b;
	struct text_token	*t = NULL;
	size_t			 n = 0, size = 0, i, len;
	int			 start = c->start, nl = c->nl;

	c->lead_punct = 0;

	/* Keep case and marks here; each token is folded on its own. */
	b->n = 0;
	text_prepare_in(s, TEXT_KEEP_CASE, &sc->in, b);
	/*
	 * Sized once for most texts (a word and its raw form, each about
	 * as long as the text's bytes; a token every five code points or
	 * so), grown if folding expands them: reallocations of large
	 * blocks were the daemon's costliest mallocs.
	 */
	sc->blocksize = 2 * strlen(s) + 64;
	sc->block = xmalloc(sc->blocksize);
	sc->nblock = 0;
	size = b->n / 4 + 16;
	t = xreallocarray(NULL, size, sizeof *t);
	for (i = 0; i < b->n; ) {
		len = text_word_len(b->v, b->n, i);
		if (len == 0) {
			if (b->v[i] == '.' || b->v[i] == '!' ||
			    b->v[i] == '?' || b->v[i] == 0x2026 ||
			    b->v[i] == ':')
				start |= TEXT_TOKEN_START;
			if (b->v[i] == '\n' && nl)
				start |= TEXT_TOKEN_START | TEXT_TOKEN_PARA;
			nl = b->v[i] == '\n';
			if (!text_is_space(b->v[i]) && b->v[i] != '-' &&
			    b->v[i] != 0x2010 && b->v[i] != 0x2011) {
				start |= TEXT_TOKEN_PUNCT;
				if (n == 0)
					c->lead_punct = 1;
			}
			i++;
			continue;
		}
		if (n + 1 >= size) {
			size = size == 0 ? 64 : size * 2;
			t = xreallocarray(t, size, sizeof *t);
		}
		text_token_make(&t[n + 1], b->v + i, len, flags, sc);
		t[n + 1].flags |= start;
		start = 0;
		nl = 0;
		n++;
		i += len;
	}
	c->start = start;
	c->nl = nl;
	text_scratch_trim(&sc->in);
	text_scratch_trim(b);
	text_scratch_trim(&sc->f);
	text_scratch_trim(&sc->r);
	if (sc->w1.size > TEXT_SCRATCH_KEEP || sc->w2.size > TEXT_SCRATCH_KEEP) {
		free(sc->w1.v);	/* text_compose sizes these itself */
		free(sc->w2.v);
		memset(&sc->w1, 0, sizeof sc->w1);
		memset(&sc->w2, 0, sizeof sc->w2);
	}
	if (n == 0) {
		free(t);
		free(sc->block);
		*tokens = NULL;
		return (0);
	}
	memset(&t[0], 0, sizeof t[0]);
	t[0].word = sc->block;
	for (i = 1; i <= n; i++) {
		t[i].word = sc->block + (uintptr_t)t[i].word;
		t[i].raw = sc->block + (uintptr_t)t[i].raw;
	}
	sc->block = NULL;
	*tokens = t + 1;
	return (n);
}

void
text_tokens_free(struct text_token *t, size_t n)
{
	(void)n;
	if (t == NULL)
		return;
	free(t[-1].word);	/* the block of every token's strings */
	free(t - 1);
}

/*
 * One tokenisation of an article's words for all its readers: the title,
 * then the body line by line, each line as text_tokenize(line) gives it
 * (dedup and story keys read lines), while the chain carries on as in
 * text_tokenize(title "\n\n" body), which the topic filter reads: only
 * a line's first word can differ between the two, and joined[] keeps
 * its flags in the joined text.  (A word never spans a newline:
 * text_word_len stops at it.)
 */
void
text_words_make(const char *title, const char *body, struct text_words *w)
{
	struct text_chain	 c = { TEXT_TOKEN_START | TEXT_TOKEN_PARA, 0, 0 };
	struct text_token	*t;
	size_t			 size = 0, nt;
	char			*copy, *line, *next;

	memset(w, 0, sizeof *w);
	w->body_src = body;
	w->ntitle = text_tokenize_chain(title != NULL ? title : "",
	    TEXT_STRIP_MARKS, &c, &w->title);
	text_chain_newline(&c);
	text_chain_newline(&c);
	copy = xstrdup(body != NULL ? body : "");
	for (line = copy; line != NULL; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		nt = text_tokenize_chain(line, TEXT_STRIP_MARKS, &c, &t);
		if (w->nlines == size) {
			size = size == 0 ? 16 : size * 2;
			w->line = xreallocarray(w->line, size, sizeof *w->line);
			w->nline = xreallocarray(w->nline, size,
			    sizeof *w->nline);
			w->joined = xreallocarray(w->joined, size,
			    sizeof *w->joined);
		}
		w->line[w->nlines] = t;
		w->nline[w->nlines] = nt;
		w->joined[w->nlines] = nt > 0 ? t[0].flags : 0;
		if (nt > 0)	/* as a text of its own: the line's first word */
			t[0].flags = (t[0].flags & ~(TEXT_TOKEN_START |
			    TEXT_TOKEN_PARA | TEXT_TOKEN_PUNCT)) |
			    TEXT_TOKEN_START | TEXT_TOKEN_PARA |
			    (c.lead_punct ? TEXT_TOKEN_PUNCT : 0);
		w->nlines++;
		if (next != NULL)
			text_chain_newline(&c);
	}
	free(copy);
}

/*
 * The tokens of title "\n\n" body, as text_tokenize gives them, copied
 * from w's (the strings stay w's): free() the array, not
 * text_tokens_free.  *ntitle: how many are the title's.
 */
size_t
text_words_joined(const struct text_words *w, struct text_token **tokens,
    size_t *ntitle)
{
	struct text_token	*t;
	size_t			 n = w->ntitle, i, k;

	for (i = 0; i < w->nlines; i++)
		n += w->nline[i];
	*ntitle = w->ntitle;
	t = xcalloc(n + 1, sizeof *t);
	if (w->ntitle > 0)
		memcpy(t, w->title, w->ntitle * sizeof *t);
	for (i = 0, k = w->ntitle; i < w->nlines; i++) {
		if (w->nline[i] == 0)
			continue;
		memcpy(t + k, w->line[i], w->nline[i] * sizeof *t);
		t[k].flags = w->joined[i];
		k += w->nline[i];
	}
	*tokens = t;
	return (n);
}

void
text_words_clear(struct text_words *w)
{
	size_t	i;

	if (w == NULL)
		return;
	text_tokens_free(w->title, w->ntitle);
	for (i = 0; i < w->nlines; i++)
		text_tokens_free(w->line[i], w->nline[i]);
	free(w->line);
	free(w->nline);
	free(w->joined);
	memset(w, 0, sizeof *w);
}

char *
text_translit(const char *s)
{
	const utf8proc_uint8_t	*p = (const utf8proc_uint8_t *)s;
	utf8proc_ssize_t	 len = strlen(s), n;
	utf8proc_int32_t	 cp;
	utf8proc_uint8_t	 enc[4];
	char			*out;
	size_t			 o = 0, size, i, k;

	size = len * 2 + 1;
	out = xmalloc(size);
	while (len > 0) {
		if ((n = utf8proc_iterate(p, len, &cp)) <= 0) {
			p++;
			len--;
			continue;
		}
		p += n;
		len -= n;
		if (o + 8 >= size) {
			size *= 2;
			out = xrealloc(out, size);
		}
		if (cp < 0x80) {	/* the table is Cyrillic only */
			out[o++] = (char)cp;
			continue;
		}
		for (i = 0; i < sizeof text_translit_table /
		    sizeof *text_translit_table; i++) {
			if (text_translit_table[i].cp == cp)
				break;
		}
		if (i < sizeof text_translit_table /
		    sizeof *text_translit_table) {
			for (k = 0; text_translit_table[i].latin[k] != '\0';
			    k++)
				out[o++] = text_translit_table[i].latin[k];
			continue;
		}
		k = utf8proc_encode_char(cp, enc);
		memcpy(out + o, enc, k);
		o += k;
	}
	out[o] = '\0';
	return (out);
}
