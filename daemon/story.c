/*
 * story.c -- evidence that two articles report the same event.
 *
 * Names are compared across scripts and spellings through a consonant
 * skeleton of their Latin transliteration: vowels and y/j-like glides are
 * what transliterations disagree on (Tokayev/Токаев -> tokaev), so they
 * are dropped after the first letter; digraphs collapse (sh, zh, kh, ch,
 * ts) and near-equivalent consonants merge (c/k/q, x/h, w/v).  Case
 * endings are tolerated by story_key_match: a key of four or more letters
 * matches a key that extends it by at most two letters (Orbán "rbn" and
 * Орбанға "rbng").
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "story.h"
#include "text.h"
#include "xmalloc.h"

/* Capitalised words that are titles or generic, by folded prefix. */
static const char *story_stop[] = {
	"president", "prime", "minister", "head", "state", "republic",
	"organi", "turk", "secretar", "general", "council", "summit",
	"informal", "assembl", "parliament", "internation", "foreign",
	"affair", "ministr", "chair", "mr", "mrs", "deputy", "vice", "the",
	"government", "embassy", "ambassador", "agency", "news", "day",
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december",
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
	"sunday",
	"президент", "глав", "государств", "премьер", "министр", "республик",
	"организац", "тюрк", "генеральн", "секретар", "совет", "саммит",
	"мемлекет", "басшы", "ұйым", "түрк", "бас", "хатшы", "кеңес",
	"cumhurbaskan", "basbakan", "bakan", "devlet", "teskilat", "zirve",
	"genel", "sekreter", "dovlət", "prezident", "vazir", "davlat",
	"tashkilot", "январ", "феврал", "март", "апрел", "мая", "май", "июн",
	"июл", "август", "сентябр", "октябр", "ноябр", "декабр", "мамыр",
	"mayis", "haziran", "ekim", "kasim"
};

static int
story_is_vowel(int c)
{
	return (c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' ||
	    c == 'y');
}

void
story_skeleton(const char *word, char *buf, size_t len)
{
	char		*norm, *lat;
	const char	*p;
	size_t		 o = 0;
	int		 c, prev = 0;

	norm = text_normalize(word, TEXT_STRIP_MARKS);
	norm[strcspn(norm, "'")] = '\0';
	lat = text_translit(norm);
	for (p = lat; *p != '\0' && o + 1 < len; p++) {
		c = (unsigned char)*p;
		if (c == 0xc9 && (unsigned char)p[1] == 0x99) {	/* ə */
			c = 'a';
			p++;
		}
		if (c >= 0x80 || !(c >= 'a' && c <= 'z'))
			continue;
		if (p[1] == 'h' && (c == 's' || c == 'z' || c == 'k' ||
		    c == 'c')) {
			c = c == 'k' ? 'h' : c == 'c' ? 'k' : c;
			p++;
		} else if (c == 't' && p[1] == 's') {
			c = 'k';
			p++;
		}
		switch (c) {
		case 'c':
		case 'q':
			c = 'k';
			break;
		case 'x':
			c = 'h';
			break;
		case 'w':
			c = 'v';
			break;
		case 'j':
			c = 'z';
			break;
		}
		if (o > 0 && story_is_vowel(c))
			continue;
		if (c == prev)
			continue;
		buf[o++] = c;
		prev = c;
	}
	buf[o] = '\0';
	free(lat);
	free(norm);
}

int
story_part_match(const char *a, size_t la, const char *b, size_t lb)
{
	if (la > lb)
		return (story_part_match(b, lb, a, la));
	if (la == lb && strncmp(a, b, la) == 0)
		return (1);
	return (la >= 4 && lb - la <= 2 && strncmp(a, b, la) == 0);
}

int
story_key_match(const char *a, const char *b)
{
	const char	*p, *q;
	size_t		 lp, lq;

	if (a[0] == '#' || b[0] == '#')
		return (strcmp(a, b) == 0);
	for (p = a; *p != '\0'; p += lp + (p[lp] == '+')) {
		lp = strcspn(p, "+");
		for (q = b; *q != '\0'; q += lq + (q[lq] == '+')) {
			lq = strcspn(q, "+");
			if (story_part_match(p, lp, q, lq))
				return (1);
		}
	}
	return (0);
}

static int
story_is_stop(const char *w)
{
	size_t	i;

	for (i = 0; i < sizeof story_stop / sizeof *story_stop; i++) {
		if (w[0] == story_stop[i][0] &&
		    strncmp(w, story_stop[i], strlen(story_stop[i])) == 0)
			return (1);
	}
	return (0);
}

struct story_count {
	char	*key;
	size_t	 n;
	size_t	 first;
};

static void
story_count_add(struct story_count **v, size_t *n, const char *key)
{
	size_t	i;

	for (i = 0; i < *n; i++) {
		if (strcmp((*v)[i].key, key) == 0) {
			(*v)[i].n++;
			return;
		}
	}
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[*n].key = xstrdup(key);
	(*v)[*n].n = 1;
	(*v)[*n].first = *n;
	(*n)++;
}

static int
story_count_cmp(const void *a, const void *b)
{
	const struct story_count	*x = a, *y = b;

	if (x->n != y->n)
		return (x->n > y->n ? -1 : 1);
	return (x->first < y->first ? -1 : x->first > y->first);
}

/* A number worth keeping: decimals, and integers >= 100 but not years. */
static int
story_number(const char *w, char *buf, size_t len)
{
	long	v;
	char	*end;

	if (strchr(w, '.') == NULL) {
		v = strtol(w, &end, 10);
		if (*end != '\0' || v < 100 || (v >= 1900 && v <= 2100))
			return (0);
	} else if (strspn(w, "0123456789.") != strlen(w))
		return (0);
	snprintf(buf, len, "#%s", w);
	return (1);
}

/* Is a title in Title Case (every word capitalised: no name evidence)? */
static int
story_title_case(const struct text_token *t, size_t n)
{
	size_t	i, words = 0, caps = 0;

	for (i = 0; i < n; i++) {
		if (strlen(t[i].word) < 4 || (t[i].flags & TEXT_TOKEN_DIGIT))
			continue;
		words++;
		if (t[i].flags & TEXT_TOKEN_CAPITAL)
			caps++;
	}
	return (words > 0 && caps * 10 >= words * 6);
}

/* Add an entity (components joined by '+'), merging with a known one. */
static void
story_entity_add(struct story_count **v, size_t *n, const char *ent)
{
	char	*tmp;
	size_t	 i;

	for (i = 0; i < *n; i++) {
		if ((*v)[i].key[0] == '#' || ent[0] == '#')
			continue;
		if (!story_key_match((*v)[i].key, ent))
			continue;
		(*v)[i].n++;
		if (strlen(ent) > strlen((*v)[i].key)) {
			tmp = xstrdup(ent);
			free((*v)[i].key);
			(*v)[i].key = tmp;
		}
		return;
	}
	story_count_add(v, n, ent);
}

static void
story_scan_tokens(struct text_token *t, size_t nt, int names,
    struct story_count **v, size_t *n)
{
	char	 buf[64], ent[256];
	size_t	 i, len;

	ent[0] = '\0';
	for (i = 0; i <= nt; i++) {
		if (i < nt && names && (t[i].flags & TEXT_TOKEN_CAPITAL) &&
		    !(t[i].flags & (TEXT_TOKEN_START | TEXT_TOKEN_UPPER |
		    TEXT_TOKEN_DIGIT)) && !story_is_stop(t[i].word)) {
			story_skeleton(t[i].word, buf, sizeof buf);
			len = strlen(ent);
			if (strlen(buf) >= 3 && len + strlen(buf) + 2 <
			    sizeof ent) {
				snprintf(ent + len, sizeof ent - len, "%s%s",
				    len > 0 ? "+" : "", buf);
				continue;
			}
		}
		if (ent[0] != '\0')
			story_entity_add(v, n, ent);
		ent[0] = '\0';
		if (i < nt && (t[i].flags & TEXT_TOKEN_DIGIT) &&
		    story_number(t[i].word, buf, sizeof buf))
			story_count_add(v, n, buf);
	}
}

/* Scan one text; returns its number of words. */
static size_t
story_scan(const char *text, int title, struct story_count **v, size_t *n,
    int skip)
{
	struct text_token	*t;
	size_t			 nt;

	nt = text_tokenize(text, TEXT_STRIP_MARKS, &t);
	if (!skip)
		story_scan_tokens(t, nt, !title || !story_title_case(t, nt),
		    v, n);
	text_tokens_free(t, nt);
	return (nt);
}

/* The most frequent keys of v, at most STORY_MAXKEYS, into *keys. */
static size_t
story_keys_pick(struct story_count *v, size_t n, char ***keys)
{
	size_t	i, k;

	if (n > 0)
		qsort(v, n, sizeof *v, story_count_cmp);
	k = n < STORY_MAXKEYS ? n : STORY_MAXKEYS;
	*keys = xcalloc(k + 1, sizeof **keys);
	for (i = 0; i < n; i++) {
		if (i < k)
			(*keys)[i] = v[i].key;
		else
			free(v[i].key);
	}
	free(v);
	return (k);
}

size_t
story_keys_lines(const char *title, struct text_token **lines,
    const size_t *nt, size_t nlines, uint64_t skip, char ***keys)
{
	struct story_count	*v = NULL;
	size_t			 n = 0, pi;

	if (title != NULL)
		story_scan(title, 1, &v, &n, 0);
	for (pi = 0; pi < nlines; pi++) {
		if (pi < 64 && (skip & (1ULL << pi)) != 0)
			continue;
		story_scan_tokens(lines[pi], nt[pi], 1, &v, &n);
	}
	return (story_keys_pick(v, n, keys));
}

void
story_keys_free(char **keys, size_t n)
{
	size_t	i;

	if (keys == NULL)
		return;
	for (i = 0; i < n; i++)
		free(keys[i]);
	free(keys);
}
