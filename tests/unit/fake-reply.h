/*
 * fake-reply.h -- hiredis replies built by hand, for code that takes a
 * redisReply (dedup_store_answer) in the unit tests, the fuzz target and
 * bench/dedup_cpu.c.  Static, in a header: each is one file linked with
 * libotsnews.a.
 */
#ifndef FAKE_REPLY_H
#define FAKE_REPLY_H

#include <stdlib.h>
#include <string.h>

#include <hiredis/hiredis.h>

#include "xmalloc.h"

static __attribute__((__unused__)) redisReply *
reply_new(int type, const char *s)
{
	redisReply	*r = xcalloc(1, sizeof *r);

	r->type = type;
	if (s != NULL) {
		r->str = xstrdup(s);
		r->len = strlen(s);
	}
	return (r);
}

static __attribute__((__unused__)) void
reply_add(redisReply *r, redisReply *e)
{
	r->element = xreallocarray(r->element, r->elements + 1,
	    sizeof *r->element);
	r->element[r->elements++] = e;
}

static __attribute__((__unused__)) void
reply_free(redisReply *r)
{
	size_t	i;

	for (i = 0; i < r->elements; i++)
		reply_free(r->element[i]);
	free(r->element);
	free(r->str);
	free(r);
}

#endif
