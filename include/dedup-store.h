/*
 * dedup-store.h -- the shared dedup index in Redis: keys, scripts, replies.
 *
 * Redis holds every published entry (KEY_PREFIX "entry:N", the text of
 * dedup_entry_encode after the entry's boilerplate mask, with the
 * retention TTL), numbered by the counter KEY_PREFIX "dedup" (the index's
 * version: the number of entries ever filed), and files N in buckets,
 * strings of fixed-width binary records, newest last:
 *
 *	L:HHHH		sketch hashes (dedup-bucket.c), 16 bits of the hash;
 *			6-byte records: N (4 bytes, big-endian) and the
 *			bucket's 16-bit check (2 bytes, big-endian)
 *	K:HHHH		story keys and key part prefixes, likewise
 *	S:SOURCE	the source's newest entries (boilerplate): N alone,
 *			4-byte records
 *
 * each kept to its newest DEDUP_STORE_CAP (S: DEDUP_STORE_SRCCAP) records
 * and given the retention TTL at every addition.
 *
 * N is written modulo 2^32 and read back as the largest number not above
 * the counter with those low 32 bits (DEDUP_STORE_BUCKET_LUA): past 2^32
 * entries the numbers wrap, harmlessly, since a bucket holds the entries
 * of one retention window, never 2^32 apart.  Earlier
 * builds of 0.2.0 filed sorted sets under lsh:HHHH, sk:HHHH and src:SOURCE
 * (scored N * 2^20 + the check); the new names keep string commands off
 * them, and a bucket missing under its new name is read from the old set,
 * which its first filing converts and deletes (they all expire within one
 * retention window; then this can go).
 *
 * One publication's view of the index is a dedup_store: the candidates
 * read so far and a throw-away dedup_index of them.  The pipeline sends
 * what dedup_store_lookup builds until it returns 0, then evaluates with
 * dedup_store_evaluate, whose arguments go to the publication script
 * (DEDUP_STORE_FILE_LUA files the entry).  No event loop here: argv in,
 * replies out.
 */
#ifndef OTSNEWS_DEDUP_STORE_H
#define OTSNEWS_DEDUP_STORE_H

#include <stddef.h>

struct article;
struct dedup_index;
struct dedup_store;
struct redisReply;

#define DEDUP_STORE_CAP		120	/* records per bucket */
#define DEDUP_STORE_SRCCAP	32	/* entries per source */
#define DEDUP_STORE_MAXCAND	256	/* entries per lookup */
#define DEDUP_STORE_ROUNDS	4	/* lookups per view, at most */

/* A growing argument vector of heap strings; owner: whoever embeds it. */
struct dedup_argv {
	char	**v;
	size_t	  n, size;
};

void	dedup_argv_add(struct dedup_argv *, const char *);
void	dedup_argv_addf(struct dedup_argv *, const char *, ...)
	    __attribute__((__format__(__printf__, 2, 3)));
void	dedup_argv_clear(struct dedup_argv *);

/* Keys are prefix + "entry:N", "dedup", "L:HHHH", "K:HHHH", "S:NAME". */
struct dedup_store	*dedup_store_new(const char *prefix);
void			 dedup_store_free(struct dedup_store *);
/*
 * The next lookup for the article as a whole command (EVAL ...) in argv;
 * 0 when the view is complete (every bucket the evaluation needs was
 * read, or DEDUP_STORE_ROUNDS were), else the number of arguments.
 */
size_t			 dedup_store_lookup(struct dedup_store *,
			    struct article *, struct dedup_argv *);
/*
 * A lookup's reply.  0 when taken; 1 when the index changed since the
 * view's first lookup (the view starts over: look up again); -1 with
 * *cause when the reply is not one (an error reply, say).
 */
int			 dedup_store_answer(struct dedup_store *,
			    const struct redisReply *, char **cause);
/* Bucket v (dedup_entry_buckets) as a key, "L:HHHH" or "K:HHHH" after
 * the prefix (heap), and its 16-bit check (the last 2 bytes of a record). */
char			*dedup_store_bucket(const struct dedup_store *, uint64_t v,
			    unsigned *check);
/* The index's version the view was read at ("0" before any answer). */
const char		*dedup_store_version(const struct dedup_store *);
/* The throw-away index of the candidates (for metrics). */
const struct dedup_index *dedup_store_index(const struct dedup_store *);
size_t			 dedup_store_count(const struct dedup_store *);
/*
 * dedup_evaluate over the view; appends to keys the keys
 * DEDUP_STORE_FILE_LUA reads (from KEYS[5]) and to args its arguments
 * (from ARGV[7]); *value is the entry as stored (heap).
 */
void			 dedup_store_evaluate(struct dedup_store *,
			    struct article *, char **value,
			    struct dedup_argv *keys, struct dedup_argv *args);

/*
 * Lua shared by the lookup and the filing script.  bucket_old(P, key):
 * the name the previous release gave the bucket key of prefix P (L: was
 * lsh:, K: sk:, S: src:), only ever a sorted set.  bucket_rec(n, check):
 * n's record, with the 3-byte check unless check < 0 (S:).  bucket_num(s,
 * p, v): the number of the record at byte p of s, v the counter (a number
 * above the counter, after a rollback of Redis, is taken as written).
 */
#define DEDUP_STORE_BUCKET_LUA \
"local BUCKET_OLD = {L = 'lsh:', K = 'sk:', S = 'src:'}\n" \
"local function bucket_old(P, key)\n" \
"  return P .. BUCKET_OLD[string.sub(key, #P + 1, #P + 1)] .. string.sub(key, #P + 3)\n" \
"end\n" \
"local function bucket_b2(x)\n" \
"  return string.char(math.floor(x / 256) % 256, x % 256)\n" \
"end\n" \
"local function bucket_rec(n, check)\n" \
"  local r = bucket_b2(math.floor(n / 65536)) .. bucket_b2(n % 65536)\n" \
"  if check >= 0 then r = r .. bucket_b2(check) end\n" \
"  return r\n" \
"end\n" \
"local function bucket_num(s, p, v)\n" \
"  local a, b, c, d = string.byte(s, p, p + 3)\n" \
"  local r = ((a * 256 + b) * 256 + c) * 256 + d\n" \
"  local n = v - (v - r) % 4294967296\n" \
"  if n < 0 then n = r end\n" \
"  return n\n" \
"end\n"

/*
 * Lua: file(ttl) files ARGV[4] as a new entry and returns its number.
 * KEYS[5] the counter, KEYS[6] the source's bucket, KEYS[7..] the
 * buckets; ARGV[7] the entry key prefix, ARGV[8] and ARGV[9] the caps,
 * one check per bucket, then a count and that many pairs (entry number,
 * new boilerplate mask) for entries whose mask this one widened.
 *
 * A bucket is read, its record appended and the newest cap kept, and
 * written back whole with SET: APPEND would leave Redis's preallocation
 * (up to twice the string) in every bucket.  An entry filed twice under
 * one key (two of its buckets share 16 bits) keeps one record, the last
 * check, as ZADD of the sorted sets did.  A bucket not yet written under
 * its new name starts from the old sorted set's newest cap, which is then
 * deleted.  Records of expired entries stay until the cap pushes them
 * out: the lookup skips them (with one TTL for all, they are the oldest).
 */
#define DEDUP_STORE_FILE_LUA \
DEDUP_STORE_BUCKET_LUA \
"local function file(ttl)\n" \
"  local n = redis.call('INCR', KEYS[5])\n" \
"  redis.call('SET', ARGV[7] .. n, ARGV[4], 'EX', ttl)\n" \
"  local P = string.sub(ARGV[7], 1, -7)\n" \
"  local function put(key, check, cap)\n" \
"    local rec, w = bucket_rec(n, check), check < 0 and 4 or 6\n" \
"    local s = redis.call('GET', key)\n" \
"    if not s then\n" \
"      local old, t = bucket_old(P, key), {}\n" \
"      local m = redis.call('ZRANGE', old, -cap, -1, 'WITHSCORES')\n" \
"      for i = 1, #m, 2 do\n" \
"        t[#t + 1] = bucket_rec(tonumber(m[i]), check < 0 and -1 or tonumber(m[i + 1]) % 65536)\n" \
"      end\n" \
"      if #m > 0 then redis.call('DEL', old) end\n" \
"      s = table.concat(t)\n" \
"    elseif #s >= w and string.sub(s, -w, -w + 3) == string.sub(rec, 1, 4) then\n" \
"      s = string.sub(s, 1, -w - 1)\n" \
"    end\n" \
"    s = s .. rec\n" \
"    if #s > cap * w then s = string.sub(s, -cap * w) end\n" \
"    redis.call('SET', key, s, 'EX', ttl)\n" \
"  end\n" \
"  put(KEYS[6], -1, tonumber(ARGV[9]))\n" \
"  for i = 7, #KEYS do put(KEYS[i], tonumber(ARGV[i + 3]), tonumber(ARGV[8])) end\n" \
"  local u = #KEYS + 4\n" \
"  for i = 1, tonumber(ARGV[u]) do\n" \
"    local k = ARGV[7] .. ARGV[u + 2 * i - 1]\n" \
"    if redis.call('EXISTS', k) == 1 then\n" \
"      redis.call('SETRANGE', k, 0, ARGV[u + 2 * i])\n" \
"    end\n" \
"  end\n" \
"  return n\n" \
"end\n"

#endif
