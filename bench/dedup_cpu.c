/*
 * dedup_cpu.c -- the dedup part of one publication, without Redis, for
 * counting instructions (valgrind --tool=callgrind).
 *
 *	dedup_cpu DATADIR [COPIES]
 *
 * Every fixture of DATADIR/dedup is first evaluated alone (an empty view)
 * to get its stored value.  Then each fixture is published through a view
 * (dedup_store_lookup, an answer of COPIES (default 10) copies of every
 * other fixture's value under new ids -- about 200 candidates, as a
 * lookup of DEDUP_STORE_MAXCAND would bring; copies after the first are
 * scrambled into other texts (value_copy) -- a second lookup, and
 * dedup_store_evaluate), as publish.c does.  bench_publish is that part:
 *
 *	valgrind --tool=callgrind --toggle-collect=bench_publish \
 *	    build/bench/dedup_cpu tests/data
 *
 * It prints the number of publications and a hash of everything they
 * produced (values, keys and arguments of the publication script): a
 * change that alters no output leaves it as it was.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <hiredis/hiredis.h>

#include "article.h"
#include "../tests/unit/dedup-fixture.h"
#include "../tests/unit/fake-reply.h"
#include "buf.h"
#include "dedup-entry.h"
#include "dedup-store.h"
#include "dedup.h"

#define NFIX	64

static uint64_t	sum = 1469598103934665603ULL;

static void
sum_add(const char *s)
{
	for (; *s != '\0'; s++)
		sum = (sum ^ (unsigned char)*s) * 1099511628211ULL;
	sum = (sum ^ 0xff) * 1099511628211ULL;
}

static void
sum_argv(struct dedup_argv *v)
{
	size_t	i;

	for (i = 0; i < v->n; i++)
		sum_add(v->v[i]);
	dedup_argv_clear(v);
}

static char *
slurp(const char *path)
{
	FILE	*f;
	char	*s;
	long	 n;

	if ((f = fopen(path, "rb")) == NULL)
		return (NULL);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	s = malloc((size_t)n + 1);
	if (s == NULL || fread(s, 1, (size_t)n, f) != (size_t)n) {
		fclose(f);
		free(s);
		return (NULL);
	}
	s[n] = '\0';
	fclose(f);
	return (s);
}

/* As tests/unit/test_dedup_store.c loads them; fetched fixed. */
static struct article *
fixture_load(const char *dir, const char *name)
{
	struct article	*a;
	char		 path[1024], id[256], *buf;

	snprintf(path, sizeof path, "%s/dedup/%s", dir, name);
	if ((buf = slurp(path)) == NULL) {
		fprintf(stderr, "dedup_cpu: cannot read %s\n", path);
		exit(1);
	}
	a = dedup_fixture_parse(buf);
	snprintf(id, sizeof id, "%.*s", (int)(strlen(name) - 4), name);
	article_set(&a->id, id);
	a->fetched = 1750000000;
	free(buf);
	return (a);
}

static int
name_cmp(const void *x, const void *y)
{
	return (strcmp(*(char *const *)x, *(char *const *)y));
}

static size_t
load_all(const char *dir, struct article **v)
{
	char		 path[1024], *names[NFIX];
	struct dirent	*de;
	DIR		*d;
	size_t		 n = 0, i, len;

	snprintf(path, sizeof path, "%s/dedup", dir);
	if ((d = opendir(path)) == NULL) {
		fprintf(stderr, "dedup_cpu: cannot open %s\n", path);
		exit(1);
	}
	while ((de = readdir(d)) != NULL && n < NFIX) {
		len = strlen(de->d_name);
		if (len > 4 && strcmp(de->d_name + len - 4, ".txt") == 0)
			names[n++] = strdup(de->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof *names, name_cmp);
	for (i = 0; i < n; i++) {
		v[i] = fixture_load(dir, names[i]);
		free(names[i]);
	}
	return (n);
}

struct pair {
	uint64_t	h;
	uint8_t		para;
};

static int
pair_cmp(const void *x, const void *y)
{
	const struct pair	*a = x, *b = y;

	return (a->h < b->h ? -1 : a->h > b->h);
}

/*
 * The value ("BOILER 2 ID ...") as copy COPY: ID becomes COPY-ID; copies
 * after the first are other texts of the same source and story keys (the
 * sketch, paragraphs and content hash scrambled), as most entries of a
 * view are: only the first copy is a near copy of anything.
 */
static char *
value_copy(const char *value, int copy)
{
	struct dedup_entry	*e, *d;
	struct pair		*p;
	struct buf		 b;
	char			*cause = NULL, *text, id[300], hex[16];
	uint64_t		 mix = (uint64_t)copy * 0x9e3779b97f4a7c15ULL;
	size_t			 i;

	if ((d = dedup_entry_decode(value + 17, &cause)) == NULL) {
		fprintf(stderr, "dedup_cpu: %s\n", cause);
		exit(1);
	}
	e = dedup_entry_copy(d);	/* a decoded entry is one block */
	dedup_entry_free(d);
	snprintf(id, sizeof id, "%d-%s", copy, e->id);
	free(e->id);
	e->id = strdup(id);
	if (copy > 0) {
		p = calloc(e->nsketch + 1, sizeof *p);
		for (i = 0; i < e->nsketch; i++) {
			p[i].h = e->sketch[i] ^ mix;
			p[i].para = e->spara[i];
		}
		qsort(p, e->nsketch, sizeof *p, pair_cmp);
		for (i = 0; i < e->nsketch; i++) {
			e->sketch[i] = p[i].h;
			e->spara[i] = p[i].para;
		}
		free(p);
		for (i = 0; i < e->nparas; i++)
			e->paras[i] ^= mix;
		if (e->hash[0] != '\0') {
			snprintf(hex, sizeof hex, "%04x", copy);
			memcpy(e->hash, hex, 4);
		}
	}
	text = dedup_entry_encode(e);
	buf_init(&b, 0);
	buf_printf(&b, "%.17s%s", value, text);
	free(text);
	dedup_entry_free(e);
	return (buf_steal(&b));
}

/* Every other fixture's value, COPIES times, as the lookup returns it. */
static redisReply *
reply_make(char **values, size_t n, size_t self, int copies)
{
	redisReply	*r = calloc(1, sizeof *r);
	char		*v, num[32];
	size_t		 i, k = 0;
	int		 c;

	r->type = REDIS_REPLY_ARRAY;
	r->element = calloc(1 + 2 * n * (size_t)copies, sizeof *r->element);
	r->element[r->elements++] = reply_new(REDIS_REPLY_STRING, "7");
	for (c = 0; c < copies; c++) {
		for (i = 0; i < n; i++) {
			if (i == self)
				continue;
			snprintf(num, sizeof num, "%zu", ++k);
			v = value_copy(values[i], c);
			r->element[r->elements++] = reply_new(REDIS_REPLY_STRING, num);
			r->element[r->elements++] = reply_new(REDIS_REPLY_STRING, v);
			free(v);
		}
	}
	return (r);
}

/* One publication's dedup work, as publish.c does it. */
void	bench_publish(struct article *, const redisReply *);

void
bench_publish(struct article *a, const redisReply *r)
{
	struct dedup_store	*ds = dedup_store_new("otsnews:");
	struct dedup_argv	 argv, keys, args;
	char			*value, *cause = NULL;

	memset(&argv, 0, sizeof argv);
	memset(&keys, 0, sizeof keys);
	memset(&args, 0, sizeof args);
	dedup_store_lookup(ds, a, &argv);
	sum_argv(&argv);
	if (dedup_store_answer(ds, r, &cause) != 0) {
		fprintf(stderr, "dedup_cpu: %s\n", cause);
		exit(1);
	}
	dedup_store_lookup(ds, a, &argv);
	sum_argv(&argv);
	dedup_store_evaluate(ds, a, &value, &keys, &args);
	sum_add(value);
	sum_argv(&keys);
	sum_argv(&args);
	free(value);
	dedup_store_free(ds);
}

int
main(int argc, char **argv)
{
	struct article		*a[NFIX], *b[NFIX];
	struct dedup_store	*ds;
	struct dedup_argv	 keys, args;
	redisReply		*r;
	char			*values[NFIX];
	size_t			 n, i;
	int			 copies;

	if (argc < 2) {
		fprintf(stderr, "usage: dedup_cpu DATADIR [COPIES]\n");
		return (1);
	}
	copies = argc > 2 ? atoi(argv[2]) : 10;
	n = load_all(argv[1], a);
	load_all(argv[1], b);	/* published fresh, as articles come */
	for (i = 0; i < n; i++) {
		ds = dedup_store_new("otsnews:");
		memset(&keys, 0, sizeof keys);
		memset(&args, 0, sizeof args);
		dedup_store_evaluate(ds, a[i], &values[i], &keys, &args);
		dedup_argv_clear(&keys);
		dedup_argv_clear(&args);
		dedup_store_free(ds);
	}
	for (i = 0; i < n; i++) {
		r = reply_make(values, n, i, copies);
		bench_publish(b[i], r);
		reply_free(r);
	}
	printf("publications %zu candidates %zu hash %016llx\n", n,
	    (n - 1) * (size_t)copies, (unsigned long long)sum);
	for (i = 0; i < n; i++) {
		free(values[i]);
		article_free(a[i]);
		article_free(b[i]);
	}
	return (0);
}
