/*
 * dedup-index.c -- the in-memory index of the retention window's articles.
 *
 * Every per-article operation of dedup.c goes through maps kept here, so
 * that its cost does not grow with the number of articles indexed:
 *
 *	byid		id -> entry (replacement)
 *	byhash		content hash -> entries (exact copies)
 *	bysketch	sketch hash -> entries (near-copy candidates: only an
 *			entry sharing DEDUP_NEAR_MIN of its sketch hashes with
 *			the shingles of an article can pass the comparison)
 *	bysource	source -> its entries (site boilerplate)
 *	bystory		story -> its members and the union of their keys
 *	bykey		key -> the stories whose members carry it
 *	byprefix	first four bytes (or all) of each part of a key ->
 *			keys: two keys that story_key_match shares a part
 *			prefix, so matching keys are found there
 *	heap		entries by fetch time (expiry)
 *
 * The maps are dedup-tab.c tables of 32-bit references: about 6 bytes per
 * sketch hash (1.5 KiB for an article of 256), a few per id, hash and
 * story key, and the distinct keys and stories once each.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dedup-entry.h"
#include "dedup.h"
#include "log.h"
#include "story.h"
#include "arena.h"
#include "xmalloc.h"

#define DEDUP_MAXHANDLE	((1U << 24) - 2)
#define DEDUP_KEY_INLINE 4	/* story handles in a key's allocation */

static uint64_t
dedup_id_key(uint32_t v, void *arg)
{
	struct dedup_index	*idx = arg;

	return (idx->ents[v - 1]->hid);
}

static uint64_t
dedup_hash_key(uint32_t v, void *arg)
{
	struct dedup_index	*idx = arg;

	return (idx->ents[v - 1]->hhash);
}

static uint64_t
dedup_sketch_key(uint32_t v, void *arg)
{
	struct dedup_index	*idx = arg;

	return (idx->ents[(v >> 8) - 1]->sketch[v & 0xff] & DEDUP_SKETCH_Q);
}

static uint64_t
dedup_source_key(uint32_t v, void *arg)
{
	struct dedup_index	*idx = arg;
	return (idx->sources[v - 1]->h);
}

static uint64_t
dedup_story_key(uint32_t v, void *arg)
{
	struct dedup_index	*idx = arg;
	return (idx->stories[v - 1]->h);
}

static uint64_t
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

static uint64_t
dedup_prefix_tab_key(uint32_t v, void *arg)
{
	struct dedup_index	*idx = arg;
	const struct dedup_key	*k = idx->keys[(v >> 8) - 1];
	uint32_t		 part = k->parts[v & 0xff];

	return (dedup_prefix_key(k->s + (part >> 16), part & 0xffff));
}

struct dedup_index *
dedup_index_new(time_t retention)
{
	struct dedup_index	*idx;

	idx = xcalloc(1, sizeof *idx);
	idx->retention = retention;
	dedup_tab_init(&idx->byid, dedup_id_key, idx);
	dedup_tab_init(&idx->byhash, dedup_hash_key, idx);
	dedup_tab_init(&idx->bysketch, dedup_sketch_key, idx);
	dedup_tab_init(&idx->bysource, dedup_source_key, idx);
	dedup_tab_init(&idx->bystory, dedup_story_key, idx);
	dedup_tab_init(&idx->bykey, dedup_key_key, idx);
	dedup_tab_init(&idx->byprefix, dedup_prefix_tab_key, idx);
	return (idx);
}

struct dedup_index *
dedup_index_view(void)
{
	struct dedup_index	*idx = dedup_index_new(0);

	idx->view = 1;
	idx->arena = arena_new();
	return (idx);
}

/*
 * Memory for an object of the index (an entry's key, story or source): a
 * view's arena, freed with the view, else malloc.  Zeroed.
 */
static void *
dedup_obj_calloc(struct dedup_index *idx, size_t n)
{
	return (idx->arena != NULL ? arena_calloc(idx->arena, n) :
	    xcalloc(1, n));
}

static char *
dedup_obj_strdup(struct dedup_index *idx, const char *s)
{
	return (idx->arena != NULL ? arena_strdup(idx->arena, s) :
	    xstrdup(s));
}

/* Give back what dedup_obj_calloc or _strdup made. */
static void
dedup_obj_free(const struct dedup_index *idx, void *p)
{
	if (idx->arena == NULL)
		free(p);
}

/* Grow an array of handles or pointers by one element, counting bytes. */
static void *
dedup_grow(struct dedup_index *idx, void *v, size_t n, size_t *size,
    size_t elem)
{
	size_t	new;

	if (n < *size)
		return (v);
	new = *size == 0 ? 4 : *size * 2;
	v = xreallocarray(v, new, elem);
	idx->xbytes += (new - *size) * elem;
	*size = new;
	return (v);
}

/*
 * Room for n elements in the arrays of a handle space, doubled when full
 * (one realloc a handle was a publication view's commonest allocation).
 */
static size_t
dedup_room(size_t n, size_t cap)
{
	if (n <= cap)
		return (cap);
	return (n > 2 * cap ? (n > 16 ? n : 16) : 2 * cap);
}

/* A free number from a free list, else the next; *n grows the array. */
static uint32_t
dedup_alloc_handle(uint32_t *freel, size_t *nfree, size_t *n)
{
	if (*nfree > 0)
		return (freel[--*nfree]);
	if (*n >= DEDUP_MAXHANDLE)
		fatalx("dedup index: too many entries");
	return ((uint32_t)(*n)++);
}

/* The entry of id, of hash k (dedup_tab_hash), or NULL. */
static struct dedup_entry *
dedup_index_find_h(const struct dedup_index *idx, const char *id,
    uint64_t k)
{
	struct dedup_entry	*e;
	size_t			 c = 0;
	uint32_t		 v;

	while ((v = dedup_tab_next(&idx->byid, k, &c)) != 0) {
		e = idx->ents[v - 1];
		if (strcmp(e->id, id) == 0)
			return (e);
	}
	return (NULL);
}

struct dedup_entry *
dedup_index_find(const struct dedup_index *idx, const char *id)
{
	return (dedup_index_find_h(idx, id, dedup_tab_hash(id, strlen(id))));
}

const struct dedup_entry *
dedup_index_lookup(const struct dedup_index *idx, const char *id)
{
	return (dedup_index_find(idx, id));
}

/* By the DEDUP_HASH_KEPT digits entries keep of a content hash. */
struct dedup_entry *
dedup_hash_next(const struct dedup_index *idx, const char *hash, size_t *c)
{
	struct dedup_entry	*e;
	size_t			 len = strnlen(hash, DEDUP_HASH_KEPT);
	uint64_t		 k = dedup_tab_hash(hash, len);
	uint32_t		 v;

	while ((v = dedup_tab_next(&idx->byhash, k, c)) != 0) {
		e = idx->ents[v - 1];
		if (strncmp(e->hash, hash, len) == 0 && e->hash[len] == '\0')
			return (e);
	}
	return (NULL);
}

struct dedup_entry *
dedup_sketch_next(const struct dedup_index *idx, uint64_t h, size_t *c)
{
	uint32_t	v;

	if ((v = dedup_tab_next(&idx->bysketch, h, c)) == 0)
		return (NULL);
	return (idx->ents[(v >> 8) - 1]);
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

struct dedup_source *
dedup_index_source(const struct dedup_index *idx, const char *name)
{
	uint64_t	k = dedup_tab_hash(name, strlen(name));
	size_t		c = 0;
	uint32_t	v;

	while ((v = dedup_tab_next(&idx->bysource, k, &c)) != 0) {
		if (strcmp(idx->sources[v - 1]->name, name) == 0)
			return (idx->sources[v - 1]);
	}
	return (NULL);
}

struct dedup_story *
dedup_index_story(const struct dedup_index *idx, const char *name, int ots)
{
	uint64_t	k = dedup_tab_hash(name, strlen(name)) + ots;
	size_t		c = 0;
	uint32_t	v;

	while ((v = dedup_tab_next(&idx->bystory, k, &c)) != 0) {
		if (idx->stories[v - 1]->ots == ots &&
		    strcmp(idx->stories[v - 1]->name, name) == 0)
			return (idx->stories[v - 1]);
	}
	return (NULL);
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
static void
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

static struct dedup_story *
dedup_story_get(struct dedup_index *idx, const char *name, int ots)
{
	struct dedup_story	*st;
	size_t			 size;

	if ((st = dedup_index_story(idx, name, ots)) != NULL)
		return (st);
	st = dedup_obj_calloc(idx, sizeof *st);
	st->name = dedup_obj_strdup(idx, name);
	st->ots = ots;
	st->h = dedup_tab_hash(name, strlen(name)) + ots;
	TAILQ_INIT(&st->members);
	size = idx->nstories;
	st->handle = dedup_alloc_handle(idx->sfree, &idx->nsfree,
	    &idx->nstories);
	if (idx->nstories > idx->storycap) {
		idx->storycap = dedup_room(idx->nstories, idx->storycap);
		idx->stories = xreallocarray(idx->stories, idx->storycap,
		    sizeof *idx->stories);
		idx->sfree = xreallocarray(idx->sfree, idx->storycap,
		    sizeof *idx->sfree);
	}
	if (idx->nstories > size)
		idx->xbytes += sizeof *idx->stories + sizeof *idx->sfree;
	idx->stories[st->handle] = st;
	idx->xbytes += sizeof *st + strlen(name) + 1;
	dedup_tab_add(&idx->bystory, st->h, st->handle + 1);
	return (st);
}

static void
dedup_story_drop(struct dedup_index *idx, struct dedup_story *st)
{
	dedup_tab_del(&idx->bystory, st->h, st->handle + 1);
	idx->stories[st->handle] = NULL;
	idx->sfree[idx->nsfree++] = st->handle;
	idx->xbytes -= sizeof *st + strlen(st->name) + 1 +
	    st->keysize * sizeof *st->keys;
	free(st->keys);
	dedup_obj_free(idx, st->name);
	dedup_obj_free(idx, st);
}

/*
 * Recompute the range of the members' publication times if it may be too
 * wide (a member at its bound left).  A range too wide only sends
 * dedup.c the slow way, so it is recomputed only then.
 */
void
dedup_story_bounds(struct dedup_story *st)
{
	struct dedup_entry	*e;

	if (!st->dirty)
		return;
	st->dirty = 0;
	st->minw = st->maxw = -1;
	TAILQ_FOREACH(e, &st->members, stentry) {
		if (e->when < 0)
			continue;
		if (st->minw < 0 || e->when < st->minw)
			st->minw = e->when;
		if (e->when > st->maxw)
			st->maxw = e->when;
	}
}

static void
dedup_story_join(struct dedup_index *idx, struct dedup_entry *e)
{
	struct dedup_story	*st;
	size_t			 i;

	if (e->story == NULL)
		return;
	st = e->st = dedup_story_get(idx, e->story, e->ots);
	if (st->n == 0)
		st->minw = st->maxw = -1;
	TAILQ_INSERT_TAIL(&st->members, e, stentry);
	st->n++;
	if (e->when < 0)
		st->nneg++;
	else {
		if (st->minw < 0 || e->when < st->minw)
			st->minw = e->when;
		if (e->when > st->maxw)
			st->maxw = e->when;
	}
	for (i = 0; i < e->nkeys; i++)
		dedup_skey_add(idx, st, e->keys[i]);
}

static void
dedup_story_leave(struct dedup_index *idx, struct dedup_entry *e)
{
	struct dedup_story	*st = e->st;
	size_t			 i;

	if (st == NULL)
		return;
	for (i = 0; i < e->nkeys; i++)
		dedup_skey_del(idx, st, e->keys[i]);
	TAILQ_REMOVE(&st->members, e, stentry);
	st->n--;
	if (e->when < 0)
		st->nneg--;
	else if (e->when == st->minw || e->when == st->maxw)
		st->dirty = 1;	/* the range may be narrower now */
	e->st = NULL;
	if (st->n == 0)
		dedup_story_drop(idx, st);
}

/* Source name: src when it was found already, else a new one. */
static struct dedup_source *
dedup_source_get(struct dedup_index *idx, const char *name,
    struct dedup_source *src)
{
	if (src != NULL)
		return (src);
	src = dedup_obj_calloc(idx, sizeof *src);
	src->name = dedup_obj_strdup(idx, name);
	src->h = dedup_tab_hash(name, strlen(name));
	TAILQ_INIT(&src->entries);
	if ((idx->nsources & (idx->nsources - 1)) == 0)	/* 0, 1, 2, 4 ... */
		idx->sources = xreallocarray(idx->sources, idx->nsources == 0 ?
		    1 : 2 * idx->nsources, sizeof *idx->sources);
	idx->sources[idx->nsources++] = src;
	idx->xbytes += sizeof *src + strlen(name) + 1 + sizeof *idx->sources;
	dedup_tab_add(&idx->bysource, src->h, idx->nsources);
	return (src);
}

/* Expiry heap: the entry fetched first on top. */
static int
dedup_heap_less(const struct dedup_index *idx, size_t a, size_t b)
{
	const struct dedup_entry	*x = idx->ents[idx->heap[a]];
	const struct dedup_entry	*y = idx->ents[idx->heap[b]];

	return (x->seen < y->seen);
}

static void
dedup_heap_swap(struct dedup_index *idx, size_t a, size_t b)
{
	uint32_t	t = idx->heap[a];

	idx->heap[a] = idx->heap[b];
	idx->heap[b] = t;
	idx->ents[idx->heap[a]]->hpos = a;
	idx->ents[idx->heap[b]]->hpos = b;
}

static void
dedup_heap_fix(struct dedup_index *idx, size_t i)
{
	size_t	c;

	while (i > 0 && dedup_heap_less(idx, i, (i - 1) / 2)) {
		dedup_heap_swap(idx, i, (i - 1) / 2);
		i = (i - 1) / 2;
	}
	for (;;) {
		c = 2 * i + 1;
		if (c >= idx->nheap)
			break;
		if (c + 1 < idx->nheap && dedup_heap_less(idx, c + 1, c))
			c++;
		if (!dedup_heap_less(idx, c, i))
			break;
		dedup_heap_swap(idx, i, c);
		i = c;
	}
}

static void
dedup_heap_del(struct dedup_index *idx, struct dedup_entry *e)
{
	size_t	i = e->hpos;

	if (e->hpos == UINT32_MAX)
		return;
	dedup_heap_swap(idx, i, --idx->nheap);
	e->hpos = UINT32_MAX;
	if (i < idx->nheap)
		dedup_heap_fix(idx, i);
}

/*
 * Enter an entry in every map; hid is dedup_tab_hash of its id, src its
 * source (dedup_index_source) or NULL when the index has none yet.
 */
static void
dedup_index_insert(struct dedup_index *idx, struct dedup_entry *e,
    uint64_t hid, struct dedup_source *src)
{
	size_t		size = idx->nents, i;
	uint32_t	h;

	h = e->handle = dedup_alloc_handle(idx->efree, &idx->nefree,
	    &idx->nents);
	if (idx->nents > idx->entcap) {
		idx->entcap = dedup_room(idx->nents, idx->entcap);
		idx->ents = xreallocarray(idx->ents, idx->entcap,
		    sizeof *idx->ents);
		idx->efree = xreallocarray(idx->efree, idx->entcap,
		    sizeof *idx->efree);
		idx->heap = xreallocarray(idx->heap, idx->entcap,
		    sizeof *idx->heap);
	}
	if (idx->nents > size)
		idx->xbytes += sizeof *idx->ents + sizeof *idx->efree +
		    sizeof *idx->heap;
	idx->ents[h] = e;
	e->seq = ++idx->seq;
	e->cgen = 0;
	e->hid = hid;
	e->hhash = dedup_tab_hash(e->hash, strlen(e->hash));
	dedup_tab_add(&idx->byid, e->hid, h + 1);
	dedup_tab_add(&idx->byhash, e->hhash, h + 1);
	for (i = 0; !idx->view && i < e->nsketch; i++)
		dedup_tab_add(&idx->bysketch, e->sketch[i] & DEDUP_SKETCH_Q,
		    (h + 1) << 8 | i);
	e->src = dedup_source_get(idx, e->source, src);
	TAILQ_INSERT_TAIL(&e->src->entries, e, sentry);
	e->src->n++;
	dedup_story_join(idx, e);
	e->hpos = UINT32_MAX;
	if (e->seen >= 0) {
		idx->heap[idx->nheap] = h;
		e->hpos = idx->nheap++;
		dedup_heap_fix(idx, e->hpos);
	}
	idx->bytes += dedup_entry_size(e);
	idx->count++;
}

/* Take an entry out of every map and free it. */
static void
dedup_index_remove(struct dedup_index *idx, struct dedup_entry *e)
{
	uint32_t	h = e->handle;
	size_t		i;

	dedup_heap_del(idx, e);
	dedup_story_leave(idx, e);
	TAILQ_REMOVE(&e->src->entries, e, sentry);
	e->src->n--;
	for (i = 0; !idx->view && i < e->nsketch; i++)
		dedup_tab_del(&idx->bysketch, e->sketch[i] & DEDUP_SKETCH_Q,
		    (h + 1) << 8 | i);
	dedup_tab_del(&idx->byhash, e->hhash, h + 1);
	dedup_tab_del(&idx->byid, e->hid, h + 1);
	idx->ents[h] = NULL;
	idx->efree[idx->nefree++] = h;
	idx->bytes -= dedup_entry_size(e);
	idx->count--;
	dedup_entry_free(e);
}

void
dedup_index_free(struct dedup_index *idx)
{
	size_t	i;

	if (idx == NULL)
		return;
	/*
	 * Everything goes: free the objects, not their places in the maps
	 * one by one (a publication's throw-away view is freed this way
	 * after each article).
	 */
	for (i = 0; i < idx->nents; i++)
		dedup_entry_free(idx->ents[i]);
	for (i = 0; i < idx->nstories; i++) {
		if (idx->stories[i] == NULL)
			continue;
		free(idx->stories[i]->keys);
		dedup_obj_free(idx, idx->stories[i]->name);
		dedup_obj_free(idx, idx->stories[i]);
	}
	for (i = 0; i < idx->nkeys; i++) {
		if (idx->keys[i] == NULL)
			continue;
		dedup_key_stories_free(idx->keys[i]);	/* ->parts: in it */
		dedup_obj_free(idx, idx->keys[i]);
	}
	for (i = 0; i < idx->nsources; i++) {
		dedup_obj_free(idx, idx->sources[i]->name);
		dedup_obj_free(idx, idx->sources[i]);
	}
	free(idx->sources);
	free(idx->ents);
	free(idx->efree);
	free(idx->heap);
	free(idx->stories);
	free(idx->sfree);
	free(idx->keys);
	free(idx->kfree);
	free(idx->wild);
	free(idx->slots);
	free(idx->cands);
	dedup_tab_clear(&idx->byid);
	dedup_tab_clear(&idx->byhash);
	dedup_tab_clear(&idx->bysketch);
	dedup_tab_clear(&idx->bysource);
	dedup_tab_clear(&idx->bystory);
	dedup_tab_clear(&idx->bykey);
	dedup_tab_clear(&idx->byprefix);
	arena_free(idx->arena);		/* last: the entries were in it */
	free(idx);
}

int
dedup_index_has_hash(const struct dedup_index *idx, const char *hash)
{
	size_t	c = 0;

	return (dedup_hash_next(idx, hash, &c) != NULL);
}

void
dedup_index_add(struct dedup_index *idx, struct dedup_entry *ne)
{
	struct dedup_entry	*e;
	struct dedup_source	*src;
	uint64_t		 m, em, hid;

	hid = dedup_tab_hash(ne->id, strlen(ne->id));
	if ((e = dedup_index_find_h(idx, ne->id, hid)) != NULL)
		dedup_index_remove(idx, e);
	dedup_para_filter(ne->paras, ne->nparas, ne->pfilter);
	/* sources are never dropped: the one found is the one to file in */
	if ((src = dedup_index_source(idx, ne->source)) != NULL) {
		TAILQ_FOREACH(e, &src->entries, sentry) {
			/* most pairs share nothing: no mask to widen */
			if (!dedup_para_filters_meet(ne->pfilter, e->pfilter))
				continue;
			m = dedup_shared_both(ne->paras, ne->nparas, e->paras,
			    e->nparas, e->pfilter, &em);
			if (dedup_repost_mask(m, ne->nparas, e->nparas))
				continue;
			ne->boiler |= m;
			e->boiler |= em;
		}
	}
	dedup_index_insert(idx, ne, hid, src);
}

void
dedup_index_expire(struct dedup_index *idx, time_t now)
{
	struct dedup_entry	*e;

	if (idx->retention <= 0)
		return;
	while (idx->nheap > 0) {
		e = idx->ents[idx->heap[0]];
		if (e->seen >= now - idx->retention)
			break;
		dedup_index_remove(idx, e);
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
	return (sizeof *idx + idx->bytes + idx->xbytes +
	    dedup_tab_bytes(&idx->byid) + dedup_tab_bytes(&idx->byhash) +
	    dedup_tab_bytes(&idx->bysketch) +
	    dedup_tab_bytes(&idx->bysource) +
	    dedup_tab_bytes(&idx->bystory) + dedup_tab_bytes(&idx->bykey) +
	    dedup_tab_bytes(&idx->byprefix) +
	    idx->slotsize * sizeof *idx->slots +
	    idx->candsize * sizeof *idx->cands);
}
