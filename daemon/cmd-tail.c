/*
 * cmd-tail.c -- `otsnews tail`: follow the stream, one line per record.
 *
 *   otsnews tail [-c FILE] [--json] [--from-start] [--count N]
 *
 * The consumer side, as a consumer would write it: XREAD BLOCK from the
 * newest entry ($) or from the start, one line per record
 * ("published_at  source  lang  title  url", or the record as JSON).
 * A blocking hiredis context is fine here: this is a command-line tool,
 * not the daemon's event loop.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hiredis/hiredis.h>
#include <jansson.h>

#include "cmd.h"
#include "config.h"
#include "xmalloc.h"

static void
tail_print(redisReply *fields, int as_json)
{
	json_t		*o = json_object();
	const char	*k, *v;
	char		*s;
	size_t		 i;

	for (i = 0; i + 1 < fields->elements; i += 2) {
		k = fields->element[i]->str;
		v = fields->element[i + 1]->str;
		json_object_set_new(o, k, json_stringn(v,
		    fields->element[i + 1]->len));
	}
	if (as_json) {
		s = json_dumps(o, JSON_COMPACT);
		printf("%s\n", s);
		free(s);
	} else {
#define G(key) (json_string_value(json_object_get(o, key)) != NULL ? \
	json_string_value(json_object_get(o, key)) : "")
		printf("%-20s  %-14s  %-2s  %s  %s%s%s\n", G("published_at"),
		    G("source"), G("lang"), G("title"), G("url"),
		    *G("dup_of") != '\0' ? "  dup_of=" : "", G("dup_of"));
#undef G
	}
	fflush(stdout);
	json_decref(o);
}

static redisContext *
tail_connect(const struct config *conf)
{
	redisContext	*c;
	redisReply	*r;

	if (conf->redis.path != NULL)
		c = redisConnectUnix(conf->redis.path);
	else
		c = redisConnect(conf->redis.host, conf->redis.port);
	if (c == NULL || c->err) {
		fprintf(stderr, "otsnews tail: redis: %s\n", c != NULL ?
		    c->errstr : "out of memory");
		redisFree(c);
		return (NULL);
	}
	if (conf->redis.password != NULL) {
		r = redisCommand(c, "AUTH %s", conf->redis.password);
		freeReplyObject(r);
	}
	if (conf->redis.db != 0) {
		r = redisCommand(c, "SELECT %d", conf->redis.db);
		freeReplyObject(r);
	}
	return (c);
}

int
cmd_tail(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "from-start", no_argument, NULL, 's' },
		{ "count", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*path = CONFIG_DEFAULT_PATH;
	struct config	*conf;
	redisContext	*c;
	redisReply	*r, *entries, *e;
	char		*cause = NULL, *last;
	long		 count = -1, seen = 0;
	int		 ch, as_json = 0, rc = 0;
	size_t		 i;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "c:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c': path = optarg; break;
		case 'j': as_json = 1; break;
		case 's': seen = -1; break;
		case 'n': count = atol(optarg); break;
		default:
			fprintf(stderr, "usage: otsnews tail [-c FILE] [--json] "
			    "[--from-start] [--count N]\n");
			return (1);
		}
	}
	if ((conf = config_load(path, &cause)) == NULL) {
		fprintf(stderr, "%s\n", cause);
		free(cause);
		return (1);
	}
	if ((c = tail_connect(conf)) == NULL) {
		config_free(conf);
		return (1);
	}
	last = xstrdup(seen == -1 ? "0-0" : "$");
	seen = 0;
	while (count < 0 || seen < count) {
		r = redisCommand(c, "XREAD COUNT 100 BLOCK 0 STREAMS %s %s",
		    conf->stream, last);
		if (r == NULL || r->type == REDIS_REPLY_ERROR) {
			fprintf(stderr, "otsnews tail: %s\n", r != NULL ?
			    r->str : c->errstr);
			freeReplyObject(r);
			rc = 1;
			break;
		}
		if (r->type == REDIS_REPLY_ARRAY && r->elements > 0) {
			entries = r->element[0]->element[1];
			for (i = 0; i < entries->elements &&
			    (count < 0 || seen < count); i++) {
				e = entries->element[i];
				free(last);
				last = xstrdup(e->element[0]->str);
				tail_print(e->element[1], as_json);
				seen++;
			}
		}
		freeReplyObject(r);
	}
	free(last);
	redisFree(c);
	config_free(conf);
	return (rc);
}
