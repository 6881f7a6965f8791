/*
 * feed-json.c -- JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "date.h"
#include "feed.h"
#include "feed-int.h"
#include "xmalloc.h"

static const char *
feed_json_get(json_t *o, const char *key)
{
	json_t	*v;

	if ((v = json_object_get(o, key)) == NULL || !json_is_string(v))
		return (NULL);
	return (json_string_value(v));
}

static char *
feed_json_html(json_t *o, const char *key)
{
	return (feed_text_from_html(feed_json_get(o, key)));
}

static char *
feed_json_url(struct feed_ctx *ctx, json_t *o, const char *key)
{
	return (feed_resolve(ctx->opts->url, feed_json_get(o, key)));
}

static time_t
feed_json_date(struct feed_ctx *ctx, json_t *o, const char *key)
{
	const char	*s;

	if ((s = feed_json_get(o, key)) == NULL)
		return (-1);
	return (date_parse(s, ctx->opts->tz));
}

/* 1.1 "authors": [{name, url}], 1.0 "author": {name, url}. */
static char *
feed_json_author(json_t *o)
{
	json_t	*a, *v;
	size_t	 i;
	char	*r;

	if ((a = json_object_get(o, "authors")) != NULL && json_is_array(a)) {
		json_array_foreach(a, i, v) {
			if ((r = feed_text_collapse(feed_json_get(v,
			    "name"))) != NULL)
				return (r);
		}
	}
	if ((a = json_object_get(o, "author")) != NULL && json_is_object(a))
		return (feed_text_collapse(feed_json_get(a, "name")));
	return (NULL);
}

static char *
feed_json_id(json_t *item)
{
	json_t	*v;
	char	*r = NULL;

	if ((v = json_object_get(item, "id")) == NULL)
		return (NULL);
	if (json_is_string(v))
		return (feed_text_collapse(json_string_value(v)));
	if (json_is_integer(v))
		xasprintf(&r, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
	return (r);
}

static void
feed_json_lists(struct feed_ctx *ctx, json_t *item, struct feed_entry *e)
{
	json_t		*a, *v, *sz;
	size_t		 i;
	char		*url;

	if ((a = json_object_get(item, "tags")) != NULL && json_is_array(a)) {
		json_array_foreach(a, i, v) {
			if (json_is_string(v))
				feed_entry_add_category(e,
				    json_string_value(v));
		}
	}
	if ((a = json_object_get(item, "attachments")) == NULL ||
	    !json_is_array(a))
		return;
	json_array_foreach(a, i, v) {
		if ((url = feed_json_url(ctx, v, "url")) == NULL)
			continue;
		sz = json_object_get(v, "size_in_bytes");
		feed_entry_add_enclosure(e, url, feed_json_get(v, "mime_type"),
		    json_is_integer(sz) ? json_integer_value(sz) : 0);
		free(url);
	}
}

static void
feed_json_item(struct feed_ctx *ctx, json_t *item, const char *author)
{
	struct feed_entry	*e;

	if (!json_is_object(item) || (e = feed_entry_add(ctx->feed)) == NULL)
		return;
	e->id = feed_json_id(item);
	e->link = feed_json_url(ctx, item, "url");
	if (e->link == NULL)
		e->link = feed_json_url(ctx, item, "external_url");
	e->title = feed_json_html(item, "title");
	e->summary = feed_json_html(item, "summary");
	e->content = feed_json_html(item, "content_html");
	if (e->content == NULL)
		e->content = feed_text_collapse(feed_json_get(item,
		    "content_text"));
	e->published = feed_json_date(ctx, item, "date_published");
	e->updated = feed_json_date(ctx, item, "date_modified");
	e->author = feed_json_author(item);
	if (e->author == NULL && author != NULL)
		e->author = xstrdup(author);
	e->language = feed_text_collapse(feed_json_get(item, "language"));
	feed_json_lists(ctx, item, e);
	feed_entry_finish(ctx->feed, e);
}

int
feed_json_parse(struct feed_ctx *ctx, const char *buf, size_t len,
    char **cause)
{
	json_error_t	 err;
	json_t		*root, *items, *item;
	const char	*version;
	char		*author;
	size_t		 i;

	if ((root = json_loadb(buf, len, 0, &err)) == NULL) {
		xasprintf(cause, "JSON error at line %d: %s", err.line,
		    err.text);
		return (-1);
	}
	version = feed_json_get(root, "version");
	items = json_object_get(root, "items");
	if (!json_is_object(root) || ((version == NULL ||
	    strstr(version, "jsonfeed.org/version/") == NULL) &&
	    !json_is_array(items))) {
		*cause = xstrdup("not a JSON Feed");
		json_decref(root);
		return (-1);
	}
	ctx->feed->format = FEED_FORMAT_JSONFEED;
	ctx->feed->title = feed_json_html(root, "title");
	ctx->feed->link = feed_json_url(ctx, root, "home_page_url");
	ctx->feed->language = feed_text_collapse(feed_json_get(root,
	    "language"));
	author = feed_json_author(root);
	if (json_is_array(items)) {
		json_array_foreach(items, i, item)
			feed_json_item(ctx, item, author);
	}
	free(author);
	json_decref(root);
	return (0);
}
