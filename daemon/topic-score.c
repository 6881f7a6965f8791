/*
 * topic-score.c -- salience: is a topic the subject of a text, or only
 * named in it?
 *
 * Every occurrence of a topic's terms is placed: the title, the lead (the
 * body's first paragraph of TOPIC_LEAD_MIN words or more, with any shorter
 * one before it such as a dateline, at most TOPIC_LEAD_MAX words) or a
 * later paragraph.  Its sentence then says how it is used:
 *
 *	list	two or more other organisations in the sentence (kind other),
 *		or three names of organisations in all: a list of
 *		memberships, of attendees, a table row;
 *	aside	a phrase of kind aside up to TOPIC_NEAR words before the
 *		name or TOPIC_NEAR_AFTER after it: "the summit last year", "previously served as", "is a member of";
 *	frame	a phrase of kind frame: summit, meeting, secretary general,
 *		chairmanship, declaration -- the topic acts or frames an event.
 *
 * Points: an occurrence in the title 0.55 (passing: 0.2), in the lead 0.3
 * (framed 0.45, passing 0.06), later 0.08 (passing 0.02), at most
 * TOPIC_MAXOCC occurrences counted; 0.1 for each further paragraph with a
 * full-weight occurrence (at most 0.3); 0.15 when the lead has one and the
 * body is short (fewer than TOPIC_SHORT words: a brief is all lead).  A
 * title naming other organisations but not the topic scales the points by
 * 0.7.  score = 1 - exp(-1.6 * points), three decimals; the subject from
 * TOPIC_SUBJECT_MIN (0.5, about 0.43 points), a mention below it.
 *
 * OTS occurrences are its names, former names, bodies, and acronyms when
 * the text has another signal and no noacronym phrase; turkic-orgs
 * occurrences are the affiliated organisations' names, which never count
 * for the OTS.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "text.h"
#include "topic.h"
#include "topic-int.h"
#include "xmalloc.h"

#define TOPIC_LEAD_MIN	8
#define TOPIC_LEAD_MAX	70
#define TOPIC_SHORT	80
#define TOPIC_MAXOCC	8
#define TOPIC_MAXTERMS	32	/* distinct terms reported */
#define TOPIC_MAXPLACES	8	/* places reported per term */
#define TOPIC_NEAR	12	/* words between an aside and a name */
#define TOPIC_NEAR_AFTER 3	/* or a name and an aside */

enum topic_use { USE_FULL, USE_FRAME, USE_LIST, USE_ASIDE };

struct topic_occ {
	size_t		term;		/* index into tt->v */
	size_t		pos, n;		/* tokens */
	int		topic;		/* TOPIC_OTS, TOPIC_ORGS, -1 */
	enum topic_use	use;
};

struct topic_scan {
	const struct topic_terms *tt;
	struct text_token	*tok;
	size_t			 ntok, ntitle, leadend;
	int			*para;		/* per token; -1: the title */
	int			*sent;		/* per token */
	int			 nsent;
	struct topic_occ	*occ;
	size_t			 nocc;
	int			 signal, veto;
	int			 named;		/* by a name, former name, body */
	int			 others;	/* another organisation is named */
};

static const char *topic_names[TOPIC_NTOPICS] = { "ots", "turkic-orgs" };

const char *
topic_name(int t)
{
	return (t >= 0 && t < TOPIC_NTOPICS ? topic_names[t] : NULL);
}

const char *
topic_relevance_name(enum topic_relevance r)
{
	return (r == TOPIC_SUBJECT ? "subject" : r == TOPIC_MENTION ?
	    "mention" : "");
}

int
topic_list_parse(const char *s, int *mask)
{
	char	*copy, *w, *last = NULL;
	int	 t, m = 0;

	copy = xstrdup(s);
	for (w = strtok_r(copy, ", \t", &last); w != NULL;
	    w = strtok_r(NULL, ", \t", &last)) {
		for (t = 0; t < TOPIC_NTOPICS; t++) {
			if (strcasecmp(w, topic_names[t]) == 0)
				break;
		}
		if (t == TOPIC_NTOPICS) {
			free(copy);
			return (-1);
		}
		m |= TOPIC_BIT(t);
	}
	free(copy);
	if (m == 0)
		return (-1);
	*mask = m;
	return (0);
}

char *
topic_tags(const struct topic_verdict *v, enum topic_relevance min)
{
	struct buf	b;
	int		t;

	buf_init(&b, 0);
	for (t = 0; t < TOPIC_NTOPICS; t++) {
		if (v->rel[t] == TOPIC_NONE || v->rel[t] < min)
			continue;
		if (b.len > 0)
			buf_addc(&b, ',');
		buf_addstr(&b, topic_names[t]);
	}
	if (b.len == 0) {
		buf_clear(&b);
		return (NULL);
	}
	return (buf_steal(&b));
}

/*
 * Tokens (the words of title "\n\n" body, w's: s->tok is an array of
 * copies, the strings stay w's), their paragraphs and sentences, the lead.
 */
static void
topic_scan_text(struct topic_scan *s, const struct text_words *w)
{
	size_t			 i, nlen = 0;
	int			 para = -1, sent = -1, lead = 1;

	s->ntok = text_words_joined(w, &s->tok, &s->ntitle);
	s->para = xcalloc(s->ntok + 1, sizeof *s->para);
	s->sent = xcalloc(s->ntok + 1, sizeof *s->sent);
	s->leadend = s->ntitle;
	for (i = 0; i < s->ntok; i++) {
		if (i < s->ntitle) {
			s->para[i] = -1;
			if (i == 0)
				sent++;
		} else {
			if (i == s->ntitle || (s->tok[i].flags &
			    TEXT_TOKEN_PARA)) {
				para++;
				if (lead && nlen >= TOPIC_LEAD_MIN)
					lead = 0;
				nlen = 0;
			}
			if (i == s->ntitle || (s->tok[i].flags &
			    TEXT_TOKEN_START))
				sent++;
			nlen++;
			if (lead && i - s->ntitle < TOPIC_LEAD_MAX)
				s->leadend = i + 1;
			s->para[i] = para;
		}
		if (i > 0 && i < s->ntitle && (s->tok[i].flags &
		    TEXT_TOKEN_START))
			sent++;
		s->sent[i] = sent < 0 ? 0 : sent;
	}
	s->nsent = sent + 1;
}

static void
topic_occ_add(struct topic_scan *s, size_t term, size_t pos, size_t n)
{
	struct topic_occ	*o;

	s->occ = xreallocarray(s->occ, s->nocc + 1, sizeof *s->occ);
	o = &s->occ[s->nocc++];
	memset(o, 0, sizeof *o);
	o->term = term;
	o->pos = pos;
	o->n = n;
	o->topic = -1;
}

static int
topic_occ_cmp(const void *a, const void *b)
{
	const struct topic_occ	*x = a, *y = b;

	if (x->pos != y->pos)
		return (x->pos < y->pos ? -1 : 1);
	return (x->term < y->term ? -1 : x->term > y->term);
}

/* Does term j occur at token i?  Record it and the signals. */
static void
topic_scan_at(struct topic_scan *s, size_t j, size_t i)
{
	const struct topic_terms	*tt = s->tt;
	size_t				 n;

	if ((n = topic_term_at(&tt->v[j], s->tok, s->ntok, i)) == 0)
		return;
	topic_occ_add(s, j, i, n);
	switch (tt->v[j].kind) {
	case TOPIC_NAME:
	case TOPIC_FORMER:
	case TOPIC_BODY:
	case TOPIC_CONTEXT:
	case TOPIC_ORG:
		s->signal = 1;
		break;
	case TOPIC_NOACRONYM:
		s->veto = 1;
		break;
	default:
		break;
	}
}

/*
 * Signals that need the occurrences in text order: an acronym followed
 * at once by a frame phrase ("OTS summit", "ОТГ саммиті", "OTS transport
 * ministers" has one word between) is an organisation acting, a signal of
 * its own; is the OTS named by a name, former name or body, and is any
 * other organisation (other, org) named -- anaphors count only when the
 * OTS is named and alone.
 */
static void
topic_scan_signals(struct topic_scan *s)
{
	const struct topic_terms	*tt = s->tt;
	const struct topic_occ		*o, *p;
	size_t				 i, k;

	for (i = 0; i < s->nocc; i++) {
		o = &s->occ[i];
		switch (tt->v[o->term].kind) {
		case TOPIC_NAME:
		case TOPIC_FORMER:
		case TOPIC_BODY:
			s->named = 1;
			break;
		case TOPIC_OTHER:
		case TOPIC_ORG:
			s->others = 1;
			break;
		case TOPIC_ACRONYM:
			for (k = i + 1; k < s->nocc; k++) {
				p = &s->occ[k];
				if (p->pos > o->pos + o->n + 1 ||
				    s->sent[p->pos] != s->sent[o->pos])
					break;
				if (tt->v[p->term].kind == TOPIC_FRAME &&
				    p->pos >= o->pos + o->n)
					s->signal = 1;
			}
			break;
		default:
			break;
		}
	}
}

/* Is anaphor i the start of a name ("the Organization of ...")? */
static int
topic_scan_inside(const struct topic_scan *s, size_t i)
{
	const struct topic_occ	*o = &s->occ[i];
	size_t			 k;

	for (k = i + 1; k < s->nocc && s->occ[k].pos < o->pos + o->n; k++) {
		if (s->tt->v[s->occ[k].term].kind != TOPIC_ANAPHOR)
			return (1);
	}
	return (0);
}

/* Does w start with an article of at most two bytes and an apostrophe? */
static int
topic_elided(const char *w)
{
	size_t	i;

	for (i = 0; i <= 2 && w[i] != '\0' && w[i] != '\''; i++)
		;
	return (i <= 2 && w[i] == '\'' && w[i + 1] != '\0');
}

/*
 * The ranges of bucket c (tt->byfirst[c]) whose terms a word of second
 * byte w1 (-1: any), or e1 after an elided article (-1: none), may
 * match: the terms of second -1, and those of w1 and of e1.
 */
static size_t
topic_scan_ranges(const struct topic_terms *tt, int c, int w1, int e1,
    size_t r[3][2])
{
	const size_t	*at = tt->bysecond[c];
	size_t		 n = 0;

	r[n][0] = 0;
	r[n++][1] = at[0];
	if (w1 < 0) {
		r[n][0] = at[0];
		r[n++][1] = tt->nbyfirst[c];
		return (n);
	}
	r[n][0] = at[w1];
	r[n++][1] = at[w1 + 1];
	if (e1 >= 0 && e1 != w1) {
		r[n][0] = at[e1];
		r[n++][1] = at[e1 + 1];
	}
	return (n);
}

/*
 * Term j at token i, met in the bucket of b (0: the word's first byte,
 * 1: the raw form's, 2: the elided word's); rawdiff: the raw form's
 * first byte is not the word's.
 */
static void
topic_scan_try(struct topic_scan *s, size_t j, size_t i, int b, int rawdiff)
{
	const struct topic_term	*t = &s->tt->v[j];

	if (rawdiff && ((b == 0 && t->cased) || (b == 1 && !t->cased)))
		return;
	if (b == 2 && t->cased)
		return;
	topic_scan_at(s, j, i);
}

/* Every term occurrence; which topic each counts for. */
static void
topic_scan_terms(struct topic_scan *s)
{
	const struct topic_terms	*tt = s->tt;
	struct topic_occ		*o;
	const char			*w, *apos;
	size_t				 i, k, q, nr, r[3][2];
	size_t				 end[TOPIC_NTOPICS];
	int				 b, bw, br, be, c, w1, e1;

	for (i = 0; i < s->ntok; i++) {
		w = s->tok[i].word;
		bw = (unsigned char)w[0];
		br = (unsigned char)s->tok[i].raw[0];
		/* an elided article (l'Organisation, d'Etats): the word after */
		be = e1 = -1;
		w1 = (unsigned char)w[1];
		if ((apos = strchr(w, '\'')) != NULL && apos - w <= 2 &&
		    apos[1] != '\0') {
			if ((unsigned char)apos[1] != bw)
				be = (unsigned char)apos[1];
			e1 = (unsigned char)apos[2];
			/* another article after it: no second-byte test */
			if (topic_elided(apos + 1))
				w1 = -1;
		}
		for (b = 0; b < 3; b++) {
			if ((b == 1 && br == bw) || (b == 2 && be < 0))
				continue;
			c = b == 0 ? bw : b == 1 ? br : be;
			if (tt->nbyfirst[c] == 0)
				continue;
			nr = topic_scan_ranges(tt, c, w1, e1, r);
			for (q = 0; q < nr; q++) {
				for (k = r[q][0]; k < r[q][1]; k++)
					topic_scan_try(s, tt->byfirst[c][k], i,
					    b, br != bw);
			}
		}
	}
	/* buckets visit terms out of order: put occurrences in text order */
	if (s->nocc > 1)
		qsort(s->occ, s->nocc, sizeof *s->occ, topic_occ_cmp);
	topic_scan_signals(s);
	memset(end, 0, sizeof end);
	for (i = 0; i < s->nocc; i++) {
		o = &s->occ[i];
		switch (tt->v[o->term].kind) {
		case TOPIC_NAME:
		case TOPIC_FORMER:
		case TOPIC_BODY:
			o->topic = TOPIC_OTS;
			break;
		case TOPIC_ACRONYM:
			if (s->signal && !s->veto)
				o->topic = TOPIC_OTS;
			break;
		case TOPIC_ORG:
			o->topic = TOPIC_ORGS;
			break;
		case TOPIC_ANAPHOR:
			if (s->named && !s->others &&
			    !topic_scan_inside(s, i))
				o->topic = TOPIC_OTS;
			break;
		default:
			break;
		}
		/* Two terms on the same words count once. */
		if (o->topic >= 0) {
			if (i > 0 && o->pos < end[o->topic])
				o->topic = -1;
			else
				end[o->topic] = o->pos + o->n;
		}
	}
}

/*
 * Is aside b near name a: at most TOPIC_NEAR words before it, or
 * TOPIC_NEAR_AFTER after it?
 */
static int
topic_near(const struct topic_occ *a, const struct topic_occ *b)
{
	if (b->pos >= a->pos + a->n)
		return (b->pos - (a->pos + a->n) < TOPIC_NEAR_AFTER);
	if (a->pos >= b->pos + b->n)
		return (a->pos - (b->pos + b->n) < TOPIC_NEAR);
	return (1);
}

/* How each topic occurrence's sentence uses it. */
static void
topic_scan_uses(struct topic_scan *s)
{
	struct topic_occ	*o, *p;
	size_t			 i, k, first;
	int			 other, orgs, aside, frame;
	enum topic_kind		 kind;

	for (i = 0; i < s->nocc; i++) {
		o = &s->occ[i];
		if (o->topic < 0)
			continue;
		other = orgs = aside = frame = 0;
		/* occurrences are in text order: the sentence's are around i */
		for (first = i; first > 0 &&
		    s->sent[s->occ[first - 1].pos] == s->sent[o->pos]; first--)
			;
		for (k = first; k < s->nocc &&
		    s->sent[s->occ[k].pos] == s->sent[o->pos]; k++) {
			p = &s->occ[k];
			if (k == i)
				continue;
			kind = s->tt->v[p->term].kind;
			if (kind == TOPIC_OTHER)
				other++;
			else if (kind == TOPIC_ASIDE)
				aside |= topic_near(o, p);
			else if (kind == TOPIC_FRAME)
				frame = 1;
			else if (p->topic >= 0 && p->topic != o->topic)
				orgs++;
			else if (p->topic == o->topic && p->pos != o->pos &&
			    p->term != o->term && o->topic == TOPIC_ORGS)
				orgs++;
		}
		if (other >= 2 || other + orgs >= 3)
			o->use = USE_LIST;
		else if (aside)
			o->use = USE_ASIDE;
		else if (frame)
			o->use = USE_FRAME;
		else
			o->use = USE_FULL;
	}
}

static int
topic_occ_where(const struct topic_scan *s, const struct topic_occ *o)
{
	if (o->pos < s->ntitle)
		return (0);
	if (o->pos < s->leadend)
		return (1);
	return (2);
}

/* Points of one topic into a score. */
static double
topic_scan_score(const struct topic_scan *s, int topic)
{
	static const double	 pts[3][4] = {	/* where x use */
		{ 0.55, 0.55, 0.2, 0.2 },
		{ 0.3, 0.45, 0.06, 0.06 },
		{ 0.08, 0.08, 0.02, 0.02 }
	};
	const struct topic_occ	*o;
	double			 p = 0.0;
	size_t			 i, counted = 0, nbody;
	int			 w, lastp = -2, paras = 0, lead = 0;
	int			 intitle = 0, othertitle = 0;

	for (i = 0; i < s->nocc; i++) {
		o = &s->occ[i];
		if (o->pos < s->ntitle && s->tt->v[o->term].kind == TOPIC_OTHER)
			othertitle = 1;
		if (o->topic != topic || counted >= TOPIC_MAXOCC)
			continue;
		w = topic_occ_where(s, o);
		if (s->tt->v[o->term].kind == TOPIC_ANAPHOR)
			w = 2;
		p += pts[w][o->use];
		counted++;
		if (w == 0)
			intitle = 1;
		if (o->use > USE_FRAME)
			continue;
		if (w == 1)
			lead = 1;
		if (w > 0 && s->para[o->pos] != lastp) {
			if (lastp != -2 && paras < 3)
				p += 0.1;
			paras++;
			lastp = s->para[o->pos];
		}
	}
	if (counted == 0)
		return (0.0);
	nbody = s->ntok - s->ntitle;
	if (lead && nbody < TOPIC_SHORT)
		p += 0.15;
	if (othertitle && !intitle)
		p *= 0.7;
	p = 1.0 - exp(-1.6 * p);
	return (floor(p * 1000.0 + 0.5) / 1000.0);
}

/* The words of the text an occurrence matched, as the matched list has. */
static char *
topic_occ_text(const struct topic_scan *s, const struct topic_occ *o)
{
	struct buf	 b;
	char		*w, *apos;
	size_t		 k;

	buf_init(&b, 0);
	for (k = 0; k < o->n; k++) {
		w = text_normalize(s->tok[o->pos + k].raw, 0);
		if ((apos = strchr(w, '\'')) != NULL) {
			if (apos - w <= 2 && apos[1] != '\0')
				memmove(w, apos + 1, strlen(apos + 1) + 1);
			else
				*apos = '\0';
		}
		if (k > 0)
			buf_addc(&b, ' ');
		buf_addstr(&b, w);
		free(w);
	}
	return (buf_steal(&b));
}

static void
topic_list_add(struct buf *b, const char *sep, const char *s)
{
	if (b->len > 0)
		buf_addstr(b, sep);
	buf_addstr(b, s);
}

/* The matched list and the evidence. */
static void
topic_scan_report(const struct topic_scan *s, struct topic_verdict *v)
{
	static const char	*uses[] = { "", "(frame)", "(list)", "(aside)" };
	const struct topic_occ	*o;
	struct {
		char	*text;
		int	 topic;
		size_t	 nplaces;
		struct buf places;
	}			*d = NULL;
	struct buf		 m, e;
	char			*text, place[32];
	size_t			 i, k, nd = 0;
	int			 w;

	for (i = 0; i < s->nocc; i++) {
		o = &s->occ[i];
		if (o->topic < 0)
			continue;
		text = topic_occ_text(s, o);
		for (k = 0; k < nd; k++) {
			if (d[k].topic == o->topic &&
			    strcmp(d[k].text, text) == 0)
				break;
		}
		if (k == nd) {
			if (nd == TOPIC_MAXTERMS) {
				free(text);
				continue;
			}
			d = xreallocarray(d, nd + 1, sizeof *d);
			d[nd].text = text;
			d[nd].topic = o->topic;
			d[nd].nplaces = 0;
			buf_init(&d[nd].places, 0);
			nd++;
		} else
			free(text);
		if (d[k].nplaces++ >= TOPIC_MAXPLACES)
			continue;
		w = topic_occ_where(s, o);
		if (w == 0)
			snprintf(place, sizeof place, "title");
		else if (w == 1)
			snprintf(place, sizeof place, "lead%s", uses[o->use]);
		else
			snprintf(place, sizeof place, "p%d%s",
			    s->para[o->pos] + 1, uses[o->use]);
		topic_list_add(&d[k].places, ",", place);
	}
	buf_init(&m, 0);
	buf_init(&e, 0);
	for (k = 0; k < nd; k++) {
		topic_list_add(&m, ",", d[k].text);
		topic_list_add(&e, "; ", topic_names[d[k].topic]);
		buf_addc(&e, ':');
		buf_addstr(&e, d[k].text);
		buf_addc(&e, '@');
		buf_addstr(&e, d[k].places.data);
		if (d[k].nplaces > TOPIC_MAXPLACES)
			buf_printf(&e, ",+%zu", d[k].nplaces -
			    TOPIC_MAXPLACES);
		free(d[k].text);
		buf_clear(&d[k].places);
	}
	free(d);
	v->matched = buf_steal(&m);
	v->evidence = buf_steal(&e);
}

void
topic_assess(const struct topic_terms *tt, const char *title,
    const char *body, struct topic_verdict *v)
{
	struct text_words	w;

	text_words_make(title, body, &w);
	topic_assess_words(tt, &w, v);
	text_words_clear(&w);
}

void
topic_assess_words(const struct topic_terms *tt, const struct text_words *w,
    struct topic_verdict *v)
{
	struct topic_scan	s;
	int			t;

	memset(v, 0, sizeof *v);
	memset(&s, 0, sizeof s);
	s.tt = tt;
	topic_scan_text(&s, w);
	topic_scan_terms(&s);
	topic_scan_uses(&s);
	for (t = 0; t < TOPIC_NTOPICS; t++) {
		v->score[t] = topic_scan_score(&s, t);
		if (v->score[t] >= TOPIC_SUBJECT_MIN)
			v->rel[t] = TOPIC_SUBJECT;
		else if (v->score[t] > 0.0)
			v->rel[t] = TOPIC_MENTION;
	}
	topic_scan_report(&s, v);
	free(s.tok);		/* copies: the strings are w's */
	free(s.para);
	free(s.sent);
	free(s.occ);
}

void
topic_verdict_clear(struct topic_verdict *v)
{
	free(v->matched);
	free(v->evidence);
	v->matched = v->evidence = NULL;
}

int
topic_match(const struct topic_terms *tt, const char *title,
    const char *body, char **matched)
{
	struct topic_verdict	v;
	int			r;

	topic_assess(tt, title, body, &v);
	r = v.rel[TOPIC_OTS] == TOPIC_SUBJECT;
	if (matched != NULL) {
		*matched = v.matched;
		v.matched = NULL;
	}
	topic_verdict_clear(&v);
	return (r);
}
