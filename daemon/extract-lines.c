/*
 * extract-lines.c -- boilerplate by the text: headings that end the
 * article ("Read also"), and lines that are page furniture (share bars,
 * cookie banners, credits, copyright lines, view counters, an author's
 * bio, a line sending the reader elsewhere), or a date that is a fact of
 * the text rather than the page's dateline.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "extract-int.h"
#include "xmalloc.h"

/* Lower-case ASCII, Cyrillic and Kazakh letters into b. */
static void
clean_lower(struct buf *b, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	unsigned int		 c;

	while (*p != '\0') {
		if (*p < 0x80) {
			buf_addc(b, (char)tolower(*p));
			p++;
			continue;
		}
		if ((p[0] & 0xe0) == 0xc0 && p[1] != '\0') {
			c = ((p[0] & 0x1fU) << 6) | (p[1] & 0x3fU);
			if (c >= 0x410 && c <= 0x42f)
				c += 0x20;
			else if (c >= 0x400 && c <= 0x40f)
				c += 0x50;
			else if (c >= 0x460 && c <= 0x4ff && (c % 2) == 0)
				c += 1;
			else if (c == 0x130)
				c = 'i';
			else if (c >= 0xc0 && c <= 0xde && c != 0xd7)
				c += 0x20;	/* Latin-1: À..Þ */
			else if (c >= 0x100 && c <= 0x17f && (c % 2) == 0 &&
			    c != 0x138 && !(c >= 0x139 && c <= 0x148))
				c += 1;		/* Latin Extended-A pairs */
			else if (c >= 0x139 && c <= 0x148 && (c % 2) == 1)
				c += 1;		/* Ĺ..Ň: odd upper */
			if (c < 0x80)
				buf_addc(b, (char)c);
			else {
				buf_addc(b, (char)(0xc0 | (c >> 6)));
				buf_addc(b, (char)(0x80 | (c & 0x3f)));
			}
			p += 2;
			continue;
		}
		buf_addc(b, (char)*p++);
	}
}

static char *
clean_lowered(const char *s)
{
	struct buf	b;

	buf_init(&b, 0);
	clean_lower(&b, s);
	return (buf_steal(&b));
}

static const char *const clean_stop_headings[] = {
	/* readers' comments follow: en, de, fr, es, pt, it, pl, ru, kk, tr */
	"comments", "kommentare", "commentaires", "comentarios",
	"comentários", "commenti", "komentarze", "комментарии", "пікірлер",
	"yorumlar",
	"read also", "see also", "read more", "relevant news", "related news",
	"related articles", "related stories", "related", "more news",
	"more stories", "latest news", "most read", "most popular",
	"you may also like", "recommended", "more from", "also read",
	"читайте также", "смотрите также", "по теме", "похожие новости",
	"новости по теме", "последние новости", "популярное",
	"самое читаемое", "тақырып бойынша", "ұқсас жаңалықтар",
	"соңғы жаңалықтар", "тағы оқыңыз", "ilgili haberler",
	"benzer haberler", "en çok okunanlar", "i̇lgili haberler",
	"don't miss", "don’t miss", "more on this", "trending",
	"most viewed", "editor's picks", "top stories",
	"you might also like", "you may also be interested in",
	"related posts", "related content", "more like this",
	"more great stories",
	/* de */
	"lesen sie auch", "auch lesen", "das könnte sie auch interessieren",
	"das könnte dich auch interessieren", "das könnte dich interessieren",
	"das könnte sie interessieren", "weitere artikel", "weitere beiträge",
	"weitere artikel zum thema", "mehr zum thema", "ähnliche artikel",
	"ähnliche beiträge", "verwandte artikel", "kommentierte artikel",
	"meistgelesen", "meist gelesen", "meist-diskutiert",
	"meistgelesene artikel",
	"beliebte artikel", "beliebte beiträge", "neueste artikel",
	"neueste beiträge", "keine kommentare", "weiterführende links",
	"weiterführender link", "weiterführende artikel", "further reading",
	"auch interessant", "siehe auch", "meist gelesene beiträge",
	"meistkommentiert", "meistdiskutiert", "neueste kommentare",
	"weitere interessante news", "recent comments", "related videos",
	"related coverage", "plus de sujets",
	/* es, pt */
	"temas relacionados", "noticias relacionadas", "te puede interesar",
	"le puede interesar", "lee también", "lea también",
	"artículos relacionados", "leia também", "veja também",
	"notícias relacionadas", "leia mais",
	/* fr, it, pl */
	"à lire aussi", "lire aussi", "sur le même sujet",
	"articles similaires",
	"leggi anche", "articoli correlati", "czytaj także", "czytaj też",
	"zobacz także", "zobacz też", "podobne artykuły", NULL
};

/* A heading after which a page lists other stories. */
int
extract_is_stop_heading(const char *text)
{
	char	*l;
	size_t	 n, i;
	int	 r = 0;

	if (strlen(text) > 64)
		return (0);
	l = clean_lowered(text);
	n = strlen(l);
	while (n > 0 && (l[n - 1] == ':' || l[n - 1] == ' ' ||
	    l[n - 1] == '.'))
		l[--n] = '\0';
	for (i = 0; clean_stop_headings[i] != NULL; i++) {
		if (strcmp(l, clean_stop_headings[i]) == 0) {
			r = 1;
			break;
		}
	}
	free(l);
	return (r);
}

static const char *const clean_boiler_prefix[] = {
	"share:", "share this", "share on", "tell a friend", "images |",
	"image |", "photo:", "photo |", "photos:", "фото:", "фото |",
	"photo credit:", "image credit:", "image:", "сурет:", "foto:",
	"advertisement", "реклама", "we use cookies",
	"this website uses cookies", "this site uses cookies",
	"by continuing to browse", "this information may not be reproduced",
	"copyright ©", "copyright (c)",
	"©", "(c) ", "all rights reserved", "все права защищены",
	"поделиться", "бөлісу", "paylaş", "follow us on", "subscribe to our",
	"sign up for", "click here to", "система orphus", "tags:", "теги:",
	"related:", "read also:", "read more:", "see also:", "читайте также:",
	"see more:", "also on ", "sharing is caring", "like this story",
	"this slideshow requires", "tell us what you think", "published:",
	"updated:", "last updated", "get the latest", "follow us", "click here",
	"sign up", "subscribe", "download our app", "related post:",
	"related article:", "reporting by ", "(reporting by ", "editing by ",
	"additional reporting by ", "you might also like",
	"if you enjoyed reading", "to view the full story", "see more photos",
	"if you're seeing this message", "if you’re seeing this message",
	"submit your letter", "for the latest stories",
	/* de */
	"lesen sie auch", "auch lesen:", "mehr zum thema:", "siehe auch:",
	"titelbild:", "beitragsbild", "bild:", "bilder:", "fotos:",
	"foto/", "- anzeige", "-anzeige", "anzeige -", "werbung",
	"dieser text wurde veröffentlicht", "der beitrag wurde am",
	"dieser beitrag wurde am", "jetzt abonnieren", "vorschau auf",
	/* es, pt, fr, it, pl */
	"le puede interesar", "te puede interesar", "lee también:",
	"lea también:", "leia também:", "veja também:", "leia mais:",
	"à lire aussi", "lire aussi", "crédits photos", "crédit photo",
	"photo :", "leggi anche", "czytaj także", "czytaj też",
	"zobacz także", "zobacz też", "publicidad", "publicité",
	"this entry was posted", "keine kommentare", "kommentare insgesamt",
	"aufrufe:", "last modified", "image illustrative", "weitere beiträge",
	"mit diesem button", "teilnehmende blogs",
	/* a paywall's or a teaser's call to read on */
	"pour lire la suite", "continue reading", "to continue reading",
	"read the full story", "read the full article", "um weiterzulesen",
	"jetzt weiterlesen", "para seguir leyendo", "para continuar leyendo",
	"per continuare a leggere", "continua a leggere", NULL
};
static const char *const clean_boiler_inside[] = {
	"may not be reproduced without", "all rights reserved",
	"we use cookies", "uses cookies", "все права защищены",
	"copyright of materials", "при использовании материалов",
	"полное или частичное", "barcha huquqlar", "tüm hakları saklıdır",
	"getty images", "shutterstock", "ap photo", "share it with",
	"by clicking here", "subscribe to our", "sent directly to you",
	"follow us on", "affiliate link",
	"wir verwenden cookies", "verwendet cookies", "korzystamy z cookies",
	"utilizamos cookies", "nous utilisons des cookies",
	"utilizziamo i cookie", "alle rechte vorbehalten",
	"todos los derechos reservados", "tous droits réservés",
	"tutti i diritti riservati", "wszelkie prawa zastrzeżone",
	"todos os direitos reservados", "domena publiczna", "adobestock",
	"istockphoto", "imago images", "picture alliance", "picture-alliance",
	"wenn.com", "bestimage", "already a subscriber",
	"may contain affiliate", "your inbox", "click here for more",
	"have a news tip", "to post a comment", "um kommentare zu schreiben",
	"um einen kommentar zu schreiben", "para comentar",
	/* when the page was last changed */
	"last modified:", "last modified on", "zuletzt geändert:",
	"letzte änderung:", "dernière modification", "última modificación",
	"ultima modifica", NULL
};

/*
 * Whether l opens with w as whole words: "subscribe" opens "subscribe
 * now" but not "subscribers say".  A w ending in an ASCII letter or digit
 * must not be followed by one, nor by a letter beyond ASCII.
 */
static int
clean_starts_word(const char *l, const char *w)
{
	size_t		len = strlen(w);
	unsigned char	last, next;

	if (strncmp(l, w, len) != 0)
		return (0);
	last = (unsigned char)w[len - 1];
	next = (unsigned char)l[len];
	if (last >= 0x80 || !isalnum(last))
		return (1);
	return (next < 0x80 && !isalnum(next));
}

static int
clean_is_counter(const char *s)
{
	int	digits = 0, seps = 0;

	/* "26.09.2025, 14:58 7316": a date, a time and a count only */
	for (; *s != '\0'; s++) {
		if (isdigit((unsigned char)*s))
			digits++;
		else if (*s == '.' || *s == ':' || *s == '/')
			seps++;
		else if (strchr(" ,-|", *s) == NULL)
			return (0);
	}
	return (digits >= 6 && seps >= 2);
}

/* How many social networks a (lower-cased) line names. */
static int
clean_social_count(const char *l)
{
	static const char *const nets[] = {
		"facebook", "twitter", "instagram", "youtube", "telegram",
		"tiktok", "linkedin", "whatsapp", "вконтакте", "одноклассники",
		NULL
	};
	size_t	i;
	int	n = 0;

	for (i = 0; nets[i] != NULL; i++) {
		if (strstr(l, nets[i]) != NULL)
			n++;
	}
	return (n);
}

/* What an author's note says of its author. */
static const char *const clean_bio_words[] = {
	"founder", "author", "writer", "journalist", "editor", "reporter",
	"correspondent", "columnist", "contributor", "freelance",
	"consultant", "blogger", "gründer", "autor",
	"redakteur", "geschäftsführer", "namensgeber", "fondateur",
	"fondatrice", "auteur", "journaliste", "rédact", "periodista",
	"escritor", "fundador", "giornalista", "scrittore", "autore", NULL
};

/* A word of a name: a capital, or a title such as "Dr.". */
static int
clean_is_name_word(const char *p, size_t len)
{
	const unsigned char	*u = (const unsigned char *)p;

	if (len == 3 && strncmp(p, "Dr.", 3) == 0)
		return (1);
	return (len >= 2 && (isupper(u[0]) || (u[0] == 0xc3 &&
	    u[1] >= 0x80 && u[1] <= 0x9e)));
}

/*
 * An author's note: "Jane Doe is a freelance writer ..." or, after a
 * paragraph with the name alone, "ist Gründungspartner der ...".  The
 * caller asks this of the last paragraph only.  name is the paragraph
 * before it, or NULL.
 */
static int
clean_is_bio(const char *text, const char *name)
{
	static const char *const verbs[] = {
		"is", "ist", "est", "es", "è", "jest", "war", "was", NULL
	};
	const char	*p = text, *w;
	char		*l;
	size_t		 len, names = 0, i;
	int		 verb = 0, r = 0;

	if (strlen(text) > 600)
		return (0);
	for (;;) {
		while (*p == ' ')
			p++;
		w = p;
		len = strcspn(p, " ");
		if (len == 0)
			return (0);
		p += len;
		for (i = 0; verbs[i] != NULL; i++) {
			if (strlen(verbs[i]) == len &&
			    strncmp(w, verbs[i], len) == 0)
				verb = 1;
		}
		if (verb || !clean_is_name_word(w, len) || ++names > 4)
			break;
	}
	/* a name, then the verb; or the verb first, the name above */
	if (!verb || (names < 2 && !(names == 0 && name != NULL &&
	    strlen(name) <= 40 && name[strlen(name) - 1] != '.' &&
	    strchr(name, ' ') != NULL)))
		return (0);
	l = clean_lowered(text);
	for (i = 0; clean_bio_words[i] != NULL && !r; i++) {
		if (strstr(l, clean_bio_words[i]) != NULL)
			r = 1;
	}
	free(l);
	return (r);
}

/*
 * The length of body (len bytes, paragraphs apart by a blank line)
 * without the author's note closing it ("Jane Doe is a writer ..."), and
 * the name above it when that stands alone.  Paragraphs in the first
 * from bytes (the lead) stay.
 */
size_t
extract_bio_cut(char *d, size_t len, size_t from)
{
	char	*last = NULL, *prev = NULL;
	size_t	 i, cut;

	for (i = len; i >= from + 2 && !extract_work(1); i--) {
		if (d[i - 1] != '\n' || d[i - 2] != '\n')
			continue;
		if (last == NULL)
			last = d + i;
		else {
			prev = d + i;
			break;
		}
	}
	if (last == NULL)
		return (len);
	last[-2] = '\0';
	if (clean_is_bio(last, NULL))
		cut = (size_t)(last - d) - 2;
	else if (prev != NULL && clean_is_bio(last, prev))
		cut = (size_t)(prev - d) - 2;
	else {
		last[-2] = '\n';
		return (len);
	}
	d[cut] = '\0';
	return (cut);
}

/* What a label before a page's own date says: published, updated ... */
static const char *const clean_date_labels[] = {
	"publi", "pubblic", "veröffentl", "posted", "post ", "updat",
	"aktualis", "actualiz", "aggiorn", "mis à jour", "modif", "geändert",
	"creat", "créé", "erstellt", "stand", "date", "datum", "data", "fecha",
	"letzte", "zuletzt", "опублик", "обновл", "дата", "жарияла",
	"yayın", "güncel", "tarih", NULL
};

/*
 * A line opening with a label of one to three words and a colon
 * ("Termin: 29.02.2020, 19 Uhr", "Einsendeschluss: 03.11.2019") whose
 * label does not name the page's own date: the date is a fact of the
 * text (an event's, a deadline), not the page's dateline.
 */
int
extract_is_fact_date(const char *text)
{
	const char	*c = strchr(text, ':'), *p;
	char		*l;
	size_t		 i, words = 1;
	int		 r = 1;

	if (c == NULL || c == text || c - text > 40)
		return (0);
	for (p = text; p < c; p++) {
		if (isdigit((unsigned char)*p))
			return (0);
		if (*p == ' ' && p[1] != ' ' && p + 1 < c)
			words++;
	}
	if (words > 3)
		return (0);
	l = clean_lowered(text);
	l[c - text] = '\0';
	for (i = 0; clean_date_labels[i] != NULL && r; i++) {
		if (strstr(l, clean_date_labels[i]) != NULL)
			r = 0;
	}
	free(l);
	return (r);
}

/* How a line sending the reader elsewhere opens. */
static const char *const clean_pointer_open[] = {
	"weitere infos", "mehr infos", "weitere informationen",
	"mehr informationen", "infos unter", "alles über", "mehr über",
	"mehr dazu", "more information", "for more information",
	"further information", "más información", "plus d'informations",
	"plus d’informations", NULL
};
static const char *const clean_pointer_end[] = {
	"hier", "hier.", "hier!", "here", "here.", "aquí", "aquí.", "ici",
	"ici.", NULL
};

/*
 * A line sending the reader elsewhere: "Weitere Infos unter
 * www.example.de.", "Alles über Wanderschuhe findest Du hier."  It
 * opens with such words and names an address or ends in "here".
 */
int
extract_is_pointer(const char *text)
{
	char	*l;
	size_t	 len = strlen(text), i, wl;
	int	 open = 0, r = 0;

	if (len > 160)
		return (0);
	l = clean_lowered(text);
	for (i = 0; clean_pointer_open[i] != NULL && !open; i++)
		open = clean_starts_word(l, clean_pointer_open[i]);
	if (open && (strstr(l, "www.") != NULL || strstr(l, "http") != NULL))
		r = 1;
	len = strlen(l);
	for (i = 0; open && !r && clean_pointer_end[i] != NULL; i++) {
		wl = strlen(clean_pointer_end[i]);
		r = len > wl && l[len - wl - 1] == ' ' &&
		    strcmp(l + len - wl, clean_pointer_end[i]) == 0;
	}
	free(l);
	return (r);
}

/* A paragraph that is page furniture, not article text. */
int
extract_is_boiler_para(const char *text)
{
	char	*l;
	size_t	 len = strlen(text), i;
	int	 r = 0;

	if (clean_is_counter(text))
		return (1);
	if (len > 400)
		return (0);
	l = clean_lowered(text);
	for (i = 0; clean_boiler_prefix[i] != NULL && !r; i++) {
		if (clean_starts_word(l, clean_boiler_prefix[i]))
			r = 1;
	}
	for (i = 0; clean_boiler_inside[i] != NULL && !r; i++) {
		if (strstr(l, clean_boiler_inside[i]) != NULL)
			r = 1;
	}
	if (!r && len < 100 && (strncmp(l, "updated ", 8) == 0 ||
	    strncmp(l, "posted ", 7) == 0 ||
	    strncmp(l, "published ", 10) == 0) &&
	    strpbrk(l, "0123456789") != NULL)
		r = 1;
	/* an unrendered shortcode: "[button link=...]Send[/button]" */
	if (!r && l[0] == '[' && strstr(l, "[/") != NULL)
		r = 1;
	if (!r && len < 160 && strstr(l, "newsletter") != NULL)
		r = 1;
	if (!r && len < 240 && clean_social_count(l) >= 2)
		r = 1;
	if (!r && len < 300 && len > 6 && (strcmp(l + len - 6, "photo)") == 0 ||
	    strcmp(l + len - 7, "photos)") == 0))
		r = 1;
	if (!r && len < 80 && (strncmp(l, "quelle:", 7) == 0 ||
	    strncmp(l, "fuente:", 7) == 0 || strncmp(l, "source :", 8) == 0 ||
	    strncmp(l, "źródło:", 10) == 0))
		r = 1;
	if (!r && len < 160 && (strstr(l, "abonnieren") != NULL ||
	    strstr(l, "suscríbete") != NULL ||
	    strstr(l, "abonnez-vous") != NULL))
		r = 1;
	/* subscription offers */
	if (!r && len < 200 && (strstr(l, "cancel anytime") != NULL ||
	    strstr(l, "cancela cuando quieras") != NULL ||
	    strstr(l, "jederzeit kündbar") != NULL ||
	    strstr(l, "jederzeit kündigen") != NULL))
		r = 1;
	if (!r && len < 100 && (strncmp(l, "veröffentlicht am", 18) == 0 ||
	    strncmp(l, "aktualisiert am", 15) == 0 ||
	    strncmp(l, "publié le", 10) == 0 ||
	    strncmp(l, "publicado el", 12) == 0) &&
	    strpbrk(l, "0123456789") != NULL)
		r = 1;
	if (!r && len < 80 && (strncmp(l, "source:", 7) == 0 ||
	    strncmp(l, "источник:", 17) == 0 || strncmp(l, "kaynak:", 7) == 0 ||
	    strncmp(l, "дереккөз:", 17) == 0))
		r = 1;
	if (!r && len < 80 && (strncmp(l, "author:", 7) == 0 ||
	    strncmp(l, "автор:", 11) == 0 || strncmp(l, "by ", 3) == 0))
		r = 1;
	if (!r && len < 40 && (strcmp(l, "share") == 0 ||
	    strcmp(l, "advertisement") == 0 ||
	    strcmp(l, "tell a friend") == 0 ||
	    strcmp(l, "comments") == 0 || strcmp(l, "comment") == 0 ||
	    strcmp(l, "more:") == 0 || strcmp(l, "more") == 0))
		r = 1;
	free(l);
	return (r);
}
