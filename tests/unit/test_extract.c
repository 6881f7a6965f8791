/*
 * test_extract.c -- article extraction: every world page of the manifest
 * (title, date, language, body contents), boilerplate cases, overrides,
 * languages, and hostile input.  Run from the repository root.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "article.h"
#include "buf.h"
#include "cmd.h"
#include "date.h"
#include "extract.h"
#include "testdata.h"
#include "xmalloc.h"

#define WORLD_DIR	"tests/world"
#define WORLD_BASE	"http://127.0.0.1:8080"

/* Replace every "@BASE@" in a buffer; heap copy. */
static char *
subst_base(const char *buf, size_t len, size_t *outlen)
{
	struct buf	 b;
	const char	*p = buf, *end = buf + len, *q;

	buf_init(&b, 0);
	while (p < end) {
		q = memmem(p, (size_t)(end - p), "@BASE@", 6);
		if (q == NULL) {
			buf_add(&b, p, (size_t)(end - p));
			break;
		}
		buf_add(&b, p, (size_t)(q - p));
		buf_addstr(&b, WORLD_BASE);
		p = q + 6;
	}
	*outlen = b.len;
	return (buf_steal(&b));
}

static struct article *
extract_str(const char *html, const struct extract_opts *opts)
{
	struct article	*a;
	char		*cause = NULL;

	a = extract_page(html, strlen(html), opts, &cause);
	if (a == NULL)
		fail_msg("extract_page: %s", cause);
	return (a);
}

/*
 * Extract html with the default options and check its body: every string
 * of present is in it and none of absent (lists ending in NULL, or NULL).
 */
static void
check_body(const char *html, const char *const *present,
    const char *const *absent)
{
	struct article	*a = extract_str(html, NULL);

	assert_non_null(a->body);
	for (; present != NULL && *present != NULL; present++) {
		if (strstr(a->body, *present) == NULL)
			fail_msg("body lacks \"%s\":\n%s", *present, a->body);
	}
	for (; absent != NULL && *absent != NULL; absent++) {
		if (strstr(a->body, *absent) != NULL)
			fail_msg("body has \"%s\":\n%s", *absent, a->body);
	}
	article_free(a);
}

static const char *
source_lang(json_t *world, const char *key)
{
	json_t		*src, *arts, *k;
	size_t		 i, j;

	json_array_foreach(json_object_get(world, "sources"), i, src) {
		arts = json_object_get(src, "articles");
		json_array_foreach(arts, j, k) {
			if (strcmp(json_string_value(k), key) == 0)
				return (json_string_value(json_object_get(src,
				    "lang")));
		}
	}
	return (NULL);
}

static int
check_strings(const char *key, const char *body, json_t *list, int want)
{
	json_t	*s;
	size_t	 i;
	int	 bad = 0;

	json_array_foreach(list, i, s) {
		if ((strstr(body, json_string_value(s)) != NULL) != want) {
			print_error("%s: body %s \"%s\"\n", key, want ?
			    "lacks" : "has", json_string_value(s));
			bad++;
		}
	}
	return (bad);
}

/* One manifest article; returns the number of failed checks. */
static int
check_world_article(json_t *world, json_t *art)
{
	struct extract_opts	 opts;
	struct article		*a;
	const char		*key, *path, *want;
	char			 file[1024], url[1024], got[32], *raw, *html;
	char			*cause = NULL;
	size_t			 len, hlen;
	int			 bad = 0, cmp;

	key = json_string_value(json_object_get(art, "key"));
	path = json_string_value(json_object_get(art, "path"));
	snprintf(file, sizeof file, "%s/www%s", WORLD_DIR, path);
	snprintf(url, sizeof url, "%s%s", WORLD_BASE, path);
	raw = cmd_read_file(file, 1 << 24, &len, &cause);
	assert_non_null(raw);
	html = subst_base(raw, len, &hlen);
	free(raw);
	memset(&opts, 0, sizeof opts);
	opts.url = url;
	opts.tz = "Asia/Almaty";
	opts.lang_hint = source_lang(world, key);
	a = extract_page(html, hlen, &opts, &cause);
	free(html);
	if (a == NULL) {
		print_error("%s: %s\n", key, cause);
		free(cause);
		return (1);
	}
	want = json_string_value(json_object_get(art, "title"));
	if (a->title == NULL || strcmp(a->title, want) != 0) {
		print_error("%s: title \"%s\"\n", key, a->title);
		bad++;
	}
	want = json_string_value(json_object_get(art, "lang"));
	if (a->lang == NULL || strcmp(a->lang, want) != 0) {
		print_error("%s: lang %s, want %s\n", key, a->lang, want);
		bad++;
	}
	date_format(a->published, got, sizeof got);
	want = json_string_value(json_object_get(art, "published"));
	cmp = json_is_true(json_object_get(art, "machine_date")) ? 16 : 10;
	if (strncmp(got, want, cmp) != 0) {
		print_error("%s: published \"%s\", want %s\n", key, got, want);
		bad++;
	}
	bad += check_strings(key, a->body != NULL ? a->body : "",
	    json_object_get(art, "must_contain"), 1);
	bad += check_strings(key, a->body != NULL ? a->body : "",
	    json_object_get(art, "must_not_contain"), 0);
	article_free(a);
	return (bad);
}

static void
test_world_pages(void **state)
{
	json_t		*world, *art;
	json_error_t	 err;
	size_t		 i;
	int		 bad = 0, n = 0;

	world = json_load_file(WORLD_DIR "/world.json", 0, &err);
	if (world == NULL)
		fail_msg("world.json: %s", err.text);
	json_array_foreach(json_object_get(world, "articles"), i, art) {
		bad += check_world_article(world, art);
		n++;
	}
	json_decref(world);
	assert_true(n > 0);
	assert_int_equal(bad, 0);
}

static const char kt_page[] =
    "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
    "<title>Astana to launch first LRT train | Kazakhstan Today</title>"
    "</head><body><nav><a href=\"/\">Home</a> <a href=\"/p\">Politics</a>"
    "</nav><div class=\"page-content\">"
    "<div class=\"copyright-note\">This information may not be reproduced "
    "without reference to Kazakhstan Today.</div>"
    "<header class=\"page-heading\"><h1>Astana to launch first LRT train"
    "</h1></header><div class=\"page-meta\"><span>26.09.2025, 14:58 7316"
    "</span></div><p>Astana to launch first LRT train</p>"
    "<p>Images | primeminister.kz</p><p>Tell a friend</p>"
    "<div><p>The first train of the light rail transit system will carry "
    "passengers on September 29 and 30, the city administration said on "
    "Friday, adding that tickets will be free during the first week.</p>"
    "<h2>Routes and stations</h2><p>The line links the airport, the "
    "railway stations and the city centre, with eighteen stations along "
    "the way, and trains will run every seven minutes at peak hours.</p>"
    "<ul><li>Airport - Nurly Zhol station</li><li>Expo - Baiterek"
    "</li></ul><blockquote>We waited for this line for ten years, "
    "a resident said.</blockquote>"
    "<p>This information may not be reproduced without reference to "
    "Kazakhstan Today. Copyright of materials of News Agency Kazakhstan "
    "Today.</p></div>"
    "<h3>relevant news</h3><div class=\"relevant\"><div class=\"item\">"
    "<p>26.09.2025, 11:05 7691</p><p>Jackie Chan will visit Almaty next "
    "month to present a new film at the festival, organisers said, and "
    "will meet students of the film academy, sources said.</p></div>"
    "</div></div><div class=\"cookie\">We use cookies to improve your "
    "experience.</div><footer>All rights reserved</footer></body></html>";

static void
test_boilerplate(void **state)
{
	struct extract_opts	 opts;
	struct article		*a;

	memset(&opts, 0, sizeof opts);
	opts.tz = "Asia/Almaty";
	a = extract_str(kt_page, &opts);
	assert_string_equal(a->title, "Astana to launch first LRT train");
	assert_non_null(a->body);
	assert_non_null(strstr(a->body, "The first train of the light rail"));
	assert_non_null(strstr(a->body, "\n\nRoutes and stations\n\n"));
	assert_non_null(strstr(a->body, "Airport - Nurly Zhol station"));
	assert_non_null(strstr(a->body, "We waited for this line"));
	assert_null(strstr(a->body, "Astana to launch"));
	assert_null(strstr(a->body, "Images |"));
	assert_null(strstr(a->body, "Tell a friend"));
	assert_null(strstr(a->body, "may not be reproduced"));
	assert_null(strstr(a->body, "Jackie Chan"));
	assert_null(strstr(a->body, "7316"));
	assert_null(strstr(a->body, "cookies"));
	assert_null(strstr(a->body, "rights reserved"));
	assert_string_equal(a->lang, "en");
	/* 26.09.2025 14:58 in Almaty (UTC+5) */
	assert_int_equal(a->published, 1758880680);
	article_free(a);
}

/* Pitfalls seen on the real outlets (spec/sources.md). */
static void
test_source_pitfalls(void **state)
{
	static const char	 html[] =
	    "<html lang=\"ru\"><head><meta property=\"og:title\" content="
	    "\"Саммит ОТГ начался в Астане\"><title>Саммит ОТГ начался в "
	    "Астане - Tengrinews.kz</title></head><body><div class=\"wrap\">"
	    "<div class=\"content_main\"><h1>Саммит ОТГ начался в Астане</h1>"
	    "<p>03.11.2023, 10:15</p><p>ПОДЕЛИТЬСЯ</p><p>Президент "
	    "Касым-Жомарт "
	    "Токаев открыл саммит Организации тюркских государств в Астане, "
	    "сообщает корреспондент.</p><p>Президент Касым-Жомарт Токаев "
	    "открыл саммит Организации тюркских государств в Астане, сообщает "
	    "корреспондент.</p><p>Лидеры государств обсудили торговлю, "
	    "транспорт и энергетику, а также приняли декларацию.</p><p>Erdogan "
	    "arrives at the summit venue in Astana, Kazakhstan, Nov. 3, 2023. "
	    "(AA Photo)</p><p>Фото: akorda.kz</p><p>Система Orphus</p>"
	    "<p>Get The Astana Times stories sent directly to you! Sign up via "
	    "the website or subscribe to our Twitter, Facebook, Instagram, "
	    "Telegram, YouTube and Tiktok!</p></div></div></body></html>";
	struct article		*a;
	const char		*p;

	a = extract_str(html, NULL);
	assert_string_equal(a->title, "Саммит ОТГ начался в Астане");
	assert_string_equal(a->lang, "ru");
	p = strstr(a->body, "Президент Касым-Жомарт Токаев открыл");
	assert_non_null(p);
	assert_null(strstr(p + 1, "Президент Касым-Жомарт Токаев открыл"));
	assert_non_null(strstr(a->body, "Лидеры государств обсудили"));
	assert_null(strstr(a->body, "ПОДЕЛИТЬСЯ"));
	assert_null(strstr(a->body, "AA Photo"));
	assert_null(strstr(a->body, "Фото:"));
	assert_null(strstr(a->body, "Orphus"));
	assert_null(strstr(a->body, "Astana Times stories"));
	assert_null(strstr(a->body, "03.11.2023"));
	assert_null(strstr(a->body, "Саммит ОТГ начался"));
	article_free(a);
}

static const char kt_related_page[] =
    "<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Minister"
    " meets OTS delegation | Kazakhstan Today</title></head><body>\n"
    "<div class=\"wrap\"><div class=\"block\">\n"
    "<div class=\"line\">This information may not be reproduced"
    " without reference to Kazakhstan Today. Copyright of materials of"
    " News Agency Kazakhstan Today.</div>\n"
    "<div class=\"line\">13.07.2026, 10:40 16251</div>\n"
    "<h1>Minister meets OTS delegation</h1>\n"
    "<div class=\"line\">Minister meets OTS delegation</div>\n"
    "<div class=\"line\">Images | primeminister.kz</div>\n"
    "<div class=\"line\">Tell a friend</div>\n"
    "<div class=\"text\"><p>The Minister of Foreign Affairs met a"
    " delegation of the Organization of Turkic States in Astana on"
    " Monday, the ministry said.</p>\n"
    "<p>The sides discussed the agenda of the upcoming summit,"
    " Kazinform News Agency reports.</p></div>\n"
    "<div class=\"line\">Source: kazinform</div>\n"
    "<div class=\"line\">This information may not be reproduced"
    " without reference to Kazakhstan Today. Copyright of materials of"
    " News Agency Kazakhstan Today.</div>\n"
    "<div class=\"line\">relevant news</div>\n"
    "<div class=\"item\"><div class=\"line\">12.07.2026, 11:05"
    " 7691</div><div class=\"title\">Jackie Chan will visit"
    " Almaty</div><div class=\"line\">Tell a friend</div><div"
    " class=\"text\"><p>Jackie Chan will visit Almaty next month to"
    " present a new film at the festival, organisers said, and will"
    " meet students of the film academy, according to the press"
    " service of the festival, which opens on 20 August.</p><p>The"
    " actor last visited Kazakhstan in 2019, when he attended the"
    " Eurasia film festival, organisers recalled, adding that tickets"
    " for the screening will go on sale next week.</p><p>The festival"
    " will show more than one hundred films from forty countries,"
    " including premieres from Kazakhstan, Uzbekistan, Kyrgyzstan and"
    " Turkey.</p></div><div class=\"line\">This information may not be"
    " reproduced without reference to Kazakhstan Today.</div></div>\n"
    "<div class=\"item\"><div class=\"line\">12.07.2026, 09:00"
    " 5000</div><div class=\"title\">Heat wave expected in the"
    " south</div><div class=\"text\"><p>Forecasters expect a heat wave"
    " in the southern regions of Kazakhstan later this week, with"
    " temperatures of up to 42 degrees, Kazhydromet said on Sunday,"
    " warning residents to avoid the sun at midday.</p><p>Fire danger"
    " will be extremely high in Almaty, Zhambyl, Turkistan and"
    " Kyzylorda regions, the forecasters said, and hail and squalls"
    " are possible in the mountains.</p></div></div>\n"
    "</div></div></body></html>\n";

/* Other stories' full text after "relevant news", bigger than the story. */
static void
test_related_full_text(void **state)
{
	struct extract_opts	 opts;
	struct article		*a;
	char			 t[32];

	memset(&opts, 0, sizeof opts);
	opts.tz = "Asia/Almaty";
	a = extract_str(kt_related_page, &opts);
	assert_string_equal(a->title, "Minister meets OTS delegation");
	assert_non_null(strstr(a->body, "The Minister of Foreign Affairs met"));
	assert_non_null(strstr(a->body, "Kazinform News Agency reports."));
	assert_null(strstr(a->body, "Jackie Chan"));
	assert_null(strstr(a->body, "heat wave"));
	assert_null(strstr(a->body, "reproduced"));
	assert_null(strstr(a->body, "16251"));
	assert_null(strstr(a->body, "Images |"));
	assert_null(strstr(a->body, "Tell a friend"));
	assert_null(strstr(a->body, "Source:"));
	assert_null(strstr(a->body, "Minister meets OTS delegation"));
	date_format(a->published, t, sizeof t);
	assert_string_equal(t, "2026-07-13T05:40:00Z");
	article_free(a);
}

static const char akorda_page[] =
    "<!DOCTYPE html><html lang=\"kz\"><head><meta"
    " charset=\"utf-8\"><title>Мемлекет басшысы Түркі кеңесінің"
    " хатшысын қабылдады &mdash; Қазақстан Республикасы Президентінің"
    " ресми сайты</title>\n"
    "<meta property=\"og:title\" content=\"Мемлекет басшысы Түркі"
    " кеңесінің хатшысын қабылдады &mdash; Қазақстан Республикасы"
    " Президентінің ресми сайты\">\n"
    "<meta property=\"og:url\""
    " content=\"https://www.akorda.kz/kz/memleket-basshysy-555737\">\n"
    "<script"
    " type=\"application/ld+json\">{\"@context\":\"https://schema.org\""
    ",\"@type\":\"WebSite\",\"url\":\"https://www.akorda.kz\"}</script>"
    "</head><body>\n"
    "<header><nav><ul><li><a"
    " href=\"/kz/events\">Жаңалықтар</a></li><li><a"
    " href=\"/ru/memleket-basshysy-555737\">РУС</a></li></ul></nav>\n"
    "<form><input type=\"hidden\" name=\"_token\""
    " value=\"abc\"></form></header>\n"
    "<section id=\"main_block\"><section id=\"main_block\"><div"
    " class=\"container\"><div class=\"row\">\n"
    "<div class=\"col-lg-8\"><p><img src=\"/img/1.jpg\"></p><h2>"
    " Мемлекет басшысы Түркі кеңесінің хатшысын қабылдады</h2><hr/>\n"
    "<div class=\"mt-5\"><article><p>Қасым-Жомарт Тоқаев Түркі"
    " мемлекеттері ұйымының Бас хатшысы Құбанычбек Өмуралиевті"
    " қабылдады.</p>\n"
    "<p><img src=\"/img/2.jpg\"></p><p>Кездесу барысында ұйымның"
    " алдағы саммитіне дайындық, көлік-логистика, энергетика және"
    " мәдениет салаларындағы ынтымақтастық талқыланды.</p>\n"
    "<p>Президент Қазақстанның ұйым аясындағы бастамаларын іске"
    " асыруға дайын екенін атап өтті.</p></article></div></div>\n"
    "<div class=\"col-4 showblock\"><h4>Заңдар</h4><p"
    " class=\"date_main_block_small\">2026 жылғы 12 маусым</p><p"
    " class=\"date_main_block\"><a href=\"/kz/zan-1\">Заңға қол"
    " қойды</a></p>\n"
    "<h4>Жарлық</h4><p class=\"date_main_block_small\">2026 жылғы 11"
    " маусым</p><p class=\"date_main_block\"><a"
    " href=\"/kz/zharlyk-2\">Жарлыққа қол қойды</a></p></div>\n"
    "</div></div></section></section>\n"
    "<footer><p>Қазақстан Республикасы, Астана қ., Президенттің"
    " «Ақорда» резиденциясы | 2026 ж.</p></footer></body></html>\n";

/* akorda's real layout: nested #main_block, h2 title, sidebar of dates. */
static void
test_akorda_layout(void **state)
{
	struct extract_opts	 opts;
	struct article		*a;

	memset(&opts, 0, sizeof opts);
	opts.tz = "Asia/Almaty";
	opts.url = "https://www.akorda.kz/kz/memleket-basshysy-555737";
	a = extract_str(akorda_page, &opts);
	assert_string_equal(a->title,
	    "Мемлекет басшысы Түркі кеңесінің хатшысын қабылдады");
	assert_string_equal(a->lang, "kk");
	assert_string_equal(a->canonical_url,
	    "https://www.akorda.kz/kz/memleket-basshysy-555737");
	assert_non_null(strstr(a->body, "Қасым-Жомарт Тоқаев"));
	assert_non_null(strstr(a->body, "атап өтті."));
	assert_null(strstr(a->body, "Заң"));
	assert_null(strstr(a->body, "Жарлық"));
	assert_null(strstr(a->body, "резиденциясы"));
	/* the only dates are other stories' in the sidebar */
	assert_int_equal(a->published, -1);
	article_free(a);
}

static void
test_hidden_copy(void **state)
{
	static const char	 html[] =
	    "<html><head><title>Talks held</title></head><body><article>"
	    "<h1>Talks held</h1><div class=\"desktop\"><p>The Secretary "
	    "General met the Minister of Foreign Affairs in Ankara to discuss "
	    "the preparations for the next summit of the Organization.</p>"
	    "<p>The sides also reviewed the cooperation in transport, "
	    "energy and culture, and agreed to meet again in spring.</p>"
	    "</div><div class=\"mobile\"><p>The Secretary General met the "
	    "Minister of Foreign Affairs in Ankara to discuss the "
	    "preparations for the next summit of the Organization.</p>"
	    "<p>The sides also reviewed the cooperation in transport, "
	    "energy and culture, and agreed to meet again in spring.</p>"
	    "</div></article></body></html>";
	struct article		*a;
	const char		*p;

	a = extract_str(html, NULL);
	p = strstr(a->body, "The Secretary General met");
	assert_non_null(p);
	assert_null(strstr(p + 1, "The Secretary General met"));
	p = strstr(a->body, "The sides also reviewed");
	assert_non_null(p);
	assert_null(strstr(p + 1, "The sides also reviewed"));
	assert_null(strstr(a->body, "\n\n\n"));
	article_free(a);
}

/*
 * Text a script shows (the body faded in once loaded, a "read more" box)
 * is the page's text when nothing visible is; a hidden dialog is not.
 */
static void
test_hidden_body(void **state)
{
	static const char	 html[] =
	    "<html><head><title>New bridge opens</title></head><body>"
	    "<div class=\"article\"><h1>New bridge opens</h1><div "
	    "class=\"teaser-text\"><p>The bridge over the river opens in "
	    "May, two years late.</p></div><div class=\"article-body "
	    "js-reveal\" style=\"display:none\"><p>The city said on Monday "
	    "that the bridge will open on the first of May, two years later "
	    "than planned and at a far higher cost than first announced.</p>"
	    "<p>Building costs rose from 40 to 65 million euros, mostly "
	    "because of the price of steel, the administration said in its "
	    "answer to a question from the opposition.</p><p>Cyclists get "
	    "their own lane on both sides, and the old ferry keeps running "
	    "until the end of the summer for those who prefer it.</p></div>"
	    "</div><div role=\"dialog\" hidden><p>By signing in you accept "
	    "our terms of use, our privacy policy and the processing of your "
	    "data by our partners, as described in detail on our pages about "
	    "data protection, cookies and advertising partners, which you can "
	    "read at any time, and which apply to every service we offer, "
	    "including newsletters, comments and the e-paper.</p></div>"
	    "</body></html>";
	static const char	 visible[] =
	    "<html><head><title>Road closed</title></head><body><div "
	    "class=\"news\"><h1>Road closed</h1><p>The coast road is closed "
	    "between the harbour and the lighthouse until Friday because of "
	    "a landslide, the police said on Sunday evening.</p></div><div "
	    "class=\"mobile\" style=\"display: none\"><p>The coast road is "
	    "closed between the harbour and the lighthouse until Friday "
	    "because of a landslide, the police said on Sunday evening.</p>"
	    "</div></body></html>";
	struct article		*a;
	const char		*p;

	check_body(html, (const char *[]){ "two years late.\n\nThe city "
	    "said on Monday", "Building costs rose", "until the end of the "
	    "summer", NULL }, (const char *[]){ "terms of use", NULL });
	/* a hidden second copy of a short text is not printed twice */
	a = extract_str(visible, NULL);
	p = strstr(a->body, "The coast road is closed");
	assert_non_null(p);
	assert_null(strstr(p + 1, "The coast road is closed"));
	article_free(a);
}

/*
 * The block search finds a short block only (the text is in list items,
 * which do not score): the page's blocks judged one by one are the text.
 * A teaser on a page of furniture stays as it is.
 */
static void
test_blocks_fallback(void **state)
{
	static const char	 items[] =
	    "<html><head><title>Ferry line</title></head><body><nav><a "
	    "href=\"/\">Home</a></nav><div class=\"addr\"><p>Harbour office, "
	    "Quay 1, 1234 Town, phone 555, fax 556, open Monday to Friday, 9 "
	    "to 5</p></div><main><ul><li>The ferry line between the two ports "
	    "opens again in June, the harbour office said on Monday, after a "
	    "year in which the islands could only be reached by a small boat "
	    "that took no cars and ran only when the sea was calm.</li></ul>"
	    "<ul><li>It will run twice a day in summer and once a day in "
	    "winter, with room for forty cars and two hundred people, and it "
	    "will stop at the small island when a passenger has asked for it "
	    "a day before.</li></ul><ul><li>Tickets go on sale in May, and "
	    "those who live on the islands pay half the price of a day trip, "
	    "as they did on the old line, while the price for a car stays "
	    "where it was in 2019.</li></ul></main><div class=\"cookie-note\">"
	    "<p>This site uses cookies so that it works as it should, and by "
	    "using it you agree that we may store them on your device for as "
	    "long as a year, as our policy on privacy explains in detail to "
	    "anyone who asks.</p></div></body></html>";
	static const char	 teaser[] =
	    "<html><head><title>Council budget</title></head><body><nav><ul>"
	    "<li><a href=\"/\">Home</a></li><li><a href=\"/p\">Politics</a>"
	    "</li></ul></nav><div class=\"article\"><h1>Council budget</h1>"
	    "<p>The council adopted its budget for next year on Thursday, by "
	    "twenty votes to eleven.</p><div class=\"paywall\"><p><a href=\""
	    "/abo\">Subscribe to read the whole article</a></p></div></div>"
	    "<div class=\"more\"><h2>More news</h2><ul><li><a href=\"/n1\">"
	    "Another story about the town and its people, with a long "
	    "headline</a></li><li><a href=\"/n2\">A second story about the "
	    "town and its people, with a long headline</a></li></ul></div>"
	    "<footer><p>Daily News, Main Street 1. Copyright 2024, all rights "
	    "reserved by the publisher and its partners.</p></footer></body>"
	    "</html>";
	struct article		*a;

	check_body(items, (const char *[]){ "The ferry line between the two "
	    "ports", "calm.\n\nIt will run twice a day", "\n\nTickets go on "
	    "sale in May", "where it was in 2019.", NULL },
	    (const char *[]){ "Home", "cookies", NULL });
	a = extract_str(teaser, NULL);
	assert_string_equal(a->body, "The council adopted its budget for next "
	    "year on Thursday, by twenty votes to eleven.");
	article_free(a);
}

static void
test_title_and_meta(void **state)
{
	static const char	 html[] =
	    "<html lang=\"kz\"><head><title>Мемлекет басшысы сапармен "
	    "келді &mdash; Қазақстан Республикасы Президентінің ресми "
	    "сайты</title><link rel=\"canonical\" href=\"/kz/news-1\">"
	    "<meta property=\"og:image\" content=\"/img/a.jpg\">"
	    "<meta name=\"description\" content=\"Қысқаша.\">"
	    "<meta name=\"author\" content=\"Ақорда\"></head><body>"
	    "<section><h2> Мемлекет басшысы сапармен келді</h2>"
	    "<div class=\"date\">2025 жылғы 21 мамыр</div><article>"
	    "<p>Қасым-Жомарт Тоқаев Будапешт қаласында өткен Түркі "
	    "мемлекеттері ұйымының бейресми саммитінде сөз сөйледі.</p>"
	    "</article></section></body></html>";
	struct extract_opts	 opts;
	struct article		*a;
	char			 t[32];

	memset(&opts, 0, sizeof opts);
	opts.url = "https://www.akorda.kz/kz/events";
	opts.tz = "Asia/Almaty";
	a = extract_str(html, &opts);
	assert_string_equal(a->title, "Мемлекет басшысы сапармен келді");
	assert_string_equal(a->lang, "kk");
	assert_string_equal(a->canonical_url,
	    "https://www.akorda.kz/kz/news-1");
	assert_string_equal(a->image, "https://www.akorda.kz/img/a.jpg");
	assert_string_equal(a->summary, "Қысқаша.");
	assert_string_equal(a->author, "Ақорда");
	date_format(a->published, t, sizeof t);
	assert_string_equal(t, "2025-05-20T19:00:00Z");
	article_free(a);
}

static void
test_text_date(void **state)
{
	/* akorda: sidebar dates before the article, the article's own date
	 * as plain text under the title */
	static const char	 html[] =
	    "<html><head><title>Head of State meets the Secretary General"
	    "</title></head><body><section id=\"main_block\"><div "
	    "class=\"row\"><div class=\"col-4 showblock\"><p "
	    "class=\"date_main_block_small\">12 June 2026</p><p "
	    "class=\"date_main_block\"><a href=\"/en/1\">Other news</a>"
	    "</p></div><div class=\"col-lg-8\"><h2> Head of State meets the "
	    "Secretary General</h2><p>International community</p>"
	    "<p>November 3, 2023</p><hr><div class=\"mt-5\"><article><p>"
	    "The Head of State received the Secretary General of the "
	    "Organization of Turkic States, who briefed him on the "
	    "preparations for the summit, the agenda and the documents to "
	    "be signed.</p><p>The sides discussed cooperation in trade, "
	    "transport, energy, culture and education.</p></article></div>"
	    "</div></div></section></body></html>";
	struct extract_opts	 opts;
	struct article		*a;
	char			 t[32];

	memset(&opts, 0, sizeof opts);
	opts.tz = "Asia/Almaty";
	a = extract_str(html, &opts);
	assert_string_equal(a->title,
	    "Head of State meets the Secretary General");
	date_format(a->published, t, sizeof t);
	assert_string_equal(t, "2023-11-02T18:00:00Z");
	assert_null(strstr(a->body, "Other news"));
	assert_non_null(strstr(a->body, "The sides discussed"));
	article_free(a);
}

static void
test_overrides(void **state)
{
	struct extract_opts	 opts;
	struct article		*a;
	char			*cause = NULL;

	memset(&opts, 0, sizeof opts);
	opts.title_xpath = "//header[contains(@class,'page-heading')]/h1";
	opts.body_xpath = "//div[@class='page-content']/div[not(@class)]";
	opts.drop_xpath = "//blockquote";
	opts.date_xpath = "//div[@class='page-meta']/span";
	opts.tz = "+05:00";
	a = extract_str(kt_page, &opts);
	assert_string_equal(a->title, "Astana to launch first LRT train");
	assert_non_null(strstr(a->body, "The first train"));
	assert_null(strstr(a->body, "We waited"));
	assert_null(strstr(a->body, "Jackie Chan"));
	assert_int_equal(a->published, 1758880680);
	article_free(a);
	opts.body_xpath = "//div[";
	a = extract_page(kt_page, strlen(kt_page), &opts, &cause);
	assert_null(a);
	assert_non_null(cause);
	free(cause);
}

static void
check_lang(const char *text, const char *want)
{
	char		*html;
	struct article	*a;

	xasprintf(&html, "<html><body><div><p>%s</p></div></body></html>",
	    text);
	a = extract_str(html, NULL);
	assert_non_null(a->lang);
	if (strcmp(a->lang, want) != 0)
		fail_msg("lang %s, want %s: %s", a->lang, want, text);
	article_free(a);
	free(html);
}

static void
test_languages(void **state)
{
	check_lang("The President of Kazakhstan said that the summit of "
	    "the Organization was held in the capital of Hungary.", "en");
	check_lang("Президент Казахстана принял участие в неформальном "
	    "саммите Организации тюркских государств в Будапеште.", "ru");
	check_lang("Қасым-Жомарт Тоқаев Будапешт қаласында өткен Түркі "
	    "мемлекеттері ұйымының бейресми саммитінде сөз сөйледі.", "kk");
	check_lang("Türk Devletleri Teşkilatı gayriresmi zirvesi bu hafta "
	    "Budapeşte'de yapıldı ve bir bildiri kabul edildi.", "tr");
	check_lang("Türk Dövlətləri Təşkilatının qeyri-rəsmi zirvəsi bu "
	    "həftə Budapeştdə keçirilib və bəyannamə qəbul edilib.", "az");
	check_lang("Turkiy davlatlar tashkiloti sammiti bu hafta Budapeshtda "
	    "bo'lib o'tdi va bilan hamkorlik uchun bayonot qabul qilindi.",
	    "uz");
	check_lang("Түрк мамлекеттеринин уюмунун саммити Будапештте өттү жана "
	    "мамлекет башчылары жолугушту, өлкөлөрдүн ортосундагы "
	    "кызматташтык тууралуу сүйлөштү.", "ky");
}

static void
test_charset(void **state)
{
	/* "Новости дня" in windows-1251, declared in a meta element */
	static const char	 html[] =
	    "<html><head><meta charset=\"windows-1251\"><title>\xcd\xee\xe2"
	    "\xee\xf1\xf2\xe8 \xe4\xed\xff</title></head><body><p>\xcd\xee"
	    "\xe2\xee\xf1\xf2\xe8 \xe4\xed\xff \xe8 \xe4\xf0\xf3\xe3\xe8\xe5 "
	    "\xed\xee\xe2\xee\xf1\xf2\xe8 \xe4\xed\xff.</p></body></html>";
	struct article		*a;

	a = extract_str(html, NULL);
	assert_string_equal(a->title, "Новости дня");
	assert_string_equal(a->lang, "ru");
	article_free(a);
}

/*
 * CR, form feed and vertical tab inside class, id and style: every word
 * loop must advance (clean_word_in looped forever on them), they separate
 * class words like a space, and the article next to them is extracted.
 */
static void
test_control_whitespace(void **state)
{
	static const char	 html[] =
	    "<html><head><title>Budget approved</title></head><body>"
	    "<div class=\"top\rbar\fnav\vx\" id=\"a\rb\fc\vd\" "
	    "style=\"color:\vred;\fmargin:\r0\">Menu</div>"
	    "<div class=\"\r\f\v\"><span class=\"x\r\" "
	    "style=\"display\">Promo</span></div>"
	    "<div class=\"note\fhidden\"><p>Secret draft copy that is "
	    "hidden from readers and must not be printed at all.</p></div>"
	    "<div style=\"display:\fnone\"><p>Another hidden paragraph, "
	    "with enough words and commas, that must stay out.</p></div>"
	    "<article class=\"post\vcontent\rmain\f\" id=\"\fstory\r\">"
	    "<h1>Budget approved</h1><p>The parliament approved the budget "
	    "for next year on Tuesday, after three days of debate, with a "
	    "large majority of the deputies voting in favour.</p><p>Spending "
	    "on schools, hospitals and roads will grow, the finance minister "
	    "said, while the deficit is expected to shrink.</p></article>"
	    "</body></html>";
	struct article		*a;

	a = extract_str(html, NULL);
	assert_non_null(a->body);
	assert_non_null(strstr(a->body, "The parliament approved the budget"));
	assert_non_null(strstr(a->body, "Spending on schools, hospitals"));
	assert_null(strstr(a->body, "Secret draft copy"));
	assert_null(strstr(a->body, "Another hidden paragraph"));
	assert_string_equal(a->title, "Budget approved");
	article_free(a);
}

/* A metadata value of CR/FF/VT only is blank: it does not hide <title>. */
static void
test_blank_meta(void **state)
{
	static const char	 html[] =
	    "<html><head><title>Budget approved</title>"
	    "<meta property=\"og:title\" content=\"\r\f\v\">"
	    "<meta name=\"author\" content=\"\r\">"
	    "<meta name=\"byl\" content=\"Ann Smith\"></head><body>"
	    "<p>The parliament approved the budget for next year on "
	    "Tuesday, after three days of debate, with a large majority."
	    "</p></body></html>";
	struct article		*a;

	a = extract_str(html, NULL);
	assert_non_null(a->title);
	assert_string_equal(a->title, "Budget approved");
	assert_non_null(a->author);
	assert_string_equal(a->author, "Ann Smith");
	article_free(a);
}

/*
 * Thousands of "Read also" headings in one list: each marked the rest of
 * the list again (quadratic).  The article before them is extracted.
 */
static void
test_many_stop_headings(void **state)
{
	struct buf	 b;
	struct article	*a;
	char		*cause = NULL;
	size_t		 i;

	buf_init(&b, 0);
	buf_addstr(&b, "<html><head><title>Budget approved</title></head>"
	    "<body><article><h1>Budget approved</h1><p>The parliament "
	    "approved the budget for next year on Tuesday, after three days "
	    "of debate, with a large majority of the deputies voting in "
	    "favour.</p></article><div>");
	for (i = 0; i < test_scale(60000); i++)
		buf_addstr(&b, "<h3>Read also</h3><p>x</p>");
	buf_addstr(&b, "</div></body></html>");
	a = extract_page(b.data, b.len, NULL, &cause);
	buf_clear(&b);
	if (a == NULL)
		fail_msg("extract_page: %s", cause);
	assert_non_null(a->body);
	assert_non_null(strstr(a->body, "The parliament approved the budget"));
	article_free(a);
}

/* extract_page must return: an article, or NULL with a reason. */
static void
try_returns(const char *buf, size_t len)
{
	struct article	*a;
	char		*cause = NULL;

	a = extract_page(buf, len, NULL, &cause);
	assert_true((a != NULL) != (cause != NULL));
	article_free(a);
	free(cause);
}

/*
 * Pages that must not loop, recurse or blow up.  No timing here: the
 * test suite's timeout catches a hang.  libxml2 stops nesting at depth
 * 256 (no HTML_PARSE_HUGE) and our walks are iterative; a million
 * paragraphs is over EXTRACT_MAX_NODES.  Headings nested 128 deep, each
 * walking 300,000 <br> again, cost ~100 units of work a byte: over the
 * budget, an error for that page only.
 */
static void
test_work_budget(void **state)
{
	struct buf	 b;
	struct article	*a;
	char		*cause = NULL;
	size_t		 i;

	buf_init(&b, 0);
	for (i = 0; i < test_scale(100000); i++)
		buf_addstr(&b, "<div>");
	buf_addstr(&b, "The text, deep inside the page, with commas.");
	try_returns(b.data, b.len);
	buf_clear(&b);

	buf_addstr(&b, "<html><body>");
	for (i = 0; i < test_scale(1000000); i++)
		buf_addstr(&b, "<p>x</p>");
	buf_addstr(&b, "</body></html>");
	try_returns(b.data, b.len);
	buf_clear(&b);

	buf_addstr(&b, "<html><body>");
	for (i = 0; i < test_scale(300000); i++)
		buf_addstr(&b, "<p>Some words of text, with a comma.</p>");
	buf_addstr(&b, "</body></html>");
	try_returns(b.data, b.len);
	buf_clear(&b);

	buf_addstr(&b, "<html><head><title>A title</title></head><body>");
	for (i = 0; i < 127; i++)
		buf_addstr(&b, "<h2><div>");
	for (i = 0; i < test_scale(300000); i++)
		buf_addstr(&b, "<br>");
	a = extract_page(b.data, b.len, NULL, &cause);
	buf_clear(&b);
	assert_null(a);
	assert_non_null(cause);
	assert_string_equal(cause, "extraction work budget exceeded");
	free(cause);

	/* the next page has a budget of its own */
	check_body("<html><body><p>The parliament approved the budget "
	    "for next year on Tuesday, after three days of debate.</p>"
	    "</body></html>", (const char *[]){ "The parliament approved",
	    NULL }, NULL);
}

static void
try_hostile(const char *buf, size_t len)
{
	struct article	*a;
	char		*cause = NULL;

	a = extract_page(buf, len, NULL, &cause);
	assert_true(a != NULL || cause != NULL);
	article_free(a);
	free(cause);
}

static void
test_hostile(void **state)
{
	struct buf	 b;
	size_t		 i;
	char		*big;
	uint32_t	 x = 2463534242U;

	buf_init(&b, 0);			/* deep nesting */
	for (i = 0; i < 200000; i++)
		buf_addstr(&b, "<div><span>");
	buf_addstr(&b, "text, deep inside the page, with commas, here.");
	try_hostile(b.data, b.len);
	buf_clear(&b);
	buf_addstr(&b, "<html><body><p title=\"");	/* huge attribute */
	for (i = 0; i < test_scale(4000000); i++)
		buf_addc(&b, 'a');
	buf_addstr(&b, "\">x</p></body></html>");
	try_hostile(b.data, b.len);
	buf_clear(&b);
	for (i = 0; i < test_scale(1000000); i++) {		/* binary garbage */
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		buf_addc(&b, (char)(x & 0xff));
	}
	try_hostile(b.data, b.len);
	buf_clear(&b);
	try_hostile("", 0);
	try_hostile("<", 1);
	try_hostile("<script type=\"application/ld+json\">[[[[[[[[[[{",
	    47);
	big = xcalloc(1, 17 * 1024 * 1024);	/* over the size limit */
	memset(big, 'a', 17 * 1024 * 1024 - 1);
	try_hostile(big, 17 * 1024 * 1024 - 1);
	free(big);
}

/* A standfirst in the header, above the main text, comes first. */
static void
test_lead(void **state)
{
	static const char	 html[] =
	    "<html><head><title>Harbour reopens after storm</title>"
	    "<meta name=\"description\" content=\"The port is open again "
	    "after four days of storm.\">"
	    "</head><body><nav><a href=\"/\">Home</a></nav>"
	    "<header><div class=\"article-header\">"
	    "<h1>Harbour reopens after storm</h1>"
	    "<p class=\"kicker-date\">12 March 2024</p>"
	    "<div class=\"teaser\">After four days of closure the harbour "
	    "took its first ferries this morning, and traders counted the "
	    "damage.</div><p class=\"dek\">The port is open again after four "
	    "days of storm.</p></div></header>"
	    "<main><div class=\"article-body\"><p>The storm had torn two "
	    "cranes from "
	    "their rails and sunk a fishing boat at its mooring, the harbour "
	    "master said on Tuesday, adding that divers were at work.</p>"
	    "<p>Repairs to the northern pier will take until summer, and the "
	    "ferry company has moved its timetable to the southern quay, "
	    "where the water is deeper and the wall was not damaged.</p>"
	    "<p>Fishermen, who lost a week of work, asked the city for help "
	    "with their boats, their nets and the fees of the quay.</p>"
	    "</div></main></body></html>";
	static const char	 intro[] =
	    "<html><head><title>Harbour reopens</title>"
	    "<meta name=\"description\" content=\"Traders counted the damage "
	    "as the first ferries left the harbour this morning.\"></head>"
	    "<body><header><h1>Harbour reopens</h1><div class=\"article-"
	    "teaser\">Traders counted the damage as the first ferries left the "
	    "harbour this morning.</div></header><main><div><p>The storm had "
	    "torn two cranes from their rails and sunk a fishing boat at its "
	    "mooring, the harbour master said on Tuesday.</p><p>Repairs to the "
	    "northern pier will take until summer, and the ferry company has "
	    "moved its timetable to the southern quay.</p><p>Fishermen, who "
	    "lost a week of work, asked the city for help with their boats."
	    "</p></div></main></body></html>";
	static const char	 column[] =
	    "<html><head><title>Harbour reopens</title>"
	    "<meta name=\"description\" content=\"Traders counted the damage "
	    "as the first ferries left the harbour this morning.\"></head>"
	    "<body><div class=\"page\"><h1>Harbour reopens</h1>"
	    "<div class=\"column\"><h2>Traders counted the damage as the "
	    "first ferries left the harbour this morning.</h2></div>"
	    "<div class=\"text\"><p>The storm had "
	    "torn two cranes from their rails and sunk a fishing boat at its "
	    "mooring, the harbour master said on Tuesday.</p><p>Repairs to the "
	    "northern pier will take until summer, and the ferry company has "
	    "moved its timetable to the southern quay.</p><p>Fishermen, who "
	    "lost a week of work, asked the city for help with their boats."
	    "</p></div></div></body></html>";
	struct article	*a;
	const char	*lead, *main;

	a = extract_str(html, NULL);
	assert_non_null(a->body);
	lead = strstr(a->body, "After four days of closure");
	main = strstr(a->body, "The storm had torn two cranes");
	assert_non_null(lead);
	assert_non_null(main);
	assert_true(lead < main);
	/* the meta description repeated under the headline is a dek */
	assert_null(strstr(a->body, "The port is open again"));
	assert_null(strstr(a->body, "12 March 2024"));
	article_free(a);
	/* a teaser is the article's first paragraph, description or not */
	a = extract_str(intro, NULL);
	assert_non_null(a->body);
	lead = strstr(a->body, "Traders counted the damage");
	main = strstr(a->body, "The storm had torn two cranes");
	assert_non_null(lead);
	assert_non_null(main);
	assert_true(lead < main);
	article_free(a);
	/* outside the article's header it is the text it was taken from */
	a = extract_str(column, NULL);
	assert_non_null(a->body);
	lead = strstr(a->body, "Traders counted the damage");
	main = strstr(a->body, "The storm had torn two cranes");
	assert_non_null(lead);
	assert_non_null(main);
	assert_true(lead < main);
	article_free(a);
}

/* A sub-heading, a list and a table between parts of the text stay. */
static void
test_inner_blocks(void **state)
{
	static const char	 html[] =
	    "<html><head><title>Winter tyres</title></head><body>"
	    "<div class=\"page\"><div class=\"sidebar-links\"><a href=\"/a\">"
	    "One</a> <a href=\"/b\">Two</a></div>"
	    "<div class=\"story\"><div class=\"text\"><p>From October the law "
	    "asks for winter tyres on every car, and garages say the queues "
	    "have started, with appointments booked weeks ahead.</p>"
	    "<p>Drivers who wait, mechanics warn, may find that the common "
	    "sizes are sold out, as they were last year in November.</p></div>"
	    "<h2>What the law asks</h2>"
	    "<ul><li>a tread of at least four millimetres</li>"
	    "<li>the mountain and snowflake mark</li></ul>"
	    "<table><tr><td>Fine</td><td>60 euros</td></tr></table>"
	    "<div class=\"ad-slot\"></div>"
	    "<div class=\"text\"><p>Insurers may also refuse to pay for damage "
	    "when a car in an accident ran on summer tyres, a lawyer of the "
	    "drivers' club said, so the cost of waiting can be high.</p>"
	    "<p>The club tests forty models every autumn and publishes the "
	    "results, sorted by price, braking on snow and noise.</p></div>"
	    "</div></div></body></html>";

	check_body(html, (const char *[]){ "From October the law",
	    "\n\nWhat the law asks\n\n", "the mountain and snowflake mark",
	    "Fine 60 euros", "Insurers may also refuse", "noise.", NULL },
	    NULL);
}

/* Text rendered from script state: JSON-LD articleBody stands in. */
static void
test_ld_body(void **state)
{
	static const char	 html[] =
	    "<html><head><title>Council votes on budget</title>"
	    "<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\","
	    " \"headline\": \"Council votes on budget\", \"articleBody\": "
	    "\"The city council adopted next year's budget on Thursday by "
	    "twenty votes to eleven, after a debate of six hours.\\n\\nThe "
	    "largest item is the renovation of three schools, which the "
	    "opposition wanted to spread over two years.\\n<p>Taxes stay as "
	    "they are, the mayor said, although water will cost more from "
	    "March.</p>\"}</script></head><body><div id=\"app\"><p>Loading"
	    "</p></div></body></html>";
	static const char	 escaped[] =
	    "<html><head><script type=\"application/ld+json\">{\"@type\": "
	    "\"Article\", \"articleBody\": \"&lt;p&gt;The city council adopted"
	    " next year&amp;#39;s budget on Thursday by twenty votes to eleven,"
	    " after a debate of six hours that ran late into the night and "
	    "ended with a vote by name on each of the forty items.&lt;/p&gt;"
	    "&lt;p&gt;Taxes stay as they are.&lt;/p&gt;"
	    "\"}</script></head><body><div><p>Short static text of the page."
	    "</p></div></body></html>";
	static const char	 nested[] =
	    "<html><head><script type=\"application/ld+json\">{\"@type\": "
	    "\"NewsArticle\", \"articleBody\": \"<div><h2>Zoning &amp; "
	    "roads</h2><div><div><p>The plan for the old harbour puts flats "
	    "where the warehouses stood, and a park along the quay.<script>"
	    "var x = 1;<\\/script></p></div></div><ul><li>Buses will run every "
	    "ten minutes from the station to the new quarter, the city said"
	    " on Monday.</li><li>A bridge for bicycles follows in 2027.</li>"
	    "</ul></div>\"}</script></head><body><div><p>Short.</p></div>"
	    "</body></html>";
	struct article	*a;

	a = extract_str(html, NULL);
	assert_non_null(a->body);
	assert_true(strncmp(a->body, "The city council adopted", 24) == 0);
	assert_non_null(strstr(a->body, "six hours.\n\nThe largest item"));
	assert_non_null(strstr(a->body, "two years.\n\nTaxes stay"));
	assert_null(strstr(a->body, "<p>"));
	assert_null(strstr(a->body, "Loading"));
	article_free(a);
	/*
	 * Markup escaped again ("&lt;p&gt;", "&amp;#39;") is read as HTML
	 * twice: text, never tags or entities.
	 */
	check_body(escaped, (const char *[]){ "The city council adopted next "
	    "year's budget on Thursday", "the forty items.\n\nTaxes stay",
	    NULL },
	    (const char *[]){ "&lt;", "&amp;", "&#39;", "<p>", "Short static",
	    NULL });
	/* markup inside: blocks are paragraphs, scripts are not text */
	check_body(nested, (const char *[]){ "Zoning & roads\n\nThe plan "
	    "for the old harbour", "\n\nBuses will run every ten minutes",
	    NULL }, (const char *[]){ "var x", "<div", NULL });
}

/* Furniture lines in the languages of the evaluation sets. */
static void
test_boilerplate_langs(void **state)
{
	static const char	 html[] =
	    "<html lang=\"de\"><head><title>Neue Brücke</title></head><body>"
	    "<div class=\"artikel\"><p>Die neue Brücke über den Fluss wird im "
	    "Mai eröffnet, teilte die Stadt am Montag mit, zwei Jahre später "
	    "als geplant und deutlich teurer.</p>"
	    "<p>Foto: dpa/picture alliance</p>"
	    "<p>Lesen Sie auch: Warum Brücken so teuer sind</p>"
	    "<p>LE PUEDE INTERESAR: Otro puente en Madrid</p>"
	    "<p>Die Baukosten stiegen nach Angaben der Verwaltung von 40 auf "
	    "65 Millionen Euro, vor allem wegen der Preise für Stahl.</p>"
	    "<p>Wir verwenden Cookies, um Ihnen das beste Erlebnis zu bieten."
	    "</p><p>- Anzeige -</p>"
	    "<p>[button link=\"/abo\"]Jetzt lesen[/button]</p>"
	    "<p>Dieser Text wurde veröffentlicht am 3. Mai.</p>"
	    "<p>Du musst eingeloggt sein um Kommentare zu schreiben!</p>"
	    "<p>Tú también puedes apoyarnos. Cancela cuando quieras.</p>"
	    "<p>Zusam\xc2\xad" "men\xc2\xad" "arbeit auf 10\xc2\xa0"
	    "km Länge.</p>"
	    "<h3>Ähnliche Artikel</h3><p>Die alte Brücke wird im Sommer "
	    "abgerissen und durch einen Steg für Radfahrer ersetzt, sagte "
	    "der Sprecher.</p></div></body></html>";
	struct article	*a;

	a = extract_str(html, NULL);
	assert_non_null(a->body);
	assert_non_null(strstr(a->body, "Die neue Brücke"));
	assert_non_null(strstr(a->body, "Die Baukosten stiegen"));
	assert_non_null(strstr(a->body, "Zusammenarbeit auf 10 km Länge."));
	assert_null(strstr(a->body, "picture alliance"));
	assert_null(strstr(a->body, "Lesen Sie auch"));
	assert_null(strstr(a->body, "PUEDE"));
	assert_null(strstr(a->body, "Cookies"));
	assert_null(strstr(a->body, "Anzeige"));
	assert_null(strstr(a->body, "[button"));
	assert_null(strstr(a->body, "veröffentlicht"));
	assert_null(strstr(a->body, "eingeloggt"));
	assert_null(strstr(a->body, "Cancela"));
	/* a stop heading with a capital umlaut ends the text */
	assert_null(strstr(a->body, "Ähnliche Artikel"));
	assert_null(strstr(a->body, "Die alte Brücke"));
	article_free(a);
}

/* Boilerplate opening words match whole words only. */
static void
test_boilerplate_whole_words(void **state)
{
	static const char	 html[] =
	    "<html lang=\"en\"><head><title>Paper price</title></head><body>"
	    "<div class=\"story\"><p>The paper will raise its price in "
	    "March, the publisher said on Monday, the first rise in five "
	    "years and a steep one.</p>"
	    "<p>Subscribers will pay two dollars more a month from April, "
	    "and the print edition will cost three dollars a copy.</p>"
	    "<p>Advertisements in the weekend edition cost more as well.</p>"
	    "<p>Subscribe now and save 50%</p>"
	    "<p>Advertisement</p>"
	    "<p>The publisher blamed the price of paper and of delivery, "
	    "which rose by a third last year.</p></div></body></html>";

	check_body(html, (const char *[]){ "Subscribers will pay",
	    "Advertisements in the weekend", "The publisher blamed", NULL },
	    (const char *[]){ "Subscribe now", "Advertisement\n", NULL });
}

/* A caption in emphasis under a picture is not text; emphasis elsewhere is. */
static void
test_img_caption(void **state)
{
	static const char	 html[] =
	    "<html lang=\"en\"><head><title>Snow layers</title></head><body>"
	    "<div class=\"story\"><p>Avalanches start where a weak layer "
	    "lies under a slab of wind-packed snow, and a skier's weight is "
	    "often enough to break it.</p>"
	    "<p><img src=\"/a.jpg\"><br><em>Figure 4: a classic weak "
	    "layer.</em></p>"
	    "<p>The weak layer is <em>hard to see</em> from above, which is "
	    "why a test pit is dug before the slope is crossed.</p>"
	    "<p>Guides dig one on every slope steeper than thirty degrees, "
	    "whatever the forecast says about the danger.</p>"
	    "</div></body></html>";

	check_body(html, (const char *[]){ "Avalanches start",
	    "is hard to see from above", "Guides dig one", NULL },
	    (const char *[]){ "Figure 4", NULL });
}

/* A short command in a code box is text; a short box of words is not. */
static void
test_code_box(void **state)
{
	static const char	 html[] =
	    "<html lang=\"en\"><head><title>Installing</title></head><body>"
	    "<article class=\"readme\"><p>The library is published on the "
	    "package index, so the usual installer fetches it together with "
	    "everything it needs, and nothing has to be built by hand.</p>"
	    "<p>You can install it with pip:</p>"
	    "<div class=\"snippet\"><pre><code>pip install yapapi</code>"
	    "</pre></div>"
	    "<div class=\"tools\"><span>Copy</span></div>"
	    "<p>Or, if your project uses poetry, add it to the dependencies "
	    "of the project, where the lock file records the version that "
	    "was chosen, for every machine that builds it later.</p>"
	    "<div class=\"snippet\">\n<pre>poetry add yapapi</pre>\n</div>"
	    "<p>Both ways give the same package; the second also keeps the "
	    "versions of its dependencies pinned, which makes builds that "
	    "are repeated months later give the same result, and that is "
	    "what most teams want from their tools.</p>"
	    "</article></body></html>";
	struct article	*a;

	a = extract_str(html, NULL);
	assert_non_null(a->body);
	assert_string_equal(a->body,
	    "The library is published on the package index, so the usual "
	    "installer fetches it together with everything it needs, and "
	    "nothing has to be built by hand.\n\n"
	    "You can install it with pip:\n\n"
	    "pip install yapapi\n\n"
	    "Or, if your project uses poetry, add it to the dependencies of "
	    "the project, where the lock file records the version that was "
	    "chosen, for every machine that builds it later.\n\n"
	    "poetry add yapapi\n\n"
	    "Both ways give the same package; the second also keeps the "
	    "versions of its dependencies pinned, which makes builds that "
	    "are repeated months later give the same result, and that is "
	    "what most teams want from their tools.");
	article_free(a);
}

/*
 * A link alone on a line of a paragraph of prose is text; a paragraph
 * that is one link is not.
 */
static void
test_link_line(void **state)
{
	static const char	 html[] =
	    "<html lang=\"en\"><head><title>Three odd places</title></head>"
	    "<body><div class=\"post\"><p>I have lived in the city for "
	    "nine years and seen a lot of odd things, and the video above "
	    "shows three of the oddest of them, all close to a station.</p>"
	    "<p>Thanks to the railway, which supported the video, and with "
	    "which you can reach all of these places in comfort, even on a "
	    "Sunday morning when the streets are empty.</p>"
	    "<p>Here are the places from the video:</p>"
	    "<p><a href=\"https://crash.example/\">Crash Room</a><br>"
	    "three minutes from the east station</p>"
	    "<p><a href=\"https://base.example/\">Base Flying</a><br>"
	    "two minutes from the main square station</p>"
	    "<p><a href=\"/2018/next\">What else happens here</a></p>"
	    "</div></body></html>";
	struct article	*a;

	a = extract_str(html, NULL);
	assert_non_null(a->body);
	assert_string_equal(a->body,
	    "I have lived in the city for nine years and seen a lot of odd "
	    "things, and the video above shows three of the oddest of them, "
	    "all close to a station.\n\n"
	    "Thanks to the railway, which supported the video, and with "
	    "which you can reach all of these places in comfort, even on a "
	    "Sunday morning when the streets are empty.\n\n"
	    "Here are the places from the video:\n\n"
	    "Crash Room\n\n"
	    "three minutes from the east station\n\n"
	    "Base Flying\n\n"
	    "two minutes from the main square station");
	article_free(a);
}

/*
 * In an article, a part of the text with a table of contents beside its
 * paragraph is text; a box of links with a line above it is not, nor is
 * the same part outside an article.
 */
static void
test_article_part_toc(void **state)
{
	static const char	 head[] =
	    "<html lang=\"en\"><head><title>What we know about the outbreak"
	    "</title></head><body>";
	static const char	 rows[] =
	    "<div class=\"row\"><div class=\"columns\"><p>The first patient "
	    "in the region was confirmed on Tuesday, and the health office "
	    "is now tracing everyone who met him in the past two weeks, at "
	    "work, at home and on the train.</p><p>Officials said the risk "
	    "for the public stays low, but they asked anyone with a fever "
	    "who has travelled recently to call a doctor before going to a "
	    "surgery.</p></div></div>"
	    "<div class=\"row\"><div class=\"columns\"><p>Many questions are "
	    "still open: how many people will fall ill, where did the virus "
	    "come from, and can a vaccine stop it? We have gathered the most "
	    "important ones here, with the answers that can be given "
	    "today.</p><div class=\"callout\"><ul>"
	    "<li><a href=\"#symptoms\">What are the symptoms of the new "
	    "disease?</a></li>"
	    "<li><a href=\"#deaths\">How deadly is the virus, really?</a></li>"
	    "<li><a href=\"#spread\">Can the spread be stopped in time?</a>"
	    "</li>"
	    "<li><a href=\"#vaccine\">When will there be a vaccine for it?"
	    "</a></li>"
	    "<li><a href=\"#origin\">Where does the new disease come from?"
	    "</a></li></ul></div>"
	    "<h3 id=\"symptoms\">What are the symptoms?</h3><p>Most people "
	    "have a mild cold with a sore throat, or no symptoms at all; some "
	    "get a fever and a cough.</p></div></div>"
	    "<div class=\"row\"><div class=\"columns\">"
	    "<h3 id=\"deaths\">How deadly is the virus?</h3><p>Three months "
	    "into the epidemic it is still unclear how many of those infected "
	    "die, because many mild cases are never counted, and the share of "
	    "deaths is measured against the cases that are known.</p><p>Of "
	    "the 138 patients that one team described in February, about four "
	    "in a hundred died; most of them were old or already had another "
	    "illness that weakened them.</p>"
	    "<h3 id=\"spread\">Can the spread be stopped?</h3><p>The health "
	    "offices try to find every case early and to isolate those "
	    "infected for as long as they can pass the virus on, so that each "
	    "chain of infections ends quickly.</p><p>They also trace everyone "
	    "who had close contact with a patient and ask them to stay at "
	    "home for two weeks, which slows the spread even where it cannot "
	    "stop it.</p></div></div>"
	    "<div class=\"row\"><div class=\"columns\"><p>More from our "
	    "science desk, every morning in your inbox.</p><ul>"
	    "<li><a href=\"/a\">Why bats carry so many viruses</a></li>"
	    "<li><a href=\"/b\">The long search for a flu vaccine</a></li>"
	    "<li><a href=\"/c\">How masks are tested in the lab</a></li>"
	    "</ul></div></div>";
	static const char	 first[] =
	    "The first patient in the region was confirmed on Tuesday, and "
	    "the health office is now tracing everyone who met him in the "
	    "past two weeks, at work, at home and on the train.\n\n"
	    "Officials said the risk for the public stays low, but they asked "
	    "anyone with a fever who has travelled recently to call a doctor "
	    "before going to a surgery.\n\n";
	static const char	 part[] =
	    "Many questions are still open: how many people will fall ill, "
	    "where did the virus come from, and can a vaccine stop it? We "
	    "have gathered the most important ones here, with the answers "
	    "that can be given today.\n\n"
	    "What are the symptoms?\n\n"
	    "Most people have a mild cold with a sore throat, or no symptoms "
	    "at all; some get a fever and a cough.\n\n";
	static const char	 rest[] =
	    "How deadly is the virus?\n\n"
	    "Three months into the epidemic it is still unclear how many of "
	    "those infected die, because many mild cases are never counted, "
	    "and the share of deaths is measured against the cases that are "
	    "known.\n\n"
	    "Of the 138 patients that one team described in February, about "
	    "four in a hundred died; most of them were old or already had "
	    "another illness that weakened them.\n\n"
	    "Can the spread be stopped?\n\n"
	    "The health offices try to find every case early and to isolate "
	    "those infected for as long as they can pass the virus on, so "
	    "that each chain of infections ends quickly.\n\n"
	    "They also trace everyone who had close contact with a patient "
	    "and ask them to stay at home for two weeks, which slows the "
	    "spread even where it cannot stop it.";
	struct article	*a;
	char		*html, *want;

	xasprintf(&html, "%s<article class=\"content\">%s</article>"
	    "</body></html>", head, rows);
	xasprintf(&want, "%s%s%s", first, part, rest);
	a = extract_str(html, NULL);
	assert_non_null(a->body);
	assert_string_equal(a->body, want);
	article_free(a);
	free(html);
	free(want);

	xasprintf(&html, "%s<div class=\"content\">%s</div></body></html>",
	    head, rows);
	xasprintf(&want, "%s%s", first, rest);
	a = extract_str(html, NULL);
	assert_non_null(a->body);
	assert_string_equal(a->body, want);
	article_free(a);
	free(html);
	free(want);
}

/* An unclosed <noscript> swallows the page; a "Read more" button. */
static void
test_noscript_read_more(void **state)
{
	static const char	 noscript[] =
	    "<html><head><title>Bears</title></head><body><noscript><img "
	    "src=\"/px.gif\"></div><div id=\"text\"><p>Nine female bears had "
	    "cubs in the park this year, the most in fourteen years of "
	    "counting, the rangers said on Tuesday.</p><p>Sixteen cubs were "
	    "seen, in one hundred and twenty-five sightings, which the "
	    "rangers made with volunteers and camera traps.</p></div>"
	    "</body></html>";
	static const char	 more[] =
	    "<html><head><title>Game notes</title></head><body>"
	    "<div class=\"story\"><p>It was a slow first quarter on both "
	    "sides, as the two teams struggled to score from the field.</p>"
	    "<div id=\"mask\"><a href=\"#\">Read More</a></div>"
	    "<div class=\"rest\"><p>The second half was another game: the "
	    "home side made nine threes in a row and led by twenty.</p>"
	    "<p>Its center finished with thirty points and twelve rebounds, "
	    "his best game of the season so far.</p></div></div>"
	    "</body></html>";

	check_body(noscript, (const char *[]){ "Nine female bears",
	    "camera traps.", NULL }, NULL);
	check_body(more, (const char *[]){ "slow first quarter",
	    "nine threes in a row", "twelve rebounds", NULL },
	    (const char *[]){ "Read More", NULL });
}

/* Posts of a thread: every post, not the longest one alone. */
static void
test_entries(void **state)
{
	struct buf	 b;
	int		 i;

	buf_init(&b, 0);
	buf_addstr(&b, "<html><head><title>Update failed</title></head><body>"
	    "<div class=\"thread\"><ol class=\"posts\">");
	for (i = 0; i < 4; i++) {
		buf_printf(&b, "<li class=\"postbit\"><div class=\"who\">user%d"
		    "</div><div class=\"wrap\"><div class=\"inner\"><div "
		    "class=\"msg\">", i);
		if (i == 0)
			buf_addstr(&b, "<p>Well, first, I charged it, then I "
			    "waited, then, as the forum said, I rebooted it, "
			    "twice, three times, four times, and nothing.</p>"
			    "<p>Then, after that, I cleared the cache, the "
			    "data, the downloads, and, finally, the apps, but, "
			    "again, nothing at all.</p>"
			    "<p>The update stopped at forty percent "
			    "on my phone and it has not started again since "
			    "yesterday evening, any idea?</p><p>I tried twice, "
			    "with the battery full, and the screen stays on "
			    "the "
			    "same bar, which does not move at all.</p><p>Is "
			    "there a way to start it again by hand, or do I "
			    "have to reset the phone, losing everything?</p>");
		else
			buf_printf(&b, "<p>Reply %d: it took me five minutes "
			    "with wifi on, so try wifi first, before waiting "
			    "for the mobile network.</p>", i);
		buf_addstr(&b, "</div></div></div></li>");
	}
	buf_addstr(&b, "</ol></div></body></html>");
	check_body(b.data, (const char *[]){ "stopped at forty percent",
	    "Reply 1: it took me", "Reply 3: it took me", NULL }, NULL);
	buf_clear(&b);
}

/* A list of signatories does not outscore the letter above it. */
static void
test_name_list(void **state)
{
	struct buf	 b;
	int		 i;

	buf_init(&b, 0);
	buf_addstr(&b, "<html><head><title>A letter</title></head><body>"
	    "<div><div class=\"letter\"><p>Our institutions "
	    "are facing a moment of trial and protests for justice are "
	    "leading to calls for reform of the police.</p><p>But this needed "
	    "reckoning has also strengthened a new set of attitudes that tend "
	    "to weaken open debate.</p><p>The free exchange of ideas is the "
	    "lifeblood of a liberal society and it is becoming more "
	    "constricted every day.</p></div>"
	    "<table><tr><td>");
	for (i = 0; i < 60; i++)
		buf_printf(&b, "<b>Name%d Surname%d</b>, writer<br>", i, i);
	buf_addstr(&b, "</td></tr></table></div></body></html>");
	check_body(b.data, (const char *[]){ "Our institutions are facing",
	    "lifeblood of a liberal society", NULL }, (const char *[]){
	    "Name30 Surname30", NULL });
	buf_clear(&b);
}

/*
 * A class word alone does not make prose junk; a container of pictures
 * with little text still is.  A forum post with an avatar and smileys
 * is a post.
 */
static void
test_class_words_prose(void **state)
{
	static const char	 html[] =
	    "<html><head><title>Council budget</title></head><body>"
	    "<div class=\"region-content\"><div class=\"story\">"
	    "<div class=\"text\"><p>The council "
	    "voted the budget on Monday, after a debate of six hours, with "
	    "twenty votes for it and twelve against.</p><p>Schools get more "
	    "money for their buildings, while the roads budget falls by a "
	    "tenth, the treasurer said.</p><p>Teachers, who had asked for "
	    "new rooms for years, welcomed the vote, and the works start in "
	    "the summer holidays.</p>"
	    "<div class=\"field field--label-hidden\"><p>The opposition "
	    "asked for a second reading in spring, when the figures of the "
	    "tax office are known, and was outvoted.</p><p>Its leader said "
	    "the council had spent the reserve of three years in one, and "
	    "that the next budget would pay for it.</p>"
	    "<p>The mayor answered that the reserve was there for the "
	    "schools and that the roads could wait a year.</p><p>The vote "
	    "on the fees of the swimming pool was put off to the next "
	    "session.</p></div>"
	    "<div class=\"gallery\"><img src=\"a.jpg\"><img src=\"b.jpg\">"
	    "<img src=\"c.jpg\"><span>The session in pictures</span></div></div>"
	    "</div></div></body></html>";

	check_body(html, (const char *[]){ "The council voted the budget",
	    "second reading in spring", "the roads could wait a year", NULL },
	    (const char *[]){ "The session in pictures", NULL });
}

/*
 * A "See also" section ends at the next heading of its rank; the
 * heading itself is not text.  A teaser's linked title does not end it.
 */
static void
test_stop_section(void **state)
{
	static const char	 html[] =
	    "<html><head><title>fastq: a reader</title></head><body>"
	    "<article class=\"markdown-body\"><h1>fastq</h1><p>fastq reads "
	    "sequencing files in one pass, with a buffer of a few pages, and "
	    "checks every record as it goes.</p><p>It is written in C, has "
	    "no dependencies, and builds with any compiler of the last "
	    "twenty years.</p>"
	    "<h2>See also</h2><ul><li><a href=\"/a\">seqtk</a></li>"
	    "<li><a href=\"/b\">fastp</a></li></ul>"
	    "<h3><a href=\"/c\">Other readers of the lab</a></h3>"
	    "<p>Teaser of another project, in a sentence or two.</p>"
	    "<h2>Environment variables</h2><p>FASTQ_BUFFER sets the size of "
	    "the buffer, in pages; the default, sixteen, suits most disks and "
	    "most files.</p></article></body></html>";

	check_body(html, (const char *[]){ "fastq reads sequencing files",
	    "FASTQ_BUFFER sets the size", NULL }, (const char *[]){ "See also",
	    "Teaser of another project", NULL });
}

/*
 * The article's header, dropped by its class word, still gives its
 * standfirst; the headline is found without the site's name.
 */
static void
test_header_lead(void **state)
{
	static const char	 html[] =
	    "<html><head><title>Farm youth ask for a start-up grant - The "
	    "Weekly</title></head><body><main><div class=\"article\">"
	    "<header class=\"intro-header\"><h2>Farm youth ask for a "
	    "start-up grant</h2><p class=\"kicker\">The youth groups of the "
	    "farmers want a grant for those who take over a farm. The "
	    "minister was open to it in a first meeting.</p>"
	    "<span class=\"date\">3 November 2021</span></header>"
	    "<div class=\"text\"><p>The grant would be paid in the first "
	    "three years after a farm changes hands, the youth groups "
	    "wrote, and be tied to a training course.</p><p>Fewer than a "
	    "third of farmers over sixty have a successor, and many farms "
	    "are sold to neighbours or investors when they stop.</p>"
	    "<p>The minister said she would look at the costs with the "
	    "finance ministry before the summer.</p></div></div></main>"
	    "</body></html>";
	struct article	*a;
	const char	*lead, *main;

	a = extract_str(html, NULL);
	assert_non_null(a->body);
	lead = strstr(a->body, "The youth groups of the farmers");
	main = strstr(a->body, "The grant would be paid");
	assert_non_null(lead);
	assert_non_null(main);
	assert_true(lead < main);
	assert_null(strstr(a->body, "3 November 2021"));
	article_free(a);
}

/*
 * A standfirst wrapped in an inline element (<strong><p>...</p></strong>,
 * kept so by libxml2) before the main text, which is elsewhere.
 */
static void
test_inline_lead(void **state)
{
	static const char	 html[] =
	    "<html lang=\"en\"><head><title>Gas and nuclear are not "
	    "green</title></head><body><article class=\"node\">"
	    "<div class=\"article-content\"><h2>Gas and nuclear are not "
	    "green</h2><div class=\"box\"><figure><img src=\"/flags.jpg\">"
	    "<figcaption>Flags in front of the Commission</figcaption>"
	    "</figure></div><strong><p>The draft would keep the taxonomy "
	    "from being a tool of transparency for the markets, the agency "
	    "said.</p></strong></div>"
	    "<div class=\"row\"><div class=\"span9\"><div class=\"meta\">"
	    "25 January 2022</div><div class=\"article-content\">"
	    "<h3>Nuclear</h3><p>The Commission proposes to add nuclear "
	    "power, if the plants meet the treaty and the state has a plan "
	    "for a repository by 2050, which the agency says is no plan at "
	    "all, since no such repository works anywhere in the union "
	    "today.</p><p>The agency asks the member states to object to "
	    "the draft in the council before the deadline runs out in the "
	    "spring.</p><h3>Gas</h3><p>It also proposes to add gas-fired "
	    "plants, under a limit of direct emissions, until the year "
	    "2035, which the agency finds far too late for the climate "
	    "goals, and which would let new plants run on fossil gas for "
	    "decades.</p></div></div></div></article></body></html>";
	struct article	*a;

	a = extract_str(html, NULL);
	assert_non_null(a->body);
	assert_string_equal(a->body,
	    "The draft would keep the taxonomy from being a tool of "
	    "transparency for the markets, the agency said.\n\n"
	    "Nuclear\n\n"
	    "The Commission proposes to add nuclear power, if the plants "
	    "meet the treaty and the state has a plan for a repository by "
	    "2050, which the agency says is no plan at all, since no such "
	    "repository works anywhere in the union today.\n\n"
	    "The agency asks the member states to object to the draft in "
	    "the council before the deadline runs out in the spring.\n\n"
	    "Gas\n\n"
	    "It also proposes to add gas-fired plants, under a limit of "
	    "direct emissions, until the year 2035, which the agency finds "
	    "far too late for the climate goals, and which would let new "
	    "plants run on fossil gas for decades.");
	article_free(a);
}

/*
 * A static text of some length is the page's own, even when a longer
 * articleBody comes with it: it holds its lead and sub-headings.
 */
static void
test_ld_body_static(void **state)
{
	struct buf	 b;
	int		 i;

	buf_init(&b, 0);
	buf_addstr(&b, "<html><head><title>Council votes</title><script "
	    "type=\"application/ld+json\">{\"@type\": \"NewsArticle\", "
	    "\"articleBody\": \"");
	for (i = 0; i < 12; i++)
		buf_printf(&b, "Sentence %d of the agency copy, which runs "
		    "longer than the page and has no sub-headings. ", i);
	buf_addstr(&b, "\"}</script></head><body><article>"
	    "<p>The city council adopted next year's budget on Thursday by "
	    "twenty votes to eleven, after a debate of six hours.</p>"
	    "<h2>Schools first</h2><p>The largest item is the renovation of "
	    "three schools, which the opposition wanted to spread over two "
	    "years, and which starts in the summer holidays.</p><p>Taxes "
	    "stay as they are, the mayor said, although water will cost "
	    "more from March, and the fees of the swimming pools rise by a "
	    "tenth.</p><p>The opposition will ask for a second reading when "
	    "the figures of the tax office are known, in spring.</p>"
	    "</article></body></html>");
	check_body(b.data, (const char *[]){ "Schools first", NULL },
	    (const char *[]){ "agency copy", NULL });
	buf_clear(&b);
}

/* A table of data in the text stays, links and all. */
static void
test_data_table(void **state)
{
	struct buf	 b;
	int		 i;

	buf_init(&b, 0);
	buf_addstr(&b, "<html><head><title>Penny</title></head><body>"
	    "<div class=\"wiki\"><p>Penny lives in a trailer by the river "
	    "with her mother, and teaches the children of the valley in the "
	    "museum, as the school has no teacher.</p><p>She likes flowers, "
	    "books and quiet, and dislikes the noise of the saloon, where "
	    "her mother spends her evenings.</p><table>");
	for (i = 0; i < 6; i++)
		buf_printf(&b, "<tr><td><a href=\"/g%d\">Gift %d of "
		    "mead</a></td><td>She loves it a lot</td></tr>", i, i);
	buf_addstr(&b, "</table><p>Her birthday is on the second day of "
	    "autumn, when the leaves of the valley turn red.</p></div>"
	    "</body></html>");
	check_body(b.data, (const char *[]){ "Gift 3 of mead She loves it",
	    "Her birthday is on", NULL }, NULL);
	buf_clear(&b);
}

/*
 * The next block of a page builder, with paragraphs of its own one level
 * deeper (so they score it too little), joins.
 */
static void
test_sibling_column(void **state)
{
	static const char	 html[] =
	    "<html><head><title>About us</title></head><body><div "
	    "class=\"site\"><div class=\"top-bar\"><a href=\"/\">Home</a> "
	    "<a href=\"/join\">Join</a></div><div class=\"section\"><div "
	    "class=\"wrap\"><h2>Who we are</h2><div class=\"editor\"><p>We "
	    "are a network of young researchers who study the cities of "
	    "the region: their water, their housing and their streets. "
	    "They come from the universities, the city offices, the water "
	    "boards, the housing companies and, more and more, from the "
	    "neighbourhood groups, which bring what no survey "
	    "shows.</p><p>Our members come from eleven countries and meet "
	    "twice a year in a different city each time to compare their "
	    "work, to visit what the hosts built, and to plan the next "
	    "report with the city offices.</p><p>We publish a yearly "
	    "report and a book every three years, which libraries of the "
	    "region lend for free, and which schools may print for their "
	    "classes without asking.</p></div><div class=\"el el-77cd\"><a "
	    "class=\"button\" href=\"/join\">Join us</a></div><div "
	    "class=\"el el-0cf1\"><div class=\"box\"><p>The Future Cities "
	    "Hub of 2018 was our first public event with two hundred "
	    "guests and thirty speakers, from the mayors of four capitals "
	    "to the caretakers of a housing block.</p><p>Its book, written "
	    "by forty members, came out a year later and is used in three "
	    "universities, in their first year, as a reader on the water "
	    "of cities.</p></div></div></div></div></div></body></html>";

	check_body(html, (const char *[]){ "We are a network",
	    "The Future Cities Hub of 2018", NULL }, (const char *[]){
	    "Join us", NULL });
}

/* A standfirst need not end with a full stop. */
static void
test_lead_no_stop(void **state)
{
	static const char	 html[] =
	    "<html><head><title>A clock for the climate</title></head><body>"
	    "<h1>A clock for the climate</h1><div class=\"sommario\"><p>In "
	    "New York a giant clock counts down the time left to act on the "
	    "climate and reminds the city of the urgency of cutting emissions"
	    "</p></div><div class=\"post\"><p>The clock on Union Square, "
	    "which used to show the time of day in fifteen digits, now shows "
	    "the years, days and hours left, the artists said.</p><p>They "
	    "took the figure from a study of the carbon budget that the "
	    "world may still spend, and will update it every year.</p><p>The "
	    "city council gave its approval for one year, and will decide "
	    "in the autumn whether the clock stays.</p></div></body></html>";
	struct article	*a;
	const char	*lead, *main;

	a = extract_str(html, NULL);
	assert_non_null(a->body);
	lead = strstr(a->body, "In New York a giant clock");
	main = strstr(a->body, "The clock on Union Square");
	assert_non_null(lead);
	assert_non_null(main);
	assert_true(lead < main);
	article_free(a);
}

/*
 * A post that is mostly a list of links with notes: a block holding most
 * of the text is not cleaned away as a link list.
 */
static void
test_link_roll(void **state)
{
	struct buf	 b;
	int		 i;

	buf_init(&b, 0);
	buf_addstr(&b, "<html><head><title>Links of the week</title></head>"
	    "<body><article class=\"post\"><p>The links of the week, with a "
	    "short note on each of them, as every Friday. This week the "
	    "press subsidies, the data of the census, the new trains of the "
	    "north and the strike of the teachers fill most of the list, and "
	    "the short notes say where each link comes from, so that readers "
	    "who want more can go to the source. The links are read and "
	    "chosen by the editors, who also write the notes; readers may "
	    "send links for next week by mail, and the best ones are printed "
	    "with the name of the sender, unless the sender asks us not to "
	    "print it.</p><div class=\"entry-wrapper\"><ul class=\"roll\">");
	for (i = 0; i < 15; i++)
		buf_printf(&b, "<li><p><a href=\"/l%d\">Press subsidies: a "
		    "study doubts the help of the state in part %d</a></p><p>"
		    "via news site %d</p></li>", i, i, i);
	buf_addstr(&b, "</ul></div></article></body></html>");
	check_body(b.data, (const char *[]){ "The links of the week",
	    "help of the state in part 3", "via news site 3", NULL }, NULL);
	buf_clear(&b);
}

/*
 * Blocks of one kind with their own modifiers ("box box--ingredients",
 * "box box--steps") are entries of one text; icon-font glyphs are not
 * text.
 */
static void
test_entries_kind(void **state)
{
	static const char	 html[] =
	    "<html><head><title>Mandarin cake</title></head><body><div "
	    "class=\"site\"><article class=\"recipe\"><div class=\"box "
	    "box--intro\"><p>The creamiest cake of the family, with a "
	    "shortcrust base, a pudding of cream and mandarins on "
	    "top.</p></div><div class=\"box box--ingredients\"><h3>For the "
	    "base:</h3><table><tr><td>125 "
	    "g</td><td>flour</td></tr><tr><td>65 "
	    "g</td><td>sugar</td></tr><tr><td>65 g</td><td>margarine or "
	    "butter</td></tr><tr><td>1</td><td>egg</td></tr></table><h3>For "
	    "the filling:</h3><table><tr><td>500 "
	    "ml</td><td>milk</td></tr><tr><td>2</td><td>packets of vanilla "
	    "pudding powder</td></tr><tr><td>2 tins</td><td>mandarins, "
	    "about 300 g each</td></tr></table></div><div class=\"box "
	    "box--steps\"><p>First cook the pudding with the milk, the "
	    "pudding powder and the sugar, and set it aside to cool, with "
	    "cling film on top so that no skin forms.</p><p>Drain the "
	    "mandarins, keeping the juice, and knead the ingredients of "
	    "the base together, then press the dough into a greased tin, "
	    "pulling up a rim.</p><p>Stir the sour cream into the cooled "
	    "pudding, spread it on the base, put the mandarins on top and "
	    "bake at 175 degrees for about 80 "
	    "minutes.</p></div></article></div></body></html>";
	struct buf	 b;
	int		 i;

	check_body(html, (const char *[]){ "The creamiest cake",
	    "margarine or butter", "First cook the pudding", NULL }, NULL);
	buf_init(&b, 0);
	buf_addstr(&b, html);
	/* stars of an icon font, U+E83A, after the steps */
	b.len -= strlen("</div></article></div></body></html>");
	buf_addstr(&b, "<p>");
	for (i = 0; i < 15; i++)
		buf_addstr(&b, "\xee\xa0\xba ");
	buf_addstr(&b, "</p></div></article></div></body></html>");
	check_body(b.data, NULL, (const char *[]){ "\xee\xa0\xba", NULL });
	buf_clear(&b);
}

/*
 * Conditional cleaning keeps a long text with a few links in it and
 * steps with a picture each; an author's note closing the text goes.
 */
static void
test_links_pictures_bio(void **state)
{
	static const char	 head[] =
	    "<html><head><title>Paying for a car</title></head><body>"
	    "<div class=\"page\"><div class=\"story\"><p>Most people who "
	    "buy a car do not pay for it at once, and the ways to spread "
	    "the cost differ more than the adverts say, in what they cost "
	    "over the years and in who owns the car meanwhile.</p><p>A loan "
	    "from the bank makes the buyer the owner from the first day, "
	    "while a lease leaves the car with the lender, who takes it "
	    "back at the end, and a dealer's credit lies between the "
	    "two.</p></div>";
	static const char	 tail[] =
	    "</div></body></html>";
	struct buf	 b;
	int		 i;

	buf_init(&b, 0);
	buf_addstr(&b, head);
	/* 30 % of the text in links: prose, not a box of links */
	buf_addstr(&b, "<div class=\"box\"><p>The cheapest way is to pay "
	    "cash, of course, but few can; compare the <a href=\"/l\">cost "
	    "of a loan</a> with the <a href=\"/m\">cost of a lease</a> "
	    "before you sign, and read the terms.</p><p>A frequent question "
	    "is whether to <a href=\"/n\">lease or to borrow</a>: the "
	    "answer depends on how long you keep the car and how far you "
	    "drive it each year, and on your <a href=\"/o\">income "
	    "now</a>.</p></div>");
	/* steps with a picture each, in the text */
	buf_addstr(&b, "<div class=\"story\"><p>Whatever the choice, the "
	    "total cost over the whole term is what counts, not the "
	    "monthly rate that the adverts show.</p><div class=\"steps\">");
	for (i = 0; i < 4; i++)
		buf_printf(&b, "<div><img src=\"/s%d.jpg\">Step %d: check the "
		    "papers again.</div>", i, i);
	buf_addstr(&b, "</div><p>Then sign, and keep a copy of every page "
	    "of the contract, with the date on it.</p><p>Jane Doe is a "
	    "freelance writer on money and cars.</p></div>");
	buf_addstr(&b, tail);
	check_body(b.data, (const char *[]){ "A frequent question",
	    "Step 2: check the papers", "the total cost over", NULL },
	    (const char *[]){ "freelance writer", NULL });
	buf_clear(&b);
}

/*
 * A gallery told in its captions: five slides and more, each a picture
 * and a caption of prose, more text than the rest of the page.  The
 * captions are the text; in an article, a caption is not.
 */
static void
test_gallery_captions(void **state)
{
	struct buf	 b;
	int		 i;

	buf_init(&b, 0);
	buf_addstr(&b, "<html lang=\"en\"><head><title>Costumes at home"
	    "</title></head><body><article class=\"post gallery\"><div "
	    "class=\"post-content\"><p>Cheap and easy costumes are all "
	    "that matter this year, and you can make every one of these "
	    "with what you already have at home.</p></div><div "
	    "class=\"slides\">");
	for (i = 0; i < 6; i++)
		buf_printf(&b, "<figure class=\"slide\"><h2><a href=\"/c%d\">"
		    "%d. Costume</a></h2><img src=\"/c%d.jpg\"><figcaption "
		    "class=\"slide-caption\"><p>Costume %d: with a hat, an "
		    "old coat and a scarf of your own, you can dress as a "
		    "character of a film in ten minutes.</p></figcaption>"
		    "</figure>", i, i + 1, i, i);
	buf_addstr(&b, "</div></article></body></html>");
	check_body(b.data, (const char *[]){ "Cheap and easy costumes",
	    "Costume 0: with a hat", "Costume 5: with a hat", NULL }, NULL);
	buf_clear(&b);

	/* one caption of prose beside the text: not text */
	buf_init(&b, 0);
	buf_addstr(&b, "<html lang=\"en\"><head><title>Costumes at home"
	    "</title></head><body><article class=\"post\"><div "
	    "class=\"post-content\">");
	for (i = 0; i < 4; i++)
		buf_printf(&b, "<p>Paragraph %d: cheap and easy costumes are "
		    "all that matter this year, and you can make every one of "
		    "these with what you already have at home.</p>", i);
	buf_addstr(&b, "<figure><img src=\"/c.jpg\"><figcaption>Costume: "
	    "with a hat, an old coat and a scarf of your own, you can "
	    "dress as a character of a film.</figcaption></figure>"
	    "</div></article></body></html>");
	check_body(b.data, (const char *[]){ "Paragraph 3: cheap", NULL },
	    (const char *[]){ "Costume: with a hat", NULL });
	buf_clear(&b);
}

/*
 * Month names of de, fr, es, it, pt and pl: a date line alone in them
 * is a dateline, as in English, and dates the page.
 */
static void
test_dateline_months(void **state)
{
	static const char	 html[] =
	    "<html lang=\"de\"><head><title>Neues Kapitel</title></head>"
	    "<body><div class=\"news\"><p>24. März 2004, 19:49</p>"
	    "<p>Die Geschichte geht weiter, und der Held kehrt nach langer "
	    "Reise in seine Heimat zurück, wo ihn niemand mehr erkennt, "
	    "außer seinem alten Hund.</p><p>Danach beginnt ein neues "
	    "Kapitel, in dem er seine Familie sucht und nach vielen Jahren "
	    "endlich wiederfindet.</p><p>Pubblicato il: 30 settembre "
	    "2020</p></div></body></html>";
	struct article	*a;

	a = extract_str(html, NULL);
	assert_non_null(a->body);
	assert_non_null(strstr(a->body, "Die Geschichte geht weiter"));
	assert_null(strstr(a->body, "März 2004"));
	assert_null(strstr(a->body, "settembre"));
	/* 2004-03-24 19:49 UTC */
	assert_int_equal(a->published, 1080157740);
	article_free(a);
}

/* "Weiterführende Links", "Further reading": a list of links follows. */
static void
test_further_reading(void **state)
{
	static const char	 html[] =
	    "<html lang=\"de\"><head><title>Schwierige Gespräche</title>"
	    "</head><body><div class=\"detail\"><p>Konflikte mag keiner, "
	    "und trotzdem begegnen wir ihnen ständig, im Beruf wie zu "
	    "Hause, und meist kommen sie ungelegen.</p><p>Wer sie früh "
	    "anspricht, ruhig und ohne Vorwurf, löst die meisten, bevor "
	    "sie wachsen und das Team spalten.</p><div class=\"box\">"
	    "<div class=\"box-head\">Weiterführender Link</div><div><a "
	    "href=\"/k\">Konfliktgespräche führen: zehn Regeln für den "
	    "Alltag im Büro</a></div></div></div></body></html>";

	check_body(html, (const char *[]){ "Konflikte mag keiner",
	    "Wer sie früh anspricht", NULL }, (const char *[]){
	    "Weiterführender Link", "zehn Regeln", NULL });
}

/* A class word spelt with a hyphen: "news-letter" is "newsletter". */
static void
test_news_letter_class(void **state)
{
	static const char	 html[] =
	    "<html lang=\"de\"><head><title>Horoskop</title></head><body>"
	    "<div class=\"article-body\"><p>Beste Vibes von Venus und "
	    "Jupiter machen Sie sexy und als Lover begehrt, und das sieht "
	    "nach einem traumhaften Start ins neue Jahr aus.</p><p>Singles "
	    "flirten eifrig und verlieben sich, und ein zunächst harmloser "
	    "Flirt wird im Februar zu einer echten Liebe.</p><p>Paare "
	    "planen gemeinsam eine Reise, die lange in Erinnerung bleibt, "
	    "und finden wieder Zeit füreinander.</p><p>Im März bringt "
	    "Merkur frischen Wind in den Beruf: ein Projekt, das lange "
	    "ruhte, kommt in Gang, und Ihre Ideen finden endlich Gehör bei "
	    "den Kollegen und beim Chef.</p><p>Im April sollten Sie auf "
	    "Ihre Gesundheit achten, mehr schlafen und öfter draußen sein, "
	    "denn die Sterne verlangen Ruhe nach dem vollen Winter.</p>"
	    "<div class=\"news-letter-section\"><span class=\"lead\">News, "
	    "Tipps und Trends: wir haben viele spannende Themen für "
	    "dich!</span></div><p>Natürlich ist jeder Mensch ein Individuum, "
	    "und nicht immer stimmt alles, was die Astrologie sagt.</p>"
	    "</div></body></html>";

	check_body(html, (const char *[]){ "Beste Vibes",
	    "Natürlich ist jeder Mensch", NULL }, (const char *[]){
	    "spannende Themen", NULL });
}

/*
 * A caption saying its picture's alt text again, after a button's label
 * at most, describes the picture: it is not text.  A paragraph that
 * quotes the alt among more words of its own is.
 */
static void
test_alt_caption(void **state)
{
	static const char	 html[] =
	    "<html lang=\"de\"><head><title>Das neue Telefon</title></head>"
	    "<body><div class=\"article\"><p>Die Renderings zeigen das "
	    "kommende Telefon ganz ohne Kerbe am oberen Rand des Displays, "
	    "wie es viele erwartet hatten.</p><div class=\"visual\"><img "
	    "src=\"/p.jpg\" alt=\"Eine kleine runde Aussparung für die "
	    "Kamera im Display.\"><div class=\"description\"><a "
	    "href=\"/p.jpg\"><strong>Vergrößern</strong></a> <strong "
	    "class=\"title\">Eine kleine runde Aussparung für die Kamera im "
	    "Display.</strong></div></div><p>Stattdessen gibt es nur ein "
	    "Loch für die Frontkamera, die Sensoren liegen hinter dem Glas "
	    "verborgen.</p><p>Der Hersteller wollte sich dazu nicht äußern: "
	    "Eine kleine runde Aussparung für die Kamera im Display. So "
	    "steht es nur in den Entwürfen, die im Netz kursieren.</p>"
	    "<p>Vorgestellt wird das Telefon wie jedes Jahr im September, "
	    "kurz vor dem Verkaufsstart.</p></div></body></html>";

	check_body(html, (const char *[]){ "Die Renderings zeigen",
	    "Stattdessen gibt es nur", "Der Hersteller wollte",
	    "Vorgestellt wird", NULL }, (const char *[]){ "Vergrößern",
	    NULL });
}

/*
 * A picture whose alt is the article's first sentence (as a CMS writes
 * it): the lead beside it is text, not a caption, since the box holding
 * both holds the whole article.
 */
static void
test_alt_lead(void **state)
{
	check_body("<html lang=\"en\"><head><title>OTS foreign ministers "
	    "meet in Astana</title></head><body><article><h1>OTS foreign "
	    "ministers meet in Astana</h1><img src=\"/a.jpg\" alt=\"The "
	    "foreign ministers of the Organization of Turkic States met in "
	    "Astana on Friday.\"><p>The foreign ministers of the "
	    "Organization of Turkic States met in Astana on Friday.</p><p>They "
	    "discussed transport corridors, trade and the next summit, which "
	    "is to be held in Baku next autumn, the secretariat said.</p><p>"
	    "The meeting was chaired by the Kazakh minister, who said the "
	    "organization had grown into a platform for the region.</p>"
	    "</article></body></html>", (const char *[]){ "The foreign "
	    "ministers of the Organization of Turkic States met", "They "
	    "discussed transport", NULL }, NULL);
}

/*
 * A heading closing the text over a box of links that is not printed
 * (a booking widget, teasers of other stories) is the box's title; a
 * heading over a list that is not links (a poll's choices) stays.
 */
static void
test_box_title(void **state)
{
	check_body("<html lang=\"de\"><head><title>Radtour durch "
	    "Friedrichsfelde</title></head><body><article><h1>Radtour durch "
	    "Friedrichsfelde</h1><p>Die Tour beginnt am S-Bahnhof "
	    "Friedrichsfelde Ost und folgt zuerst der Wuhle nach Norden, "
	    "vorbei an Kleingärten und alten Fabrikhallen.</p><p>Am Tierpark "
	    "biegt der Weg nach links ab; hier lohnt sich eine Pause im "
	    "Schlosspark, dessen Wiesen im Sommer voller Familien sind.</p>"
	    "<p>Zurück geht es über den Kaisersteg und am Ufer entlang bis "
	    "zum S-Bahnhof Schöneweide, etwa zwanzig Kilometer in allem.</p>"
	    "<h3>Keine Lust alleine zu radeln?</h3><div id=\"gyg-widget\">"
	    "<a href=\"https://partner.example.com/1\">Geführte Radtouren in "
	    "Berlin</a> <a href=\"https://partner.example.com/2\">Powered by "
	    "Example Tours.</a></div></article></body></html>",
	    (const char *[]){ "Die Tour beginnt", "Zurück geht es", NULL },
	    (const char *[]){ "Keine Lust alleine", "Powered by", NULL });
	check_body("<html lang=\"en\"><head><title>The food bloggers of the "
	    "year</title></head><body><article><h1>The food bloggers of the "
	    "year</h1><p>Readers sent in more than four hundred names this "
	    "spring, and the editors picked the three who cooked the most "
	    "at home.</p><p>Each of them posts a recipe a day, with pictures "
	    "of every step, and answers questions in the comments.</p><p>"
	    "The winner is invited to a cooking class and a dinner with the "
	    "editors in the autumn.</p><h3>Vote for the best food blogger of "
	    "the year!</h3><ul><li>Alla Ershova</li><li>Anna Merkurova</li>"
	    "<li>Andrei Rudkov</li></ul></article></body></html>",
	    (const char *[]){ "Readers sent in", "Vote for the best", NULL },
	    NULL);
}

/*
 * The same inside the text: a box's title followed by the next section's
 * heading, the box between them printing nothing.  A heading that <br>
 * breaks into two lines is one heading, not a box title over the other.
 */
static void
test_box_title_inside(void **state)
{
	check_body("<html lang=\"de\"><head><title>Das alte Fährhaus"
	    "</title></head><body><article><h1>Das alte Fährhaus</h1><p>Das "
	    "Fährhaus am Ufer wurde 1871 gebaut und diente fast hundert Jahre "
	    "lang den Fährleuten als Wohnung und Gaststube.</p><p>Heute gehört "
	    "es dem Heimatverein, der es im Sommer an jedem Wochenende für "
	    "Besucher öffnet und Führungen anbietet.</p><h3>Unsere Partner"
	    "</h3><div class=\"logos\"><a href=\"/p/1\">Stadtwerke</a> <a "
	    "href=\"/p/2\">Sparkasse am Fluss</a></div><h2>Die Geschichte des "
	    "Hauses</h2><p>Nach dem Bau der Brücke im Jahr 1968 wurde die "
	    "Fähre eingestellt, und das Haus stand lange leer, bis der Verein "
	    "es kaufte.</p></article></body></html>",
	    (const char *[]){ "Heute gehört", "Die Geschichte des Hauses",
	    "Nach dem Bau", NULL },
	    (const char *[]){ "Unsere Partner", NULL });
	check_body("<html lang=\"en\"><head><title>Letters: Road, taxes"
	    "</title></head><body><article><h1>Letters: Road, taxes</h1><p>"
	    "Lake Chabot Road is closed because of landslides that have "
	    "undermined the roadbed, and it will not carry the trucks.</p>"
	    "<p>The county should say so before it spends more on it.</p>"
	    "<h4>Agencies must make<br>better use of tax dollars</h4><p>Re. "
	    "&#8220;<a href=\"/2023/01/12/letters/\">Prop. 13 proves costly "
	    "to government programs</a>,&#8221; Page A8:</p><p>Our property "
	    "taxes are plenty high in California, and the real problem is "
	    "how the agencies use the money they have.</p></article></body>"
	    "</html>", (const char *[]){ "Agencies must make",
	    "better use of tax dollars", "Our property taxes", NULL }, NULL);
}

/*
 * A comment form under the text is not text: its fields are counted for
 * the junk test (Readability's inputs > paragraphs / 3) though they are
 * never printed.  Checkboxes of a recipe's ingredients are not fields.
 */
static void
test_form_fields(void **state)
{
	check_body("<html lang=\"de\"><head><title>Kapitel 121 online"
	    "</title></head><body><div id=\"content\"><h1>Kapitel 121 online"
	    "</h1><div class=\"news\"><p>Kapitel 121 ist nun auch online, "
	    "mit allen Bildern der Leseprobe, die wie immer nur eingeloggte "
	    "Leser sehen können.</p><p>Am Freitag folgt Kapitel 122, und in "
	    "der nächsten Woche beginnt der fünfzehnte Band mit einer neuen "
	    "Geschichte aus der Pension.</p><p>Die Übersetzung hat diesmal "
	    "länger gedauert, weil zwei Seiten neu gesetzt werden mussten; "
	    "wir danken allen, die beim Korrekturlesen geholfen haben.</p>"
	    "<p>Wer die früheren Bände noch nicht kennt, findet sie im Archiv, "
	    "nach Jahren geordnet und mit einer kurzen Zusammenfassung zu "
	    "jedem Kapitel.</p><h3>Zutaten für den Kuchen zur Feier</h3><ul class=\"ingredients"
	    "\"><li><input type=\"checkbox\"> 250 g Mehl</li><li><input "
	    "type=\"checkbox\"> 100 g Butter</li><li><input type=\"checkbox"
	    "\"> 2 Eier</li></ul><div class=\"write\"><form method=\"post\">"
	    "<table><tr><td>Name*</td><td><input type=\"text\" name=\"u\">"
	    "</td></tr><tr><td>Email</td><td><input type=\"text\" name=\"e"
	    "\"></td></tr><tr><td>Beitrag*</td><td><textarea name=\"c\">"
	    "</textarea></td></tr><tr><td><strong>* Pflichtfelder</strong>"
	    "</td><td><input type=\"submit\" value=\"Eintragen\"></td></tr>"
	    "</table></form></div></div></div></body></html>",
	    (const char *[]){ "Am Freitag folgt", "250 g Mehl", "2 Eier",
	    NULL },
	    (const char *[]){ "Pflichtfelder", "Beitrag*", NULL });
}

/*
 * An affiliate disclosure is furniture by its class ("disclosure"), as a
 * newsletter box is: it heads reviews in the article's own container.
 */
static void
test_disclosure_class(void **state)
{
	check_body("<html lang=\"en\"><head><title>Coinbase vs. Coinbase Pro"
	    "</title></head><body><article><h1>Coinbase vs. Coinbase Pro</h1>"
	    "<div class=\"article-content\"><p class=\"comp disclosure-text "
	    "product-disclosure\">We recommend the best products through an "
	    "independent review process, and advertisers do not influence our "
	    "picks. We may receive compensation if you visit partners we "
	    "recommend.</p><p>Coinbase and Coinbase Pro are run by the same "
	    "company, but they offer very different tools to the people who "
	    "use them, from the first purchase to advanced trading.</p><p>"
	    "Coinbase has a simple interface and lessons that pay small "
	    "amounts of crypto for watching them, which suits people who are "
	    "buying for the first time.</p><p>Coinbase Pro has charts, order "
	    "books and limit orders, and its fees are lower for those who "
	    "trade often and in larger amounts.</p><p>In general, we feel that "
	    "Coinbase is best suited for first-time investors, while active "
	    "traders should look at Coinbase Pro for its charting and its "
	    "order types.</p></div></article></body></html>",
	    (const char *[]){ "Coinbase and Coinbase Pro are run",
	    "In general, we feel", NULL },
	    (const char *[]){ "We recommend the best products", NULL });
}

/* A login or video overlay is furniture by its class, as a popover is. */
static void
test_overlay_class(void **state)
{
	check_body("<html lang=\"de\"><head><title>Neue Radwege im Norden"
	    "</title></head><body><div class=\"content\"><h1>Neue Radwege im "
	    "Norden</h1><div class=\"sso-overlay\"><p>Sie können sich mit "
	    "verschiedenen externen Benutzerkonten anmelden. Bitte beachten "
	    "Sie die Hinweise zum Datenschutz.</p></div><p>Die Stadt baut bis "
	    "zum Herbst drei neue Radwege im Norden, einen davon entlang der "
	    "Hauptstraße bis zum Bahnhof, wie das Bauamt am Montag mitteilte."
	    "</p><p>Die Arbeiten beginnen im Mai; in dieser Zeit wird die "
	    "Hauptstraße abschnittsweise zur Einbahnstraße, und die Busse "
	    "fahren eine Umleitung über den Marktplatz.</p><p>Insgesamt kosten "
	    "die Radwege 2,4 Millionen Euro, von denen das Land etwa zwei "
	    "Drittel übernimmt, der Rest kommt aus dem Haushalt der Stadt.</p>"
	    "<p>Der Fahrradclub begrüßte die Pläne, forderte aber, auch die "
	    "Kreuzungen sicherer zu machen, an denen es im vergangenen Jahr "
	    "mehrere Unfälle gegeben hatte.</p></div></body></html>",
	    (const char *[]){ "Die Stadt baut", "Der Fahrradclub", NULL },
	    (const char *[]){ "Benutzerkonten", NULL });
}

/*
 * What follows a "Comments" heading in its container is the readers'
 * (or a box where a widget puts them), not the article.
 */
static void
test_comments_heading(void **state)
{
	check_body("<html lang=\"en\"><head><title>Americas at risk of a "
	    "new wave</title></head><body><div class=\"entry\"><h1>Americas "
	    "at risk of a new wave</h1><p>The Americas cannot ignore the rise "
	    "of cases in other regions, the director of the health agency "
	    "warned on Wednesday, urging countries to keep their measures.</p>"
	    "<p>Cases have risen for three weeks in Asia and Europe, and "
	    "testing has fallen in many countries of the region, which makes "
	    "new variants harder to see.</p><p>Just as before, strategies "
	    "must change when cases rise, she said, to save lives.</p><h3>"
	    "Comments</h3><div class=\"fb-comments\" data-numposts=\"10\">"
	    "</div><p><em>Advertise with the most visited news site in the "
	    "country: we offer fully customizable digital marketing "
	    "packages.</em></p></div></body></html>",
	    (const char *[]){ "The Americas cannot ignore", "to save lives",
	    NULL },
	    (const char *[]){ "Advertise with", NULL });
	check_body("<html lang=\"de\"><head><title>Kapitel 121 online"
	    "</title></head><body><div id=\"content\"><h1>Kapitel 121 online"
	    "</h1><div><p>Kapitel 121 ist nun auch online, mit allen Bildern "
	    "der Leseprobe, die wie immer nur eingeloggte Leser sehen können. "
	    "Am Freitag folgt Kapitel 122, und in der nächsten Woche beginnt "
	    "der fünfzehnte Band.</p></div><div class=\"titlebar\">Kommentare"
	    "</div><div style=\"padding-top: 10px\"><h3>#1 Kommentar von "
	    "Naru-chan</h3><p>Danke für dieses Kapitel, ich habe schon lange "
	    "darauf gewartet, und die Übersetzung ist wieder sehr schön "
	    "geworden!</p></div></div></body></html>",
	    (const char *[]){ "Kapitel 121 ist nun", NULL },
	    (const char *[]){ "Danke für dieses Kapitel", NULL });
}

/*
 * The headline repeated as a heading inside the text is skipped; the
 * same words opening a paragraph, a line before the rest, are text.
 */
static void
test_title_line(void **state)
{
	static const char	 html[] =
	    "<html lang=\"de\"><head><title>Vegetarier zu sein: Trend oder "
	    "Entscheidung?</title></head><body><div class=\"post\"><h2>"
	    "Vegetarier zu sein: Trend oder Entscheidung?</h2></div>"
	    "<div class=\"field-item\"><p><strong>Vegetarier zu sein: Trend "
	    "oder Entscheidung?</strong><br><em>Analyse des Themas und "
	    "Vergleich zweier Länder</em></p><p>Vegetarier oder Veganer zu "
	    "sein wird in den letzten Jahren immer beliebter, und jeder kennt "
	    "ein paar Leute, die auf Fleisch verzichten.</p><p>In Österreich "
	    "sind etwa zehn Prozent Vegetarier oder Veganer, sieben Prozent "
	    "mehr als vor dreizehn Jahren.</p><h3>Vegetarier zu sein: Trend "
	    "oder Entscheidung?</h3><p>Die meisten Befragten nennen die "
	    "Massentierhaltung als Grund, weniger die Gesundheit.</p></div>"
	    "</body></html>";
	struct article	*a;
	const char	*t;

	a = extract_str(html, NULL);
	assert_non_null(a->body);
	t = strstr(a->body, "Vegetarier zu sein: Trend oder Entscheidung?");
	assert_non_null(t);
	assert_ptr_equal(t, a->body);	/* the paragraph's line, once */
	assert_null(strstr(t + 1, "Vegetarier zu sein: Trend"));
	assert_non_null(strstr(a->body, "Analyse des Themas"));
	assert_non_null(strstr(a->body, "Die meisten Befragten"));
	article_free(a);
}

/*
 * A date line alone is the page's furniture; the same line opening a
 * paragraph of several lines (an episode's facts) is part of its text.
 */
static void
test_date_line_in_para(void **state)
{
	(void)state;
	check_body("<html lang=\"de\"><head><title>RES158 Sternfusion am "
	    "Teilchenbeschleuniger</title></head><body><article><h1>RES158 "
	    "Sternfusion am Teilchenbeschleuniger</h1><div class=\"meta\">"
	    "<p>Veröffentlicht am 17.08.2019</p></div><div class=\"entry\">"
	    "<p>Im Inneren der Sterne verschmelzen Atomkerne, und was dort "
	    "geschieht, lässt sich im Labor an einem Beschleuniger "
	    "nachstellen, wie die Physikerin im Gespräch erzählt.</p><p>Sie "
	    "misst, wie oft zwei Kerne bei niedriger Energie fusionieren, "
	    "und vergleicht das mit den Modellen der Astrophysik.</p>"
	    "<p>Veröffentlicht am 16.08.2019<br>Dauer: 1 Stunde 4 Minuten"
	    "<br>Lizenz: CC-BY 4.0<br>Downloads: 22.273</p></div></article>"
	    "</body></html>",
	    (const char *[]){ "Veröffentlicht am 16.08.2019", "Dauer: 1 Stunde",
	    NULL },
	    (const char *[]){ "Veröffentlicht am 17.08.2019", NULL });
}

/*
 * A date under a label that does not name the page's own date ("Termin:",
 * "Einsendeschluss:") is a fact of the text, not a dateline; "Datum:"
 * and "Aktualisiert:" still open the page's dateline.
 */
static void
test_fact_date(void **state)
{
	(void)state;
	check_body("<html lang=\"de\"><head><title>Whisky-Tastings im "
	    "Frühjahr</title></head><body><article><h1>Whisky-Tastings im "
	    "Frühjahr</h1><p>Aktualisiert: 30.12.2019</p><div class=\"entry\">"
	    "<p>Im Frühjahr laden wir wieder zu geführten Verkostungen ein, "
	    "mit Whiskys aus Schottland, Irland und Japan, und mit einem "
	    "Abend nur für Rum.</p><p>Termin: 29.02.2020, 19 Uhr</p><p>Ort: "
	    "Kornhaus Dessau, Kornhausstraße 146, am Elbufer, mit Blick auf "
	    "den Fluss.</p><p>Einsendeschluss: 03.11.2019 (Poststempel)</p>"
	    "<p>Datum: 19.11.2019</p></div></article></body></html>",
	    (const char *[]){ "Termin: 29.02.2020, 19 Uhr",
	    "Einsendeschluss: 03.11.2019 (Poststempel)", NULL },
	    (const char *[]){ "Aktualisiert: 30.12.2019", "Datum: 19.11.2019",
	    NULL });
}

/*
 * A "Read also" heading inside the text, over a box of links with the
 * article going on after it: only the box is other stories.
 */
static void
test_stop_box_inside(void **state)
{
	(void)state;
	check_body("<html lang=\"de\"><head><title>Anglertreffen im "
	    "Mai</title></head><body><article><h1>Anglertreffen im Mai</h1>"
	    "<div class=\"entry\"><p>Im Mai schwingen im Park viele der "
	    "besten Angler ihre Ruten, begleitet von prominenten Gästen aus "
	    "Sport und Fernsehen, die bei der Versteigerung helfen.</p>"
	    "<h4>Lesen Sie auch</h4><ul><li><a href=\"/a\">Botschafter auf "
	    "Rügen unterwegs</a></li><li><a href=\"/b\">Hecht und Barsch im "
	    "Bodden</a></li></ul><p>Weitere Attraktionen sind Kajakfahren, "
	    "Bootstouren und eine große Show mit vielen Booten, dazu "
	    "Probefahrten und Fliegenfischen für die ganze Familie.</p>"
	    "<p>Die Show ist am Samstag von 10 bis 18 Uhr geöffnet, der "
	    "Eintritt für Kinder ist frei, und es gibt Räucherfisch.</p>"
	    "</div></article></body></html>",
	    (const char *[]){ "Weitere Attraktionen sind Kajakfahren",
	    "Die Show ist am Samstag", NULL },
	    (const char *[]){ "Lesen Sie auch", "Botschafter auf Rügen",
	    "Hecht und Barsch", NULL });
}

/* "Auch interessant", "Siehe auch", "Related Videos": stop headings. */
static void
test_more_stop_headings(void **state)
{
	static const char *const heads[] = {
		"Auch interessant", "Siehe auch", "Related Videos", NULL
	};
	char	 html[2048];
	size_t	 i;

	(void)state;
	for (i = 0; heads[i] != NULL; i++) {
		snprintf(html, sizeof html, "<html lang=\"de\"><head><title>"
		    "Der Wasserturm</title></head><body><article><h1>Der "
		    "Wasserturm</h1><div class=\"entry\"><p>Der Wasserturm "
		    "wurde vor hundert Jahren gebaut und versorgte die Stadt "
		    "lange mit Wasser, bis ein neues Werk ihn ablöste.</p><p>"
		    "Heute ist er ein Denkmal, und im Sommer kann man auf "
		    "seine Plattform steigen und über die Dächer sehen.</p>"
		    "<h3>%s</h3><div><p>Das alte Rathaus und seine Glocken, "
		    "eine Geschichte der Stadt in zwölf Bildern und Texten"
		    "</p></div></div></article></body></html>", heads[i]);
		check_body(html, (const char *[]){ "Heute ist er ein Denkmal",
		    NULL }, (const char *[]){ heads[i], "Das alte Rathaus",
		    NULL });
	}
}

/*
 * The heading closing the text over a box of links is the box's title
 * however many comments and blanks of a page template stand between.
 */
static void
test_box_title_comments(void **state)
{
	(void)state;
	check_body("<html lang=\"de\"><head><title>Bartgeier sendet "
	    "wieder</title></head><body><main><h1>Bartgeier sendet wieder"
	    "</h1><div class=\"entry\"><p>Der seit zwei Monaten verstummte "
	    "Sender des jungen Bartgeiers ist wieder aktiv, und die Forscher "
	    "können seinen Flug über die Alpen verfolgen.</p><p>Er hielt "
	    "sich lange in einem Tal auf, in dem das Netz schwach ist, und "
	    "sandte seine Daten erst jetzt gesammelt.</p><p>Im Sommer sollen "
	    "zwei weitere junge Vögel im Nationalpark ausgewildert werden, "
	    "wie im Jahr zuvor.</p><h3>Alle Nachrichten zum Naturschutz</h3>"
	    " <!-- indexer::stop --> <!-- list --> <!-- teasers --> <!-- "
	    "end --> <!-- indexer::continue --> <div><p><a href=\"/news\">"
	    "Alle Nachrichten</a></p></div></div></main></body></html>",
	    (const char *[]){ "zwei weitere junge Vögel", NULL },
	    (const char *[]){ "Alle Nachrichten", NULL });
}

/*
 * A page builder's rows: the first row's text blocks are entries of one
 * kind, and their wrapper, an only child up to its row, stands for the
 * row; the next row, a later section of the text, is joined.
 */
static void
test_builder_rows(void **state)
{
	(void)state;
	check_body("<html lang=\"de\"><head><title>Fernwartung mit "
	    "Datenbrillen</title></head><body><article><h1>Fernwartung mit "
	    "Datenbrillen</h1><div class=\"entry\">"
	    "<div class=\"row\"><div class=\"col\"><div class=\"inner\">"
	    "<div class=\"wrap\">"
	    "<div class=\"text_column\"><div class=\"tw\"><p>In der "
	    "Industrie wird die Fernwartung mit Datenbrillen immer wichtiger, "
	    "weil Experten nicht mehr zu jeder Maschine reisen müssen.</p>"
	    "</div></div>"
	    "<div class=\"text_column\"><div class=\"tw\"><p>Der Techniker "
	    "vor Ort trägt die Brille, und der Experte sieht, was er sieht, "
	    "und zeigt ihm Schritt für Schritt, was zu tun ist.</p><p>So "
	    "steht eine Anlage kürzer still, und die Kosten der Reisen fallen "
	    "weg, was gerade kleine Betriebe spüren.</p></div></div>"
	    "<div class=\"text_column\"><div class=\"tw\"><p>Auch "
	    "Schulungen lassen sich so aufzeichnen und später neuen "
	    "Mitarbeitern zeigen, die eine Anlage noch nicht kennen.</p><p>"
	    "Die Aufnahmen zeigen jeden Handgriff aus der Sicht dessen, der "
	    "ihn macht, und lassen sich anhalten und wiederholen.</p></div>"
	    "</div>"
	    "</div></div></div></div>"
	    "<div class=\"row\"><div class=\"col\"><div class=\"inner\">"
	    "<div class=\"wrap\">"
	    "<div class=\"text_column\"><div class=\"tw\"><h2>Werden wir "
	    "bald alle Servicetechniker?</h2><p>Wie Sie sehen, bietet die "
	    "Fernwartung viele Vorteile, die sich immer mehr Unternehmen "
	    "zunutze machen, und die Brillen werden leichter.</p><p>Übrigens: "
	    "Auch die Raumfahrt nutzt solche Brillen schon, auf der Station "
	    "und bei der Planung künftiger Flüge, wo jeder Handgriff "
	    "sitzen muss.</p></div></div>"
	    "</div></div></div></div>"
	    "</div></article></body></html>",
	    (const char *[]){ "In der Industrie wird die Fernwartung",
	    "Wie Sie sehen, bietet die Fernwartung", NULL }, NULL);
}

/*
 * The text's last line sending the reader elsewhere ("Weitere Infos
 * unter www...", "... findest Du hier.") is not text; such words inside
 * the text, or a last line that names no address, stay.
 */
static void
test_pointer_line(void **state)
{
	static const char *const tails[] = {
		"Weitere Infos unter www.itfjuniors.de.",
		"Alles über nachhaltige Wanderschuhe findest Du hier.", NULL
	};
	char	 html[2048];
	size_t	 i;

	(void)state;
	for (i = 0; tails[i] != NULL; i++) {
		snprintf(html, sizeof html, "<html lang=\"de\"><head><title>"
		    "Junioren in Oberhaching</title></head><body><article><h1>"
		    "Junioren in Oberhaching</h1><div class=\"entry\"><p>Mehr "
		    "über das Turnier erzählt der Trainer: Es kommen Spieler "
		    "aus zwanzig Ländern, und die Plätze sind gut.</p><p>"
		    "Bei den Junioren richtet sich das Augenmerk auf einen "
		    "Spieler aus der Region, der als Topgesetzter geführt "
		    "wird.</p><p>Die Spiele beginnen am Montag um zehn Uhr, "
		    "der Eintritt ist an allen Tagen frei.</p><p>%s</p></div>"
		    "</article></body>"
		    "</html>", tails[i]);
		check_body(html, (const char *[]){ "Mehr über das Turnier",
		    "Die Spiele beginnen", NULL }, (const char *[]){ tails[i],
		    NULL });
	}
	check_body("<html lang=\"de\"><head><title>Älter werden</title>"
	    "</head><body><article><h1>Älter werden</h1><div class=\"entry\">"
	    "<p>Die Leitstelle berät ältere Menschen und ihre Angehörigen in "
	    "allen Fragen des Alltags, vom Umzug bis zur Pflege.</p><p>Die "
	    "Beratung ist kostenlos und findet im Rathaus statt, auf Wunsch "
	    "auch zu Hause.</p><p>Im Herbst beginnt eine neue Reihe von "
	    "Vorträgen zu Fragen der Vorsorge.</p><p>Weitere Informationen "
	    "erteilt Anne Althaus unter Tel. 02382 59743.</p></div></article>"
	    "</body></html>", (const char *[]){ "Weitere Informationen "
	    "erteilt Anne Althaus", NULL }, NULL);
}

/* Class words of trafilatura's discard list: a factbox, a Taboola feed. */
static void
test_discard_classes(void **state)
{
	(void)state;
	check_body("<html><head><title>Chefs join the war on toxic food"
	    "</title></head><body><article><h1>Chefs join the war on toxic "
	    "food</h1><div class=\"article-text\"><p>A powerful alliance of "
	    "chefs, celebrities and charities today urges the Prime Minister "
	    "to block sub-standard foods from entering the country.</p>"
	    "<div class=\"mol-factbox news\"><h3>Prince: young people need "
	    "help</h3><p>As many as a million young people need urgent help, "
	    "the Prince has warned, writing in another newspaper.</p></div>"
	    "<p>The letter warns that if the deal is not right, farmers will "
	    "lose out and the shops will fill with cheap imports.</p><p>MPs "
	    "will vote in the coming weeks on two amendments to the bill, "
	    "one of them on the standards of imported food.</p><p>The "
	    "government says the letter is misleading and that its trade "
	    "deals will keep the standards the country has today, in law "
	    "and in practice.</p><p>The farmers' union disagrees and has "
	    "asked ministers to give the new commission the power to block "
	    "imports that fall short, before any deal is signed.</p><p>So "
	    "far more than a million people have signed a petition to save "
	    "food standards, and the campaign goes on this week.</p>"
	    "<div class=\"taboola-feed\"><p>You may like: ten foods that are "
	    "secretly bad for you, number seven will surprise you</p></div>"
	    "</div></article></body></html>",
	    (const char *[]){ "A powerful alliance", "MPs will vote", NULL },
	    (const char *[]){ "As many as a million", "ten foods", NULL });
}

/*
 * "no-print", "hide-for-print": how a block prints, not furniture.  A
 * short block of links to the next and previous posts (rel="next",
 * rel="prev") is the blog's navigation.
 */
static void
test_print_class_neighbours(void **state)
{
	(void)state;
	check_body("<html lang=\"de\"><head><title>Kondome und die "
	    "Wahrheit</title></head><body><article><h1>Kondome und die "
	    "Wahrheit</h1><div class=\"post\"><div class=\"row "
	    "hide-for-print\"><p>Die Broschüre lag wochenlang im Wartezimmer, "
	    "und niemand nahm sie mit, bis eine Schulklasse kam und sie in "
	    "zehn Minuten leer räumte.</p></div><p>Was dann geschah, erzählt "
	    "die Ärztin heute noch gern: Die Schüler kamen zurück und "
	    "stellten Fragen, die in keiner Broschüre standen.</p><p>Seitdem "
	    "gibt es jeden Monat eine Sprechstunde nur für Jugendliche, ohne "
	    "Termin und ohne Eltern.</p><p>Die Broschüre wurde neu gedruckt, "
	    "mit den Fragen der Schüler auf der letzten Seite.</p><p>Die "
	    "Ärztin hat inzwischen zwei Kolleginnen gefunden, die die "
	    "Sprechstunde mit ihr teilen, abwechselnd an jedem Dienstag.</p>"
	    "<p>Im nächsten Jahr soll es die Sprechstunde auch in der "
	    "Nachbarstadt geben, in der Bibliothek neben der Schule.</p>"
	    "<p>Nachfolgebeitrag: <a href=\"/n\" rel=\"next\">Was passiert "
	    "hier eigentlich noch?</a><br>Vorgängerbeitrag: <a href=\"/p\" "
	    "rel=\"prev\">Die Wahrheit über Kondome</a></p></div></article>"
	    "</body></html>",
	    (const char *[]){ "Die Broschüre lag wochenlang",
	    "Seitdem gibt es jeden Monat", NULL },
	    (const char *[]){ "Nachfolgebeitrag", "Was passiert hier", NULL });
}

/* A paywall's or a teaser's call to read on is not text. */
static void
test_read_on(void **state)
{
	(void)state;
	check_body("<html lang=\"fr\"><head><title>La retraite</title></head>"
	    "<body><article><h1>La retraite</h1><div class=\"entry\"><p>Pour "
	    "le néolibéralisme, la retraite ne peut être qu'un archaïsme, une "
	    "sorte de déviance inadaptée qui nous fait prendre du retard.</p>"
	    "<p>Pour lire la suite</p><p>Continue reading the main story</p>"
	    "<p>Le débat sur les retraites revient chaque décennie, et chaque "
	    "fois il oppose deux idées du travail et du temps libre.</p><p>La "
	    "réforme annoncée cet hiver ne fait pas exception à la règle, "
	    "selon la philosophe.</p></div></article></body></html>",
	    (const char *[]){ "Pour le néolibéralisme", "La réforme annoncée",
	    NULL }, (const char *[]){ "Pour lire la suite", "Continue reading",
	    NULL });
}

/* A line saying when the page was last changed is not text. */
static void
test_last_modified(void **state)
{
	(void)state;
	check_body("<html><head><title>stunnel and rsync</title></head><body>"
	    "<div class=\"doc\"><h1>stunnel and rsync</h1><p>rsync can run "
	    "over an encrypted tunnel that stunnel sets up, so that a backup "
	    "server never sees the files in clear.</p><p>On the server, "
	    "stunnel listens on a port of its own and hands each connection "
	    "to the rsync daemon on the loopback address.</p><p>On the "
	    "client, a second stunnel connects to it and offers rsync a "
	    "local port to talk to.</p><p>stunnel_rsync.html - Created "
	    "03-10-2004 2:20pm - Last Modified: 03-10-2004 2:20pm</p></div>"
	    "</body></html>",
	    (const char *[]){ "rsync can run", "On the client", NULL },
	    (const char *[]){ "Last Modified", NULL });
}

/* A heading over an empty list that a script fills is the box's title. */
static void
test_box_title_empty_list(void **state)
{
	(void)state;
	check_body("<html lang=\"de\"><head><title>Verzicht auf die EM"
	    "</title></head><body><main><h1>Verzicht auf die EM</h1><div "
	    "class=\"entry\"><p>Die Rückraumspielerin hat dem Bundestrainer "
	    "abgesagt und fehlt bei der Europameisterschaft im Dezember, aus "
	    "persönlichen Gründen.</p><p>Der Bundestrainer bedauert die "
	    "Entscheidung, respektiert sie aber und will im Frühjahr wieder "
	    "mit ihr sprechen.</p><p>Für sie rückt eine junge Spielerin aus "
	    "der zweiten Liga in den Kader, die im Sommer debütierte.</p>"
	    "<section><h2>News</h2><ul class=\"teaserLoader\" "
	    "data-loadurl=\"/ajax\"></ul></section></div></main></body>"
	    "</html>",
	    (const char *[]){ "Für sie rückt", NULL },
	    (const char *[]){ "News", NULL });
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_world_pages),
		cmocka_unit_test(test_boilerplate),
		cmocka_unit_test(test_source_pitfalls),
		cmocka_unit_test(test_related_full_text),
		cmocka_unit_test(test_akorda_layout),
		cmocka_unit_test(test_hidden_copy),
		cmocka_unit_test(test_hidden_body),
		cmocka_unit_test(test_blocks_fallback),
		cmocka_unit_test(test_title_and_meta),
		cmocka_unit_test(test_text_date),
		cmocka_unit_test(test_overrides),
		cmocka_unit_test(test_languages),
		cmocka_unit_test(test_charset),
		cmocka_unit_test(test_control_whitespace),
		cmocka_unit_test(test_blank_meta),
		cmocka_unit_test(test_many_stop_headings),
		cmocka_unit_test(test_work_budget),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_lead),
		cmocka_unit_test(test_inner_blocks),
		cmocka_unit_test(test_ld_body),
		cmocka_unit_test(test_boilerplate_langs),
		cmocka_unit_test(test_boilerplate_whole_words),
		cmocka_unit_test(test_img_caption),
		cmocka_unit_test(test_code_box),
		cmocka_unit_test(test_article_part_toc),
		cmocka_unit_test(test_link_line),
		cmocka_unit_test(test_noscript_read_more),
		cmocka_unit_test(test_entries),
		cmocka_unit_test(test_name_list),
		cmocka_unit_test(test_class_words_prose),
		cmocka_unit_test(test_stop_section),
		cmocka_unit_test(test_header_lead),
		cmocka_unit_test(test_inline_lead),
		cmocka_unit_test(test_ld_body_static),
		cmocka_unit_test(test_data_table),
		cmocka_unit_test(test_sibling_column),
		cmocka_unit_test(test_lead_no_stop),
		cmocka_unit_test(test_link_roll),
		cmocka_unit_test(test_entries_kind),
		cmocka_unit_test(test_links_pictures_bio),
		cmocka_unit_test(test_gallery_captions),
		cmocka_unit_test(test_dateline_months),
		cmocka_unit_test(test_further_reading),
		cmocka_unit_test(test_news_letter_class),
		cmocka_unit_test(test_alt_caption),
		cmocka_unit_test(test_alt_lead),
		cmocka_unit_test(test_title_line),
		cmocka_unit_test(test_box_title),
		cmocka_unit_test(test_box_title_inside),
		cmocka_unit_test(test_form_fields),
		cmocka_unit_test(test_disclosure_class),
		cmocka_unit_test(test_overlay_class),
		cmocka_unit_test(test_comments_heading),
		cmocka_unit_test(test_date_line_in_para),
		cmocka_unit_test(test_fact_date),
		cmocka_unit_test(test_stop_box_inside),
		cmocka_unit_test(test_more_stop_headings),
		cmocka_unit_test(test_box_title_comments),
		cmocka_unit_test(test_builder_rows),
		cmocka_unit_test(test_pointer_line),
		cmocka_unit_test(test_discard_classes),
		cmocka_unit_test(test_print_class_neighbours),
		cmocka_unit_test(test_read_on),
		cmocka_unit_test(test_last_modified),
		cmocka_unit_test(test_box_title_empty_list),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
