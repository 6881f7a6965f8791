/*
 * story.c -- evidence that two articles report the same event.
 *
 * Names are compared by their phonetic skeleton (story-name.c).
 *
 * Besides names, an article's keys are canonical "#" keys matched exactly:
 *	#@MMDD	a date written in the text (14 May, 14 мая, 14-may, május 14.),
 *		else the date of a weekday named (on Tuesday: the last Tuesday
 *		up to the publication date)
 *	#!NAME	a venue: one of the region's cities (gazetteer below), in any
 *		script and case, also as the first word of a sentence
 *	#~NAME	a member or observer state: weak evidence, in every report
 *	#%WHAT	what kind of event: summit, foreign ministers, secretary
 *		general, a sector (transport, energy, ...)
 *	#N	a distinctive number (decimals, integers >= 100 but not years,
 *		smaller ones followed by a magnitude: 10 million, 10 млн)
 * Generic words -- titles, the names of organisations and their bodies,
 * months and weekdays, in every language -- and the names of news outlets
 * (Kazinform, Trend, Kabar, ...: neither a name nor a venue) are left out.
 * The gazetteer's spellings are also compared with their marks stripped,
 * as the text's tokens come (Çolpon-Atada, Colpon).  A capitalised
 * word that starts a sentence is a name when it is a known place or
 * matches a name found elsewhere in the article.  Punctuation ends an
 * entity, so a list of names gives one key per name.
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
	"organi", "turkic", "turkish", "secretar", "general", "council",
	"summit", "informal", "assembl", "parliament", "internation",
	"foreign", "affair", "ministr", "chair", "mr", "mrs", "deputy", "vice",
	"the", "government", "embassy", "ambassador", "agency", "news", "day",
	"speaker", "cooperation", "declaration", "forum", "fund", "investment",
	"office", "member", "observer", "leader", "national", "central",
	"middle", "corridor", "world", "vision", "capital", "culture",
	"президент", "глав", "государств", "премьер", "министр", "республик",
	"организац", "тюркск", "тюркоязычн", "генеральн", "секретар", "совет",
	"саммит", "мид", "посол", "парламент", "декларац", "фонд", "форум",
	"мемлекет", "басшы", "ұиым", "түркітілдес", "хатшы", "кеңес", "сыртқы",
	"істер", "министрлі", "елшi", "елші", "жарлық", "ақорда",
	"мамлекет", "уюм", "башкы", "катчы", "кеңеш", "тышкы", "иштер",
	"cumhurbaskan", "basbakan", "bakan", "devlet", "teskilat", "zirve",
	"genel", "sekreter", "disisleri", "konsey", "baskan", "meclis",
	"dovlət", "dovlet", "təskilat", "zirvə", "prezident", "xarici",
	"islər", "nazir", "sura", "baskatib", "katib", "sədr", "mudavin",
	"vazir", "davlat", "tashkilot", "kengash", "tashqi", "ishlar", "bosh",
	"kotib", "rais", "ташкилот", "давлат", "кенгаш", "вазир",
	"dowlet", "gurama", "genes", "dasary", "isler", "ministr", "sekretar",
	"baslyk", "mejlis", "sammit",
	"allam", "szervezet", "kulugy", "miniszter", "elnok", "fotitkar",
	"tanacs", "csucs",
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
	"sunday", "понедельник", "вторник", "сред", "четверг", "пятниц",
	"суббот", "воскресен", "pazartesi", "sali", "carsamba", "persembe",
	"cuma", "dushanba", "seshanba", "chorshanba", "payshanba", "juma",
	"hetfo", "kedd", "szerda", "csutortok", "pentek"
};

/* Capitalised words left out when they are the whole word. */
static const char *story_stop_exact[] = {
	"turk", "turki", "turkiy", "түрк", "түркі", "түркии", "туркии",
	"turkdilli", "bas", "бас", "baş", "new", "in", "on", "at", "of", "and"
};

/*
 * News outlets, never a name or a venue (Kazinform is not Kazan): by folded
 * prefix, and the short ones as the whole word.
 */
static const char *story_outlets[] = {
	"kazinform", "казинформ", "kazakpress", "қазақпарат", "akipress",
	"azertac", "azərtac", "азертадж", "anadolu", "interfax",
	"интерфакс", "sputnik", "спутник", "kursiv", "курсив", "daryo",
	"turkmenportal", "egemen", "егемен", "akorda", "ақорда", "orient",
	"dunya", "gazeta", "газета", "xinhua", "reuters", "report.az",
	"timesca", "кабар", "kabar", "trend", "тренд"
};
static const char *story_outlets_exact[] = {
	"aa", "apa", "mti", "trt", "tass", "тасс", "uza", "ўза", "o'za",
	"уза", "ria", "риа", "kun", "tdh", "24kg", "report", "akorda"
};

/* Months, by folded prefix, in every language: index / 3 + 1. */
static const char *story_months[][9] = {
	{ "january", "январ", "қаңтар", "qantar", "ocak", "yanvar", "ýanwar",
	  "januar", "yanwar" },
	{ "february", "феврал", "ақпан", "aqpan", "subat", "fevral", "fewral",
	  "februar", NULL },
	{ "march", "март", "наурыз", "nauryz", "mart", "marcius", NULL },
	{ "april", "апрел", "сәуір", "sauir", "nisan", "aprel", "aprilis",
	  NULL },
	{ "may", "мая", "маи", "мамыр", "mamyr", "mayis", "maý", "majus",
	  "may" },
	{ "june", "июн", "маусым", "mausym", "haziran", "iyun", "iýun",
	  "junius", "июнь" },
	{ "july", "июл", "шілде", "shilde", "temmuz", "iyul", "iýul",
	  "julius", NULL },
	{ "august", "август", "тамыз", "tamyz", "agustos", "avqust",
	  "avgust", "awgust", "augusztus" },
	{ "september", "сентябр", "қыркүиек", "qyrkuiek", "eylul",
	  "sentyabr", "sentabr", "sentýabr", "szeptember" },
	{ "october", "октябр", "қазан", "qazan", "ekim", "oktyabr",
	  "oktabr", "oktýabr", "oktober" },
	{ "november", "ноябр", "қараша", "qarasha", "kasim", "noyabr",
	  "noýabr", NULL, NULL },
	{ "december", "декабр", "желтоқсан", "jeltoqsan", "aralik",
	  "dekabr", NULL, NULL, NULL }
};

/* Weekdays, Monday first, by folded prefix (longer forms first). */
static const char *story_weekdays[7][10] = {
	{ "monday", "понедельник", "дүисенбі", "pazartesi", "dushanba",
	  "дүишөмбү", "dusenbe", "hetfo", NULL },
	{ "tuesday", "вторник", "сеисенбі", "sali", "seshanba", "шеишемби",
	  "sisenbe", "kedd", NULL },
	{ "wednesday", "сред", "сәрсенбі", "carsamba", "chorshanba",
	  "шаршемби", "carsenbe", "szerda", NULL },
	{ "thursday", "четверг", "беисенбі", "persembe", "payshanba",
	  "беишемби", "pensenbe", "csutortok", NULL },
	{ "friday", "пятниц", "жұма", "juma", "жума", "anna",
	  "pentek", "cuma", NULL },
	{ "saturday", "суббот", "сенбі", "shanba", "ишемби", "senbe",
	  "szombat", "sənbə", NULL },
	{ "sunday", "воскресен", "жексенбі", "pazar", "yakshanba",
	  "жекшемби", "yeksenbe", "vasarnap", NULL }
};

/* What kind of event, by folded prefix. */
static const struct {
	const char	*key;
	const char	*words[12];
} story_kinds[] = {
	{ "#%summit", { "summit", "саммит", "sammit", "zirve", "zirvə",
	  "csucs", "sammıt", NULL } },
	{ "#%fm", { "foreign", "иностранных", "мид", "disisleri", "xarici",
	  "tashqi", "ташқи", "сыртқы", "тышкы", "dasary", "kulugy", NULL } },
	{ "#%sg", { "secretary", "генсек", "хатшы", "sekreter", "katib",
	  "kotib", "катчы", "sekretar", "fotitkar", NULL } },
	{ "#%transport", { "transport", "транспорт", "ulastirma",
	  "nəqliyyat", "ulasdyrys", "kozlekedes", "көлік", "унаа", "ulag",
	  NULL } },
	{ "#%energy", { "energy", "энергет", "enerji", "energetika",
	  "energia", "energetik", NULL } },
	{ "#%agri", { "agricultur", "сельск", "tarim", "kənd", "qishloq",
	  "oba", "mezogazd", "ауыл", "аиыл", NULL } },
	{ "#%digital", { "digital", "цифров", "dijital", "rəqəmsal",
	  "raqamli", "sanly", "digitalis", "цифрлық", "санарип", NULL } },
	{ "#%education", { "educat", "образован", "egitim", "təhsil",
	  "ta'lim", "oktatas", "білім", "билим", NULL } },
	{ "#%tourism", { "touris", "туризм", "turizm", "туристі",
	  "syyahatcylyk", NULL } },
	{ "#%health", { "health", "здравоохран", "saglik", "səhiyyə",
	  "sog'liq", "saglyk", "egeszseg", "денсаулық", "саламаттык",
	  NULL } },
	{ "#%invest", { "investment", "инвест", "yatirim", "investisiya",
	  "investitsiya", "befektet", "инвестиция", NULL } },
	{ "#%elders", { "elders", "aksakal", "стареишин", "аксакал",
	  "ақсақал", "agsaqqal", "oqsoqol", "yasulu", NULL } }
};

/*
 * Places: "!" a venue (weight in dedup.c), "~" a member or observer state
 * (weak).  Spellings as written; their skeletons are compared.
 */
static const struct {
	const char	*key;
	const char	*names[12];
} story_places[] = {
	{ "#!astana", { "Astana", "Астана", "Asztana", "Nur-Sultan", NULL } },
	{ "#!baku", { "Baku", "Баку", "Bakı", "Boku", "Bakü", NULL } },
	{ "#!bishkek", { "Bishkek", "Бишкек", "Bişkek", "Biskek", "Бішкек",
	  NULL } },
	{ "#!tashkent", { "Tashkent", "Ташкент", "Toshkent", "Taşkent",
	  "Daşkənd", "Taskent", "Daşkent", NULL } },
	{ "#!budapest", { "Budapest", "Будапешт", "Budapeşte", "Budapeşt",
	  "Budapesht", NULL } },
	{ "#!ankara", { "Ankara", "Анкара", "Anqara", NULL } },
	{ "#!istanbul", { "Istanbul", "Стамбул", "Ystanbul", NULL } },
	{ "#!samarkand", { "Samarkand", "Самарканд", "Samarqand",
	  "Semerkant", "Səmərqənd", "Szamarkand", NULL } },
	{ "#!shusha", { "Shusha", "Шуша", "Şuşa", "Susa", NULL } },
	{ "#!gabala", { "Gabala", "Габала", "Qəbələ", "Gebele", "Qabala",
	  NULL } },
	{ "#!turkistan", { "Turkistan", "Туркестан", "Түркістан",
	  "Türkistan", "Turkiston", "Türküstan", "Türkesztán", "Түркстан",
	  NULL } },
	{ "#!cholponata", { "Cholpon", "Чолпон", "Çolpon", "Cho'lpon",
	  "Csolpon", "Шолпан", NULL } },
	{ "#!ashgabat", { "Ashgabat", "Ашхабад", "Aşgabat", "Aşqabad",
	  "Asgabat", "Aşkabat", "Ashxobod", NULL } },
	{ "#!khiva", { "Khiva", "Хива", "Xiva", "Hive", "Xivə", "Хиуа",
	  NULL } },
	{ "#!aktau", { "Aktau", "Актау", "Ақтау", "Aqtau", "Aktav", NULL } },
	{ "#!almaty", { "Almaty", "Алматы", "Olmaota", NULL } },
	{ "#!nakhchivan", { "Nakhchivan", "Нахчыван", "Naxçıvan",
	  "Nahçıvan", "Naxchivon", "Нахчиван", NULL } },
	{ "#!khankendi", { "Khankendi", "Ханкенди", "Xankəndi", "Hankendi",
	  NULL } },
	{ "#!bukhara", { "Bukhara", "Бухара", "Buxoro", "Buhara", NULL } },
	{ "#!kazan", { "Kazan", "Казань", "Qazan", NULL } },
	{ "#!shymkent", { "Shymkent", "Шымкент", "Şımkent", NULL } },
	{ "#!antalya", { "Antalya", "Анталья", "Antalija", NULL } },
	{ "#~azerbaijan", { "Azerbaijan", "Азербаиджан", "Azərbaycan",
	  "Azerbaycan", "Ozarbayjon", "Әзірбаижан", "Azerbajdzsán",
	  "Azerbaýjan", "Azerbaijani", NULL } },
	{ "#~kazakhstan", { "Kazakhstan", "Казахстан", "Қазақстан",
	  "Qazaqstan", "Kazakistan", "Qazaxıstan", "Qozog'iston",
	  "Kazahsztán", "Gazagystan", "Kazakh", NULL } },
	{ "#~kyrgyzstan", { "Kyrgyzstan", "Кыргызстан", "Киргизия",
	  "Qırğızıstan", "Kırgızistan", "Qirg'iziston", "Kirgizisztán",
	  "Gyrgyzystan", "Қырғызстан", "Kyrgyz", NULL } },
	{ "#~uzbekistan", { "Uzbekistan", "Узбекистан", "Өзбекстан",
	  "O'zbekiston", "Özbekistan", "Özbəkistan", "Üzbegisztán",
	  "Özbegistan", "Uzbek", NULL } },
	{ "#~turkiye", { "Türkiye", "Turkey", "Турция", "Түркия",
	  "Turkiya", "Törökország", "Türkiýe", NULL } },
	{ "#~hungary", { "Hungary", "Венгрия", "Macaristan", "Macarıstan",
	  "Vengriya", "Magyarország", "Мажарстан", "Vengriýa", "Hungarian",
	  NULL } },
	{ "#~turkmenistan", { "Turkmenistan", "Туркменистан",
	  "Түрікменстан", "Turkmaniston", "Türkmənistan", "Türkmenisztán",
	  NULL } }
};

#define STORY_NPLACES	(sizeof story_places / sizeof *story_places)

#define STORY_PLACESKEL	24	/* two skeletons of each of 12 names */

const char *
story_lexicon_key(size_t i)
{
	size_t	nkinds = sizeof story_kinds / sizeof *story_kinds;

	if (i < nkinds)
		return (story_kinds[i].key);
	i -= nkinds;
	return (i < STORY_NPLACES ? story_places[i].key : NULL);
}

static char	*story_place_skel[STORY_NPLACES][STORY_PLACESKEL];

/*
 * A word list indexed by first byte, built on first use: the entries that
 * start with byte c are ent[start[c]] .. ent[start[c + 1] - 1], in list
 * order, with their lengths (the lists were walked whole, a strlen and a
 * strncmp an entry, for every token of every body).
 */
struct story_lex_ent {
	const char	*s;
	size_t		 len;
	int		 tag;		/* the group: month, weekday, kind */
	int		 exact;		/* the whole word, else a prefix */
};

struct story_lex {
	int			 ready;
	struct story_lex_ent	*ent;
	size_t			 n;
	size_t			 start[257];
};

static struct story_lex	 story_place_lex;	/* the gazetteer's skeletons */

static void
story_lex_add(struct story_lex *lx, const char *const *list, size_t n,
    int tag, int exact)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (list[i] == NULL)
			continue;
		lx->ent = xreallocarray(lx->ent, lx->n + 1, sizeof *lx->ent);
		lx->ent[lx->n].s = list[i];
		lx->ent[lx->n].len = strlen(list[i]);
		lx->ent[lx->n].tag = tag;
		lx->ent[lx->n].exact = exact;
		lx->n++;
	}
}

/* Sort the entries by first byte, keeping list order within one. */
static void
story_lex_finish(struct story_lex *lx)
{
	struct story_lex_ent	*v;
	size_t			 i, at[256];
	unsigned char		 c;

	memset(lx->start, 0, sizeof lx->start);
	for (i = 0; i < lx->n; i++)
		lx->start[(unsigned char)lx->ent[i].s[0] + 1]++;
	for (i = 1; i < 257; i++)
		lx->start[i] += lx->start[i - 1];
	memcpy(at, lx->start, sizeof at);
	v = xreallocarray(NULL, lx->n + 1, sizeof *v);
	for (i = 0; i < lx->n; i++) {
		c = (unsigned char)lx->ent[i].s[0];
		v[at[c]++] = lx->ent[i];
	}
	free(lx->ent);
	lx->ent = v;
	lx->ready = 1;
}

/*
 * The next entry that w (of wlen bytes) is, or starts with; *c is 0 at
 * first.  NULL when there is no more.
 */
static const struct story_lex_ent *
story_lex_next(const struct story_lex *lx, const char *w, size_t wlen,
    size_t *c)
{
	const struct story_lex_ent	*e;
	unsigned char			 b = (unsigned char)w[0];
	size_t				 i, j;

	for (i = lx->start[b] + *c; i < lx->start[b + 1]; i++) {
		e = &lx->ent[i];
		if (e->exact ? wlen != e->len : wlen < e->len)
			continue;
		/* the first byte is b, the bucket's */
		for (j = 1; j < e->len && w[j] == e->s[j]; j++)
			;
		if (j >= e->len) {
			*c = i + 1 - lx->start[b];
			return (e);
		}
	}
	*c = i - lx->start[b];
	return (NULL);
}

/* The tag of the first entry w is or starts with, else -1. */
static int
story_lex_find(const struct story_lex *lx, const char *w)
{
	const struct story_lex_ent	*e;
	size_t				 c = 0;

	e = story_lex_next(lx, w, strlen(w), &c);
	return (e != NULL ? e->tag : -1);
}

/* Is w one of exact, whole, or does it start with one of prefix? */
static int
story_word_in(struct story_lex *lx, const char *w, const char *const *exact,
    size_t nexact, const char *const *prefix, size_t nprefix)
{
	if (!lx->ready) {
		story_lex_add(lx, exact, nexact, 0, 1);
		story_lex_add(lx, prefix, nprefix, 0, 0);
		story_lex_finish(lx);
	}
	return (story_lex_find(lx, w) >= 0);
}

/* Is a folded word the name of a news outlet? */
static int
story_is_outlet(const char *w)
{
	static struct story_lex	lx;

	return (story_word_in(&lx, w, story_outlets_exact,
	    sizeof story_outlets_exact / sizeof *story_outlets_exact,
	    story_outlets, sizeof story_outlets / sizeof *story_outlets));
}

static int
story_is_stop(const char *w)
{
	static struct story_lex	lx;

	return (story_word_in(&lx, w, story_stop_exact,
	    sizeof story_stop_exact / sizeof *story_stop_exact, story_stop,
	    sizeof story_stop / sizeof *story_stop));
}

/* The month (1-12) a folded word names, else 0. */
static int
story_month(const char *w)
{
	static struct story_lex	lx;
	int			m;

	if (!lx.ready) {
		for (m = 0; m < 12; m++)
			story_lex_add(&lx, story_months[m], 9, m + 1, 0);
		story_lex_finish(&lx);
	}
	/* the entries go month by month: the first found is the lowest */
	m = story_lex_find(&lx, w);
	return (m < 0 ? 0 : m);
}

/*
 * Skeletons of the gazetteer: each spelling as written, and as the text's
 * tokens give it (marks stripped first: Çolpon is then Colpon, its c a k),
 * indexed by first byte, tagged with the place.
 */
static void
story_places_init(void)
{
	char	buf[64], *plain;
	size_t	i, k, o;

	if (story_place_lex.ready)
		return;
	for (i = 0; i < STORY_NPLACES; i++) {
		o = 0;
		for (k = 0; k < 12 && story_places[i].names[k] != NULL; k++) {
			story_skeleton(story_places[i].names[k], buf,
			    sizeof buf);
			story_place_skel[i][o++] = xstrdup(buf);
			plain = text_normalize(story_places[i].names[k],
			    TEXT_STRIP_MARKS);
			story_skeleton(plain, buf, sizeof buf);
			free(plain);
			if (strcmp(buf, story_place_skel[i][o - 1]) != 0)
				story_place_skel[i][o++] = xstrdup(buf);
		}
		story_lex_add(&story_place_lex,
		    (const char *const *)story_place_skel[i], o, (int)i, 0);
	}
	story_lex_finish(&story_place_lex);
}

/*
 * The place key of a skeleton, or NULL.  A skeleton matches only one
 * starting with the same byte (story_part_match compares a prefix), and
 * the entries of a byte go place by place: the first found is the first
 * place of the list that matches.
 */
static const char *
story_place(const char *skel)
{
	const struct story_lex		*lx = &story_place_lex;
	const struct story_lex_ent	*e;
	unsigned char			 b = (unsigned char)skel[0];
	size_t				 i, ls = strlen(skel);

	story_places_init();
	for (i = lx->start[b]; i < lx->start[b + 1]; i++) {
		e = &lx->ent[i];
		if (e->len <= ls && story_part_match(e->s, e->len, skel, ls))
			return (story_places[e->tag].key);
	}
	return (NULL);
}

struct story_count {
	char	*key;
	size_t	 n;
	size_t	 first;
};

struct story_scan {
	struct story_count	*v;
	size_t			 n;
	char			**names;	/* skeletons of non-initial names */
	size_t			 nnames;
	int			 kinds;		/* story_kinds seen (bits) */
	time_t			 published;	/* -1: unknown */
	int			 dated;		/* a date is written */
	char			 weekday[16];	/* date key of a weekday */
};

static void
story_count_add(struct story_scan *s, const char *key)
{
	size_t	i;

	for (i = 0; i < s->n; i++) {
		if (strcmp(s->v[i].key, key) == 0) {
			s->v[i].n++;
			return;
		}
	}
	s->v = xreallocarray(s->v, s->n + 1, sizeof *s->v);
	s->v[s->n].key = xstrdup(key);
	s->v[s->n].n = 1;
	s->v[s->n].first = s->n;
	s->n++;
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

/* Words of a magnitude (10 million, 10 млн, 10 milyon), by folded prefix. */
static const char *story_scales[] = {
	"million", "milyon", "миллион", "млн", "mln", "millio", "milliard",
	"миллиард", "млрд", "mlrd", "milyar", "billion", "bn"
};

/*
 * A small integer written with a magnitude is as distinctive as a large
 * one: "10 million tons" gives "#10" (but "10 countries" nothing).
 */
static int
story_scaled(const struct text_token *t, size_t i, size_t nt, char *buf,
    size_t len)
{
	static struct story_lex	 lx;
	char			*end;
	long			 v;

	if (!lx.ready) {
		story_lex_add(&lx, story_scales, sizeof story_scales /
		    sizeof *story_scales, 0, 0);
		story_lex_finish(&lx);
	}
	if (i + 1 >= nt || story_lex_find(&lx, t[i + 1].word) < 0)
		return (0);
	v = strtol(t[i].word, &end, 10);
	if (*end != '\0' || v < 1 || v >= 100)
		return (0);
	snprintf(buf, len, "#%ld", v);
	return (1);
}

/* The weekday (0 Monday .. 6 Sunday) a folded word names, else -1. */
static int
story_weekday(const struct text_token *t, size_t i, size_t nt)
{
	static struct story_lex	 lx;
	const char		*w = t[i].word, *next;
	int			 d;

	next = i + 1 < nt ? t[i + 1].word : "";
	/* Azerbaijani: çərşənbə axşamı, cümə axşamı, bazar ertəsi */
	if (w[0] == 'b' || w[0] == 'c') {	/* the words below */
		if (strncmp(next, "axsam", 5) == 0) {
			if (strncmp(w, "cərsənbə", 9) == 0 ||
			    strncmp(w, "carsanba", 8) == 0)
				return (1);
			if (strncmp(w, "cumə", 5) == 0)
				return (3);
		}
		if (strncmp(w, "bazar", 5) == 0)
			return (strncmp(next, "ertəsi", 7) == 0 ? 0 : 6);
		if (strncmp(w, "cərsənbə", 9) == 0)
			return (2);
		if (strncmp(w, "cumə", 5) == 0)
			return (4);
		if (strncmp(w, "cumartesi", 9) == 0)
			return (5);
	}
	if (!lx.ready) {
		for (d = 0; d < 7; d++)
			story_lex_add(&lx, story_weekdays[d], 10, d, 0);
		story_lex_finish(&lx);
	}
	/* the entries go day by day: the first found is the earliest */
	return (story_lex_find(&lx, w));
}

/* The date key of the last weekday wd (0 Monday) up to published. */
static void
story_weekday_date(int wd, time_t published, char *buf, size_t len)
{
	struct tm	tm;
	time_t		t;
	int		back;

	gmtime_r(&published, &tm);
	back = ((tm.tm_wday + 6) % 7 - wd + 7) % 7;
	t = published - (time_t)back * 86400;
	gmtime_r(&t, &tm);
	snprintf(buf, len, "#@%02d%02d", tm.tm_mon + 1, tm.tm_mday);
}

/* A day of the month: 1-31, maybe with a case ending (14-го, 14th). */
static int
story_day(const char *w)
{
	char	*end;
	long	 v;

	v = strtol(w, &end, 10);
	if (end == w || v < 1 || v > 31)
		return (0);
	if (*end != '\0' && strcmp(end, "th") != 0 && strcmp(end, "st") !=
	    0 && strcmp(end, "nd") != 0 && strcmp(end, "rd") != 0)
		return (0);
	return ((int)v);
}

/* A dd.mm.yyyy date. */
static int
story_dotted_date(const char *w, char *buf, size_t len)
{
	int	d, m, y;

	if (sscanf(w, "%2d.%2d.%4d", &d, &m, &y) != 3 || d < 1 || d > 31 ||
	    m < 1 || m > 12 || y < 1900)
		return (0);
	snprintf(buf, len, "#@%02d%02d", m, d);
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
story_entity_add(struct story_scan *s, const char *ent)
{
	char	*tmp;
	size_t	 i;

	for (i = 0; i < s->n; i++) {
		if (s->v[i].key[0] == '#' || ent[0] == '#')
			continue;
		if (!story_key_match(s->v[i].key, ent))
			continue;
		s->v[i].n++;
		if (strlen(ent) > strlen(s->v[i].key)) {
			tmp = xstrdup(ent);
			free(s->v[i].key);
			s->v[i].key = tmp;
		}
		return;
	}
	story_count_add(s, ent);
}

/* Does a skeleton match a name seen elsewhere in the article? */
static int
story_known_name(const struct story_scan *s, const char *skel)
{
	size_t	i;

	for (i = 0; i < s->nnames; i++) {
		if (story_part_match(s->names[i], strlen(s->names[i]), skel,
		    strlen(skel)))
			return (1);
	}
	return (0);
}

/* The date keys and event kinds of a run of tokens. */
static void
story_scan_dates(struct text_token *t, size_t nt, struct story_scan *s)
{
	static struct story_lex		 kl;
	const struct story_lex_ent	*e;
	char				 buf[32];
	size_t				 i, k, c;
	int				 d, m, wd;

	for (i = 0; i < nt; i++) {
		if (s->published >= 0 && !s->dated &&
		    (wd = story_weekday(t, i, nt)) >= 0) {
			story_weekday_date(wd, s->published, s->weekday,
			    sizeof s->weekday);
		}
		if ((t[i].flags & TEXT_TOKEN_DIGIT) &&
		    story_dotted_date(t[i].word, buf, sizeof buf)) {
			story_count_add(s, buf);
			continue;
		}
		if ((m = story_month(t[i].word)) == 0)
			goto kinds;
		d = 0;
		if (i > 0 && (t[i - 1].flags & TEXT_TOKEN_DIGIT))
			d = story_day(t[i - 1].word);
		if (d == 0 && i > 1 && (t[i - 2].flags & TEXT_TOKEN_DIGIT) &&
		    strlen(t[i - 1].word) <= 4)	/* 4-nji, 14-го */
			d = story_day(t[i - 2].word);
		if (d == 0 && i + 1 < nt && (t[i + 1].flags & TEXT_TOKEN_DIGIT))
			d = story_day(t[i + 1].word);
		if (d != 0) {
			snprintf(buf, sizeof buf, "#@%02d%02d", m, d);
			story_count_add(s, buf);
			s->dated = 1;
		}
kinds:
		if (!kl.ready) {
			for (k = 0; k < sizeof story_kinds /
			    sizeof *story_kinds; k++)
				story_lex_add(&kl, story_kinds[k].words, 12,
				    (int)k, 0);
			story_lex_finish(&kl);
		}
		/* in kind order, as the kinds' keys are counted */
		c = 0;
		while ((e = story_lex_next(&kl, t[i].word, strlen(t[i].word),
		    &c)) != NULL) {
			if (!(s->kinds & (1 << e->tag))) {
				s->kinds |= 1 << e->tag;
				story_count_add(s, story_kinds[e->tag].key);
			}
		}
	}
}

/* Could token i be (part of) a name? *initial: it starts a sentence. */
static int
story_name_token(const struct text_token *t, int *initial)
{
	*initial = (t->flags & TEXT_TOKEN_START) != 0;
	if (!(t->flags & TEXT_TOKEN_CAPITAL) ||
	    (t->flags & (TEXT_TOKEN_UPPER | TEXT_TOKEN_DIGIT)))
		return (0);
	return (!story_is_stop(t->word) && !story_is_outlet(t->word) &&
	    story_month(t->word) == 0);
}

/* A token as both passes see it. */
struct story_tok {
	int	name;		/* story_name_token */
	int	initial;	/* it starts a sentence */
	char	skel[64];	/* a name's skeleton, else "" */
};

/*
 * The tokens of a run, classified once for both passes (heap array; NULL
 * when there are none): the lists and the skeleton were asked twice.
 */
static struct story_tok *
story_toks(const struct text_token *t, size_t nt)
{
	struct story_tok	*k;
	size_t			 i;

	if (nt == 0)
		return (NULL);
	k = xreallocarray(NULL, nt, sizeof *k);
	for (i = 0; i < nt; i++) {
		k[i].name = story_name_token(&t[i], &k[i].initial);
		k[i].skel[0] = '\0';
		if (k[i].name)
			story_skeleton(t[i].word, k[i].skel, sizeof k[i].skel);
	}
	return (k);
}

/* First pass: the skeletons of names that do not start a sentence. */
static void
story_scan_names(const struct story_tok *k, size_t nt, struct story_scan *s)
{
	size_t	i;

	for (i = 0; i < nt; i++) {
		if (!k[i].name || k[i].initial || strlen(k[i].skel) < 3)
			continue;
		s->names = xreallocarray(s->names, s->nnames + 1,
		    sizeof *s->names);
		s->names[s->nnames++] = xstrdup(k[i].skel);
	}
}

static void
story_scan_tokens(struct text_token *t, const struct story_tok *k,
    size_t nt, int names, struct story_scan *s)
{
	char		 buf[64], ent[256], date[32];
	const char	*place, *sk = "";
	size_t		 i, len;
	int		 name;

	ent[0] = '\0';
	for (i = 0; i <= nt; i++) {
		name = 0;
		place = NULL;
		if (i < nt && k[i].name) {
			sk = k[i].skel;
			if (strlen(sk) >= 3) {
				place = story_place(sk);
				name = place == NULL && names &&
				    (!k[i].initial || story_known_name(s, sk));
			}
		}
		if (name) {
			len = strlen(ent);
			if (len > 0 && ((t[i].flags & TEXT_TOKEN_PUNCT) ||
			    len + strlen(sk) + 2 >= sizeof ent)) {
				story_entity_add(s, ent);
				ent[0] = '\0';
				len = 0;
			}
			snprintf(ent + len, sizeof ent - len, "%s%s",
			    len > 0 ? "+" : "", sk);
			continue;
		}
		if (ent[0] != '\0')
			story_entity_add(s, ent);
		ent[0] = '\0';
		if (place != NULL)
			story_count_add(s, place);
		else if (i < nt && (t[i].flags & TEXT_TOKEN_DIGIT) &&
		    ((story_number(t[i].word, buf, sizeof buf) &&
		    !story_dotted_date(t[i].word, date, sizeof date)) ||
		    story_scaled(t, i, nt, buf, sizeof buf)))
			story_count_add(s, buf);
	}
	story_scan_dates(t, nt, s);
}

/* The most frequent keys of v, at most STORY_MAXKEYS, into *keys. */
static size_t
story_keys_pick(struct story_scan *s, char ***keys)
{
	size_t	i, k;

	if (s->n > 0)
		qsort(s->v, s->n, sizeof *s->v, story_count_cmp);
	k = s->n < STORY_MAXKEYS ? s->n : STORY_MAXKEYS;
	*keys = xcalloc(k + 1, sizeof **keys);
	for (i = 0; i < s->n; i++) {
		if (i < k)
			(*keys)[i] = s->v[i].key;
		else
			free(s->v[i].key);
	}
	free(s->v);
	for (i = 0; i < s->nnames; i++)
		free(s->names[i]);
	free(s->names);
	return (k);
}

size_t
story_keys_lines(const char *title, struct text_token **lines,
    const size_t *nt, size_t nlines, uint64_t skip, time_t published,
    char ***keys)
{
	struct story_scan	 s;
	struct text_token	*t = NULL;
	struct story_tok	*tk = NULL, **k;
	size_t			 ntt = 0, pi;
	int			 tnames = 0;

	memset(&s, 0, sizeof s);
	s.published = published;
	k = xcalloc(nlines + 1, sizeof *k);
	for (pi = 0; pi < nlines; pi++) {
		if (pi >= 64 || (skip & (1ULL << pi)) == 0)
			k[pi] = story_toks(lines[pi], nt[pi]);
	}
	if (title != NULL) {
		ntt = text_tokenize(title, TEXT_STRIP_MARKS, &t);
		tk = story_toks(t, ntt);
		tnames = !story_title_case(t, ntt);
		if (tnames)
			story_scan_names(tk, ntt, &s);
	}
	for (pi = 0; pi < nlines; pi++) {
		if (pi < 64 && (skip & (1ULL << pi)) != 0)
			continue;
		story_scan_names(k[pi], nt[pi], &s);
	}
	if (title != NULL) {
		story_scan_tokens(t, tk, ntt, tnames, &s);
		text_tokens_free(t, ntt);
		free(tk);
	}
	for (pi = 0; pi < nlines; pi++) {
		if (pi < 64 && (skip & (1ULL << pi)) != 0)
			continue;
		story_scan_tokens(lines[pi], k[pi], nt[pi], 1, &s);
		free(k[pi]);
	}
	free(k);
	/* A weekday gives a date only where none is written. */
	if (!s.dated && s.weekday[0] != '\0')
		story_count_add(&s, s.weekday);
	return (story_keys_pick(&s, keys));
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
