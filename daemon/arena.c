/*
 * arena.c -- a bump allocator over a list of blocks (arena.h).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "xmalloc.h"

#define ARENA_BLOCK	(64 * 1024)	/* bytes a block, unless one asks more */
#define ARENA_ALIGN(n)	(((n) + 15) & ~(size_t)15)

struct arena_block {
	struct arena_block	*next;
	size_t			 size, used;	/* of data */
	max_align_t		 data[];
};

/* Owned by whoever called arena_new; freed by arena_free. */
struct arena {
	struct arena_block	*head;		/* the block handed out from */
};

struct arena *
arena_new(void)
{
	return (xcalloc(1, sizeof (struct arena)));
}

void *
arena_alloc(struct arena *a, size_t n)
{
	struct arena_block	*b = a->head;
	size_t			 size;
	char			*p;

	n = ARENA_ALIGN(n == 0 ? 1 : n);
	if (b == NULL || b->size - b->used < n) {
		size = n > ARENA_BLOCK ? n : ARENA_BLOCK;
		b = xmalloc(sizeof *b + size);
		b->size = size;
		b->used = 0;
		b->next = a->head;
		a->head = b;
	}
	p = (char *)b->data + b->used;
	b->used += n;
	return (p);
}

void *
arena_calloc(struct arena *a, size_t n)
{
	return (memset(arena_alloc(a, n), 0, n));
}

char *
arena_strdup(struct arena *a, const char *s)
{
	size_t	len = strlen(s) + 1;

	return (memcpy(arena_alloc(a, len), s, len));
}

void
arena_free(struct arena *a)
{
	struct arena_block	*b, *next;

	if (a == NULL)
		return;
	for (b = a->head; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	free(a);
}
