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
 * story_id: a near or exact duplicate joins its original's story.
 * Otherwise the entries published within DEDUP_STORY_WINDOW (3 days) are
 * scored by the evidence they share (story.h: a point per name entity,
 * matched across scripts, or number; 1.5 per decimal number), plus
 * DEDUP_STORY_MIN when DEDUP_STORY_TEXT (a quarter) of the shorter text is
 * shared.  Entries whose OTS topic differs from the article's (when both
 * are known) are not candidates.  The best entry scoring at least
 * DEDUP_STORY_MIN (3.5) gives its story; else the article starts one,
 * named by the first 16 hex digits of its id.
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

#define DEDUP_STORY_MIN		3.5	/* shared evidence to join */
#define DEDUP_STORY_TEXT	0.25	/* or this much text in common */

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

struct dedup_index *
dedup_index_new(time_t retention)
{
	struct dedup_index	*idx;

	idx = xcalloc(1, sizeof *idx);
	TAILQ_INIT(&idx->entries);
	idx->retention = retention;
	return (idx);
}

void
dedup_index_free(struct dedup_index *idx)
{
	struct dedup_entry	*e;

	if (idx == NULL)
		return;
	while ((e = TAILQ_FIRST(&idx->entries)) != NULL) {
		TAILQ_REMOVE(&idx->entries, e, entry);
		dedup_entry_free(e);
	}
	free(idx);
}

/* Bit mask of a's paragraphs that also occur in b. */
static uint64_t
dedup_shared_paras(const uint64_t *a, size_t na, const uint64_t *b,
    size_t nb)
{
	uint64_t	mask = 0;
	size_t		i, j;

	for (i = 0; i < na && i < 64; i++) {
		for (j = 0; j < nb; j++) {
			if (a[i] == b[j]) {
				mask |= 1ULL << i;
				break;
			}
		}
	}
	return (mask);
}

static size_t
dedup_popcount(uint64_t m)
{
	return (__builtin_popcountll(m));
}

/*
 * Do two articles of one source share more than half the paragraphs of the
 * shorter?  Then they are one text posted twice, not a text and the site's
 * boilerplate.
 */
static int
dedup_repost(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
	size_t	shared, fewer;

	shared = dedup_popcount(dedup_shared_paras(a, na, b, nb));
	fewer = na < nb ? na : nb;
	return (fewer > 0 && shared * 2 > fewer);
}

/* The article's paragraphs that other articles of its source also carry. */
static uint64_t
dedup_source_boiler(struct dedup_index *idx, const char *id,
    const char *source, const struct dedup_shingles *s)
{
	struct dedup_entry	*e;
	uint64_t		 mask = 0;

	TAILQ_FOREACH(e, &idx->entries, entry) {
		if (strcmp(e->id, id) == 0 || strcmp(e->source, source) != 0 ||
		    dedup_repost(s->paras, s->nparas, e->paras, e->nparas))
			continue;
		mask |= dedup_shared_paras(s->paras, s->nparas, e->paras,
		    e->nparas);
	}
	return (mask);
}

int
dedup_index_has_hash(const struct dedup_index *idx, const char *hash)
{
	struct dedup_entry	*e;

	TAILQ_FOREACH(e, &idx->entries, entry) {
		if (strcmp(e->hash, hash) == 0)
			return (1);
	}
	return (0);
}

void
dedup_index_add(struct dedup_index *idx, struct dedup_entry *ne)
{
	struct dedup_entry	*e, *next;

	TAILQ_FOREACH_SAFE(e, &idx->entries, entry, next) {
		if (strcmp(e->id, ne->id) == 0) {
			TAILQ_REMOVE(&idx->entries, e, entry);
			idx->bytes -= dedup_entry_size(e);
			idx->count--;
			dedup_entry_free(e);
			continue;
		}
		if (strcmp(e->source, ne->source) != 0 ||
		    dedup_repost(ne->paras, ne->nparas, e->paras, e->nparas))
			continue;
		ne->boiler |= dedup_shared_paras(ne->paras, ne->nparas,
		    e->paras, e->nparas);
		e->boiler |= dedup_shared_paras(e->paras, e->nparas,
		    ne->paras, ne->nparas);
	}
	TAILQ_INSERT_TAIL(&idx->entries, ne, entry);
	idx->bytes += dedup_entry_size(ne);
	idx->count++;
}

void
dedup_index_expire(struct dedup_index *idx, time_t now)
{
	struct dedup_entry	*e, *next;

	if (idx->retention <= 0)
		return;
	TAILQ_FOREACH_SAFE(e, &idx->entries, entry, next) {
		if (e->seen < 0 || e->seen >= now - idx->retention)
			continue;
		TAILQ_REMOVE(&idx->entries, e, entry);
		idx->bytes -= dedup_entry_size(e);
		idx->count--;
		dedup_entry_free(e);
	}
}

size_t
dedup_index_count(const struct dedup_index *idx)
{
	return (idx->count);
}

size_t
dedup_index_bytes(const struct dedup_index *idx)
{
	return (idx->bytes + sizeof *idx);
}

/* The candidate's paragraphs to leave out when compared with a. */
static uint64_t
dedup_boiler_of(const struct dedup_entry *e, const char *source,
    const struct dedup_shingles *s)
{
	uint64_t	mask = e->boiler;

	if (strcmp(e->source, source) == 0 &&
	    !dedup_repost(e->paras, e->nparas, s->paras, s->nparas))
		mask |= dedup_shared_paras(e->paras, e->nparas, s->paras,
		    s->nparas);
	return (mask);
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

/* Find what the article repeats; returns the entry or NULL. */
static struct dedup_entry *
dedup_find_dup(struct dedup_index *idx, const struct dedup_entry *ne,
    const struct dedup_shingles *s, uint64_t amask, double *simp)
{
	struct dedup_entry	*e, *best = NULL;
	double			 sim, bestsim = 0.0;

	TAILQ_FOREACH(e, &idx->entries, entry) {
		if (strcmp(e->id, ne->id) == 0)
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

/*
 * A story's evidence is the union of its members' evidence: a report in
 * another language that names what several earlier reports named between
 * them joins their story, whatever order the reports arrive in.
 */
struct dedup_story_slot {
	const char	*story;
	uint64_t	 matched;	/* ne's keys found in this story */
	int		 text;		/* a member shares enough text */
};

static double
dedup_slot_score(const struct dedup_entry *ne,
    const struct dedup_story_slot *slot)
{
	double	score = slot->text ? DEDUP_STORY_MIN : 0.0;
	size_t	i;

	for (i = 0; i < ne->nkeys && i < 64; i++) {
		if (slot->matched & ((uint64_t)1 << i))
			score += ne->keys[i][0] == '#' &&
			    strchr(ne->keys[i], '.') != NULL ? 1.5 : 1.0;
	}
	return (score);
}

static void
dedup_slot_add(struct dedup_story_slot *slot, const struct dedup_entry *ne,
    const struct dedup_entry *e)
{
	size_t	i, j;

	for (i = 0; i < ne->nkeys && i < 64; i++) {
		if (slot->matched & ((uint64_t)1 << i))
			continue;
		for (j = 0; j < e->nkeys; j++) {
			if (story_key_match(ne->keys[i], e->keys[j])) {
				slot->matched |= (uint64_t)1 << i;
				break;
			}
		}
	}
}

static const char *
dedup_find_story(struct dedup_index *idx, const struct dedup_entry *ne,
    const struct dedup_shingles *s, uint64_t amask)
{
	struct dedup_entry	*e;
	struct dedup_story_slot	*slots = NULL, *slot;
	const char		*best = NULL;
	double			 score, bestscore = 0.0, sim;
	size_t			 common, nslots = 0, i;

	TAILQ_FOREACH(e, &idx->entries, entry) {
		if (strcmp(e->id, ne->id) == 0 || e->story == NULL ||
		    !dedup_in_window(ne->when, e->when))
			continue;
		if (ne->ots >= 0 && e->ots >= 0 && ne->ots != e->ots)
			continue;
		for (i = 0; i < nslots; i++) {
			if (strcmp(slots[i].story, e->story) == 0)
				break;
		}
		if (i == nslots) {
			slots = xreallocarray(slots, nslots + 1, sizeof *slots);
			memset(&slots[nslots], 0, sizeof *slots);
			slots[nslots++].story = e->story;
		}
		slot = &slots[i];
		dedup_slot_add(slot, ne, e);
		if (!slot->text) {
			sim = dedup_sketch_compare(s, amask, e->sketch,
			    e->spara, e->nsketch, e->nshingles <= e->nsketch,
			    dedup_boiler_of(e, ne->source, s), &common);
			slot->text = sim >= DEDUP_STORY_TEXT &&
			    common >= DEDUP_NEAR_MIN;
		}
	}
	for (i = 0; i < nslots; i++) {
		score = dedup_slot_score(ne, &slots[i]);
		if (score >= DEDUP_STORY_MIN && score > bestscore) {
			best = slots[i].story;
			bestscore = score;
		}
	}
	free(slots);
	return (best);
}

struct dedup_entry *
dedup_evaluate(struct dedup_index *idx, struct article *a)
{
	struct dedup_entry	*ne, *dup;
	struct dedup_shingles	 s;
	const char		*story;
	double			 sim;

	uint64_t		 amask;

	free(a->content_hash);
	a->content_hash = dedup_content_hash(a->body);
	dedup_shingles_make(a->body, &s);
	amask = dedup_source_boiler(idx, a->id != NULL ? a->id : "",
	    a->source != NULL ? a->source : "-", &s);
	ne = dedup_entry_make(a, &s, amask);

	article_set(&a->dup_of, NULL);
	a->similarity = -1;
	if ((dup = dedup_find_dup(idx, ne, &s, amask, &sim)) != NULL) {
		article_set(&a->dup_of, dup->id);
		a->similarity = sim;
	}
	if (dup != NULL && dup->story != NULL)
		story = dup->story;
	else
		story = dedup_find_story(idx, ne, &s, amask);
	if (story != NULL)
		ne->story = xstrdup(story);
	else
		ne->story = xstrndup(ne->id, 16);
	article_set(&a->story_id, ne->story);
	dedup_shingles_clear(&s);
	return (ne);
}
