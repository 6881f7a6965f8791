/*
 * extract-lang.c -- the language of a page: what it declares, checked
 * against the script and the common words of its text.  Tells Kazakh from
 * Russian and Kyrgyz by letters (әғқңөұүһі), Turkish from Azerbaijani (ə)
 * and Uzbek, and English from all of them.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "extract-int.h"
#include "xmalloc.h"

#define LANG_SAMPLE	8192

struct lang_count {
	size_t	latin, cyr, arabic, han, greek;
	size_t	kk;		/* ә ұ һ і */
	size_t	kkuz;		/* ғ қ */
	size_t	kky;		/* ң ө ү */
	size_t	uz;		/* ў ҳ */
	size_t	uk;		/* ї є ґ */
	size_t	schwa;		/* ə */
	size_t	tr;		/* ı ş ğ */
};

/* Language names as pages write them, and the ISO 639-1 code. */
static const char *const lang_alias[][2] = {
	{ "kz", "kk" }, { "qz", "kk" }, { "kaz", "kk" }, { "rus", "ru" },
	{ "eng", "en" }, { "tur", "tr" }, { "aze", "az" }, { "uzb", "uz" },
	{ "kir", "ky" }, { "kg", "ky" }, { "ua", "uk" }, { "english", "en" },
	{ "russian", "ru" }, { "turkish", "tr" }, { "kazakh", "kk" },
	{ "cn", "zh" }, { "jp", "ja" },
};

char *
extract_lang_norm(const char *s)
{
	char	 code[16];
	size_t	 n = 0, i;

	if (s == NULL)
		return (NULL);
	while (*s == ' ')
		s++;
	while (n < sizeof code - 1 && isalpha((unsigned char)s[n])) {
		code[n] = (char)tolower((unsigned char)s[n]);
		n++;
	}
	code[n] = '\0';
	for (i = 0; i < sizeof lang_alias / sizeof lang_alias[0]; i++) {
		if (strcmp(code, lang_alias[i][0]) == 0)
			return (xstrdup(lang_alias[i][1]));
	}
	if (n != 2)
		return (NULL);
	return (xstrdup(code));
}

static void
lang_letter(struct lang_count *c, unsigned int u)
{
	if (u < 0x80) {
		if (isalpha((int)u))
			c->latin++;
		return;
	}
	if ((u >= 0xc0 && u <= 0x24f) || u == 0x259) {
		c->latin++;
		if (u == 0x259 || u == 0x18f)
			c->schwa++;
		else if (u == 0x131 || u == 0x15f || u == 0x11f ||
		    u == 0x130 || u == 0x15e || u == 0x11e)
			c->tr++;
		return;
	}
	if (u >= 0x400 && u <= 0x4ff) {
		c->cyr++;
		if (u == 0x4d9 || u == 0x4d8 || u == 0x4b1 || u == 0x4b0 ||
		    u == 0x4bb || u == 0x4ba || u == 0x456 || u == 0x406)
			c->kk++;
		else if (u == 0x493 || u == 0x492 || u == 0x49b || u == 0x49a)
			c->kkuz++;
		else if (u == 0x4a3 || u == 0x4a2 || u == 0x4e9 ||
		    u == 0x4e8 || u == 0x4af || u == 0x4ae)
			c->kky++;
		else if (u == 0x45e || u == 0x40e || u == 0x4b3 || u == 0x4b2)
			c->uz++;
		else if (u == 0x457 || u == 0x454 || u == 0x491 ||
		    u == 0x407 || u == 0x404 || u == 0x490)
			c->uk++;
		return;
	}
	if (u >= 0x600 && u <= 0x6ff)
		c->arabic++;
	else if (u >= 0x4e00 && u <= 0x9fff)
		c->han++;
	else if (u >= 0x370 && u <= 0x3ff)
		c->greek++;
}

static void
lang_count_text(struct lang_count *c, const char *text)
{
	const unsigned char	*p = (const unsigned char *)text;
	const unsigned char	*end = p + strnlen(text, LANG_SAMPLE);
	unsigned int		 u;

	memset(c, 0, sizeof *c);
	while (p < end) {
		if (*p < 0x80)
			u = *p++;
		else if ((*p & 0xe0) == 0xc0 && p + 1 < end) {
			u = ((p[0] & 0x1fU) << 6) | (p[1] & 0x3fU);
			p += 2;
		} else if ((*p & 0xf0) == 0xe0 && p + 2 < end) {
			u = ((p[0] & 0x0fU) << 12) | ((p[1] & 0x3fU) << 6) |
			    (p[2] & 0x3fU);
			p += 3;
		} else {
			p++;
			continue;
		}
		lang_letter(c, u);
	}
}

static const char *const lang_words[][12] = {
	{ "en", "the", "and", "of", "to", "in", "is", "that", "for", "with",
	    "was", NULL },
	{ "tr", "ve", "bir", "bu", "ile", "için", "olarak", "da", "de",
	    "olan", "ise", NULL },
	{ "az", "və", "bir", "bu", "ilə", "üçün", "olan", "da", "də",
	    "edib", "isə", NULL },
	{ "uz", "va", "bilan", "uchun", "bu", "ham", "bo'yicha", "yil",
	    "qilish", "esa", "ning", NULL },
	{ "de", "der", "die", "und", "das", "ist", "nicht", "mit", "den",
	    "von", "zu", NULL },
	{ "fr", "le", "la", "les", "et", "des", "est", "une", "dans", "pour",
	    "du", NULL },
	{ "es", "el", "la", "los", "y", "que", "en", "las", "por", "una",
	    "del", NULL },
};
#define LANG_NWORDS	(sizeof lang_words / sizeof lang_words[0])

/*
 * The words of lang_words by first byte, built on first use: those
 * starting with byte b are lang_index[lang_first[b]] ..
 * lang_index[lang_first[b + 1] - 1] (every word of every page was
 * compared with all of them).
 */
static struct {
	size_t		 lang;
	const char	*w;
}		 lang_index[LANG_NWORDS * 11];
static size_t	 lang_first[257];
static int	 lang_index_ready;

static void
lang_index_init(void)
{
	size_t	i, j, at[256];

	for (i = 0; i < LANG_NWORDS; i++) {
		for (j = 1; lang_words[i][j] != NULL; j++)
			lang_first[(unsigned char)lang_words[i][j][0] + 1]++;
	}
	for (i = 1; i < 257; i++)
		lang_first[i] += lang_first[i - 1];
	memcpy(at, lang_first, sizeof at);
	for (i = 0; i < LANG_NWORDS; i++) {
		for (j = 1; lang_words[i][j] != NULL; j++) {
			lang_index[at[(unsigned char)lang_words[i][j][0]]].lang
			    = i;
			lang_index[at[(unsigned char)lang_words[i][j][0]]++].w
			    = lang_words[i][j];
		}
	}
	lang_index_ready = 1;
}

/* The Latin-script language whose common words occur most. */
static const char *
lang_latin(const char *text, const struct lang_count *c)
{
	size_t		 hits[LANG_NWORDS], i, k, best = 0, wl, b;
	char		 word[16];
	const char	*p = text, *end = text + strnlen(text, LANG_SAMPLE);
	const char	*w;

	if (c->schwa * 300 > c->latin)
		return ("az");
	if (!lang_index_ready)
		lang_index_init();
	memset(hits, 0, sizeof hits);
	while (p < end) {
		while (p < end && (*p == ' ' || ispunct((unsigned char)*p)))
			p++;
		w = p;
		while (p < end && *p != ' ' && *p != ',' && *p != '.')
			p++;
		wl = (size_t)(p - w);
		if (wl == 0 || wl >= sizeof word)
			continue;
		for (k = 0; k < wl; k++)
			word[k] = (char)tolower((unsigned char)w[k]);
		word[wl] = '\0';
		b = (unsigned char)word[0];
		for (k = lang_first[b]; k < lang_first[b + 1]; k++) {
			if (strcmp(lang_index[k].w, word) == 0)
				hits[lang_index[k].lang]++;
		}
	}
	for (i = 1; i < LANG_NWORDS; i++) {
		if (hits[i] > hits[best])
			best = i;
	}
	if (best == 0 && c->tr * 100 > c->latin && hits[1] > 0)
		return ("tr");
	return (hits[best] > 0 ? lang_words[best][0] : NULL);
}

static const char *
lang_cyrillic(const struct lang_count *c)
{
	if (c->uz * 400 > c->cyr && c->kk * 1000 < c->cyr)
		return ("uz");
	if (c->kk * 200 > c->cyr)
		return ("kk");
	if (c->kky * 200 > c->cyr && c->kk * 1000 < c->cyr)
		return ("ky");
	if (c->uk * 300 > c->cyr)
		return ("uk");
	return ("ru");
}

static int
lang_is_cyrillic(const char *code)
{
	static const char *const cyr[] = {
		"ru", "kk", "ky", "uk", "be", "bg", "sr", "mk", "mn", "tg",
		"tt", "ba", "uz", NULL
	};
	size_t	i;

	for (i = 0; cyr[i] != NULL; i++) {
		if (strcmp(code, cyr[i]) == 0)
			return (1);
	}
	return (0);
}

/*
 * The text's language: the declared one when the text agrees with it (or
 * says nothing), else what the letters and words show.  Static string or
 * the declared pointer; NULL when nothing is known.
 */
const char *
extract_lang_detect(const char *text, const char *declared)
{
	struct lang_count	 c;
	const char		*guess = NULL;
	size_t			 letters;

	lang_count_text(&c, text != NULL ? text : "");
	letters = c.latin + c.cyr + c.arabic + c.han + c.greek;
	if (letters < 20)
		return (declared);
	if (c.cyr * 2 > letters) {
		guess = lang_cyrillic(&c);
		if (declared != NULL && lang_is_cyrillic(declared)) {
			/* a Russian-labelled page may carry Kazakh text */
			if (strcmp(declared, "ru") == 0 ||
			    (strcmp(declared, "kk") == 0 && c.kk == 0 &&
			    c.kkuz == 0))
				return (guess);
			return (declared);
		}
		return (guess);
	}
	if (c.latin * 2 > letters) {
		guess = lang_latin(text, &c);
		if (declared != NULL && !lang_is_cyrillic(declared) &&
		    strcmp(declared, "zh") != 0 && strcmp(declared, "ar") != 0)
			return (guess != NULL && strcmp(guess, "az") == 0 &&
			    strcmp(declared, "tr") == 0 ? guess : declared);
		if (declared != NULL && strcmp(declared, "uz") == 0)
			return (declared);
		return (guess != NULL ? guess : declared);
	}
	if (c.han * 2 > letters)
		return (declared != NULL ? declared : "zh");
	if (c.arabic * 2 > letters)
		return (declared != NULL ? declared : "ar");
	return (declared);
}
