/*
 * date-text.c -- human dates in the running text of en/ru/kk/tr pages:
 * "21 May 2025", "May 21, 2025 14:10", "21 мая 2025 года",
 * "2025 жылғы 21 мамыр", "13:51, 15 Август 2025", "09.10.2025, 13:15",
 * "21 Mayıs 2025"; and the month names of de/fr/es/it/pt/pl in the
 * same orders ("24. März 2004", "30 settembre 2020").  The first date
 * found wins; none found is -1.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <utf8proc.h>

#include "date.h"
#include "date-int.h"
#include "xmalloc.h"

#define DATE_TEXT_MAX	(64 * 1024)	/* scan at most this much text */
#define DATE_TOKENS_MAX	4096

/* Month names of running text, lower case; month number follows. */
struct date_month {
	const char	*name;
	int		 mon;		/* 1-12 */
};

static const struct date_month date_text_months[] = {
	/* English */
	{ "january", 1 }, { "february", 2 }, { "march", 3 }, { "april", 4 },
	{ "may", 5 }, { "june", 6 }, { "july", 7 }, { "august", 8 },
	{ "september", 9 }, { "october", 10 }, { "november", 11 },
	{ "december", 12 }, { "jan", 1 }, { "feb", 2 }, { "mar", 3 },
	{ "apr", 4 }, { "jun", 6 }, { "jul", 7 }, { "aug", 8 }, { "sep", 9 },
	{ "sept", 9 }, { "oct", 10 }, { "nov", 11 }, { "dec", 12 },
	/* Russian, nominative and genitive, and abbreviations */
	{ "январь", 1 }, { "февраль", 2 }, { "март", 3 }, { "апрель", 4 },
	{ "май", 5 }, { "июнь", 6 }, { "июль", 7 }, { "август", 8 },
	{ "сентябрь", 9 }, { "октябрь", 10 }, { "ноябрь", 11 },
	{ "декабрь", 12 },
	{ "января", 1 }, { "февраля", 2 }, { "марта", 3 }, { "апреля", 4 },
	{ "мая", 5 }, { "июня", 6 }, { "июля", 7 }, { "августа", 8 },
	{ "сентября", 9 }, { "октября", 10 }, { "ноября", 11 },
	{ "декабря", 12 },
	{ "янв", 1 }, { "фев", 2 }, { "февр", 2 }, { "мар", 3 }, { "апр", 4 },
	{ "июн", 6 }, { "июл", 7 }, { "авг", 8 }, { "сен", 9 }, { "сент", 9 },
	{ "окт", 10 }, { "ноя", 11 }, { "нояб", 11 }, { "дек", 12 },
	/* Kazakh, Cyrillic and Latin */
	{ "қаңтар", 1 }, { "ақпан", 2 }, { "наурыз", 3 }, { "сәуір", 4 },
	{ "мамыр", 5 }, { "маусым", 6 }, { "шілде", 7 }, { "тамыз", 8 },
	{ "қыркүйек", 9 }, { "қазан", 10 }, { "қараша", 11 },
	{ "желтоқсан", 12 },
	{ "qańtar", 1 }, { "aqpan", 2 }, { "naýryz", 3 }, { "sáýir", 4 },
	{ "mamyr", 5 }, { "maýsym", 6 }, { "shilde", 7 }, { "tamyz", 8 },
	{ "qyrkúiek", 9 }, { "qazan", 10 }, { "qarasha", 11 },
	{ "jeltoqsan", 12 },
	/* Turkish, with and without diacritics */
	{ "ocak", 1 }, { "şubat", 2 }, { "subat", 2 }, { "mart", 3 },
	{ "nisan", 4 }, { "mayıs", 5 }, { "mayis", 5 }, { "haziran", 6 },
	{ "temmuz", 7 }, { "ağustos", 8 }, { "agustos", 8 }, { "eylül", 9 },
	{ "eylul", 9 }, { "ekim", 10 }, { "kasım", 11 }, { "kasim", 11 },
	{ "aralık", 12 }, { "aralik", 12 },
	/* German */
	{ "januar", 1 }, { "jänner", 1 }, { "februar", 2 }, { "märz", 3 },
	{ "mai", 5 }, { "juni", 6 }, { "juli", 7 }, { "oktober", 10 },
	{ "dezember", 12 },
	/* French */
	{ "janvier", 1 }, { "février", 2 }, { "mars", 3 }, { "avril", 4 },
	{ "juin", 6 }, { "juillet", 7 }, { "août", 8 }, { "septembre", 9 },
	{ "octobre", 10 }, { "novembre", 11 }, { "décembre", 12 },
	/* Spanish, Italian, Portuguese */
	{ "enero", 1 }, { "febrero", 2 }, { "marzo", 3 }, { "abril", 4 },
	{ "mayo", 5 }, { "junio", 6 }, { "julio", 7 }, { "agosto", 8 },
	{ "septiembre", 9 }, { "setiembre", 9 }, { "octubre", 10 },
	{ "noviembre", 11 }, { "diciembre", 12 },
	{ "gennaio", 1 }, { "febbraio", 2 }, { "aprile", 4 },
	{ "maggio", 5 }, { "giugno", 6 }, { "luglio", 7 }, { "settembre", 9 },
	{ "ottobre", 10 }, { "dicembre", 12 },
	{ "janeiro", 1 }, { "fevereiro", 2 }, { "março", 3 }, { "maio", 5 },
	{ "junho", 6 }, { "julho", 7 }, { "setembro", 9 }, { "outubro", 10 },
	{ "novembro", 11 }, { "dezembro", 12 },
	/* Polish, genitive (the form of a date) */
	{ "stycznia", 1 }, { "lutego", 2 }, { "marca", 3 }, { "kwietnia", 4 },
	{ "maja", 5 }, { "czerwca", 6 }, { "lipca", 7 }, { "sierpnia", 8 },
	{ "września", 9 }, { "października", 10 }, { "listopada", 11 },
	{ "grudnia", 12 },
	{ NULL, 0 }
};

/* Words that may sit between a date and its time, or after a year. */
static const char *date_text_fillers[] = {
	"года", "год", "г", "year", "жылғы", "жылы", "ж", "yılı", "yil",
	"yili", "at", "в", "saat", "сағат", NULL
};

enum date_tok_type {
	DATE_TOK_NUM,
	DATE_TOK_WORD,
	DATE_TOK_PUNCT
};

struct date_tok {
	enum date_tok_type	 type;
	int			 value;	/* NUM: value; PUNCT: char */
	int			 ndig;	/* NUM: digits */
	int			 mon;	/* WORD: month 1-12 or 0 */
	int			 filler;	/* WORD: filler word */
	int			 space;	/* preceded by white space */
};

static int
date_text_month(const char *w)
{
	int	i;

	for (i = 0; date_text_months[i].name != NULL; i++) {
		if (strcmp(w, date_text_months[i].name) == 0)
			return (date_text_months[i].mon);
	}
	return (0);
}

static int
date_text_filler(const char *w)
{
	int	i;

	for (i = 0; date_text_fillers[i] != NULL; i++) {
		if (strcmp(w, date_text_fillers[i]) == 0)
			return (1);
	}
	return (0);
}

/* Read one word of letters, lower-cased into w; returns bytes read. */
static size_t
date_text_word(const char *s, size_t len, char *w, size_t wlen)
{
	utf8proc_int32_t	cp;
	utf8proc_ssize_t	n;
	size_t			off = 0, o = 0;
	utf8proc_category_t	cat;

	while (off < len) {
		n = utf8proc_iterate((const utf8proc_uint8_t *)s + off,
		    len - off, &cp);
		if (n <= 0)
			break;
		cat = utf8proc_category(cp);
		if (cat != UTF8PROC_CATEGORY_LU &&
		    cat != UTF8PROC_CATEGORY_LL &&
		    cat != UTF8PROC_CATEGORY_LT &&
		    cat != UTF8PROC_CATEGORY_LM &&
		    cat != UTF8PROC_CATEGORY_LO &&
		    cat != UTF8PROC_CATEGORY_MN)
			break;
		if (cp == 0x130)	/* Turkish dotted capital I */
			cp = 'i';
		else
			cp = utf8proc_tolower(cp);
		if (o + 4 < wlen)
			o += utf8proc_encode_char(cp,
			    (utf8proc_uint8_t *)w + o);
		off += n;
	}
	w[o] = '\0';
	return (off);
}

/* Split text into numbers, words and punctuation. */
static struct date_tok *
date_tokenize(const char *s, size_t len, size_t *ntok)
{
	struct date_tok	*t = NULL, *k;
	size_t		 n = 0, cap = 0, off = 0, adv;
	char		 w[128];
	int		 space = 1, v, nd;

	while (off < len && n < DATE_TOKENS_MAX) {
		unsigned char c = (unsigned char)s[off];

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		    c == '\f' || c == '\v') {
			space = 1;
			off++;
			continue;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			t = xreallocarray(t, cap, sizeof *t);
		}
		k = &t[n];
		memset(k, 0, sizeof *k);
		k->space = space;
		space = 0;
		if (isdigit(c)) {
			for (v = 0, nd = 0; off < len &&
			    isdigit((unsigned char)s[off]); off++, nd++) {
				if (nd < 6)
					v = v * 10 + (s[off] - '0');
			}
			k->type = DATE_TOK_NUM;
			k->value = v;
			k->ndig = nd;
			n++;
			continue;
		}
		adv = date_text_word(s + off, len - off, w, sizeof w);
		if (adv > 0) {
			k->type = DATE_TOK_WORD;
			k->mon = date_text_month(w);
			k->filler = date_text_filler(w);
			off += adv;
			n++;
			continue;
		}
		if (c == 0xc2 && off + 1 < len && (unsigned char)s[off + 1] ==
		    0xa0) {	/* no-break space */
			space = 1;
			off += 2;
			continue;
		}
		k->type = DATE_TOK_PUNCT;
		k->value = (c < 0x80) ? c : 0;
		/* skip the whole UTF-8 sequence */
		off++;
		while (off < len && ((unsigned char)s[off] & 0xc0) == 0x80)
			off++;
		n++;
	}
	*ntok = n;
	return (t);
}

static int
date_tok_num(const struct date_tok *t, size_t n, size_t i, int mind, int maxd)
{
	return (i < n && t[i].type == DATE_TOK_NUM && t[i].ndig >= mind &&
	    t[i].ndig <= maxd);
}

static int
date_tok_punct(const struct date_tok *t, size_t n, size_t i, int c)
{
	return (i < n && t[i].type == DATE_TOK_PUNCT && t[i].value == c);
}

/* "HH:MM[:SS]" at i; returns tokens used or 0. */
static size_t
date_tok_time(const struct date_tok *t, size_t n, size_t i, int *h, int *mi,
    int *s)
{
	if (!date_tok_num(t, n, i, 1, 2) || !date_tok_punct(t, n, i + 1, ':') ||
	    !date_tok_num(t, n, i + 2, 2, 2) || t[i + 1].space ||
	    t[i + 2].space)
		return (0);
	if (t[i].value > 23 || t[i + 2].value > 59)
		return (0);
	*h = t[i].value;
	*mi = t[i + 2].value;
	*s = 0;
	if (date_tok_punct(t, n, i + 3, ':') &&
	    date_tok_num(t, n, i + 4, 2, 2) &&
	    !t[i + 3].space && t[i + 4].value <= 59) {
		*s = t[i + 4].value;
		return (5);
	}
	return (3);
}

/*
 * Match a date at token i.  Fills y/m/d and returns the index just past it,
 * or 0 when nothing matches here.
 */
static size_t
date_tok_date(const struct date_tok *t, size_t n, size_t i, int *y, int *m,
    int *d)
{
	size_t	j;

	/* DD.MM.YYYY */
	if (date_tok_num(t, n, i, 1, 2) && date_tok_punct(t, n, i + 1, '.') &&
	    date_tok_num(t, n, i + 2, 1, 2) &&
	    date_tok_punct(t, n, i + 3, '.') &&
	    date_tok_num(t, n, i + 4, 4, 4) && !t[i + 2].space &&
	    !t[i + 4].space) {
		*d = t[i].value;
		*m = t[i + 2].value;
		*y = t[i + 4].value;
		return (i + 5);
	}
	/* YYYY-MM-DD */
	if (date_tok_num(t, n, i, 4, 4) && date_tok_punct(t, n, i + 1, '-') &&
	    date_tok_num(t, n, i + 2, 2, 2) &&
	    date_tok_punct(t, n, i + 3, '-') &&
	    date_tok_num(t, n, i + 4, 2, 2)) {
		*y = t[i].value;
		*m = t[i + 2].value;
		*d = t[i + 4].value;
		return (i + 5);
	}
	/* DD[.] Month[,] YYYY */
	if (date_tok_num(t, n, i, 1, 2)) {
		j = i + 1;
		if (date_tok_punct(t, n, j, '.'))
			j++;
		if (j < n && t[j].type == DATE_TOK_WORD && t[j].mon != 0) {
			*d = t[i].value;
			*m = t[j].mon;
			j++;
			if (date_tok_punct(t, n, j, '.') ||
			    date_tok_punct(t, n, j, ','))
				j++;
			if (date_tok_num(t, n, j, 4, 4)) {
				*y = t[j].value;
				return (j + 1);
			}
		}
	}
	/* Month DD, YYYY */
	if (i < n && t[i].type == DATE_TOK_WORD && t[i].mon != 0) {
		j = i + 1;
		if (date_tok_punct(t, n, j, '.'))
			j++;
		if (date_tok_num(t, n, j, 1, 2)) {
			*d = t[j].value;
			j++;
			if (date_tok_punct(t, n, j, ','))
				j++;
			if (date_tok_num(t, n, j, 4, 4)) {
				*m = t[i].mon;
				*y = t[j].value;
				return (j + 1);
			}
		}
	}
	/* YYYY жылғы DD month (Kazakh) */
	if (date_tok_num(t, n, i, 4, 4)) {
		j = i + 1;
		if (j < n && t[j].type == DATE_TOK_WORD && t[j].filler)
			j++;
		if (date_tok_punct(t, n, j, '.'))
			j++;
		if (j > i + 1 && date_tok_num(t, n, j, 1, 2) && j + 1 < n &&
		    t[j + 1].type == DATE_TOK_WORD && t[j + 1].mon != 0) {
			*y = t[i].value;
			*d = t[j].value;
			*m = t[j + 1].mon;
			return (j + 2);
		}
	}
	return (0);
}

/* A time of day right after a date: ", 13:15", " в 13:15", " года, 16:20". */
static int
date_tok_time_after(const struct date_tok *t, size_t n, size_t j, int *h,
    int *mi, int *s)
{
	int	k;

	for (k = 0; k < 4 && j < n; k++) {
		if (date_tok_time(t, n, j, h, mi, s) != 0)
			return (1);
		if (t[j].type == DATE_TOK_WORD && t[j].filler)
			j++;
		else if (t[j].type == DATE_TOK_PUNCT && (t[j].value == ',' ||
		    t[j].value == '.' || t[j].value == '-' ||
		    t[j].value == '|' ||
		    t[j].value == '/' || t[j].value == 0))
			j++;
		else
			return (0);
	}
	return (0);
}

/* A time of day right before a date: "13:51, 15 Август 2025". */
static int
date_tok_time_before(const struct date_tok *t, size_t i, int *h, int *mi,
    int *s)
{
	size_t	j = i;
	size_t	back;

	if (j > 0 && t[j - 1].type == DATE_TOK_PUNCT &&
	    (t[j - 1].value == ',' ||
	    t[j - 1].value == '|' || t[j - 1].value == '-' ||
	    t[j - 1].value == 0))
		j--;
	for (back = 5; back >= 3; back -= 2) {
		if (j >= back &&
		    date_tok_time(t, j, j - back, h, mi, s) == back)
			return (1);
	}
	return (0);
}

time_t
date_parse_text(const char *text, const char *tz, int *has_time)
{
	struct date_tok	*t;
	size_t		 n, i, j, len;
	int		 y, m, d, h = 0, mi = 0, s = 0, ht;
	time_t		 r = -1;

	if (has_time != NULL)
		*has_time = 0;
	if (text == NULL)
		return (-1);
	len = strnlen(text, DATE_TEXT_MAX);
	t = date_tokenize(text, len, &n);
	for (i = 0; i < n; i++) {
		if ((j = date_tok_date(t, n, i, &y, &m, &d)) == 0)
			continue;
		if (y < 1900 || m < 1 || m > 12 || d < 1 ||
		    d > date_mdays(y, m))
			continue;
		ht = date_tok_time_after(t, n, j, &h, &mi, &s);
		if (!ht)
			ht = date_tok_time_before(t, i, &h, &mi, &s);
		if (!ht)
			h = mi = s = 0;
		r = date_make(y, m, d, h, mi, s, 0, 0, tz);
		if (r != -1) {
			if (has_time != NULL)
				*has_time = ht;
			break;
		}
	}
	free(t);
	return (r);
}
