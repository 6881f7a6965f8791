/*
 * dedup-store.c -- one publication's view of the shared dedup index.
 *
 * An article is evaluated against the entries that share a bucket with
 * it (dedup-bucket.c) and the newest of its source, read from Redis by
 * one script per lookup: the script reads the buckets' newest records
 * whose check matches, newest first and at most DEDUP_STORE_MAXCAND, skips
 * records whose entry expired (a bucket's own TTL and cap bound them) and
 * returns the entries with the index's version.  Which
 * buckets the evaluation needs depends on the article's boilerplate, and
 * that on its source's entries: so the view is built in rounds, each
 * looking up only the buckets not read yet, until nothing is missing.
 * A round that finds a newer version starts the view over.  The
 * publication script then files the entry only if the version is still
 * the one the view was read at (compare-and-set, publish.c).
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hiredis/hiredis.h>

#include "article.h"
#include "dedup-entry.h"
#include "dedup-store.h"
#include "dedup.h"
#include "log.h"
#include "metrics.h"
#include "xmalloc.h"

/*
 * KEYS: the counter, the source's bucket, buckets (the L: ones first).
 * ARGV: entry key prefix, records read per bucket, candidates at most,
 * records read from the source's bucket (0: none), how many of the
 * buckets are L: ones, one check per bucket.  Returns {version, number,
 * entry, number, entry, ...}, newest first.  An entry found only through
 * K: buckets is returned without its sketch (dedup-entry.c: the last
 * field becomes "."): it is a candidate for the article's story by its
 * keys, never one for the comparison of texts, which takes the entries
 * sharing a sketch bucket with the article (and its source's, for
 * boilerplate).
 *
 * A bucket's newest records are its last bytes (GETRANGE from the end).
 * A record whose entry expired is skipped and left where it is: cutting
 * it out of the middle of the string would cost a rewrite, and with one
 * TTL for all the expired ones are the oldest, which the cap pushes out
 * (so the live records seen are the ones the sorted sets of earlier
 * builds, which removed them, kept).  A bucket missing under its new name
 * is read from its old sorted set (dedup-store.h), if any.
 */
static const char dedup_store_lookup_script[] =
DEDUP_STORE_BUCKET_LUA
"local v = redis.call('GET', KEYS[1]) or '0'\n"
"local V, P = tonumber(v), string.sub(ARGV[1], 1, -7)\n"
"local ids, seen, full = {}, {}, {}\n"
"local function found(id, sketch)\n"
"  if not seen[id] then seen[id] = true; ids[#ids + 1] = id end\n"
"  if sketch then full[id] = true end\n"
"end\n"
"local function take(key, check, count, sketch)\n"
"  if count <= 0 then return end\n"
"  local w = check < 0 and 4 or 6\n"
"  local s = redis.call('GETRANGE', key, -count * w, -1)\n"
"  if s == '' then\n"
"    local m = redis.call('ZREVRANGE', bucket_old(P, key), 0, count - 1, 'WITHSCORES')\n"
"    for i = 1, #m, 2 do\n"
"      if check < 0 or tonumber(m[i + 1]) % 65536 == check then\n"
"        found(tonumber(m[i]), sketch)\n"
"      end\n"
"    end\n"
"    return\n"
"  end\n"
"  for p = #s - w + 1, 1, -w do\n"
"    local a, b = string.byte(s, p + 4, p + 5)\n"
"    if check < 0 or a * 256 + b == check then\n"
"      found(bucket_num(s, p, V), sketch)\n"
"    end\n"
"  end\n"
"end\n"
"take(KEYS[2], -1, tonumber(ARGV[4]), true)\n"
"local nl = tonumber(ARGV[5])\n"
"for i = 3, #KEYS do\n"
"  take(KEYS[i], tonumber(ARGV[i + 3]), tonumber(ARGV[2]), i - 2 <= nl)\n"
"end\n"
"table.sort(ids, function(a, b) return a > b end)\n"
"local out, n = {v}, 0\n"
"for _, id in ipairs(ids) do\n"
"  if n >= tonumber(ARGV[3]) then break end\n"
"  local s = string.format('%d', id)\n"
"  local e = redis.call('GET', ARGV[1] .. s)\n"
"  if e then\n"
"    if not full[id] then\n"
"      local l = string.sub(e, 18, 19) == '5 ' and\n"
"        tonumber(string.sub(e, 20, 23), 16)\n"
"      if l then\n"
"        e = string.sub(e, 1, 23 + l) .. ' .'\n"
"      else\n"
"        local p = string.find(e, ' [^ ]*$')\n"
"        if p then e = string.sub(e, 1, p) .. '.' end\n"
"      end\n"
"    end\n"
"    out[#out + 1] = s; out[#out + 1] = e; n = n + 1\n"
"  end\n"
"end\n"
"return out\n";

/* An entry read from Redis. */
struct dedup_cand {
	unsigned long long	 num;
	char			*value;		/* as stored */
	char			*id;		/* of the entry, once decoded */
	uint64_t		 boiler;	/* as stored */
	int			 nosketch;	/* value's sketch left out */
};

/* Owner: the publication it serves (publish.c's call). */
struct dedup_store {
	char			*prefix;
	char			*version;	/* NULL before the first answer */
	struct dedup_cand	*cands;		/* ascending num */
	size_t			 ncands, cands_size;
	uint64_t		*asked;		/* sorted */
	size_t			 nasked, asked_size;
	int			 rounds;
	struct dedup_index	*idx;		/* of cands; NULL: to build */
	struct dedup_text	*text;		/* the article's, made once */
	const struct article	*text_of;
};

/* Room for element n of an array of *size, doubled when full. */
static void *
dedup_store_room(void *v, size_t n, size_t *size, size_t elem)
{
	if (n < *size)
		return (v);
	*size = *size == 0 ? 32 : *size * 2;
	return (xreallocarray(v, *size, elem));
}

/* Take s, a heap string, as the next argument: a's to free. */
static void
dedup_argv_take(struct dedup_argv *a, char *s)
{
	a->v = dedup_store_room(a->v, a->n, &a->size, sizeof *a->v);
	a->v[a->n++] = s;
}

void
dedup_argv_add(struct dedup_argv *a, const char *s)
{
	dedup_argv_take(a, xstrdup(s));
}

/* Move every argument of from to the end of a; from is left empty. */
static void
dedup_argv_move(struct dedup_argv *a, struct dedup_argv *from)
{
	size_t	i;

	for (i = 0; i < from->n; i++)
		dedup_argv_take(a, from->v[i]);
	from->n = 0;
	dedup_argv_clear(from);
}

/*
 * A number in decimal.  The scripts take one a bucket (its check), and
 * xasprintf's printf machinery was ~900 instructions a number.
 */
static void
dedup_argv_addu(struct dedup_argv *a, unsigned long long v)
{
	char	buf[24], *p = buf + sizeof buf;

	*--p = '\0';
	do
		*--p = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	dedup_argv_add(a, p);
}

void
dedup_argv_addf(struct dedup_argv *a, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	xvasprintf(&s, fmt, ap);
	va_end(ap);
	dedup_argv_add(a, s);
	free(s);
}

void
dedup_argv_clear(struct dedup_argv *a)
{
	size_t	i;

	for (i = 0; i < a->n; i++)
		free(a->v[i]);
	free(a->v);
	memset(a, 0, sizeof *a);
}

struct dedup_store *
dedup_store_new(const char *prefix)
{
	struct dedup_store	*ds = xcalloc(1, sizeof *ds);

	ds->prefix = xstrdup(prefix);
	return (ds);
}

static void
dedup_store_reset(struct dedup_store *ds)
{
	size_t	i;

	for (i = 0; i < ds->ncands; i++) {
		free(ds->cands[i].value);
		free(ds->cands[i].id);
	}
	free(ds->cands);
	ds->cands = NULL;
	ds->ncands = ds->cands_size = 0;
	free(ds->asked);
	ds->asked = NULL;
	ds->nasked = ds->asked_size = 0;
	ds->rounds = 0;
	dedup_index_free(ds->idx);
	ds->idx = NULL;
}

/*
 * The article tokenised once for every round and view of its publication
 * (a view started over keeps it: the article did not change).
 */
static struct dedup_text *
dedup_store_text(struct dedup_store *ds, const struct article *a)
{
	if (ds->text == NULL || ds->text_of != a) {
		dedup_text_free(ds->text);
		ds->text = dedup_text_make(a);
		ds->text_of = a;
	}
	return (ds->text);
}

void
dedup_store_free(struct dedup_store *ds)
{
	if (ds == NULL)
		return;
	dedup_store_reset(ds);
	dedup_text_free(ds->text);
	free(ds->version);
	free(ds->prefix);
	free(ds);
}

const char *
dedup_store_version(const struct dedup_store *ds)
{
	return (ds->version != NULL ? ds->version : "0");
}

size_t
dedup_store_count(const struct dedup_store *ds)
{
	return (ds->ncands);
}

static int	dedup_store_old_said;	/* an entry of format 1 was seen */
static unsigned long long dedup_store_bad;	/* entries that failed */

/*
 * Entries decoded for earlier views, by entry number: a publication's
 * view decodes ~160 entries, and the next publications of the source and
 * of the story read most of them again (the daemon's bench decodes each
 * entry ~8 times).  A slot is taken only when its line is the line to
 * decode, byte for byte, so what is filed is what decoding it would give;
 * a copy (dedup_entry_clone_in) is filed, the slot's entry never is.
 * Lines that fail to decode are not kept.  At most DEDUP_STORE_DECODED
 * entries and their lines (~4.5 KB each): the daemon's, for its life.
 */
#define DEDUP_STORE_DECODED	1024	/* slots, a power of two */

static struct {
	unsigned long long	 num;
	char			*line;		/* as decoded; NULL: empty */
	size_t			 len;
	struct dedup_entry	*e;		/* of line, malloc'd */
}	dedup_store_decoded[DEDUP_STORE_DECODED];

/* The candidate's entry (decoded, or a copy of it decoded) in arena. */
static struct dedup_entry *
dedup_store_decode(const struct dedup_cand *c, struct arena *arena,
    char **cause)
{
	const char		*line = c->value + 17;
	size_t			 len = strlen(line), m;
	struct dedup_entry	*e;

	m = (size_t)((c->num * 0x9e3779b97f4a7c15ULL) >> 32) &
	    (DEDUP_STORE_DECODED - 1);
	if (dedup_store_decoded[m].line != NULL &&
	    dedup_store_decoded[m].num == c->num &&
	    dedup_store_decoded[m].len == len &&
	    memcmp(dedup_store_decoded[m].line, line, len) == 0)
		return (dedup_entry_clone_in(dedup_store_decoded[m].e, arena));
	if ((e = dedup_entry_decode(line, cause)) == NULL)
		return (NULL);
	free(dedup_store_decoded[m].line);
	dedup_entry_free(dedup_store_decoded[m].e);
	dedup_store_decoded[m].num = c->num;
	dedup_store_decoded[m].line = xstrdup(line);
	dedup_store_decoded[m].len = len;
	dedup_store_decoded[m].e = e;
	return (dedup_entry_clone_in(e, arena));
}

/* The throw-away index of the candidates, in the order they were filed. */
static struct dedup_index *
dedup_store_build(struct dedup_store *ds)
{
	struct dedup_cand	*c;
	struct dedup_entry	*e;
	char			*cause = NULL;
	size_t			 i;

	if (ds->idx != NULL)
		return (ds->idx);
	ds->idx = dedup_index_view();
	for (i = 0; i < ds->ncands; i++) {
		c = &ds->cands[i];
		if ((e = dedup_store_decode(c, ds->idx->arena, &cause)) ==
		    NULL) {
			/*
			 * A damaged entry is read by every publication that
			 * shares a bucket with it until it expires: count
			 * each, log the first and then at each doubling.
			 */
			metrics_inc(M_DEDUP_BAD_ENTRIES);
			dedup_store_bad++;
			if (strncmp(c->value + 17, "1 ", 2) != 0) {
				if ((dedup_store_bad & (dedup_store_bad - 1)) ==
				    0)
					log_warnx("dedup index: entry %llu: %s "
					    "(%llu unreadable entries so far)",
					    c->num, cause, dedup_store_bad);
			} else if (!dedup_store_old_said) {
				log_warnx("dedup index: entry %llu and any "
				    "other of the older format 1 are ignored",
				    c->num);
				dedup_store_old_said = 1;
			}
			free(cause);
			cause = NULL;
			continue;
		}
		free(c->id);
		c->id = xstrdup(dedup_entry_id(e));
		dedup_entry_set_boiler(e, c->boiler);
		dedup_index_add(ds->idx, e);
	}
	return (ds->idx);
}

const struct dedup_index *
dedup_store_index(const struct dedup_store *ds)
{
	return (ds->idx);
}

/*
 * The bucket's key, prefix "L:HHHH" or "K:HHHH" (HHHH: the low 16 bits
 * of v in lowercase hex), put together without printf: a publication
 * names ~80 buckets, and xasprintf was ~1,400 instructions each.
 */
char *
dedup_store_bucket(const struct dedup_store *ds, uint64_t v, unsigned *check)
{
	static const char	 hex[] = "0123456789abcdef";
	const char		*kind = DEDUP_BUCKET_KIND(v) == DEDUP_BUCKET_LSH ?
				    "L:" : "K:";
	size_t			 np = strlen(ds->prefix), nk = strlen(kind);
	unsigned		 b = (unsigned)(v & 0xffff);
	char			*key = xmalloc(np + nk + 5), *p;
	int			 i;

	*check = (unsigned)(v >> 16) & 0xffff;
	memcpy(key, ds->prefix, np);
	memcpy(key + np, kind, nk);
	p = key + np + nk;
	for (i = 0; i < 4; i++)
		p[i] = hex[b >> (12 - 4 * i) & 0xf];
	p[4] = '\0';
	return (key);
}

static int
dedup_store_u64_cmp(const void *a, const void *b)
{
	uint64_t	x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x < y ? -1 : x > y);
}

static int
dedup_store_asked(const struct dedup_store *ds, uint64_t v)
{
	return (ds->nasked != 0 && bsearch(&v, ds->asked, ds->nasked,
	    sizeof *ds->asked, dedup_store_u64_cmp) != NULL);
}

size_t
dedup_store_lookup(struct dedup_store *ds, struct article *a,
    struct dedup_argv *argv)
{
	struct dedup_argv	 keys, checks;
	uint64_t		*probe;
	char			*key;
	unsigned		 check;
	size_t			 n, i, nlsh = 0;

	if (ds->rounds >= DEDUP_STORE_ROUNDS)
		return (0);
	n = dedup_probes(dedup_store_build(ds), a, dedup_store_text(ds, a),
	    &probe);
	memset(&keys, 0, sizeof keys);
	memset(&checks, 0, sizeof checks);
	for (i = 0; i < n; i++) {
		if (dedup_store_asked(ds, probe[i]))
			continue;
		key = dedup_store_bucket(ds, probe[i], &check);
		if (DEDUP_BUCKET_KIND(probe[i]) == DEDUP_BUCKET_LSH)
			nlsh++;		/* sorted: they come first */
		dedup_argv_take(&keys, key);
		dedup_argv_addu(&checks, check);
		ds->asked = dedup_store_room(ds->asked, ds->nasked,
		    &ds->asked_size, sizeof *ds->asked);
		ds->asked[ds->nasked++] = probe[i];
	}
	free(probe);
	if (ds->nasked > 1)
		qsort(ds->asked, ds->nasked, sizeof *ds->asked,
		    dedup_store_u64_cmp);
	if (ds->rounds > 0 && keys.n == 0) {
		dedup_argv_clear(&keys);
		dedup_argv_clear(&checks);
		return (0);
	}
	dedup_argv_add(argv, "EVAL");
	dedup_argv_add(argv, dedup_store_lookup_script);
	dedup_argv_addu(argv, keys.n + 2);
	dedup_argv_addf(argv, "%sdedup", ds->prefix);
	dedup_argv_addf(argv, "%sS:%s", ds->prefix, a->source != NULL &&
	    *a->source != '\0' ? a->source : "-");
	dedup_argv_move(argv, &keys);
	dedup_argv_addf(argv, "%sentry:", ds->prefix);
	dedup_argv_addu(argv, DEDUP_STORE_CAP);
	dedup_argv_addu(argv, DEDUP_STORE_MAXCAND);
	dedup_argv_addu(argv, ds->rounds == 0 ? DEDUP_STORE_SRCCAP : 0);
	dedup_argv_addu(argv, nlsh);
	dedup_argv_move(argv, &checks);
	ds->rounds++;
	return (argv->n);
}

static int
dedup_store_cand_cmp(const void *a, const void *b)
{
	const struct dedup_cand	*x = a, *y = b;

	return (x->num < y->num ? -1 : x->num > y->num);
}

/* A candidate of an earlier answer (those are sorted by num), or NULL. */
static struct dedup_cand *
dedup_store_has(const struct dedup_store *ds, size_t nold,
    unsigned long long num)
{
	struct dedup_cand	key = { .num = num };

	return (nold == 0 ? NULL : bsearch(&key, ds->cands, nold,
	    sizeof *ds->cands, dedup_store_cand_cmp));
}

/*
 * An entry number as the lookup script writes it: decimal digits only
 * (strtoull would take a sign, spaces or garbage as some number).
 */
static int
dedup_store_num(const struct redisReply *r, unsigned long long *num)
{
	unsigned long long	v = 0;
	size_t			i;

	if (r->len == 0 || r->len > 19)
		return (-1);
	for (i = 0; i < r->len; i++) {
		if (r->str[i] < '0' || r->str[i] > '9')
			return (-1);
		v = v * 10 + (unsigned)(r->str[i] - '0');
	}
	*num = v;
	return (0);
}

/*
 * Was num already seen in this answer?  An open-addressing set of the
 * answer's numbers, size a power of two at least twice their count, so
 * that a reply of n entries costs n probes, not n^2/2 comparisons.
 */
static int
dedup_store_seen(unsigned long long *set, size_t mask, unsigned long long num)
{
	size_t	i = (size_t)((num + 1) * 0x9e3779b97f4a7c15ULL >> 32) & mask;

	while (set[i] != 0) {
		if (set[i] == num + 1)
			return (1);
		i = (i + 1) & mask;
	}
	set[i] = num + 1;
	return (0);
}

/* Was the value's sketch left out (its last field is ".")? */
static int
dedup_store_nosketch(const char *s, size_t len)
{
	return (len >= 2 && s[len - 2] == ' ' && s[len - 1] == '.');
}

int
dedup_store_answer(struct dedup_store *ds, const struct redisReply *r,
    char **cause)
{
	const struct redisReply	*v, *num, *val;
	struct dedup_cand	*c;
	unsigned long long	*set, n;
	char			*end, hex[17];
	size_t			 i, nold, size;
	int			 nosketch;

	if (r->type != REDIS_REPLY_ARRAY || r->elements % 2 != 1 ||
	    r->element[0]->type != REDIS_REPLY_STRING) {
		xasprintf(cause, "dedup lookup: %s", r->type ==
		    REDIS_REPLY_ERROR ? r->str : "unexpected reply");
		return (-1);
	}
	v = r->element[0];
	if (ds->version != NULL && strcmp(ds->version, v->str) != 0) {
		free(ds->version);
		ds->version = NULL;
		dedup_store_reset(ds);
		return (1);
	}
	if (ds->version == NULL)
		ds->version = xstrdup(v->str);
	nold = ds->ncands;
	for (size = 16; size < r->elements; size *= 2)
		;
	set = xcalloc(size, sizeof *set);
	for (i = 1; i + 1 < r->elements; i += 2) {
		num = r->element[i];
		val = r->element[i + 1];
		if (num->type != REDIS_REPLY_STRING ||
		    val->type != REDIS_REPLY_STRING || val->len < 18 ||
		    val->str[16] != ' ' || dedup_store_num(num, &n) == -1 ||
		    dedup_store_seen(set, size - 1, n))
			continue;
		nosketch = dedup_store_nosketch(val->str, val->len);
		if ((c = dedup_store_has(ds, nold, n)) != NULL) {
			/* Found again through a sketch bucket: take it all. */
			if (c->nosketch && !nosketch) {
				free(c->value);
				c->value = xstrdup(val->str);
				c->nosketch = 0;
			}
			continue;
		}
		memcpy(hex, val->str, 16);
		hex[16] = '\0';
		ds->cands = dedup_store_room(ds->cands, ds->ncands,
		    &ds->cands_size, sizeof *ds->cands);
		c = &ds->cands[ds->ncands++];
		c->num = n;
		c->value = xstrdup(val->str);
		c->id = NULL;
		/* as strtoull reads it, without its locale's machinery */
		if (dedup_hex64(hex, 16, &c->boiler) != 0)
			c->boiler = strtoull(hex, &end, 16);
		c->nosketch = nosketch;
	}
	free(set);
	if (ds->ncands > 1)	/* qsort(NULL, 0) is undefined */
		qsort(ds->cands, ds->ncands, sizeof *ds->cands,
		    dedup_store_cand_cmp);
	dedup_index_free(ds->idx);
	ds->idx = NULL;
	return (0);
}

void
dedup_store_evaluate(struct dedup_store *ds, struct article *a, char **value,
    struct dedup_argv *keys, struct dedup_argv *args)
{
	struct dedup_index		*idx = dedup_store_build(ds);
	struct dedup_entry		*ne;
	const struct dedup_entry	*e;
	struct dedup_argv		 upd;
	uint64_t			*b;
	char				*key, *text;
	unsigned			 check;
	size_t				 n, i;

	ne = dedup_evaluate_text(idx, a, dedup_store_text(ds, a));
	n = dedup_entry_buckets(ne, &b);
	dedup_argv_addf(keys, "%sdedup", ds->prefix);
	dedup_argv_addf(keys, "%sS:%s", ds->prefix,
	    dedup_entry_source(ne));
	dedup_argv_addf(args, "%sentry:", ds->prefix);
	dedup_argv_addu(args, DEDUP_STORE_CAP);
	dedup_argv_addu(args, DEDUP_STORE_SRCCAP);
	for (i = 0; i < n; i++) {
		key = dedup_store_bucket(ds, b[i], &check);
		dedup_argv_take(keys, key);
		dedup_argv_addu(args, check);
	}
	free(b);
	/* Filing it widens its own and its source's boilerplate masks. */
	dedup_index_add(idx, ne);
	text = dedup_entry_encode(ne);
	xasprintf(value, "%016" PRIx64 " %s", dedup_entry_boiler(ne), text);
	free(text);
	memset(&upd, 0, sizeof upd);
	for (i = 0; i < ds->ncands; i++) {
		if (ds->cands[i].id == NULL || (e = dedup_index_lookup(idx,
		    ds->cands[i].id)) == NULL ||
		    dedup_entry_boiler(e) == ds->cands[i].boiler)
			continue;
		dedup_argv_addu(&upd, ds->cands[i].num);
		dedup_argv_addf(&upd, "%016" PRIx64, dedup_entry_boiler(e));
	}
	dedup_argv_addu(args, upd.n / 2);
	dedup_argv_move(args, &upd);
}
