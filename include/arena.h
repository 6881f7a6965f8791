/*
 * arena.h -- memory for objects that all die together.
 *
 * A publication's throw-away view of the dedup index (dedup-store.c)
 * makes a few thousand objects -- decoded entries, story keys, stories --
 * and frees them all when the article is decided.  One by one through
 * malloc that was a quarter of the service run's cycles (bench/RESULTS.md,
 * "Where the service run's cycles go"): an arena hands them out of a few
 * large blocks and frees the blocks at once.  Hand-written: glibc's
 * obstack would do, but its growing-object interface is more than a bump
 * allocator needs, and its failure handler is process-wide.
 */
#ifndef OTSNEWS_ARENA_H
#define OTSNEWS_ARENA_H

#include <stddef.h>

struct arena;

struct arena	*arena_new(void);
/* n bytes, 16-byte aligned; live until arena_free.  _calloc: zeroed. */
void		*arena_alloc(struct arena *, size_t n);
void		*arena_calloc(struct arena *, size_t n);
char		*arena_strdup(struct arena *, const char *);
/* Every block, and the arena (NULL: nothing). */
void		 arena_free(struct arena *);

#endif
