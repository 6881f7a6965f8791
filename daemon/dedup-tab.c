/*
 * dedup-tab.c -- a compact open-addressing multimap (dedup-tab.h).
 *
 * Linear probing from a multiplicative hash of the key, at most 70 % full,
 * deletion by backward shift (no tombstones), halved when under an eighth
 * full.  Written here rather than taken from uthash: uthash stores a
 * 56-byte handle per item and cannot leave the key in the item's own
 * arrays, which would triple the memory of the sketch index.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dedup-tab.h"
#include "xmalloc.h"

#define DEDUP_TAB_MIN	16

void
dedup_tab_init(struct dedup_tab *t, dedup_tab_key_fn key, void *arg)
{
	memset(t, 0, sizeof *t);
	t->key = key;
	t->arg = arg;
}

void
dedup_tab_clear(struct dedup_tab *t)
{
	free(t->slot);
	t->slot = NULL;
	t->size = t->used = 0;
}

static size_t
dedup_tab_home(size_t size, uint64_t key)
{
	key ^= key >> 29;
	key *= 0x9e3779b97f4a7c15ULL;
	return ((size_t)(key >> 32) & (size - 1));
}

static void
dedup_tab_resize(struct dedup_tab *t, size_t size)
{
	uint32_t	*old = t->slot;
	size_t		 oldsize = t->size, i, j;

	t->slot = xcalloc(size, sizeof *t->slot);
	t->size = size;
	for (i = 0; i < oldsize; i++) {
		if (old[i] == 0)
			continue;
		j = dedup_tab_home(size, t->key(old[i], t->arg));
		while (t->slot[j] != 0)
			j = (j + 1) & (size - 1);
		t->slot[j] = old[i];
	}
	free(old);
}

void
dedup_tab_add(struct dedup_tab *t, uint64_t key, uint32_t val)
{
	size_t	i;

	if (t->size == 0)
		dedup_tab_resize(t, DEDUP_TAB_MIN);
	else if ((t->used + 1) * 10 > t->size * 7)
		dedup_tab_resize(t, t->size * 2);
	i = dedup_tab_home(t->size, key);
	while (t->slot[i] != 0)
		i = (i + 1) & (t->size - 1);
	t->slot[i] = val;
	t->used++;
}

/* Is home h outside the cyclic range (i, j]? */
static int
dedup_tab_outside(size_t h, size_t i, size_t j)
{
	if (i <= j)
		return (h <= i || h > j);
	return (h <= i && h > j);
}

int
dedup_tab_del(struct dedup_tab *t, uint64_t key, uint32_t val)
{
	size_t	i, j, mask = t->size - 1;

	if (t->size == 0)
		return (-1);
	i = dedup_tab_home(t->size, key);
	while (t->slot[i] != val) {
		if (t->slot[i] == 0)
			return (-1);
		i = (i + 1) & mask;
	}
	t->slot[i] = 0;
	t->used--;
	for (j = (i + 1) & mask; t->slot[j] != 0; j = (j + 1) & mask) {
		if (dedup_tab_outside(dedup_tab_home(t->size,
		    t->key(t->slot[j], t->arg)), i, j)) {
			t->slot[i] = t->slot[j];
			t->slot[j] = 0;
			i = j;
		}
	}
	if (t->size > DEDUP_TAB_MIN && t->used * 8 < t->size)
		dedup_tab_resize(t, t->size / 2);
	return (0);
}

uint32_t
dedup_tab_next(const struct dedup_tab *t, uint64_t key, size_t *cursor)
{
	size_t		i;
	uint32_t	v;

	if (t->size == 0)
		return (0);
	/* *cursor: 0 at first, then 1 + the slot after the last match. */
	i = *cursor == 0 ? dedup_tab_home(t->size, key) : *cursor - 1;
	while ((v = t->slot[i]) != 0) {
		i = (i + 1) & (t->size - 1);
		if (t->key(v, t->arg) == key) {
			*cursor = i + 1;
			return (v);
		}
	}
	*cursor = i + 1;
	return (0);
}

size_t
dedup_tab_bytes(const struct dedup_tab *t)
{
	return (t->size * sizeof *t->slot);
}

uint64_t
dedup_tab_hash(const char *s, size_t len)
{
	uint64_t	h = 0xcbf29ce484222325ULL;
	size_t		i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	h ^= h >> 30;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 27;
	h *= 0x94d049bb133111ebULL;
	h ^= h >> 31;
	return (h);
}
