/*
 * fuzz_dedup.c -- the shared dedup index's entries as they come back from
 * Redis: dedup_entry_decode and a publication's view (dedup_store_answer,
 * dedup_store_lookup, dedup_store_evaluate) over entries that are the
 * input itself, the input's own encoding, and that encoding damaged where
 * the input says (truncated, a byte replaced).  Redis is shared: an entry
 * written by another version, or damaged, must be refused with a cause,
 * never crash the daemon.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <hiredis/hiredis.h>

#include "article.h"
#include "dedup-store.h"
#include "dedup.h"
#include "xmalloc.h"
#include "../unit/fake-reply.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* One view answered with the entries given, then evaluated. */
static void
view(struct article *a, char **entries, size_t n)
{
	struct dedup_store	*ds = dedup_store_new("f:");
	struct dedup_argv	 argv, keys, args;
	redisReply		*r = xcalloc(1, sizeof *r);
	char			*cause = NULL, *value = NULL, num[16];
	size_t			 i;

	memset(&argv, 0, sizeof argv);
	memset(&keys, 0, sizeof keys);
	memset(&args, 0, sizeof args);
	(void)dedup_store_lookup(ds, a, &argv);
	dedup_argv_clear(&argv);
	r->type = REDIS_REPLY_ARRAY;
	r->element = xcalloc(2 * n + 1, sizeof *r->element);
	r->element[r->elements++] = reply_new(REDIS_REPLY_STRING, "7");
	for (i = 0; i < n; i++) {
		snprintf(num, sizeof num, "%zu", i + 1);
		r->element[r->elements++] = reply_new(REDIS_REPLY_STRING, num);
		r->element[r->elements++] = reply_new(REDIS_REPLY_STRING, entries[i]);
	}
	if (dedup_store_answer(ds, r, &cause) == 0) {
		/* The next round builds the view from what was answered. */
		(void)dedup_store_lookup(ds, a, &argv);
		dedup_argv_clear(&argv);
		dedup_store_evaluate(ds, a, &value, &keys, &args);
	}
	free(cause);
	free(value);
	dedup_argv_clear(&keys);
	dedup_argv_clear(&args);
	reply_free(r);
	dedup_store_free(ds);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dedup_index	*idx;
	struct dedup_entry	*e;
	struct article		*a;
	char			*s, *enc, *bad, *cut, *cause = NULL;
	char			*entries[3];
	size_t			 len, at;

	s = xstrndup((const char *)data, size);	/* the APIs take C strings */
	e = dedup_entry_decode(s, &cause);
	free(cause);
	cause = NULL;
	dedup_entry_free(e);

	a = article_new();
	a->id = xstrdup("00");
	a->source = xstrdup("fuzz");
	a->title = xstrdup("Fuzz");
	a->body = xstrdup(s);
	idx = dedup_index_new(0);
	e = dedup_evaluate(idx, a);
	enc = dedup_entry_encode(e);
	dedup_entry_free(e);
	dedup_index_free(idx);

	/* The input's own encoding, damaged where its first bytes say. */
	len = strlen(enc);
	at = size >= 2 ? ((size_t)data[0] << 8 | data[1]) % (len + 1) : 0;
	cut = xstrndup(enc, at);
	bad = xstrdup(enc);
	if (len > 0)
		bad[at % len] = size > 2 && data[2] != '\0' ? (char)data[2] :
		    '#';
	if ((e = dedup_entry_decode(cut, &cause)) != NULL)
		dedup_entry_free(e);
	free(cause);
	cause = NULL;
	if ((e = dedup_entry_decode(bad, &cause)) != NULL)
		dedup_entry_free(e);
	free(cause);
	cause = NULL;

	/* Stored entries carry a 16-hex boilerplate mask and a space first. */
	xasprintf(&entries[0], "%016x %s", (unsigned)size, enc);
	xasprintf(&entries[1], "ffffffffffffffff %s", bad);
	xasprintf(&entries[2], "%s", s);
	a->id[0] = '1';
	view(a, entries, 3);

	free(entries[0]);
	free(entries[1]);
	free(entries[2]);
	free(cut);
	free(bad);
	free(enc);
	free(s);
	article_free(a);
	return (0);
}
