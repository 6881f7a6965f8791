/*
 * feed-print.c -- the JSON document of `otsnews parse-feed`, written
 * directly: byte for byte what json_dumps(feed_to_json(f), FEED_JSON_FLAGS)
 * gives (jansson 2.14: two-space indent, ": " separator, "[]" and "{}"
 * when empty, "\uXXXX" in upper case for other control characters), without
 * building the tree.  Like json_string(), a string that is not valid UTF-8
 * is left out (its key, or its array element).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "charset.h"
#include "date.h"
#include "feed.h"
#include "xmalloc.h"

#define FEED_OUT_CHUNK	65536

struct feed_out {
	char	*p;
	size_t	 len;
	size_t	 cap;
	FILE	*fp;		/* not owned; NULL: keep it all in p */
	int	 error;		/* a write to fp failed */
};

static void
feed_out_flush(struct feed_out *o)
{
	if (o->len != 0 && fwrite(o->p, 1, o->len, o->fp) != o->len)
		o->error = 1;
	o->len = 0;
}

static void
feed_out_grow(struct feed_out *o, size_t n)
{
	if (o->len + n + 1 <= o->cap)
		return;
	if (o->fp != NULL) {
		feed_out_flush(o);
		if (n + 1 <= o->cap)
			return;
	}
	while (o->len + n + 1 > o->cap)
		o->cap = o->cap != 0 ? o->cap * 2 : FEED_OUT_CHUNK;
	o->p = xrealloc(o->p, o->cap);
}

static void
feed_out_add(struct feed_out *o, const char *s, size_t n)
{
	feed_out_grow(o, n);
	memcpy(o->p + o->len, s, n);
	o->len += n;
}

static void
feed_out_str(struct feed_out *o, const char *s)
{
	feed_out_add(o, s, strlen(s));
}

static void
feed_out_indent(struct feed_out *o, int depth)
{
	feed_out_grow(o, 1 + 2 * (size_t)depth);
	o->p[o->len++] = '\n';
	memset(o->p + o->len, ' ', 2 * (size_t)depth);
	o->len += 2 * (size_t)depth;
}

/*
 * jansson's utf8_check_string is charset_utf8_valid(): no overlong forms,
 * surrogates or code points beyond U+10FFFF.
 */
static int
feed_out_utf8(const char *s, size_t len)
{
	return (charset_utf8_valid(s, len));
}

#define FEED_ONES	0x0101010101010101ULL
#define FEED_HIGHS	0x8080808080808080ULL
#define FEED_HASZERO(w)	(((w) - FEED_ONES) & ~(w) & FEED_HIGHS)

/* Past the bytes that need no escape: not '"', '\\' or below 0x20. */
static const unsigned char *
feed_out_plain(const unsigned char *p, const unsigned char *end)
{
	uint64_t	w;

	/* eight at a time while no byte of the word can be special */
	while (end - p >= 8) {
		memcpy(&w, p, 8);
		if ((FEED_HASZERO(w ^ (FEED_ONES * '"')) |
		    FEED_HASZERO(w ^ (FEED_ONES * '\\')) |
		    ((w - FEED_ONES * 0x20) & ~w & FEED_HIGHS)) != 0)
			break;
		p += 8;
	}
	while (*p >= 0x20 && *p != '"' && *p != '\\')
		p++;
	return (p);
}

static void
feed_out_quoted(struct feed_out *o, const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s, *run, *end;
	char			 esc[8];

	end = p + len;
	feed_out_grow(o, 1);
	o->p[o->len++] = '"';
	for (;;) {
		run = p;
		p = feed_out_plain(p, end);
		if (p != run)
			feed_out_add(o, (const char *)run, (size_t)(p - run));
		if (*p == '\0')
			break;
		switch (*p) {
		case '"':
			feed_out_add(o, "\\\"", 2);
			break;
		case '\\':
			feed_out_add(o, "\\\\", 2);
			break;
		case '\b':
			feed_out_add(o, "\\b", 2);
			break;
		case '\f':
			feed_out_add(o, "\\f", 2);
			break;
		case '\n':
			feed_out_add(o, "\\n", 2);
			break;
		case '\r':
			feed_out_add(o, "\\r", 2);
			break;
		case '\t':
			feed_out_add(o, "\\t", 2);
			break;
		default:
			snprintf(esc, sizeof esc, "\\u%04X", *p);
			feed_out_add(o, esc, 6);
			break;
		}
		p++;
	}
	feed_out_grow(o, 1);
	o->p[o->len++] = '"';
}

/*
 * One member of an object: *first says whether it opens the object.
 * value NULL is written as null; an invalid string leaves the member out.
 */
static int
feed_out_key(struct feed_out *o, int *first, int depth, const char *key)
{
	if (!*first)
		feed_out_add(o, ",", 1);
	*first = 0;
	feed_out_indent(o, depth);
	feed_out_quoted(o, key, strlen(key));
	feed_out_add(o, ": ", 2);
	return (0);
}

static void
feed_out_member(struct feed_out *o, int *first, int depth, const char *key,
    const char *value)
{
	size_t	len = 0;

	if (value != NULL && !feed_out_utf8(value, len = strlen(value)))
		return;
	feed_out_key(o, first, depth, key);
	if (value == NULL)
		feed_out_add(o, "null", 4);
	else
		feed_out_quoted(o, value, len);
}

static void
feed_out_date(struct feed_out *o, int *first, int depth, const char *key,
    time_t t)
{
	char	buf[32];

	if (t == -1) {
		feed_out_member(o, first, depth, key, NULL);
		return;
	}
	date_format(t, buf, sizeof buf);
	feed_out_member(o, first, depth, key, buf);
}

static void
feed_out_close(struct feed_out *o, int first, int depth, char c)
{
	if (!first)
		feed_out_indent(o, depth);
	feed_out_add(o, &c, 1);
}

static void
feed_out_categories(struct feed_out *o, const struct feed_entry *e,
    int depth)
{
	size_t	i, len;
	int	first = 1;

	feed_out_add(o, "[", 1);
	for (i = 0; i < e->ncategories; i++) {
		if (e->categories[i] == NULL || !feed_out_utf8(e->categories[i],
		    len = strlen(e->categories[i])))
			continue;
		if (!first)
			feed_out_add(o, ",", 1);
		first = 0;
		feed_out_indent(o, depth + 1);
		feed_out_quoted(o, e->categories[i], len);
	}
	feed_out_close(o, first, depth, ']');
}

static void
feed_out_enclosures(struct feed_out *o, const struct feed_entry *e,
    int depth)
{
	const struct feed_enclosure	*en;
	char				 num[32];
	size_t				 i;
	int				 first = 1, efirst;

	feed_out_add(o, "[", 1);
	for (i = 0; i < e->nenclosures; i++) {
		en = &e->enclosures[i];
		if (!first)
			feed_out_add(o, ",", 1);
		first = 0;
		feed_out_indent(o, depth + 1);
		feed_out_add(o, "{", 1);
		efirst = 1;
		/* json_string(NULL) fails: no "url" member at all */
		if (en->url != NULL)
			feed_out_member(o, &efirst, depth + 2, "url", en->url);
		feed_out_member(o, &efirst, depth + 2, "type", en->type);
		feed_out_key(o, &efirst, depth + 2, "length");
		snprintf(num, sizeof num, "%lld", en->length);
		feed_out_str(o, num);
		feed_out_close(o, efirst, depth + 1, '}');
	}
	feed_out_close(o, first, depth, ']');
}

static void
feed_out_entry(struct feed_out *o, const struct feed_entry *e, int depth)
{
	int	first = 1;

	feed_out_add(o, "{", 1);
	feed_out_member(o, &first, depth + 1, "id", e->id);
	feed_out_member(o, &first, depth + 1, "link", e->link);
	feed_out_member(o, &first, depth + 1, "title", e->title);
	feed_out_date(o, &first, depth + 1, "published", e->published);
	feed_out_date(o, &first, depth + 1, "updated", e->updated);
	feed_out_member(o, &first, depth + 1, "summary", e->summary);
	feed_out_member(o, &first, depth + 1, "content", e->content);
	feed_out_member(o, &first, depth + 1, "author", e->author);
	feed_out_key(o, &first, depth + 1, "categories");
	feed_out_categories(o, e, depth + 1);
	feed_out_key(o, &first, depth + 1, "enclosures");
	feed_out_enclosures(o, e, depth + 1);
	if (e->language != NULL)
		feed_out_member(o, &first, depth + 1, "language",
		    e->language);
	feed_out_close(o, first, depth, '}');
}

static void
feed_out_feed(struct feed_out *o, const struct feed *f)
{
	size_t	i;
	int	first = 1, afirst = 1;

	feed_out_add(o, "{", 1);
	if (feed_format_name(f->format) != NULL)
		feed_out_member(o, &first, 1, "format",
		    feed_format_name(f->format));
	feed_out_member(o, &first, 1, "title", f->title);
	feed_out_member(o, &first, 1, "link", f->link);
	feed_out_member(o, &first, 1, "language", f->language);
	feed_out_date(o, &first, 1, "updated", f->updated);
	feed_out_key(o, &first, 1, "entries");
	feed_out_add(o, "[", 1);
	for (i = 0; i < f->nentries; i++) {
		if (!afirst)
			feed_out_add(o, ",", 1);
		afirst = 0;
		feed_out_indent(o, 2);
		feed_out_entry(o, &f->entries[i], 2);
	}
	feed_out_close(o, afirst, 1, ']');
	if (f->is_index) {
		feed_out_key(o, &first, 1, "is_index");
		feed_out_add(o, "true", 4);
	}
	if (f->recovered) {
		feed_out_key(o, &first, 1, "recovered");
		feed_out_add(o, "true", 4);
	}
	feed_out_close(o, first, 0, '}');
}

char *
feed_dumps(const struct feed *f, size_t *lenp)
{
	struct feed_out	 o;

	memset(&o, 0, sizeof o);
	feed_out_feed(&o, f);
	o.p[o.len] = '\0';
	if (lenp != NULL)
		*lenp = o.len;
	return (o.p);
}

int
feed_print(const struct feed *f, FILE *fp)
{
	struct feed_out	 o;

	memset(&o, 0, sizeof o);
	o.fp = fp;
	feed_out_feed(&o, f);
	feed_out_add(&o, "\n", 1);
	feed_out_flush(&o);
	free(o.p);
	return (o.error ? -1 : 0);
}
