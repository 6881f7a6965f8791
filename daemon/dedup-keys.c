/*
 * dedup-keys.c -- the story keys of the index (dedup-index.c): each
 * distinct key interned once, with the stories whose members carry it and
 * its parts filed by prefix (byprefix), and each story's sorted keys.
 * Two memos (the keys interned last, a key's position in a story's keys)
 * spare most of a view's hashing and searching.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dedup-entry.h"
#include "dedup-int.h"
#include "dedup.h"
#include "log.h"
#include "xmalloc.h"

uint64_t
dedup_key_key(uint32_t v, void *arg)
{
	struct dedup_index	*idx = arg;
	return (idx->keys[v - 1]->h);
}

/*
 * The parts of a key, split as story_key_match does: the count, and
 * while there is room in parts (of size n), offset << 16 | length of
 * each (one pass; a walk from the start a part was a view's costliest
 * string work).
 */
static size_t
dedup_key_split(const char *k, uint32_t *parts, size_t n)
{
	const char	*p;
	size_t		 lp, i = 0;

	for (p = k; *p != '\0'; p += lp + (p[lp] == '+'), i++) {
		for (lp = 0; p[lp] != '\0' && p[lp] != '+'; lp++)
			;
		if (i < n)
			parts[i] = (uint32_t)(p - k) << 16 | (uint32_t)lp;
	}
	return (i);
}

uint64_t
dedup_prefix_key(const char *part, size_t len)
{
	return (dedup_tab_hash(part, len < 4 ? len : 4));
}

uint64_t
dedup_prefix_tab_key(uint32_t v, void *arg)
{
	struct dedup_index	*idx = arg;
	const struct dedup_key	*k = idx->keys[(v >> 8) - 1];
	uint32_t		 part = k->parts[v & 0xff];

	return (dedup_prefix_key(k->s + (part >> 16), part & 0xffff));
}

struct dedup_key *
dedup_prefix_next(const struct dedup_index *idx, uint64_t k, size_t *c,
    size_t *part)
{
	uint32_t	v;

	if ((v = dedup_tab_next(&idx->byprefix, k, c)) == 0)
		return (NULL);
	*part = idx->keys[(v >> 8) - 1]->parts[v & 0xff];
	return (idx->keys[(v >> 8) - 1]);
}

/* The number of key s (of hash h) plus one, or 0. */
static uint32_t
dedup_key_find_h(const struct dedup_index *idx, const char *s, uint64_t h)
{
	size_t		c = 0;
	uint32_t	v;

	while ((v = dedup_tab_next(&idx->bykey, h, &c)) != 0) {
		if (strcmp(idx->keys[v - 1]->s, s) == 0)
			return (v);
	}
	return (0);
}

static uint32_t
dedup_key_find(const struct dedup_index *idx, const char *s)
{
	return (dedup_key_find_h(idx, s, dedup_tab_hash(s, strlen(s))));
}

static void
dedup_key_index(struct dedup_index *idx, uint32_t kid, int add)
{
	struct dedup_key	*k = idx->keys[kid];
	size_t			 i;
	uint64_t		 h;

	if (k->s[0] == '#')
		return;
	if (k->parts == NULL) {
		if (add) {
			idx->wild = xreallocarray(idx->wild, idx->nwild + 1,
			    sizeof *idx->wild);
			idx->wild[idx->nwild++] = kid;
			return;
		}
		for (i = 0; idx->wild[i] != kid; i++)
			;
		idx->wild[i] = idx->wild[--idx->nwild];
		return;
	}
	for (i = 0; i < k->nparts; i++) {
		h = dedup_prefix_key(k->s + (k->parts[i] >> 16),
		    k->parts[i] & 0xffff);
		if (add)
			dedup_tab_add(&idx->byprefix, h, (kid + 1) << 8 | i);
		else
			dedup_tab_del(&idx->byprefix, h, (kid + 1) << 8 | i);
	}
}

/*
 * The keys interned last, by a digest of a few of their bytes: a view
 * files ~2,900 keys of which ~370 are distinct (the members of a story
 * carry its keys), and hashing and probing bykey for each was the
 * largest part of its filing.  A slot is a hint: it is taken only when
 * the key it names in this index is the string looked up, so a stale
 * one (a key dropped, a number reused, another index) costs the usual
 * lookup, never a wrong key.
 */
#define DEDUP_MEMO	1024	/* slots, a power of two */

static struct {
	const struct dedup_index	*idx;
	uint32_t			 kid;
}	dedup_memo[DEDUP_MEMO];

static size_t
dedup_memo_slot(const char *s, size_t len)
{
	uint64_t	d = len;

	if (len > 0) {
		d = d << 8 | (unsigned char)s[0];
		d = d << 8 | (unsigned char)s[len / 2];
		d = d << 8 | (unsigned char)s[len - 1];
		d = d << 8 | (unsigned char)s[len > 1 ? 1 : 0];
		d = d << 8 | (unsigned char)s[len > 2 ? len - 2 : 0];
	}
	return ((size_t)((d * 0x9e3779b97f4a7c15ULL) >> 54) &
	    (DEDUP_MEMO - 1));
}

static uint32_t	dedup_key_add(struct dedup_index *, const char *, size_t,
		    size_t) __attribute__((__noinline__));

/* The number of key s, interned (the memo first). */
static uint32_t
dedup_key_intern(struct dedup_index *idx, const char *s)
{
	const struct dedup_key	*k;
	size_t			 len = strlen(s), m = dedup_memo_slot(s, len);

	if (dedup_memo[m].idx == idx && dedup_memo[m].kid < idx->nkeys &&
	    (k = idx->keys[dedup_memo[m].kid]) != NULL && strcmp(k->s, s) == 0)
		return (dedup_memo[m].kid);
	return (dedup_key_add(idx, s, len, m));
}

/*
 * dedup_key_intern past the memo (out of line: the memo's answer is the
 * common case): the key s of len bytes, found or made, into memo slot m.
 * A key's parts live in its own allocation, after its string (two
 * allocations a key were most of a view's): k->parts is never freed on
 * its own.
 */
static uint32_t
dedup_key_add(struct dedup_index *idx, const char *s, size_t len, size_t m)
{
	struct dedup_key	*k;
	uint32_t		 kid, parts[DEDUP_MAXPARTS];
	uint64_t		 h;
	size_t			 size, nparts, off, soff, ksize;
	int			 split;

	h = dedup_tab_hash(s, len);
	if ((kid = dedup_key_find_h(idx, s, h)) != 0) {
		dedup_memo[m].idx = idx;
		dedup_memo[m].kid = kid - 1;
		return (kid - 1);
	}
	size = idx->nkeys;
	kid = dedup_alloc_handle(idx->kfree, &idx->nkfree, &idx->nkeys);
	if (idx->nkeys > idx->keycap) {
		idx->keycap = dedup_room(idx->nkeys, idx->keycap);
		idx->keys = xreallocarray(idx->keys, idx->keycap,
		    sizeof *idx->keys);
		idx->kfree = xreallocarray(idx->kfree, idx->keycap,
		    sizeof *idx->kfree);
	}
	if (idx->nkeys > size)
		idx->xbytes += sizeof *idx->keys + sizeof *idx->kfree;
	nparts = dedup_key_split(s, parts, DEDUP_MAXPARTS);
	split = s[0] != '#' && nparts <= DEDUP_MAXPARTS && len < 0xffff;
	off = (sizeof *k + len + 1 + sizeof *parts - 1) / sizeof *parts *
	    sizeof *parts;
	soff = off + (split ? (nparts + 1) * sizeof *parts : 0);
	ksize = soff + DEDUP_KEY_INLINE * sizeof *k->stories;
	k = dedup_obj_calloc(idx, ksize);
	memcpy(k->s, s, len + 1);
	k->h = h;
	k->nparts = (uint32_t)nparts;
	k->stories = (uint32_t *)((char *)k + soff);
	k->size = DEDUP_KEY_INLINE;
	idx->keys[kid] = k;
	/* the stories as the first dedup_grow of them counted them */
	idx->xbytes += sizeof *k + len + 1 +
	    DEDUP_KEY_INLINE * sizeof *k->stories;
	dedup_tab_add(&idx->bykey, k->h, kid + 1);
	if (split) {
		k->parts = (uint32_t *)((char *)k + off);
		memcpy(k->parts, parts, nparts * sizeof *parts);
		idx->xbytes += k->nparts * sizeof *k->parts;
	}
	dedup_key_index(idx, kid, 1);
	dedup_memo[m].idx = idx;
	dedup_memo[m].kid = kid;
	return (kid);
}

struct dedup_key *
dedup_index_key(const struct dedup_index *idx, const char *s)
{
	uint32_t	v;

	return ((v = dedup_key_find(idx, s)) != 0 ? idx->keys[v - 1] : NULL);
}

/* A key's stories, unless they are in its allocation. */
void
dedup_key_stories_free(struct dedup_key *k)
{
	if (k->size != DEDUP_KEY_INLINE)
		free(k->stories);
}

/* Drop a key no story carries any more. */
static void
dedup_key_drop(struct dedup_index *idx, uint32_t kid)
{
	struct dedup_key	*k = idx->keys[kid];

	dedup_key_index(idx, kid, 0);
	dedup_tab_del(&idx->bykey, k->h,
	    kid + 1);
	idx->xbytes -= sizeof *k + strlen(k->s) + 1 +
	    k->size * sizeof *k->stories;
	if (k->parts != NULL)
		idx->xbytes -= k->nparts * sizeof *k->parts;
	dedup_key_stories_free(k);	/* k->parts is in k */
	dedup_obj_free(idx, k);
	idx->keys[kid] = NULL;
	idx->kfree[idx->nkfree++] = kid;
}

/*
 * A story carrying key k.  The first DEDUP_KEY_INLINE handles live in
 * the key's allocation (dedup_key_intern): k->size is DEDUP_KEY_INLINE
 * only then, as a grown array holds twice as many or more.
 */
static void
dedup_key_story_add(struct dedup_index *idx, struct dedup_key *k,
    uint32_t handle)
{
	uint32_t	*v;

	if (k->nstories == DEDUP_KEY_INLINE && k->size == DEDUP_KEY_INLINE) {
		v = xreallocarray(NULL, 2 * DEDUP_KEY_INLINE, sizeof *v);
		memcpy(v, k->stories, DEDUP_KEY_INLINE * sizeof *v);
		k->stories = v;
		k->size = 2 * DEDUP_KEY_INLINE;
		idx->xbytes += DEDUP_KEY_INLINE * sizeof *v;
	} else
		k->stories = dedup_grow(idx, k->stories, k->nstories,
		    &k->size, sizeof *k->stories);
	k->stories[k->nstories++] = handle;
}

/* Position of kid in a story's sorted keys, or where it would go. */
static size_t
dedup_skey_pos(const struct dedup_story *st, uint32_t kid)
{
	size_t	lo = 0, hi = st->nkeys, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (st->keys[mid].kid < kid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (lo);
}

/*
 * Where a key stood in a story's keys when last filed there, by (story,
 * key): a story's members carry mostly the same keys, and a key new to
 * a story is mostly new to the index (the largest number, put last), so
 * positions seldom move.  A slot is taken only when the story's key at
 * that position is the key (they are sorted and distinct: it is its
 * position then), else the binary search runs.
 */
#define DEDUP_SKMEMO	4096	/* slots, a power of two */

static struct {
	const struct dedup_story	*st;
	uint32_t			 kid;
	uint32_t			 pos;
}	dedup_skmemo[DEDUP_SKMEMO];

static size_t
dedup_skmemo_slot(const struct dedup_story *st, uint32_t kid)
{
	uint64_t	v = ((uint64_t)(uintptr_t)st >> 4) * 31 + kid;

	return ((size_t)((v * 0x9e3779b97f4a7c15ULL) >> 52) &
	    (DEDUP_SKMEMO - 1));
}

static void
dedup_skey_add(struct dedup_index *idx, struct dedup_story *st,
    const char *s)
{
	uint32_t	kid = dedup_key_intern(idx, s);
	size_t		i, m = dedup_skmemo_slot(st, kid);

	if (dedup_skmemo[m].st == st && dedup_skmemo[m].kid == kid &&
	    dedup_skmemo[m].pos < st->nkeys &&
	    st->keys[dedup_skmemo[m].pos].kid == kid)
		i = dedup_skmemo[m].pos;
	else
		i = dedup_skey_pos(st, kid);
	dedup_skmemo[m].st = st;
	dedup_skmemo[m].kid = kid;
	dedup_skmemo[m].pos = (uint32_t)i;
	if (i < st->nkeys && st->keys[i].kid == kid) {
		st->keys[i].n++;
		return;
	}
	st->keys = dedup_grow(idx, st->keys, st->nkeys, &st->keysize,
	    sizeof *st->keys);
	memmove(&st->keys[i + 1], &st->keys[i], (st->nkeys - i) *
	    sizeof *st->keys);
	st->keys[i].kid = kid;
	st->keys[i].n = 1;
	st->nkeys++;
	dedup_key_story_add(idx, idx->keys[kid], st->handle);
}

static void
dedup_skey_del(struct dedup_index *idx, struct dedup_story *st,
    const char *s)
{
	struct dedup_key	*k;
	uint32_t		 kid;
	size_t			 i;

	if ((kid = dedup_key_find(idx, s)) == 0)
		fatalx("dedup index: lost key %s", s);
	kid--;
	i = dedup_skey_pos(st, kid);
	if (i == st->nkeys || st->keys[i].kid != kid)
		fatalx("dedup index: lost story key %s", s);
	if (--st->keys[i].n > 0)
		return;
	memmove(&st->keys[i], &st->keys[i + 1], (st->nkeys - i - 1) *
	    sizeof *st->keys);
	st->nkeys--;
	k = idx->keys[kid];
	for (i = 0; k->stories[i] != st->handle; i++)
		;
	k->stories[i] = k->stories[--k->nstories];
	if (k->nstories == 0)
		dedup_key_drop(idx, kid);
}

/*
 * The keys of a member joining or leaving story st, in one call: a view
 * files ~20 keys an entry, and a call each from dedup-index.c was 1 % of
 * the daemon's instructions.
 */
void
dedup_story_keys_add(struct dedup_index *idx, struct dedup_story *st,
    char *const *keys, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		dedup_skey_add(idx, st, keys[i]);
}

void
dedup_story_keys_del(struct dedup_index *idx, struct dedup_story *st,
    char *const *keys, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		dedup_skey_del(idx, st, keys[i]);
}
