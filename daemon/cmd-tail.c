/*
 * cmd-tail.c -- `otsnews tail`: follow the stream, one line per record.
 *
 *   otsnews tail [-c FILE] [--json] [--from-start | --after ID] [--count N]
 *
 * The consumer side, as a consumer would write it: XREAD BLOCK from the
 * newest entry ($), from the start, or after a given entry id, one line per
 * record ("published_at  source  lang  title  url", or the record as JSON
 * with its entry id in "stream_id").  A blocking hiredis context is fine
 * here: this is a command-line tool, not the daemon's event loop.
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

#define TAIL_USAGE "usage: otsnews tail [-c FILE] [--json] " \
	"[--from-start | --after ID] [--count N]\n"

static void
tail_print(const char *eid, redisReply *fields, int as_json)
{
	json_t		*o = json_object();
	const char	*k;
	char		*s;
	size_t		 i;

	for (i = 0; i + 1 < fields->elements; i += 2) {
		k = fields->element[i]->str;
		json_object_set_new(o, k, json_stringn(
		    fields->element[i + 1]->str, fields->element[i + 1]->len));
	}
	if (as_json) {
		json_object_set_new(o, "stream_id", json_string(eid));
		s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
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

/* A stream entry id: MS or MS-SEQ, digits only. */
static int
tail_id_valid(const char *id)
{
	const char	*p = id;

	if (*p < '0' || *p > '9')
		return (0);
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p == '-') {
		p++;
		if (*p < '0' || *p > '9')
			return (0);
		while (*p >= '0' && *p <= '9')
			p++;
	}
	return (*p == '\0');
}

int
cmd_tail(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "from-start", no_argument, NULL, 's' },
		{ "after", required_argument, NULL, 'a' },
		{ "count", required_argument, NULL, 'n' },
		{ "config", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*path = CONFIG_DEFAULT_PATH, *after = NULL;
	struct config	*conf;
	redisContext	*c;
	redisReply	*r, *entries, *e;
	char		*last;
	long long	 count = -1, seen = 0;
	int		 ch, as_json = 0, from_start = 0, rc = 0;
	size_t		 i;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "c:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c': path = optarg; break;
		case 'j': as_json = 1; break;
		case 's': from_start = 1; break;
		case 'a':
			if (!tail_id_valid(optarg)) {
				fprintf(stderr, "otsnews tail: --after: not a "
				    "stream entry id: %s\n", optarg);
				return (1);
			}
			after = optarg;
			break;
		case 'n':
			if (cmd_number(optarg, 1, 1LL << 40, &count) == -1) {
				fprintf(stderr, "otsnews tail: --count: not a "
				    "positive number: %s\n", optarg);
				return (1);
			}
			break;
		case 'h':
			printf(TAIL_USAGE "Follow the stream: one line per "
			    "record, or its JSON with --json (entry id in "
			    "\"stream_id\").\nStarts at new records, at the "
			    "first (--from-start) or after ID (--after).\n");
			return (0);
		default:
			fprintf(stderr, TAIL_USAGE);
			return (1);
		}
	}
	if (optind != argc || (from_start && after != NULL)) {
		fprintf(stderr, TAIL_USAGE);
		return (1);
	}
	if ((c = cmd_redis_open(path, "tail", &conf)) == NULL)
		return (1);
	last = xstrdup(after != NULL ? after : from_start ? "0-0" : "$");
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
				tail_print(last, e->element[1], as_json);
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
