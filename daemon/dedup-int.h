/*
 * dedup-int.h -- shared between dedup-index.c and dedup-keys.c only: the
 * helpers both use to allocate the index's objects and grow its arrays,
 * and the story-key interning (dedup-keys.c) the index's filing calls.
 * struct dedup_index itself is in dedup-entry.h (dedup.c and
 * dedup-store.c read it too).
 */
#ifndef OTSNEWS_DEDUP_INT_H
#define OTSNEWS_DEDUP_INT_H

#include <stdint.h>
#include <stdlib.h>

#include "arena.h"
#include "dedup-entry.h"
#include "log.h"
#include "xmalloc.h"

#define DEDUP_MAXHANDLE	((1U << 24) - 2)
#define DEDUP_KEY_INLINE 4	/* story handles in a key's allocation */

/*
 * Memory for an object of the index (an entry's key, story or source): a
 * view's arena, freed with the view, else malloc.  Zeroed.
 */
static inline void *
dedup_obj_calloc(struct dedup_index *idx, size_t n)
{
	return (idx->arena != NULL ? arena_calloc(idx->arena, n) :
	    xcalloc(1, n));
}

static inline char *
dedup_obj_strdup(struct dedup_index *idx, const char *s)
{
	return (idx->arena != NULL ? arena_strdup(idx->arena, s) :
	    xstrdup(s));
}

/* Give back what dedup_obj_calloc or _strdup made. */
static inline void
dedup_obj_free(const struct dedup_index *idx, void *p)
{
	if (idx->arena == NULL)
		free(p);
}

/* Grow an array of handles or pointers by one element, counting bytes. */
static inline void *
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
static inline size_t
dedup_room(size_t n, size_t cap)
{
	if (n <= cap)
		return (cap);
	return (n > 2 * cap ? (n > 16 ? n : 16) : 2 * cap);
}

/* A free number from a free list, else the next; *n grows the array. */
static inline uint32_t
dedup_alloc_handle(uint32_t *freel, size_t *nfree, size_t *n)
{
	if (*nfree > 0)
		return (freel[--*nfree]);
	if (*n >= DEDUP_MAXHANDLE)
		fatalx("dedup index: too many entries");
	return ((uint32_t)(*n)++);
}

/* dedup-keys.c */
uint64_t	dedup_key_key(uint32_t, void *);
uint64_t	dedup_prefix_tab_key(uint32_t, void *);
void		dedup_key_stories_free(struct dedup_key *);
void		dedup_story_keys_add(struct dedup_index *,
		    struct dedup_story *, char *const *, size_t);
void		dedup_story_keys_del(struct dedup_index *,
		    struct dedup_story *, char *const *, size_t);

#endif
