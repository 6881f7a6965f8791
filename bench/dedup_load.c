/*
 * dedup_load.c -- fill a throw-away Redis with the dedup state of N
 * synthetic articles, through the daemon's own code, and measure it.
 *
 *	dedup_load PORT load N [SOURCES]	evaluate N articles (dedup_store_
 *						evaluate over an empty view: the
 *						texts are distinct) and file each
 *						with the publication script's
 *						DEDUP_STORE_FILE_LUA
 *	dedup_load PORT fill N SOURCES COPIES	the same state, fast: N / COPIES
 *						articles evaluated as by load,
 *						each filed COPIES times (the
 *						copies with their sketch,
 *						paragraphs, id and content hash
 *						scrambled into other texts) by
 *						plain pipelined commands doing
 *						what DEDUP_STORE_FILE_LUA does
 *	dedup_load PORT seen BASE SOURCES K	mark the first K items of each
 *						/_gen/feed/S seen (url:ID = x, the
 *						daemon's canonical form and id)
 *	dedup_load PORT measure			MEMORY USAGE of every dedup key,
 *						by kind, per entry
 *	dedup_load PORT rewrite4		every entry written again in
 *						format 4 (its TTL kept): the index
 *						as a daemon of the previous
 *						release filed it, for the upgrade
 *						test (tests/integration)
 *
 * Articles are "gen<i % SOURCES>" like bench/pipeline's sources: six
 * paragraphs of 60 words, with names and numbers so that they carry story
 * keys.  Synchronous hiredis, pipelined: a tool, not the daemon.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <hiredis/hiredis.h>

#include "article.h"
#include "dedup-entry.h"
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

/* Synthetic article i of the sources gen0..gen<sources - 1>. */
static struct article *
gen_article(long i, int sources, time_t published, time_t now)
{
	struct article	*a = article_new();
	char		 id[33], src[32];

	snprintf(id, sizeof id, "%032lx", (unsigned long)i * 2654435761UL + 1);
	snprintf(src, sizeof src, "gen%ld", i % sources);
	article_set(&a->id, id);
	article_set(&a->source, src);
	article_set(&a->title, names[i % (sizeof names / sizeof names[0])]);
	a->body = gen_body((unsigned long)i * 7919 + 17);
	a->published = published;
	a->fetched = now;
	return (a);
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
	char			*value;
	long			 i, inflight = 0;
	size_t			 k;
	time_t			 now = time(NULL);

	for (i = 0; i < n; i++) {
		a = gen_article(i, sources, now - (n - i) * 10, now);
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
		dedup_argv_add(&argv, a->id);
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

static long	fill_inflight;

static void
fill_sendlen(redisContext *c, int argc, const char **argv, const size_t *len)
{
	redisReply	*r;

	redisAppendCommandArgv(c, argc, argv, len);
	if (++fill_inflight == 4 * WINDOW) {
		for (; fill_inflight > 0; fill_inflight--) {
			redisGetReply(c, (void **)&r);
			check(c, r);
		}
	}
}

static void
fill_send(redisContext *c, int argc, const char **argv)
{
	fill_sendlen(c, argc, argv, NULL);
}

/*
 * The records a bucket keeps, newest last: at most its cap, as the
 * script's put leaves them (an entry filed twice under one key keeps one
 * record, the last check).  Buckets are found by their key's kind and
 * 16-bit hash (L:, K:) or the source's number (S:gen<S>), and written
 * once, at the end, with one SET ... EX each: the same keys and bytes as
 * filing entry by entry, in a few hundred thousand commands instead of
 * millions.
 */
struct fill_set {
	unsigned long long	*num;
	long			*check;		/* < 0: none (S:) */
	size_t			 n, first, cap;
};

static struct fill_set	*fill_lsh, *fill_sk, *fill_src;

static void
fill_put(struct fill_set *z, unsigned long long n, long check,
    const char *cap)
{
	size_t	at;

	if (z->cap == 0) {
		z->cap = (size_t)atol(cap);
		z->num = calloc(z->cap, sizeof *z->num);
		z->check = calloc(z->cap, sizeof *z->check);
	}
	if (z->n > 0 && z->num[(z->first + z->n - 1) % z->cap] == n) {
		z->check[(z->first + z->n - 1) % z->cap] = check;
		return;
	}
	at = (z->first + z->n) % z->cap;
	if (z->n == z->cap)
		z->first = (z->first + 1) % z->cap;
	else
		z->n++;
	z->num[at] = n;
	z->check[at] = check;
}

static void
fill_write(redisContext *c, struct fill_set *z, const char *key)
{
	unsigned char	*buf, *p;
	const char	*argv[] = { "SET", key, NULL, "EX", "2592000" };
	size_t		 len[5], i, at;
	unsigned long long v;

	if (z->n == 0)
		return;
	p = buf = calloc(z->n, 6);
	for (i = 0; i < z->n; i++) {
		at = (z->first + i) % z->cap;
		v = z->num[at] & 0xffffffffULL;	/* modulo 2^32, as filed */
		*p++ = (unsigned char)(v >> 24);
		*p++ = (unsigned char)(v >> 16);
		*p++ = (unsigned char)(v >> 8);
		*p++ = (unsigned char)v;
		if (z->check[at] >= 0) {
			*p++ = (unsigned char)(z->check[at] >> 8);
			*p++ = (unsigned char)z->check[at];
		}
	}
	argv[2] = (const char *)buf;
	for (i = 0; i < 5; i++)
		len[i] = strlen(argv[i]);
	len[2] = (size_t)(p - buf);
	fill_sendlen(c, 5, argv, len);
	/* hiredis has formatted the command: the bytes may go */
	free(buf);
	free(z->num);
	free(z->check);
}

/* The bucket of a key the evaluation named: PREFIX "L:HHHH" or "K:HHHH". */
static struct fill_set *
fill_key(const char *key)
{
	const char	*k = key + strlen(PREFIX);
	unsigned long	 h = strtoul(strchr(k, ':') + 1, NULL, 16) & 0xffff;

	return (strncmp(k, "L:", 2) == 0 ? &fill_lsh[h] : &fill_sk[h]);
}

static struct fill_set *
fill_bucket(uint64_t v, unsigned *check)
{
	*check = (unsigned)(v >> 16) & 0xffff;
	return (DEDUP_BUCKET_KIND(v) == DEDUP_BUCKET_LSH ?
	    &fill_lsh[v & 0xffff] : &fill_sk[v & 0xffff]);
}

static uint64_t
fill_mix(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	return (x ^ x >> 31);
}

struct fill_pair {
	uint64_t	h;
	uint8_t		para;
};

static int
fill_pair_cmp(const void *a, const void *b)
{
	const struct fill_pair	*x = a, *y = b;

	return (x->h < y->h ? -1 : x->h > y->h);
}

/*
 * Copy `copy` of the entry e (as filed): another text of the same shape.
 * Its sketch is drawn afresh below the original's largest hash, so that
 * its buckets are those of a text as long; keys and times stay.
 */
static struct dedup_entry *
fill_copy(const struct dedup_entry *e, int copy)
{
	struct dedup_entry	*d = dedup_entry_copy(e);
	struct fill_pair	*p;
	uint64_t		 mix = (uint64_t)copy * 0x9e3779b97f4a7c15ULL;
	uint64_t		 top;
	char			 id[300];
	size_t			 i;

	snprintf(id, sizeof id, "%s%04x", e->id, copy);
	free(d->id);
	d->id = strdup(id);
	snprintf(d->hash, sizeof d->hash, "%016" PRIx64 "%016" PRIx64,
	    fill_mix(mix ^ 1), fill_mix(mix ^ 2));	/* DEDUP_HASH_KEPT */
	top = e->nsketch > 0 ? e->sketch[e->nsketch - 1] | 0xffffffffffULL :
	    UINT64_MAX;
	p = calloc(e->nsketch + 1, sizeof *p);
	for (i = 0; i < e->nsketch; i++) {
		p[i].h = fill_mix(e->sketch[i] ^ mix ^ i);
		if (top != UINT64_MAX)
			p[i].h %= top + 1;
		p[i].para = e->spara[i];
	}
	qsort(p, e->nsketch, sizeof *p, fill_pair_cmp);
	for (i = 0; i < e->nsketch; i++) {
		d->sketch[i] = p[i].h;
		d->spara[i] = p[i].para;
	}
	free(p);
	for (i = 0; i < d->nparas; i++)
		d->paras[i] = fill_mix(d->paras[i] ^ mix) & DEDUP_PARA_Q;
	return (d);
}

static void
fill(redisContext *c, long n, int sources, int copies)
{
	struct dedup_store	*ds;
	struct dedup_entry	*e, *d;
	struct dedup_argv	 keys, args;
	struct article		*a;
	redisReply		*r;
	char			*value, *text, *cause = NULL, *key;
	char			 entry[64], num[32];
	const char		*set[] = { "SET", entry, NULL, "EX", "2592000" };
	const char		*ctr[] = { "SET", PREFIX "dedup", num };
	uint64_t		*b;
	unsigned long long	 filed = 0;
	unsigned		 chk;
	long			 i;
	size_t			 k, nb;
	int			 cp;
	time_t			 now = time(NULL);

	fill_lsh = calloc(65536, sizeof *fill_lsh);
	fill_sk = calloc(65536, sizeof *fill_sk);
	fill_src = calloc((size_t)sources, sizeof *fill_src);
	for (i = 0; i * copies < n; i++) {
		a = gen_article(i, sources, now - (n - i * copies) * 10, now);
		memset(&keys, 0, sizeof keys);
		memset(&args, 0, sizeof args);
		/* A view starts empty for every article: nothing is read. */
		ds = dedup_store_new(PREFIX);
		dedup_store_evaluate(ds, a, &value, &keys, &args);
		if ((e = dedup_entry_decode(value + 17, &cause)) == NULL) {
			fprintf(stderr, "dedup_load: %s\n", cause);
			exit(1);
		}
		for (cp = 0; cp < copies && (long)filed < n; cp++) {
			filed++;
			snprintf(entry, sizeof entry, PREFIX "entry:%llu", filed);
			fill_put(&fill_src[i % sources], filed, -1, args.v[2]);
			if (cp == 0) {
				/* The evaluation's own buckets (full hashes). */
				set[2] = value;
				fill_send(c, 5, set);
				for (k = 2; k < keys.n; k++)
					fill_put(fill_key(keys.v[k]), filed,
					    atol(args.v[k + 1]),
					    args.v[1]);
				continue;
			} else {
				d = fill_copy(e, cp);
				text = dedup_entry_encode(d);
				if (asprintf(&key, "%.17s%s", value, text) < 0)
					exit(1);
				set[2] = key;
				fill_send(c, 5, set);
				free(key);
				free(text);
				nb = dedup_entry_buckets(d, &b);
				dedup_entry_free(d);
			}
			for (k = 0; k < nb; k++)
				fill_put(fill_bucket(b[k], &chk), filed, (long)chk,
				    args.v[1]);
			free(b);
		}
		dedup_store_free(ds);
		dedup_entry_free(e);
		free(value);
		dedup_argv_clear(&keys);
		dedup_argv_clear(&args);
		article_free(a);
	}
	for (k = 0; k < 65536; k++) {
		asprintf(&key, PREFIX "L:%04zx", k);
		fill_write(c, &fill_lsh[k], key);
		free(key);
		asprintf(&key, PREFIX "K:%04zx", k);
		fill_write(c, &fill_sk[k], key);
		free(key);
	}
	for (i = 0; i < sources; i++) {
		asprintf(&key, PREFIX "S:gen%ld", i);
		fill_write(c, &fill_src[i], key);
		free(key);
	}
	snprintf(num, sizeof num, "%llu", filed);
	fill_send(c, 3, ctr);
	for (; fill_inflight > 0; fill_inflight--) {
		redisGetReply(c, (void **)&r);
		check(c, r);
	}
	free(fill_lsh);
	free(fill_sk);
	free(fill_src);
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
	int		 width;		/* of a record; 0: not a bucket */
	long long	 keys, bytes, members;
};

static void
measure(redisContext *c)
{
	struct kind	 kinds[] = {
		{ PREFIX "entry:*", "entry:N", 0, 0, 0, 0 },
		{ PREFIX "L:*", "L:HHHH", 6, 0, 0, 0 },
		{ PREFIX "K:*", "K:HHHH", 6, 0, 0, 0 },
		{ PREFIX "S:*", "S:SOURCE", 4, 0, 0, 0 },
		{ PREFIX "dedup", "dedup", 0, 0, 0, 0 },
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
				if (kinds[i].width > 0)
					redisAppendCommand(c, "STRLEN %s",
					    r->element[1]->element[j]->str);
			}
			for (j = 0; j < r->element[1]->elements; j++) {
				redisGetReply(c, (void **)&u);
				kinds[i].bytes += u->integer;
				kinds[i].keys++;
				freeReplyObject(u);
				if (kinds[i].width > 0) {
					redisGetReply(c, (void **)&u);
					kinds[i].members += u->integer /
					    kinds[i].width;
					freeReplyObject(u);
				}
			}
			freeReplyObject(r);
		} while (strcmp(cursor, "0") != 0);
		total += kinds[i].bytes;
	}
	printf("entries %lld\n", entries);
	printf("| key kind | keys | records | bytes | bytes/entry |\n");
	printf("| --- | --- | --- | --- | --- |\n");
	for (i = 0; i < nk; i++)
		printf("| `%s` | %lld | %lld | %lld | %.0f |\n", kinds[i].name,
		    kinds[i].keys, kinds[i].members, kinds[i].bytes,
		    entries ? (double)kinds[i].bytes / entries : 0);
	printf("| all | | | %lld | %.0f |\n", total,
	    entries ? (double)total / entries : 0);
}

/* Every entry:N as format 4 (dedup_entry_encode4), mask and TTL kept. */
static void
rewrite4(redisContext *c)
{
	redisReply		*r, *v, *set;
	struct dedup_entry	*e;
	char			*cause = NULL, *text, cursor[32] = "0";
	size_t			 i, n = 0;

	do {
		r = redisCommand(c, "SCAN %s MATCH %sentry:* COUNT 1000", cursor,
		    PREFIX);
		if (r == NULL || r->type != REDIS_REPLY_ARRAY || r->elements != 2) {
			fprintf(stderr, "dedup_load: SCAN failed\n");
			exit(1);
		}
		snprintf(cursor, sizeof cursor, "%s", r->element[0]->str);
		for (i = 0; i < r->element[1]->elements; i++) {
			const char *key = r->element[1]->element[i]->str;

			v = redisCommand(c, "GET %s", key);
			if (v == NULL || v->type != REDIS_REPLY_STRING ||
			    v->len < 17 || (e = dedup_entry_decode(v->str + 17,
			    &cause)) == NULL) {
				fprintf(stderr, "dedup_load: %s: %s\n", key,
				    cause != NULL ? cause : "not an entry");
				exit(1);
			}
			text = dedup_entry_encode4(e);
			set = redisCommand(c, "SET %s %b%s KEEPTTL", key,
			    v->str, (size_t)17, text);
			if (set == NULL || set->type == REDIS_REPLY_ERROR) {
				fprintf(stderr, "dedup_load: SET %s: %s\n", key,
				    set != NULL ? set->str : c->errstr);
				exit(1);
			}
			freeReplyObject(set);
			free(text);
			dedup_entry_free(e);
			freeReplyObject(v);
			n++;
		}
		freeReplyObject(r);
	} while (strcmp(cursor, "0") != 0);
	printf("rewritten %zu\n", n);
}

int
main(int argc, char **argv)
{
	redisContext	*c;

	if (argc < 3) {
		fprintf(stderr, "usage: dedup_load PORT load N [SOURCES] | "
		    "PORT seen BASE SOURCES K | PORT measure | PORT rewrite4\n");
		return (2);
	}
	c = redisConnect("127.0.0.1", atoi(argv[1]));
	if (c == NULL || c->err) {
		fprintf(stderr, "dedup_load: cannot connect\n");
		return (1);
	}
	if (strcmp(argv[2], "load") == 0 && argc >= 4)
		load(c, atol(argv[3]), argc > 4 ? atoi(argv[4]) : 1000);
	else if (strcmp(argv[2], "fill") == 0 && argc >= 6)
		fill(c, atol(argv[3]), atoi(argv[4]), atoi(argv[5]) > 0 ?
		    atoi(argv[5]) : 1);
	else if (strcmp(argv[2], "seen") == 0 && argc >= 6)
		seen(c, argv[3], atoi(argv[4]), atoi(argv[5]));
	else if (strcmp(argv[2], "measure") == 0)
		measure(c);
	else if (strcmp(argv[2], "rewrite4") == 0)
		rewrite4(c);
	else
		return (2);
	redisFree(c);
	return (0);
}
