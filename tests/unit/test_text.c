/*
 * test_text.c -- Unicode normalisation, tokenisation, transliteration,
 * and the story keys built on them (story.c).
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "story.h"
#include "testdata.h"
#include "text.h"
#include "xmalloc.h"

static void
check_norm(const char *in, int flags, const char *want)
{
	char	*got = text_normalize(in, flags);

	assert_string_equal(got, want);
	free(got);
}

static void
test_nfkc(void **state)
{
	check_norm("\xef\xac\x81nance", 0, "finance");		/* ﬁ */
	check_norm("\xef\xbc\xaf\xef\xbc\xb4\xef\xbc\xb3", 0, "ots");	/* ＯＴＳ */
	check_norm("e\xcc\x81t\xc3\xa9", 0, "\xc3\xa9t\xc3\xa9");	/* NFC */
	check_norm("\xc3\x89tats", TEXT_STRIP_MARKS, "etats");
	check_norm("\xd0\x99", 0, "\xd0\xb9");			/* Й -> й kept */
}

static void
test_turkish_i(void **state)
{
	/* TÜRK DEVLETLERİ TEŞKİLATI */
	check_norm("T\xc3\x9cRK DEVLETLER\xc4\xb0 TE\xc5\x9eK\xc4\xb0LATI", 0,
	    "t\xc3\xbcrk devletleri te\xc5\x9fkilati");
	/* İstanbul, ıı, I: no U+0307 left behind */
	check_norm("\xc4\xb0stanbul \xc4\xb1\xc4\xb1 I", 0, "istanbul ii i");
	check_norm("i\xcc\x87", 0, "i");
	check_norm("\xc4\xb0stanbul", TEXT_KEEP_CASE, "Istanbul");
}

static void
test_confusables(void **state)
{
	/* Vаrkert with a Cyrillic а */
	check_norm("V\xd0\xb0rkert", 0, "varkert");
	check_norm("V\xd0\xb0rkert", TEXT_KEEP_CASE, "Varkert");
	/* a Cyrillic Т in a Latin word, a Latin o in a Cyrillic word */
	check_norm("\xd0\xa2okaev", TEXT_KEEP_CASE, "Tokaev");
	check_norm("\xd0\xa2o\xd0\xba\xd0\xb0\xd0\xb5\xd0\xb2", 0,
	    "\xd1\x82\xd0\xbe\xd0\xba\xd0\xb0\xd0\xb5\xd0\xb2");
	/* lat.egemen: Cyrillic О + U+0301 inside a Latin word -> ó */
	check_norm("\xd0\x9e\xcc\x81zbekstan", 0, "\xc3\xb3zbekstan");
	/* Kazakh Түркi typed with a Latin i */
	check_norm("\xd0\xa2\xd2\xaf\xd1\x80\xd0\xba" "i", 0,
	    "\xd1\x82\xd2\xaf\xd1\x80\xd0\xba\xd1\x96");
	/* a pure Cyrillic word is left alone */
	check_norm("\xd0\x9e\xd0\xa2\xd0\x93", TEXT_KEEP_CASE,
	    "\xd0\x9e\xd0\xa2\xd0\x93");
}

static void
test_apostrophes(void **state)
{
	check_norm("bo\xca\xbblib qo\xe2\x80\x98llab Bog'dod o\xe2\x80\x99zbek "
	    "o\xca\xbcq", 0, "bo'lib qo'llab bog'dod o'zbek o'q");
}

static void
test_space_and_junk(void **state)
{
	check_norm("  a \t b\r\n\r\nc\n d  ", 0, "a b\n\nc\n\nd");
	check_norm("a\xff" "b", 0, "a\xef\xbf\xbd" "b");
	check_norm("", 0, "");
	check_norm("a\xe2\x80\x8b b", 0, "a b");
}

static void
test_tokenize(void **state)
{
	struct text_token	*t;
	size_t			 n;

	n = text_tokenize("Budape\xc5\x9fte'de 11,4 milyar. TDT'nin OTS+ "
	    "Kassym-Jomart\n\nNew", 0, &t);
	assert_int_equal(n, 8);
	assert_string_equal(t[0].word, "budape\xc5\x9fte'de");
	assert_true(t[0].flags & TEXT_TOKEN_START);
	assert_true(t[0].flags & TEXT_TOKEN_CAPITAL);
	assert_string_equal(t[1].word, "11.4");
	assert_true(t[1].flags & TEXT_TOKEN_DIGIT);
	assert_false(t[2].flags & TEXT_TOKEN_START);
	assert_string_equal(t[3].raw, "TDT'nin");
	assert_true(t[3].flags & TEXT_TOKEN_UPPER);
	assert_true(t[3].flags & TEXT_TOKEN_START);
	assert_string_equal(t[4].raw, "OTS");
	assert_true(t[4].flags & TEXT_TOKEN_UPPER);
	assert_string_equal(t[5].word, "kassym");
	assert_string_equal(t[6].word, "jomart");
	assert_false(t[6].flags & TEXT_TOKEN_UPPER);
	assert_string_equal(t[7].word, "new");
	assert_true(t[7].flags & TEXT_TOKEN_PARA);
	assert_true(t[7].flags & TEXT_TOKEN_START);
	text_tokens_free(t, n);
}

static void
test_tokenize_edges(void **state)
{
	struct text_token	*t;
	size_t			 n;

	n = text_tokenize("", 0, &t);
	assert_int_equal(n, 0);
	text_tokens_free(t, n);
	n = text_tokenize(" -- ... ", 0, &t);
	assert_int_equal(n, 0);
	text_tokens_free(t, n);
	n = text_tokenize("'a' 1. x", TEXT_STRIP_MARKS, &t);
	assert_int_equal(n, 3);
	assert_string_equal(t[0].word, "a");
	assert_string_equal(t[1].word, "1");
	text_tokens_free(t, n);
	n = text_tokenize("\xc3\x89TATS \xd0\xa2\xd0\x9c\xd2\xb0",
	    TEXT_STRIP_MARKS, &t);
	assert_int_equal(n, 2);
	assert_string_equal(t[0].word, "etats");
	assert_string_equal(t[0].raw, "\xc3\x89TATS");
	assert_true(t[1].flags & TEXT_TOKEN_UPPER);
	text_tokens_free(t, n);
}

static void
check_translit(const char *in, const char *want)
{
	char	*got = text_translit(in);

	assert_string_equal(got, want);
	free(got);
}

static void
test_translit(void **state)
{
	check_translit("\xd1\x82\xd0\xbe\xd0\xba\xd0\xb0\xd0\xb5\xd0\xb2",
	    "tokaev");						/* токаев */
	check_translit("\xd1\x82\xd0\xbe\xd2\x9b\xd0\xb0\xd0\xb5\xd0\xb2",
	    "tokaev");						/* тоқаев */
	check_translit("\xd0\xb1\xd1\x83\xd0\xb4\xd0\xb0\xd0\xbf\xd0\xb5"
	    "\xd1\x88\xd1\x82", "budapesht");			/* будапешт */
	check_translit("orb\xc3\xa1n 2025", "orb\xc3\xa1n 2025");
	check_translit("\xd2\xb1\xd0\xb9\xd1\x8b\xd0\xbc", "uyym");	/* ұйым */
}


/* Issue 10: names keep their key across alphabets and case endings. */
static void
same_name(const char *a, const char *b)
{
	char	x[64], y[64];

	story_skeleton(a, x, sizeof x);
	story_skeleton(b, y, sizeof y);
	if (!story_part_match(x, strlen(x), y, strlen(y)))
		fail_msg("%s (%s) and %s (%s) differ", a, x, b, y);
}

static void
test_story_skeleton(void **state)
{
	char	x[64], y[64];

	same_name("Tokayev", "Токаев");
	same_name("Tokayev", "Тоқаевтың");
	same_name("Tokajev", "Toqayevning");
	same_name("Aliyev", "Əliyev");
	same_name("Mirziyoyev", "Мирзиёев");
	same_name("Budapest", "Budapeşte'de");
	same_name("Будапешт", "Budapeshtda");
	same_name("O\xca\xbbzbekiston", "Ўзбекистон");
	same_name("Cholpon", "Çolpon");
	same_name("Чолпон", "Cho'lpon");
	same_name("Tashkent", "Daşkənddə");
	same_name("Qazaqstan", "Kazakhstan");
	same_name("Shusha", "Şuşada");
	same_name("Jomart", "Жомарт");
	same_name("Baku", "Bakıda");
	story_skeleton("Budapest", x, sizeof x);
	story_skeleton("Bishkek", y, sizeof y);
	assert_string_not_equal(x, y);
}

static size_t
keys_of(const char *title, const char *body, char ***keys)
{
	struct text_token	*t;
	size_t			 nt, n;

	nt = text_tokenize(body, TEXT_STRIP_MARKS, &t);
	n = story_keys_lines(title, &t, &nt, 1, 0, -1, keys);
	text_tokens_free(t, nt);
	return (n);
}

static int
has_key(char **keys, size_t n, const char *k)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (strcmp(keys[i], k) == 0)
			return (1);
	}
	return (0);
}

static void
test_story_keys(void **state)
{
	char	**k;
	size_t	  n;

	/* a sentence-initial venue, a date, the kind of event */
	n = keys_of(NULL, "Астанада 14 мамырда ТМҰ сыртқы істер министрлері "
	    "бас қосты.", &k);
	assert_true(has_key(k, n, "#!astana"));
	assert_true(has_key(k, n, "#@0514"));
	assert_true(has_key(k, n, "#%fm"));
	story_keys_free(k, n);
	/* a list of states: one key each; Türkiye is not a stop word */
	n = keys_of(NULL, "Leaders of Azerbaijan, Kazakhstan and Türkiye met "
	    "in Gabala on 6 October.", &k);
	assert_true(has_key(k, n, "#~azerbaijan"));
	assert_true(has_key(k, n, "#~kazakhstan"));
	assert_true(has_key(k, n, "#~turkiye"));
	assert_true(has_key(k, n, "#!gabala"));
	assert_true(has_key(k, n, "#@1006"));
	story_keys_free(k, n);
	/* generic words are no names */
	n = keys_of(NULL, "Bu gün Türk Dövlətləri Təşkilatının Zirvəsi "
	    "keçirilib.", &k);
	assert_int_equal(n, 1);
	assert_string_equal(k[0], "#%summit");
	story_keys_free(k, n);
}

static void
check_tokens_equal(const struct text_token *a, size_t na,
    const struct text_token *b, size_t nb, const char *what)
{
	size_t	i;

	if (na != nb)
		fail_msg("%s: %zu tokens, %zu once", what, na, nb);
	for (i = 0; i < na; i++) {
		if (strcmp(a[i].word, b[i].word) != 0 ||
		    strcmp(a[i].raw, b[i].raw) != 0 || a[i].flags != b[i].flags)
			fail_msg("%s: token %zu: \"%s\" %#x, once \"%s\" %#x",
			    what, i, a[i].raw, a[i].flags, b[i].raw, b[i].flags);
	}
}

/*
 * The words tokenised once (text_words_make) are the tokens each reader
 * got from its own tokenisation: the joined text's for the topic
 * filter, each body line's for dedup and story keys.
 */
static void
check_words_once(const char *title, const char *body, const char *what)
{
	struct text_words	 w;
	struct text_token	*t, *j;
	size_t			 n, nj, ntitle, k;
	char			*joined, *copy, *line, *next;

	text_words_make(title, body, &w);
	xasprintf(&joined, "%s\n\n%s", title, body);
	n = text_tokenize(joined, TEXT_STRIP_MARKS, &t);
	nj = text_words_joined(&w, &j, &ntitle);
	check_tokens_equal(t, n, j, nj, what);
	text_tokens_free(t, n);
	free(j);
	free(joined);
	n = text_tokenize(title, TEXT_STRIP_MARKS, &t);
	assert_int_equal(ntitle, n);
	text_tokens_free(t, n);
	copy = xstrdup(body);
	for (k = 0, line = copy; line != NULL; line = next, k++) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		assert_true(k < w.nlines);
		n = text_tokenize(line, TEXT_STRIP_MARKS, &t);
		check_tokens_equal(t, n, w.line[k], w.nline[k], what);
		text_tokens_free(t, n);
	}
	assert_int_equal(k, w.nlines);
	free(copy);
	text_words_clear(&w);
}

static void
test_words_once(void **state)
{
	static const char *const dirs[] = { "topic", "dedup", "seeds" };
	static const char *const edges[][2] = {
		{ "", "" }, { "Title?", "Body." }, { "A", "\n\n\nB" },
		{ "A.", "\"Quoted,\" she said.\n\n- item\n- item\r\nC" },
		{ "\xd0\x9e\xd0\xa2\xd0\xa1 summit", "\xe2\x80\xa6 and then"
		    "\n\n: colon\n\n\n\nTashkent\r\rAnkara" },
		{ "Trailing\n", "\nLeading newline, then words" },
		{ "x", "line one\nline two.\n(three)\n\n\xc2\xab four \xc2\xbb" },
	};
	char		 path[1024];
	const char	*dir;
	DIR		*d;
	struct dirent	*de;
	char		*buf, *body;
	size_t		 i, files = 0;

	for (i = 0; i < sizeof edges / sizeof edges[0]; i++)
		check_words_once(edges[i][0], edges[i][1], "edge case");
	for (i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", data_dir(), dirs[i]);
		dir = path;
		assert_non_null(d = opendir(dir));
		while ((de = readdir(d)) != NULL) {
			char	full[2048];

			if (strstr(de->d_name, ".txt") == NULL)
				continue;
			snprintf(full, sizeof full, "%s/%s", dir, de->d_name);
			assert_non_null(buf = slurp(full, NULL));
			/* the first line as the title, the rest as body */
			if ((body = strchr(buf, '\n')) != NULL)
				*body++ = '\0';
			check_words_once(buf, body != NULL ? body : "",
			    de->d_name);
			free(buf);
			files++;
		}
		closedir(d);
	}
	assert_true(files > 600);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nfkc),
		cmocka_unit_test(test_turkish_i),
		cmocka_unit_test(test_confusables),
		cmocka_unit_test(test_apostrophes),
		cmocka_unit_test(test_space_and_junk),
		cmocka_unit_test(test_tokenize),
		cmocka_unit_test(test_tokenize_edges),
		cmocka_unit_test(test_words_once),
		cmocka_unit_test(test_translit),
		cmocka_unit_test(test_story_skeleton),
		cmocka_unit_test(test_story_keys),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
