/*
 * cmd-status.c -- `otsnews status`: one line per configured source, from
 * the state the daemons keep in Redis.
 *
 *   otsnews status [-c FILE] [--json]
 *
 * Every daemon writes KEY_PREFIX status:NAME (a hash: last_poll,
 * last_success, next_poll, found, published, failures, last_error, url,
 * daemon) after each poll of a source, and lease:NAME names the daemon that
 * holds the source now.  Times are unix seconds; 0 means never.
 */
#include <sys/queue.h>

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <hiredis/hiredis.h>
#include <jansson.h>

#include "cmd.h"
#include "config.h"
#include "xmalloc.h"

#define STATUS_USAGE "usage: otsnews status [-c FILE] [--json]\n"

static const char *const status_fields[] = {
	"last_poll", "last_success", "next_poll", "found", "published",
	"failures", "last_error", "url", "daemon"
};
#define STATUS_NFIELDS	(sizeof status_fields / sizeof status_fields[0])

/* "12s ago", "in 4m", "never". */
static void
status_when(char *out, size_t len, const char *v, time_t now)
{
	long long	t = v != NULL ? strtoll(v, NULL, 10) : 0;
	long long	d;
	const char	*unit = "s";

	if (t <= 0) {
		snprintf(out, len, "never");
		return;
	}
	d = t > now ? t - now : now - t;
	if (d >= 7200) {
		d /= 3600;
		unit = "h";
	} else if (d >= 120) {
		d /= 60;
		unit = "m";
	}
	snprintf(out, len, t > now ? "in %lld%s" : "%lld%s ago", d, unit);
}

static json_t *
status_source(redisContext *c, const struct config *conf,
    const struct source_conf *sc)
{
	const char	*prefix = conf->key_prefix != NULL ? conf->key_prefix : "";
	redisReply	*r;
	json_t		*o = json_object();
	size_t		 i;

	json_object_set_new(o, "source", json_string(sc->name));
	r = redisCommand(c, "HGETALL %sstatus:%s", prefix, sc->name);
	if (r != NULL && r->type == REDIS_REPLY_ARRAY) {
		for (i = 0; i + 1 < r->elements; i += 2)
			json_object_set_new(o, r->element[i]->str,
			    json_stringn(r->element[i + 1]->str,
			    r->element[i + 1]->len));
	}
	freeReplyObject(r);
	r = redisCommand(c, "GET %slease:%s", prefix, sc->name);
	json_object_set_new(o, "lease_holder", r != NULL &&
	    r->type == REDIS_REPLY_STRING ? json_string(r->str) : json_null());
	freeReplyObject(r);
	for (i = 0; i < STATUS_NFIELDS; i++) {
		if (json_object_get(o, status_fields[i]) == NULL)
			json_object_set_new(o, status_fields[i], json_null());
	}
	return (o);
}

#define S(o, k) (json_string_value(json_object_get(o, k)))

static void
status_print(json_t *o, time_t now)
{
	char	 poll[32], ok[32], next[32];

	status_when(poll, sizeof poll, S(o, "last_poll"), now);
	status_when(ok, sizeof ok, S(o, "last_success"), now);
	status_when(next, sizeof next, S(o, "next_poll"), now);
	printf("%-16s  polled %-9s  ok %-9s  next %-8s  found %-4s  "
	    "published %-5s  lease %s%s%s\n", S(o, "source"), poll, ok, next,
	    S(o, "found") != NULL ? S(o, "found") : "-",
	    S(o, "published") != NULL ? S(o, "published") : "0",
	    S(o, "lease_holder") != NULL ? S(o, "lease_holder") : "-",
	    S(o, "last_error") != NULL && *S(o, "last_error") != '\0' ?
	    "  error: " : "", S(o, "last_error") != NULL ?
	    S(o, "last_error") : "");
}

#undef S

int
cmd_status(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "config", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char			*path = CONFIG_DEFAULT_PATH;
	const struct source_conf	*sc;
	struct config			*conf;
	redisContext			*c;
	json_t				*all, *o;
	char				*s;
	time_t				 now = time(NULL);
	int				 ch, as_json = 0;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "c:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c': path = optarg; break;
		case 'j': as_json = 1; break;
		case 'h':
			printf(STATUS_USAGE "One line per configured source: "
			    "last poll, last success, next poll, links found,\n"
			    "records published, lease holder, last error.\n");
			return (0);
		default:
			fprintf(stderr, STATUS_USAGE);
			return (1);
		}
	}
	if (optind != argc) {
		fprintf(stderr, STATUS_USAGE);
		return (1);
	}
	if ((c = cmd_redis_open(path, "status", &conf)) == NULL)
		return (1);
	all = json_array();
	TAILQ_FOREACH(sc, &conf->sources, entry) {
		o = status_source(c, conf, sc);
		if (!as_json)
			status_print(o, now);
		json_array_append_new(all, o);
	}
	if (as_json) {
		s = json_dumps(all, JSON_INDENT(1) | JSON_SORT_KEYS);
		printf("%s\n", s);
		free(s);
	}
	json_decref(all);
	redisFree(c);
	config_free(conf);
	return (0);
}
