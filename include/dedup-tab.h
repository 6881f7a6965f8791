/*
 * dedup-tab.h -- private to dedup*.c: a compact open-addressing multimap.
 *
 * Values are nonzero 32-bit references (an entry handle and a position,
 * a story or key number); keys are 64-bit and not stored: the table asks
 * its key function for the key of a value.  So an index over the 256
 * sketch hashes of every article costs about 6 bytes a hash, not the 40
 * or so of a chained hash table (uthash) -- what keeps tens of thousands
 * of articles in a few tens of megabytes.  Several values may share a key.
 */
#ifndef OTSNEWS_DEDUP_TAB_H
#define OTSNEWS_DEDUP_TAB_H

#include <stddef.h>
#include <stdint.h>

typedef uint64_t	(*dedup_tab_key_fn)(uint32_t, void *);

/* Owner: the struct that embeds it (dedup_index). */
struct dedup_tab {
	uint32_t		*slot;		/* 0: empty */
	size_t			 size;		/* power of two, or 0 */
	size_t			 used;
	dedup_tab_key_fn	 key;
	void			*arg;
};

void		dedup_tab_init(struct dedup_tab *, dedup_tab_key_fn, void *);
void		dedup_tab_clear(struct dedup_tab *);
void		dedup_tab_add(struct dedup_tab *, uint64_t, uint32_t);
/* Remove one value stored under a key; returns 0, or -1 if absent. */
int		dedup_tab_del(struct dedup_tab *, uint64_t, uint32_t);
/*
 * The values stored under a key, one a call: set *cursor to 0 first;
 * returns 0 when there are no more.  The table must not change meanwhile.
 */
uint32_t	dedup_tab_next(const struct dedup_tab *, uint64_t,
		    size_t *cursor);
size_t		dedup_tab_bytes(const struct dedup_tab *);
/* A 64-bit hash of a string (FNV-1a and a finaliser). */
uint64_t	dedup_tab_hash(const char *, size_t);

#endif
