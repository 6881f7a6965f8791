/*
 * dedup.c -- exact and near duplicates, and story grouping.
 *
 * content_hash: SHA-256 (libcrypto EVP) of the body's words in normal form
 * (text_tokenize: NFKC, folded case, confusables), joined by one space, so
 * that white space, punctuation and quote styles do not matter.
 *
 * dup_of: an earlier entry with the same content hash (similarity 1), else
 * the entry sharing the largest share of the shorter of the two texts,
 * when that share is at least DEDUP_NEAR (0.5) over at least
 * DEDUP_NEAR_MIN (6) sampled shingles (dedup-minhash.c); ties go to the
 * earliest.  Paragraphs that also occur in another article of the same
 * source (an "About the OTS" explainer, a copyright line) are left out of
 * the comparison -- unless the two share more than half their paragraphs:
 * that is one text posted twice, not boilerplate.
 *
 * story_id: a near or exact duplicate joins its original's story, unless
 * the two name different dates or venues (dedup_conflict: a template).
 * Otherwise the entries published within DEDUP_STORY_WINDOW (7 days) are
 * scored by the evidence they share (story.h; dedup_key_weight: a point
 * per name entity, matched across scripts, 1.75 per date written in the
 * text or venue -- a venue only beside a date, kind of event or number --,
 * 1.5 per decimal number, less for the kind of event and the member
 * states), plus DEDUP_STORY_MIN when DEDUP_STORY_TEXT (a quarter) of the
 * shorter text is shared.  A story whose members name other dates of the
 * event (within a week before publication) or other venues than the
 * article, and none of its, is not a candidate (dedup_story_conflict: the
 * same city's other meeting of the week).  An article with no date
 * written joins on its venue and kinds of event alone when the story's
 * date is within a day of its publication (dedup_brief_joins).
 * Entries whose OTS topic differs from the
 * article's (when both are known) are not candidates.  The best story
 * scoring at least DEDUP_STORY_JOIN (3.5) gives its story; else the article
 * starts one, named by the first 16 hex digits of its id.
 *
 * None of this scans the index (dedup-index.c keeps the maps): near-copy
 * candidates come from the sketch hashes the article's shingles hit,
 * stories from the keys matching the article's and from those candidates,
 * and the result is the one a scan of every entry in order would give.
 */
#include <sys/queue.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "buf.h"
#include "dedup-entry.h"
#include "dedup.h"
#include "hash.h"
#include "log.h"
#include "story.h"
#include "text.h"
#include "xmalloc.h"

#define DEDUP_STORY_MIN		3.5	/* text in common is worth this */
#define DEDUP_STORY_JOIN	3.5	/* shared evidence to join */
#define DEDUP_STORY_TEXT	0.25	/* or this much text in common */
#define DEDUP_STORY_STATES	0.25	/* member states count at most this */

char *
dedup_content_hash(const char *body)
{
	struct text_token	*t;
	struct buf		 b;
	size_t			 n, i;
	char			 hex[HASH_HEX_LEN + 1];

	n = text_tokenize(body != NULL ? body : "", 0, &t);
	buf_init(&b, 0);
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_addc(&b, ' ');
		buf_addstr(&b, t[i].word);
	}
	text_tokens_free(t, n);
	hash_sha256_hex(b.data != NULL ? b.data : "", b.len, hex);
	buf_clear(&b);
	return (xstrdup(hex));
}

/* Similarity of the article to one entry, 0 when not a near copy. */
static double
dedup_near(const struct dedup_entry *e, const char *source,
    const struct dedup_shingles *s, uint64_t amask)
{
	uint64_t	bmask;
	size_t		common;
	double		sim;

	bmask = dedup_boiler_of(e, source, s);
	sim = dedup_sketch_compare(s, amask, e->sketch, e->spara, e->nsketch,
	    e->nshingles <= e->nsketch, bmask, &common);
	if (sim < DEDUP_NEAR || common < DEDUP_NEAR_MIN)
		return (0.0);
	return (sim);
}

static int
dedup_masked(uint8_t para, uint64_t mask)
{
	return (DEDUP_TAG_MASKED(para, mask));
}

static void
dedup_cand_add(struct dedup_index *idx, size_t n, struct dedup_entry *e)
{
	if (n == idx->candsize) {
		idx->candsize = idx->candsize == 0 ? 16 : idx->candsize * 2;
		idx->cands = xreallocarray(idx->cands, idx->candsize,
		    sizeof *idx->cands);
	}
	idx->cands[n] = e;
}

/* Start an evaluation: fresh per-call counters and slots. */
static void
dedup_generation(struct dedup_index *idx)
{
	size_t	i;

	if (++idx->gen != 0)
		return;
	for (i = 0; i < idx->nents; i++) {
		if (idx->ents[i] != NULL)
			idx->ents[i]->cgen = 0;
	}
	for (i = 0; i < idx->nstories; i++) {
		if (idx->stories[i] != NULL)
			idx->stories[i]->gen = 0;
	}
	for (i = 0; i < idx->nkeys; i++) {
		if (idx->keys[i] != NULL)
			idx->keys[i]->mgen = 0;
	}
	idx->gen = 1;
}

/*
 * How many (article shingle, sketch hash) pairs of e are equal once
 * quantised, the article's shingles outside amask: what the bysketch walk
 * of dedup_candidates counts for e, by one merge of the two sorted lists
 * (a run of equal values counts as the product of the two runs' lengths,
 * as the walk does).
 */
static size_t
dedup_shared_count(const struct dedup_shingles *s, uint64_t amask,
    const struct dedup_entry *e)
{
	uint64_t	q, last;
	size_t		i = 0, j = 0, na, nb, n = 0;

	if (e->nsketch == 0)
		return (0);
	last = e->sketch[e->nsketch - 1] & DEDUP_SKETCH_Q;
	while (i < s->n && j < e->nsketch) {
		q = s->h[i] & DEDUP_SKETCH_Q;
		if (q > last)
			break;
		if (q < (e->sketch[j] & DEDUP_SKETCH_Q)) {
			i++;
			continue;
		}
		if (q > (e->sketch[j] & DEDUP_SKETCH_Q)) {
			j++;
			continue;
		}
		for (na = 0; i < s->n && (s->h[i] & DEDUP_SKETCH_Q) == q; i++)
			na += !dedup_masked(s->para[i], amask);
		for (nb = 0; j < e->nsketch &&
		    (e->sketch[j] & DEDUP_SKETCH_Q) == q; j++)
			nb++;
		n += na * nb;
	}
	return (n);
}

/*
 * Near-copy candidates into idx->cands: the entries (other than the
 * article's id) with at least DEDUP_NEAR_MIN sketch hashes among the
 * article's shingles outside amask.  dedup_sketch_compare counts no other
 * hash in common, so no other entry reaches DEDUP_NEAR_MIN shared hashes
 * (for a near copy, or for enough text to join a story).  A view has no
 * bysketch map: each of its entries is compared (dedup_shared_count).
 * The order found does not matter: dedup_find_dup sorts by seq.
 */
static size_t
dedup_candidates(struct dedup_index *idx, const struct dedup_entry *ne,
    const struct dedup_shingles *s, uint64_t amask)
{
	struct dedup_entry	*e;
	size_t			 i, c, n = 0;

	dedup_generation(idx);		/* also what the story slots go by */
	if (idx->view) {
		for (i = 0; i < idx->nents; i++) {
			if ((e = idx->ents[i]) != NULL &&
			    dedup_shared_count(s, amask, e) >= DEDUP_NEAR_MIN &&
			    strcmp(e->id, ne->id) != 0)
				dedup_cand_add(idx, n++, e);
		}
		return (n);
	}
	for (i = 0; i < s->n; i++) {
		if (dedup_masked(s->para[i], amask))
			continue;
		c = 0;
		while ((e = dedup_sketch_next(idx, s->h[i] & DEDUP_SKETCH_Q,
		    &c)) != NULL) {
			if (e->cgen != idx->gen) {
				e->cgen = idx->gen;
				e->ccount = 0;
			}
			if (++e->ccount == DEDUP_NEAR_MIN &&
			    strcmp(e->id, ne->id) != 0)
				dedup_cand_add(idx, n++, e);
		}
	}
	return (n);
}

static int
dedup_seq_cmp(const void *a, const void *b)
{
	const struct dedup_entry	*x = *(struct dedup_entry *const *)a;
	const struct dedup_entry	*y = *(struct dedup_entry *const *)b;

	return (x->seq < y->seq ? -1 : x->seq > y->seq);
}

/*
 * Find what the article repeats; returns the entry or NULL.  Candidates
 * (same content hash, or near-copy candidates) are taken in the order the
 * index received them, which is how ties went when the whole index was
 * compared.
 */
static struct dedup_entry *
dedup_find_dup(struct dedup_index *idx, const struct dedup_entry *ne,
    const struct dedup_shingles *s, uint64_t amask, size_t ncand,
    double *simp)
{
	struct dedup_entry	*e, *best = NULL, **v;
	double			 sim, bestsim = 0.0;
	size_t			 n = ncand, c = 0, i;

	while ((e = dedup_hash_next(idx, ne->hash, &c)) != NULL) {
		if (strcmp(e->id, ne->id) != 0)
			dedup_cand_add(idx, n++, e);
	}
	v = xreallocarray(NULL, n + 1, sizeof *v);
	if (n != 0) {		/* idx->cands is NULL before the first use */
		memcpy(v, idx->cands, n * sizeof *v);
		qsort(v, n, sizeof *v, dedup_seq_cmp);
	}
	for (i = 0; i < n; i++) {
		e = v[i];
		if (i > 0 && v[i - 1] == e)
			continue;
		if (strcmp(e->hash, ne->hash) == 0)
			sim = 1.0;
		else
			sim = dedup_near(e, ne->source, s, amask);
		if (sim > bestsim || (sim == bestsim && sim > 0.0 &&
		    e->when >= 0 && best->when > e->when)) {
			best = e;
			bestsim = sim;
		}
	}
	free(v);
	*simp = bestsim;
	return (best);
}

static int
dedup_in_window(time_t a, time_t b)
{
	if (a < 0 || b < 0)
		return (1);
	return ((a > b ? a - b : b - a) <= DEDUP_STORY_WINDOW);
}

/* Would the whole-index scan have looked at e for the article's story? */
static int
dedup_eligible(const struct dedup_entry *ne, const struct dedup_entry *e)
{
	if (strcmp(e->id, ne->id) == 0 || e->story == NULL ||
	    !dedup_in_window(ne->when, e->when))
		return (0);
	return (ne->ots < 0 || e->ots < 0 || ne->ots == e->ots);
}

/*
 * A story's evidence is the union of its members' evidence: a report in
 * another language that names what several earlier reports named between
 * them joins their story, whatever order the reports arrive in.
 */
/*
 * What a shared key is worth: a name 1, a date or venue 1.75, a decimal
 * number 1.5, another number 1, the kind of event 0.5, a member state 0.25
 * (all of them together at most DEDUP_STORY_STATES).
 */
static double
dedup_key_weight(const char *k)
{
	if (k[0] != '#')
		return (1.0);
	switch (k[1]) {
	case '@':
	case '!':
		return (1.75);
	case '~':
		return (0.25);
	case '%':
		return (0.5);
	}
	return (strchr(k, '.') != NULL ? 1.5 : 1.0);
}

/*
 * The score of a story for the article.  A venue counts only when the
 * story also shares a key of the event -- a date, the kind of event or a
 * number: a city and a person's name are shared by every article about
 * the region (the akim of Mangystau in Aktau is no OTS meeting there).
 */
static double
dedup_slot_score(const struct dedup_entry *ne, const struct dedup_slot *slot)
{
	double		 score = slot->text ? DEDUP_STORY_MIN : 0.0, states = 0.0;
	double		 venues = 0.0;
	const char	*k;
	size_t		 i;
	int		 event = 0;

	for (i = 0; i < ne->nkeys && i < 64; i++) {
		if (!(slot->matched & ((uint64_t)1 << i)))
			continue;
		k = ne->keys[i];
		if (k[0] == '#' && k[1] == '~')
			states += dedup_key_weight(k);
		else if (k[0] == '#' && k[1] == '!')
			venues += dedup_key_weight(k);
		else {
			score += dedup_key_weight(k);
			event |= k[0] == '#';
		}
	}
	if (event)
		score += venues;
	return (score + (states < DEDUP_STORY_STATES ? states :
	    DEDUP_STORY_STATES));
}

/* The article's keys (among the candidates) that e's keys match. */
static void
dedup_slot_add(struct dedup_slot *slot, const struct dedup_entry *ne,
    const struct dedup_entry *e)
{
	size_t	i, j;

	for (i = 0; i < ne->nkeys && i < 64; i++) {
		if (!(slot->cand & ((uint64_t)1 << i)) ||
		    (slot->matched & ((uint64_t)1 << i)))
			continue;
		for (j = 0; j < e->nkeys; j++) {
			if (story_key_match(ne->keys[i], e->keys[j])) {
				slot->matched |= (uint64_t)1 << i;
				break;
			}
		}
	}
}

static size_t
dedup_slot_get(struct dedup_index *idx, struct dedup_story *st, size_t *n)
{
	struct dedup_slot	*slot;

	if (st->gen == idx->gen)
		return (st->slot);
	if (*n == idx->slotsize) {
		idx->slotsize = idx->slotsize == 0 ? 16 : idx->slotsize * 2;
		idx->slots = xreallocarray(idx->slots, idx->slotsize,
		    sizeof *idx->slots);
	}
	slot = &idx->slots[*n];
	memset(slot, 0, sizeof *slot);
	slot->st = st;
	st->gen = idx->gen;
	st->slot = *n;
	return ((*n)++);
}

static void
dedup_key_stories(struct dedup_index *idx, struct dedup_key *k, size_t i,
    size_t *n)
{
	size_t	j, si;

	if (k->mgen == idx->gen && k->mi == i)
		return;		/* found already through another part */
	k->mgen = idx->gen;
	k->mi = i;
	for (j = 0; j < k->nstories; j++) {
		si = dedup_slot_get(idx, idx->stories[k->stories[j]], n);
		idx->slots[si].cand |= (uint64_t)1 << i;
	}
}

/*
 * Slots for the stories with a key matching one of the article's.  Two
 * entity keys match when a part of one matches a part of the other
 * (story_key_match), and matching parts share their prefix: each pair of
 * parts that does is found under the prefix of the article's key's part
 * (dedup-index.c), and checked with story_part_match.
 */
static void
dedup_story_keys(struct dedup_index *idx, const struct dedup_entry *ne,
    size_t *n)
{
	struct dedup_key	*k;
	const char		*key, *p;
	size_t			 i, w, lp, c, part;

	for (i = 0; i < ne->nkeys && i < 64; i++) {
		key = ne->keys[i];
		if (key[0] == '#') {
			if ((k = dedup_index_key(idx, key)) != NULL)
				dedup_key_stories(idx, k, i, n);
			continue;
		}
		for (p = key; *p != '\0'; p += lp + (p[lp] == '+')) {
			lp = strcspn(p, "+");
			c = 0;
			while ((k = dedup_prefix_next(idx,
			    dedup_prefix_key(p, lp), &c, &part)) != NULL) {
				if (story_part_match(p, lp, k->s + (part >> 16),
				    part & 0xffff))
					dedup_key_stories(idx, k, i, n);
			}
		}
		for (w = 0; w < idx->nwild; w++) {
			k = idx->keys[idx->wild[w]];
			if (story_key_match(key, k->s))
				dedup_key_stories(idx, k, i, n);
		}
	}
}

/* Does a key of one kind ("#@" dates, "#!" venues) occur among keys? */
static int
dedup_has_kind(const struct dedup_entry *e, char kind)
{
	size_t	i;

	for (i = 0; i < e->nkeys; i++) {
		if (e->keys[i][0] == '#' && e->keys[i][1] == kind)
			return (1);
	}
	return (0);
}

/*
 * sscanf(s, "%2d%2d", m, d) == 2, four digits (what date keys hold) read
 * in line: sscanf was most of the comparison of two entries' dates.
 */
static int
dedup_mmdd(const char *s, int *m, int *d)
{
	if (s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' &&
	    s[2] >= '0' && s[2] <= '9' && s[3] >= '0' && s[3] <= '9') {
		*m = (s[0] - '0') * 10 + (s[1] - '0');
		*d = (s[2] - '0') * 10 + (s[3] - '0');
		return (1);
	}
	return (sscanf(s, "%2d%2d", m, d) == 2);
}

/* Do two keys of a kind agree (dates: within a day, for datelines)? */
static int
dedup_kind_agree(const char *a, const char *b)
{
	int	ma, da, mb, db;

	if (a[1] == '@' && dedup_mmdd(a + 2, &ma, &da) &&
	    dedup_mmdd(b + 2, &mb, &db))
		return (abs((ma * 31 + da) - (mb * 31 + db)) <= 1);
	return (strcmp(a, b) == 0);
}

/*
 * Do two entries name different dates (more than a day apart), or
 * different venues, and none in common?  Then they report different
 * events, however much text (a template, a press release's background)
 * they share.
 */
static int
dedup_conflict(const struct dedup_entry *a, const struct dedup_entry *b)
{
	static const char	 kinds[] = { '@', '!' };
	size_t			 k, i, j;
	int			 agree;

	for (k = 0; k < sizeof kinds; k++) {
		if (!dedup_has_kind(a, kinds[k]) || !dedup_has_kind(b, kinds[k]))
			continue;
		agree = 0;
		for (i = 0; i < a->nkeys && !agree; i++) {
			if (a->keys[i][0] != '#' || a->keys[i][1] != kinds[k])
				continue;
			for (j = 0; j < b->nkeys && !agree; j++) {
				if (b->keys[j][0] == '#' &&
				    b->keys[j][1] == kinds[k])
					agree = dedup_kind_agree(a->keys[i],
					    b->keys[j]);
			}
		}
		if (!agree)
			return (1);
	}
	return (0);
}

/* Slots for the stories of near-copy candidates sharing enough text. */
static void
dedup_story_text(struct dedup_index *idx, const struct dedup_entry *ne,
    const struct dedup_shingles *s, uint64_t amask, size_t ncand, size_t *n)
{
	struct dedup_entry	*e;
	struct dedup_slot	*slot;
	double			 sim;
	size_t			 i, si, common;

	for (i = 0; i < ncand; i++) {
		e = idx->cands[i];
		if (e->st == NULL || !dedup_eligible(ne, e) ||
		    dedup_conflict(ne, e))
			continue;
		/*
		 * Not &idx->slots[dedup_slot_get(...)]: the call may move
		 * idx->slots, and C leaves it open whether idx->slots is read
		 * before or after it (a throw-away view starts with none).
		 */
		si = dedup_slot_get(idx, e->st, n);
		slot = &idx->slots[si];
		if (slot->text)
			continue;
		sim = dedup_sketch_compare(s, amask, e->sketch, e->spara,
		    e->nsketch, e->nshingles <= e->nsketch,
		    dedup_boiler_of(e, ne->source, s), &common);
		slot->text = sim >= DEDUP_STORY_TEXT && common >= DEDUP_NEAR_MIN;
	}
}

/* Are all the story's members within the article's window? */
static int
dedup_story_within(const struct dedup_entry *ne, const struct dedup_story *st)
{
	if (ne->when < 0 || st->n == st->nneg)
		return (1);
	return (ne->when - st->minw <= DEDUP_STORY_WINDOW &&
	    st->maxw - ne->when <= DEDUP_STORY_WINDOW);
}

/*
 * The keys a story's eligible members match, and the first of them (the
 * order of the stories when the whole index was scanned); 0 when none is
 * eligible.  When every member is, the keys found are all matched.
 */
static int
dedup_slot_resolve(const struct dedup_entry *ne, const struct dedup_entry *same,
    struct dedup_slot *slot)
{
	struct dedup_story	*st = slot->st;
	struct dedup_entry	*e;
	int			 found = 0;

	if (ne->ots >= 0 && st->ots >= 0 && ne->ots != st->ots)
		return (0);
	if ((same == NULL || same->st != st) &&
	    (dedup_story_within(ne, st) || (st->dirty &&
	    (dedup_story_bounds(st), dedup_story_within(ne, st))))) {
		slot->matched = slot->cand;
		slot->first = TAILQ_FIRST(&st->members)->seq;
		return (1);
	}
	TAILQ_FOREACH(e, &st->members, stentry) {
		if (!dedup_eligible(ne, e))
			continue;
		if (!found) {
			slot->first = e->seq;
			found = 1;
		}
		if ((slot->cand & ~slot->matched) == 0)
			break;
		dedup_slot_add(slot, ne, e);
	}
	return (found);
}

/*
 * Gather into a slot what the story's groups of other OTS flags add: their
 * slots, or (without one) the order of their first member.
 */
static void
dedup_slot_merge(struct dedup_index *idx, const struct dedup_entry *ne,
    const struct dedup_entry *same, struct dedup_slot *slot)
{
	struct dedup_story	*st;
	struct dedup_slot	*other, tmp;
	int			 ots;

	for (ots = -1; ots <= 1; ots++) {
		if (ots == slot->st->ots || (st = dedup_index_story(idx,
		    slot->st->name, ots)) == NULL)
			continue;
		if (st->gen == idx->gen) {
			other = &idx->slots[st->slot];
			other->merged = 1;
		} else {
			memset(&tmp, 0, sizeof tmp);
			tmp.st = st;
			other = &tmp;
			other->ok = dedup_slot_resolve(ne, same, other);
		}
		if (!other->ok)
			continue;
		slot->matched |= other->matched;
		slot->text |= other->text;
		if (other->first < slot->first)
			slot->first = other->first;
	}
}

/* The date key ("#@MMDD") of a time. */
static void
dedup_day_key(time_t t, char *buf, size_t len)
{
	struct tm	tm;

	gmtime_r(&t, &tm);
	if (len < 7) {
		snprintf(buf, len, "#@%02d%02d", tm.tm_mon + 1, tm.tm_mday);
		return;
	}
	/* as the snprintf: a month and a day have two digits */
	buf[0] = '#';
	buf[1] = '@';
	buf[2] = (char)('0' + (tm.tm_mon + 1) / 10);
	buf[3] = (char)('0' + (tm.tm_mon + 1) % 10);
	buf[4] = (char)('0' + tm.tm_mday / 10);
	buf[5] = (char)('0' + tm.tm_mday % 10);
	buf[6] = '\0';
}

/*
 * Can a date key be the day of the event an entry reports: from a week
 * before its publication to the day after?  Other dates in a text are
 * announcements and background ("the summit on 11 June").  An unknown
 * publication time takes every date.
 */
static int
dedup_date_near(const char *k, time_t when)
{
	struct tm	tm;
	time_t		t;
	int		m, d, dy;

	if (when < 0)
		return (1);
	if (!dedup_mmdd(k + 2, &m, &d))
		return (0);
	for (dy = -1; dy <= 1; dy++) {
		gmtime_r(&when, &tm);
		tm.tm_year += dy;
		tm.tm_mon = m - 1;
		tm.tm_mday = d;
		tm.tm_hour = 12;
		tm.tm_min = tm.tm_sec = 0;
		t = timegm(&tm);
		if (t - when <= 36 * 3600 && when - t <= DEDUP_STORY_WINDOW)
			return (1);
	}
	return (0);
}

/* Does a key of one kind of e agree with k, or with one of ne's? */
static int
dedup_agrees(const struct dedup_entry *e, char kind, const char *k,
    const struct dedup_entry *ne)
{
	size_t	i, j;

	for (i = 0; i < e->nkeys; i++) {
		if (e->keys[i][0] != '#' || e->keys[i][1] != kind)
			continue;
		if (kind == '@' && !dedup_date_near(e->keys[i], e->when))
			continue;
		if (k != NULL && dedup_kind_agree(e->keys[i], k))
			return (1);
		for (j = 0; ne != NULL && j < ne->nkeys; j++) {
			if (ne->keys[j][0] == '#' && ne->keys[j][1] == kind &&
			    (kind != '@' ||
			    dedup_date_near(ne->keys[j], ne->when)) &&
			    dedup_kind_agree(e->keys[i], ne->keys[j]))
				return (1);
		}
	}
	return (0);
}

/* Does e name a key of one kind (a date: one near its publication)? */
static int
dedup_names(const struct dedup_entry *e, char kind)
{
	size_t	i;

	for (i = 0; i < e->nkeys; i++) {
		if (e->keys[i][0] == '#' && e->keys[i][1] == kind &&
		    (kind != '@' || dedup_date_near(e->keys[i], e->when)))
			return (1);
	}
	return (0);
}

/*
 * Hold the article against the story's eligible members (of every OTS
 * flag): returns 1 when both name dates of the event (dedup_date_near),
 * or both venues, and none agree -- another event, however much else they
 * share.  *day: a member's date, or
 * in a story with no date written a member's publication day, is within a
 * day of the article's publication day.
 */
static int
dedup_story_conflict(struct dedup_index *idx, const struct dedup_entry *ne,
    const struct dedup_story *st0, int *day)
{
	static const char	 kinds[] = { '@', '!' };
	const struct dedup_story *st;
	struct dedup_entry	*e;
	char			 pub[16], epub[16];
	size_t			 k;
	int			 ots, has[2] = { 0, 0 }, agree[2] = { 0, 0 };
	int			 dated = 0, pubday = 0;

	*day = 0;
	if (ne->when >= 0)
		dedup_day_key(ne->when, pub, sizeof pub);
	for (ots = -1; ots <= 1; ots++) {
		if ((st = dedup_index_story(idx, st0->name, ots)) == NULL)
			continue;
		TAILQ_FOREACH(e, &st->members, stentry) {
			if (!dedup_eligible(ne, e))
				continue;
			for (k = 0; k < sizeof kinds; k++) {
				if (!dedup_names(e, kinds[k]))
					continue;
				has[k] = 1;
				agree[k] |= dedup_agrees(e, kinds[k], NULL, ne);
			}
			if (ne->when < 0)
				continue;
			dated |= dedup_names(e, '@');
			*day |= dedup_agrees(e, '@', pub, NULL);
			if (e->when >= 0) {
				dedup_day_key(e->when, epub, sizeof epub);
				pubday |= dedup_kind_agree(epub, pub);
			}
		}
	}
	if (!dated)
		*day = pubday;
	for (k = 0; k < sizeof kinds; k++) {
		if (has[k] && dedup_names(ne, kinds[k]) && !agree[k])
			return (1);
	}
	return (0);
}

/*
 * A brief names no date, often no one: it joins a story that shares its
 * venue and every kind of event it names, when the story's date is the
 * day the brief was published, or a day either side.
 */
static int
dedup_brief_joins(const struct dedup_entry *ne, const struct dedup_slot *slot)
{
	size_t	i;
	int	venue = 0, kind = 0;

	if (dedup_has_kind(ne, '@'))
		return (0);
	for (i = 0; i < ne->nkeys && i < 64; i++) {
		if (ne->keys[i][0] != '#')
			continue;
		if (ne->keys[i][1] == '%' &&
		    !(slot->matched & ((uint64_t)1 << i)))
			return (0);
		if (!(slot->matched & ((uint64_t)1 << i)))
			continue;
		venue |= ne->keys[i][1] == '!';
		kind |= ne->keys[i][1] == '%';
	}
	return (venue && kind);
}

static const char *
dedup_find_story(struct dedup_index *idx, const struct dedup_entry *ne,
    const struct dedup_shingles *s, uint64_t amask, size_t ncand)
{
	struct dedup_entry	*same;
	struct dedup_slot	*slot, *best = NULL;
	double			 score, bestscore = 0.0;
	size_t			 n = 0, i;
	int			 day;

	dedup_story_keys(idx, ne, &n);
	dedup_story_text(idx, ne, s, amask, ncand, &n);
	same = dedup_index_find(idx, ne->id);
	for (i = 0; i < n; i++)
		idx->slots[i].ok = dedup_slot_resolve(ne, same, &idx->slots[i]);
	for (i = 0; i < n; i++) {
		slot = &idx->slots[i];
		if (!slot->ok || slot->merged)
			continue;
		dedup_slot_merge(idx, ne, same, slot);
		if (dedup_story_conflict(idx, ne, slot->st, &day))
			continue;
		score = dedup_slot_score(ne, slot);
		if (score < DEDUP_STORY_JOIN && day &&
		    dedup_brief_joins(ne, slot))
			score = DEDUP_STORY_JOIN;
		if (score >= DEDUP_STORY_JOIN && (score > bestscore ||
		    (score == bestscore && slot->first < best->first))) {
			best = slot;
			bestscore = score;
		}
	}
	return (best != NULL ? best->st->name : NULL);
}

struct dedup_entry *
dedup_evaluate(struct dedup_index *idx, struct article *a)
{
	struct dedup_text	*t = dedup_text_make(a);
	struct dedup_entry	*ne;

	ne = dedup_evaluate_text(idx, a, t);
	dedup_text_free(t);
	return (ne);
}

struct dedup_entry *
dedup_evaluate_text(struct dedup_index *idx, struct article *a,
    struct dedup_text *t)
{
	struct dedup_entry		*ne, *dup;
	const struct dedup_shingles	*s = &t->s;
	const char			*story;
	double				 sim;
	uint64_t			 amask;
	size_t				 ncand;

	article_set(&a->content_hash, t->content_hash);
	amask = dedup_source_boiler(idx, a->id != NULL ? a->id : "",
	    a->source != NULL ? a->source : "-", s);
	ne = dedup_entry_make_text(a, t, amask);

	ncand = dedup_candidates(idx, ne, s, amask);
	article_set(&a->dup_of, NULL);
	a->similarity = -1;
	if ((dup = dedup_find_dup(idx, ne, s, amask, ncand, &sim)) != NULL) {
		article_set(&a->dup_of, dup->id);
		a->similarity = sim;
	}
	if (dup != NULL && dup->story != NULL && !dedup_conflict(ne, dup))
		story = dup->story;
	else
		story = dedup_find_story(idx, ne, s, amask, ncand);
	if (story != NULL)
		ne->story = xstrdup(story);
	else
		ne->story = xstrndup(ne->id, 16);
	article_set(&a->story_id, ne->story);
	return (ne);
}
