/*
 * story-name.c -- names compared across scripts and spellings.
 *
 * Names are compared across scripts and spellings through a phonetic key
 * of their Latin transliteration (story_skeleton): every run of vowels,
 * and a y or j between vowels (a glide: Tokayev, Tokajev, Токаев), becomes
 * one "a"; consonants fall into the classes transliterations of the Turkic
 * languages disagree on -- k for k/q/g/ğ/x/h/kh/gh (Qazaqstan, Kazakhstan),
 * j for ç/j/zh/ch/dj/ж/ч/cs/zs (Jomart, Жомарт; Çolpon, Cholpon; a
 * Latin c is k, as in English), s for s/ş/sh/sz/ш, t for t/d (Daşkənd, Tashkent), b for b/p,
 * v for v/w/f; repeated consonants collapse.  The Uzbek oʻ/gʻ apostrophe
 * stays inside the word, any other apostrophe ends it (Budapeşte'de).
 * Case endings are tolerated by story_part_match: a key of four or more
 * letters matches one that extends it by at most STORY_EXTEND letters
 * (Tokayev "takav", Тоқаевтың "takavtank", Toqayevning "takavnank").
 */
#include <stdlib.h>
#include <string.h>

#include "story.h"
#include "text.h"
#include "xmalloc.h"

#define STORY_EXTEND	4

static int
story_is_vowel(int c)
{
	return (c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' ||
	    c == 'y');
}

/* The consonant class of Latin letter c, given the next letter; 0: a vowel. */
static int
story_class(const char *p, int *skip)
{
	int	c = (unsigned char)p[0], n = (unsigned char)p[1];

	*skip = 0;
	if (n == 'h' && (c == 's' || c == 'z' || c == 'k' || c == 'c' ||
	    c == 'g')) {
		*skip = 1;
		return (c == 's' ? 's' : c == 'k' || c == 'g' ? 'k' : 'j');
	}
	if ((c == 'd' && (n == 'j' || n == 'z')) || (c == 'c' && n == 's') ||
	    (c == 'z' && n == 's')) {
		*skip = 1;
		if (c == 'd' && n == 'z' && p[2] == 'h')
			*skip = 2;
		return ('j');
	}
	if ((c == 's' && n == 'z') || (c == 't' && n == 's')) {
		*skip = 1;
		return ('s');
	}
	switch (c) {
	case 'k': case 'q': case 'g': case 'x': case 'h':
		return ('k');
	case 'j':
		return ('j');
	case 'c':
		return ('k');
	case 'd': case 't':
		return ('t');
	case 'p': case 'b':
		return ('b');
	case 'f': case 'w': case 'v':
		return ('v');
	default:
		return (c);
	}
}

/* ç and ş spelled out (ch, sh) before their marks are stripped. */
static char *
story_cedilla(const char *w)
{
	char		*out = xmalloc(strlen(w) * 2 + 1), *o = out;
	const char	*p;

	for (p = w; *p != '\0'; p++) {
		if ((unsigned char)p[0] == 0xc3 && ((unsigned char)p[1] == 0xa7 ||
		    (unsigned char)p[1] == 0x87)) {
			*o++ = 'c';
			*o++ = 'h';
			p++;
		} else if ((unsigned char)p[0] == 0xc5 &&
		    ((unsigned char)p[1] == 0x9f ||
		    (unsigned char)p[1] == 0x9e)) {
			*o++ = 's';
			*o++ = 'h';
			p++;
		} else
			*o++ = *p;
	}
	*o = '\0';
	return (out);
}

/* The word in Latin letters, apostrophes settled, case endings kept. */
static char *
story_latin(const char *word)
{
	char		*norm, *lat, *p, *q, *tmp;
	const char	*c;

	/*
	 * Lower-case ASCII letters, digits and the marks inside a token:
	 * nothing for story_cedilla, text_normalize or text_translit to
	 * change (most words, each asked for at every name token).
	 */
	for (c = word; (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') ||
	    *c == '\'' || *c == '.' || *c == ',' || *c == '-'; c++)
		;
	if (*c == '\0')
		norm = xstrdup(word);
	else {
		norm = story_cedilla(word);
		tmp = text_normalize(norm, TEXT_STRIP_MARKS);
		free(norm);
		norm = tmp;
	}
	for (p = q = norm; *p != '\0'; p++) {
		if (*p == '\'') {
			if (q > norm && (q[-1] == 'o' || q[-1] == 'g') &&
			    p[1] != '\0')
				continue;	/* Uzbek oʻ, gʻ */
			break;
		}
		*q++ = *p;
	}
	*q = '\0';
	if (*c == '\0')
		return (norm);	/* ASCII: text_translit would copy it */
	lat = text_translit(norm);
	free(norm);
	return (lat);
}

void
story_skeleton(const char *word, char *buf, size_t len)
{
	char		*lat;
	const char	*p;
	size_t		 o = 0;
	int		 c, prev = 0, skip;

	lat = story_latin(word);
	for (p = lat; *p != '\0' && o + 1 < len; p++) {
		c = (unsigned char)*p;
		if (c == 0xc9 && (unsigned char)p[1] == 0x99) {	/* ə */
			c = 'a';
			p++;
		} else if (c >= 0x80) {
			continue;
		} else if (!(c >= 'a' && c <= 'z'))
			continue;
		if (story_is_vowel(c) || ((c == 'j' || c == 'y') &&
		    prev == 'a' && story_is_vowel((unsigned char)p[1])))
			c = 'a';
		else {
			c = story_class(p, &skip);
			p += skip;
		}
		if (c == prev)
			continue;
		buf[o++] = c;
		prev = c;
	}
	buf[o] = '\0';
	free(lat);
}

int
story_part_match(const char *a, size_t la, const char *b, size_t lb)
{
	if (la > lb)
		return (story_part_match(b, lb, a, la));
	if (la == lb && strncmp(a, b, la) == 0)
		return (1);
	return (la >= 4 && lb - la <= STORY_EXTEND && strncmp(a, b, la) == 0);
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
