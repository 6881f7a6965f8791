/*
 * dedup-store.h -- the shared dedup index in Redis: keys, scripts, replies.
 *
 * Redis holds every published entry (KEY_PREFIX "entry:N", the text of
 * dedup_entry_encode after the entry's boilerplate mask, with the
 * retention TTL), numbered by the counter KEY_PREFIX "dedup" (the index's
 * version: the number of entries ever filed), and files N in sorted sets
 * scored N * 2^20 + a 20-bit check:
 *
 *	lsh:HHHH	sketch hashes (dedup-bucket.c), 16 bits of the hash
 *	sk:HHHH		story keys and key part prefixes, likewise
 *	src:SOURCE	the source's newest entries (boilerplate), check 0
 *
 * each kept to its newest DEDUP_STORE_CAP (src: DEDUP_STORE_SRCCAP) and
 * given the retention TTL at every addition.  One publication's view of
 * the index is a dedup_store: the candidates read so far and a throw-away
 * dedup_index of them.  The pipeline sends what dedup_store_lookup builds
 * until it returns 0, then evaluates with dedup_store_evaluate, whose
 * arguments go to the publication script (DEDUP_STORE_FILE_LUA files the
 * entry).  No event loop here: argv in, replies out.
 */
#ifndef OTSNEWS_DEDUP_STORE_H
#define OTSNEWS_DEDUP_STORE_H

#include <stddef.h>

struct article;
struct dedup_index;
struct dedup_store;
struct redisReply;

#define DEDUP_STORE_CAP		120	/* members per bucket (< 128: listpack) */
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

/* Keys are prefix + "entry:N", "dedup", "lsh:HHHH", "sk:HHHH", "src:NAME". */
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
/* Bucket v (dedup_entry_buckets) as a key, "lsh:HHHH" or "sk:HHHH" after
 * the prefix (heap), and its 20-bit check (the member's score's low bits). */
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
 * Lua: file(ttl) files ARGV[4] as a new entry and returns its number.
 * KEYS[5] the counter, KEYS[6] the source's set, KEYS[7..] the buckets;
 * ARGV[7] the entry key prefix, ARGV[8] and ARGV[9] the caps, one check
 * per bucket, then a count and that many pairs (entry number, new
 * boilerplate mask) for entries whose mask this one widened.
 */
#define DEDUP_STORE_FILE_LUA \
"local function file(ttl)\n" \
"  local n = redis.call('INCR', KEYS[5])\n" \
"  redis.call('SET', ARGV[7] .. n, ARGV[4], 'EX', ttl)\n" \
"  local function put(key, check, cap)\n" \
"    redis.call('ZADD', key, string.format('%.0f', n * 1048576 + check), n)\n" \
"    redis.call('ZREMRANGEBYRANK', key, 0, -cap - 1)\n" \
"    redis.call('EXPIRE', key, ttl)\n" \
"  end\n" \
"  put(KEYS[6], 0, tonumber(ARGV[9]))\n" \
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
