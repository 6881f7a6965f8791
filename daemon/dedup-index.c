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
#include "dedup-int.h"
#include "xmalloc.h"

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
	dedup_story_keys_add(idx, st, e->keys, e->nkeys);
}

static void
dedup_story_leave(struct dedup_index *idx, struct dedup_entry *e)
{
	struct dedup_story	*st = e->st;

	if (st == NULL)
		return;
	dedup_story_keys_del(idx, st, e->keys, e->nkeys);
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
