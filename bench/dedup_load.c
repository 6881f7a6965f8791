/*
 * dedup_load.c -- fill a throw-away Redis with the dedup state of N
 * synthetic articles, through the daemon's own code, and measure it.
 *
 *	dedup_load PORT load N [SOURCES]	evaluate N articles (dedup_store_
 *						evaluate over an empty view: the
 *						texts are distinct) and file each
 *						with the publication script's
 *						DEDUP_STORE_FILE_LUA
 *	dedup_load PORT seen BASE SOURCES K	mark the first K items of each
 *						/_gen/feed/S seen (url:ID = x, the
 *						daemon's canonical form and id)
 *	dedup_load PORT measure			MEMORY USAGE of every dedup key,
 *						by kind, per entry
 *
 * Articles are "gen<i % SOURCES>" like bench/pipeline's sources: six
 * paragraphs of 60 words, with names and numbers so that they carry story
 * keys.  Synchronous hiredis, pipelined: a tool, not the daemon.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <hiredis/hiredis.h>

#include "article.h"
#include "buf.h"
#include "dedup-store.h"
#include "dedup.h"
#include "hash.h"
#include "url.h"

#define PREFIX	"otsnews:"
#define WINDOW	256	/* commands in flight */

static const char *const words[] = {
	"summit", "cooperation", "states", "minister", "trade", "energy",
	"transport", "corridor", "digital", "agreement", "president",
	"delegation", "investment", "culture", "education", "council",
	"meeting", "projects", "region", "development", "partners", "joint",
	"declaration", "railway", "logistics", "tourism", "youth", "media",
	"the", "of", "and", "in", "to", "a", "with", "on", "for", "by",
	"said", "new", "will", "has", "was", "at", "from", "which", "its",
	"forum", "talks", "plan", "export", "grain", "oil", "gas", "water",
	"week", "year", "capital", "city", "border", "bank", "market"
};
static const char *const names[] = {
	"Astana", "Baku", "Tashkent", "Bishkek", "Ankara", "Budapest",
	"Almaty", "Samarkand", "Ashgabat", "Istanbul", "Shusha", "Turkistan",
	"Aliyev", "Tokayev", "Mirziyoyev", "Japarov", "Erdogan", "Orban",
	"Omuraliev", "Berdimuhamedov", "Caspian", "Zangezur", "Aktau",
	"Kazakhstan", "Uzbekistan", "Azerbaijan", "Kyrgyzstan", "Turkmenistan",
	"Hungary", "Turkiye", "Khiva", "Bukhara", "Osh", "Ganja", "Izmir"
};

static unsigned long
next(unsigned long *s)
{
	*s = *s * 6364136223846793005UL + 1442695040888963407UL;
	return (*s >> 33);
}

static char *
gen_body(unsigned long seed)
{
	struct buf	b;
	int		p, w;

	buf_init(&b, 0);
	for (p = 0; p < 6; p++) {
		for (w = 0; w < 60; w++) {
			if (w > 0)
				buf_addc(&b, ' ');
			if (w > 0 && next(&seed) % 9 == 0)
				buf_addstr(&b, names[next(&seed) %
				    (sizeof names / sizeof names[0])]);
			else if (next(&seed) % 40 == 0)
				buf_printf(&b, "%lu.%lu", next(&seed) % 100,
				    next(&seed) % 10);
			else
				buf_addstr(&b, words[next(&seed) %
				    (sizeof words / sizeof words[0])]);
		}
		buf_addstr(&b, ".\n\n");
	}
	return (buf_steal(&b));
}

static void
check(redisContext *c, redisReply *r)
{
	if (r == NULL) {
		fprintf(stderr, "dedup_load: %s\n", c->errstr);
		exit(1);
	}
	if (r->type == REDIS_REPLY_ERROR) {
		fprintf(stderr, "dedup_load: %s\n", r->str);
		exit(1);
	}
	freeReplyObject(r);
}

static void
load(redisContext *c, long n, int sources)
{
	static const char	 script[] = DEDUP_STORE_FILE_LUA
	    "return file(tonumber(ARGV[1]))\n";
	struct dedup_store	*ds;
	struct dedup_argv	 argv, keys, args;
	struct article		*a;
	redisReply		*r;
	char			*value, id[33], src[32];
	long			 i, inflight = 0;
	size_t			 k;
	time_t			 now = time(NULL);

	for (i = 0; i < n; i++) {
		a = article_new();
		snprintf(id, sizeof id, "%032lx", (unsigned long)i * 2654435761UL + 1);
		snprintf(src, sizeof src, "gen%ld", i % sources);
		article_set(&a->id, id);
		article_set(&a->source, src);
		article_set(&a->title, names[i % (sizeof names / sizeof names[0])]);
		a->body = gen_body((unsigned long)i * 7919 + 17);
		a->published = now - (n - i) * 10;
		a->fetched = now;
		ds = dedup_store_new(PREFIX);
		memset(&argv, 0, sizeof argv);
		memset(&keys, 0, sizeof keys);
		memset(&args, 0, sizeof args);
		dedup_store_evaluate(ds, a, &value, &keys, &args);
		dedup_argv_add(&argv, "EVAL");
		dedup_argv_add(&argv, script);
		dedup_argv_addf(&argv, "%zu", 4 + keys.n);
		for (k = 0; k < 4; k++)
			dedup_argv_addf(&argv, PREFIX "unused:%zu", k);
		for (k = 0; k < keys.n; k++)
			dedup_argv_add(&argv, keys.v[k]);
		dedup_argv_add(&argv, "2592000");	/* 30 days */
		dedup_argv_add(&argv, id);
		dedup_argv_add(&argv, "0");
		dedup_argv_add(&argv, value);
		dedup_argv_add(&argv, "0");
		dedup_argv_add(&argv, "0");
		for (k = 0; k < args.n; k++)
			dedup_argv_add(&argv, args.v[k]);
		redisAppendCommandArgv(c, (int)argv.n, (const char **)argv.v,
		    NULL);
		if (++inflight == WINDOW) {
			for (; inflight > 0; inflight--) {
				redisGetReply(c, (void **)&r);
				check(c, r);
			}
		}
		free(value);
		dedup_argv_clear(&argv);
		dedup_argv_clear(&keys);
		dedup_argv_clear(&args);
		dedup_store_free(ds);
		article_free(a);
	}
	for (; inflight > 0; inflight--) {
		redisGetReply(c, (void **)&r);
		check(c, r);
	}
}

static void
seen(redisContext *c, const char *base, int sources, int k)
{
	redisReply	*r;
	char		 url[512], *canon, *id;
	long		 inflight = 0;
	int		 s, i;

	for (s = 0; s < sources; s++) {
		for (i = 0; i < k; i++) {
			snprintf(url, sizeof url, "%s/_gen/article/%d-%d", base,
			    s, i);
			if ((canon = url_canonical(url)) == NULL)
				continue;
			id = hash_article_id(canon);
			redisAppendCommand(c, "SET " PREFIX "url:%s x EX 86400",
			    id);
			free(id);
			free(canon);
			if (++inflight == WINDOW) {
				for (; inflight > 0; inflight--) {
					redisGetReply(c, (void **)&r);
					check(c, r);
				}
			}
		}
	}
	for (; inflight > 0; inflight--) {
		redisGetReply(c, (void **)&r);
		check(c, r);
	}
}

struct kind {
	const char	*pattern;
	const char	*name;
	long long	 keys, bytes, members;
};

static void
measure(redisContext *c)
{
	struct kind	 kinds[] = {
		{ PREFIX "entry:*", "entry:N", 0, 0, 0 },
		{ PREFIX "lsh:*", "lsh:HHHH", 0, 0, 0 },
		{ PREFIX "sk:*", "sk:HHHH", 0, 0, 0 },
		{ PREFIX "src:*", "src:SOURCE", 0, 0, 0 },
		{ PREFIX "dedup", "dedup", 0, 0, 0 },
	};
	redisReply	*r, *u;
	char		 cursor[32] = "0";
	long long	 entries, total = 0;
	size_t		 i, j, nk = sizeof kinds / sizeof kinds[0];

	r = redisCommand(c, "GET " PREFIX "dedup");
	entries = r->type == REDIS_REPLY_STRING ? atoll(r->str) : 0;
	freeReplyObject(r);
	for (i = 0; i < nk; i++) {
		strcpy(cursor, "0");
		do {
			r = redisCommand(c, "SCAN %s MATCH %s COUNT 5000",
			    cursor, kinds[i].pattern);
			snprintf(cursor, sizeof cursor, "%s",
			    r->element[0]->str);
			for (j = 0; j < r->element[1]->elements; j++) {
				redisAppendCommand(c, "MEMORY USAGE %s SAMPLES 0",
				    r->element[1]->element[j]->str);
				if (i > 0 && i < 4)
					redisAppendCommand(c, "ZCARD %s",
					    r->element[1]->element[j]->str);
			}
			for (j = 0; j < r->element[1]->elements; j++) {
				redisGetReply(c, (void **)&u);
				kinds[i].bytes += u->integer;
				kinds[i].keys++;
				freeReplyObject(u);
				if (i > 0 && i < 4) {
					redisGetReply(c, (void **)&u);
					kinds[i].members += u->integer;
					freeReplyObject(u);
				}
			}
			freeReplyObject(r);
		} while (strcmp(cursor, "0") != 0);
		total += kinds[i].bytes;
	}
	printf("entries %lld\n", entries);
	printf("| key kind | keys | members | bytes | bytes/entry |\n");
	printf("| --- | --- | --- | --- | --- |\n");
	for (i = 0; i < nk; i++)
		printf("| `%s` | %lld | %lld | %lld | %.0f |\n", kinds[i].name,
		    kinds[i].keys, kinds[i].members, kinds[i].bytes,
		    entries ? (double)kinds[i].bytes / entries : 0);
	printf("| all | | | %lld | %.0f |\n", total,
	    entries ? (double)total / entries : 0);
}

int
main(int argc, char **argv)
{
	redisContext	*c;

	if (argc < 3) {
		fprintf(stderr, "usage: dedup_load PORT load N [SOURCES] | "
		    "PORT seen BASE SOURCES K | PORT measure\n");
		return (2);
	}
	c = redisConnect("127.0.0.1", atoi(argv[1]));
	if (c == NULL || c->err) {
		fprintf(stderr, "dedup_load: cannot connect\n");
		return (1);
	}
	if (strcmp(argv[2], "load") == 0 && argc >= 4)
		load(c, atol(argv[3]), argc > 4 ? atoi(argv[4]) : 1000);
	else if (strcmp(argv[2], "seen") == 0 && argc >= 6)
		seen(c, argv[3], atoi(argv[4]), atoi(argv[5]));
	else if (strcmp(argv[2], "measure") == 0)
		measure(c);
	else
		return (2);
	redisFree(c);
	return (0);
}
