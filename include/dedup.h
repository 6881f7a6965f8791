/*
 * dedup.h -- exact and near duplicates, and story grouping, of articles.
 *
 * Pure and in-memory: a dedup_index holds the entries an article is
 * compared with -- with a store, a throw-away view of the shared index in
 * Redis (dedup-store.h), so that several daemons and restarts share it;
 * with --dry-run, every article of the run.  The atomic
 * "published once" guarantee is Redis's (store.c); this module decides the
 * links between records: content_hash, dup_of/similarity and story_id.
 */
#ifndef OTSNEWS_DEDUP_H
#define OTSNEWS_DEDUP_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct article;
struct dedup_entry;
struct dedup_index;

/*
 * Lowercase hex SHA-256 of the normalised body: its words (text_tokenize,
 * case folded, confusables folded) joined by single spaces.
 */
char			*dedup_content_hash(const char *body);

struct dedup_index	*dedup_index_new(time_t retention);
/*
 * A throw-away view of a few hundred entries (dedup-store.c): no expiry,
 * and near-copy candidates found by comparing the article with every
 * entry instead of through a map of every sketch hash (cheaper to build
 * for one evaluation; it finds the same candidates).
 */
struct dedup_index	*dedup_index_view(void);
void			 dedup_index_free(struct dedup_index *);
/*
 * Evaluate an article (id, source, title, body, lang, published set):
 * fills content_hash, dup_of, similarity and story_id.  Returns the entry
 * that describes it, to be added with dedup_index_add once it is published
 * (or freed with dedup_entry_free when it is not).
 */
struct dedup_entry	*dedup_evaluate(struct dedup_index *, struct article *);
/*
 * An article's body tokenised once (its lines, shingles and content
 * hash), for a publication that looks its candidates up in several rounds
 * and evaluates it against more than one view: dedup_probes and
 * dedup_evaluate_text read it (and keep the story keys they computed in
 * it).  The body must not
 * change while it is in use.
 */
struct dedup_text;
struct dedup_text	*dedup_text_make(const struct article *);
void			 dedup_text_free(struct dedup_text *);
struct dedup_entry	*dedup_evaluate_text(struct dedup_index *,
			    struct article *, struct dedup_text *);
/* Nonzero when an article with this content hash is in the index. */
int			 dedup_index_has_hash(const struct dedup_index *,
			    const char *content_hash);
/* Add an entry (the index takes ownership); replaces one with the same id. */
void			 dedup_index_add(struct dedup_index *, struct dedup_entry *);
/* Drop entries fetched more than the retention before now (0: keep all). */
void			 dedup_index_expire(struct dedup_index *, time_t now);
size_t			 dedup_index_count(const struct dedup_index *);
size_t			 dedup_index_bytes(const struct dedup_index *);

/* One-line text form for the shared Redis index (heap string). */
char			*dedup_entry_encode(const struct dedup_entry *);
struct dedup_entry	*dedup_entry_decode(const char *, char **cause);
/* A fresh copy of what an entry carries: in no index (heap). */
struct dedup_entry	*dedup_entry_copy(const struct dedup_entry *);
const char		*dedup_entry_id(const struct dedup_entry *);
const char		*dedup_entry_story(const struct dedup_entry *);
const char		*dedup_entry_source(const struct dedup_entry *);
/* Paragraphs of the entry found to be its source's boilerplate. */
uint64_t		 dedup_entry_boiler(const struct dedup_entry *);
void			 dedup_entry_set_boiler(struct dedup_entry *, uint64_t);
/* The entry with this id in the index, or NULL (the index owns it). */
const struct dedup_entry *dedup_index_lookup(const struct dedup_index *,
			    const char *id);

/*
 * Buckets of the shared index (dedup-bucket.c): a kind in the top two
 * bits, a hash below.  dedup_entry_buckets: where an entry is filed;
 * dedup_probes: where the evaluation of an article against the index
 * (its source's entries already in it: they decide the boilerplate)
 * must look.  Both return a sorted array without repeats (free it).
 */
#define DEDUP_BUCKET_LSH	1
#define DEDUP_BUCKET_KEY	2
#define DEDUP_BUCKET_KIND(v)	((int)((v) >> 62))
size_t			 dedup_entry_buckets(const struct dedup_entry *,
			    uint64_t **);
size_t			 dedup_probes(struct dedup_index *, struct article *,
			    struct dedup_text *, uint64_t **);
void			 dedup_entry_free(struct dedup_entry *);

/* Tunables (see dedup.c for how they are used). */
#define DEDUP_SHINGLE		5	/* words per shingle */
#define DEDUP_SKETCH		256	/* bottom-k shingle hashes kept */
/*
 * What an entry keeps of its n shingle hashes (dedup_sketch_kept):
 * n / RATE, within [MIN, MAX], at most n -- today the DEDUP_SKETCH
 * smallest.  Overridden with -D only by bench/near_copy's variants
 * (bench/RESULTS.md), which weigh fewer hashes against copies found;
 * never by a build of the daemon (its entries must stay comparable).
 */
#ifndef DEDUP_SKETCH_RATE
#define DEDUP_SKETCH_RATE	1
#endif
#ifndef DEDUP_SKETCH_MAX
#define DEDUP_SKETCH_MAX	DEDUP_SKETCH
#endif
#ifndef DEDUP_SKETCH_MIN
#define DEDUP_SKETCH_MIN	DEDUP_SKETCH
#endif
#define DEDUP_PARAS		64	/* paragraph fingerprints kept */
#define DEDUP_NEAR		0.5	/* share of the shorter text repeated */
#define DEDUP_NEAR_MIN		6	/* sampled shingles in common, at least */
#define DEDUP_STORY_WINDOW	(7 * 86400)
#define DEDUP_LSH_MIN		8	/* smallest sketch hashes filed */
#define DEDUP_LSH_MAX		32	/* sketch hashes filed, at most */
#define DEDUP_LSH_RATE		32	/* and those below 2^64 / this */
#define DEDUP_LSH_PROBE		48	/* smallest shingles looked up */

/*
 * What an entry keeps of its hashes: the top 19 bits of a sketch hash
 * (format 5, dedup-entry5.c, Rice-codes their differences; formats 3 and
 * 4 wrote 24 bits, read and compared as their top 19) and the top 30 of a
 * paragraph fingerprint.  Sketches are compared through DEDUP_SKETCH_Q on
 * both sides, so an entry read back from Redis and one made here decide
 * alike; the full hashes are kept in memory for the buckets
 * (dedup-bucket.c), which take their low bits.  A false match of two
 * quantised hashes has odds of about k * n / 2^19 a comparison (256 sketch
 * hashes, n shingles of the article below the bound: 1 at n = 2,000, 7 at
 * n = 15,000), against the half of the shorter text's sampled shingles a
 * decision needs (128 of 256; DEDUP_NEAR_MIN for short texts, whose
 * false matches are fewer in proportion).  bench/RESULTS.md ("Format 5")
 * has what 19 bits cost in copies found and why not 24: with 24 an
 * entry did not fit 768 bytes.
 */
#define DEDUP_SKETCH_Q		0xffffe00000000000ULL
/* Hex digits of the content hash an entry keeps and compares (128 bits). */
#define DEDUP_HASH_KEPT		32
#define DEDUP_PARA_Q		0xfffffffc00000000ULL
/*
 * Paragraph tags of sketch hashes: 0..62, and DEDUP_UNTAGGED for the
 * 64th paragraph on (never left out as boilerplate): six bits.
 */
#define DEDUP_UNTAGGED		63
#define DEDUP_TAG_MASKED(para, mask)					\
	((para) < DEDUP_UNTAGGED && ((mask) & (1ULL << (para))) != 0)

/*
 * Internal to dedup*.c: the shingles of one body.  Hashes are sorted and
 * unique; para[i] is the paragraph hash h[i] comes from (DEDUP_UNTAGGED
 * from the 64th on).
 */
struct dedup_shingles {
	uint64_t	*h;
	uint8_t		*para;
	size_t		 n;
	uint64_t	*paras;		/* paragraph fingerprints */
	size_t		 nparas;
};

void	dedup_shingles_clear(struct dedup_shingles *);
/*
 * Compare the full shingles of a (less the paragraphs in amask) with the
 * bottom-k sketch of b (less the paragraphs in bmask; bfull: the sketch
 * holds every shingle of b).  Returns the estimated share of the shorter
 * text found in the other, *common the sampled shingles in common.
 */
double	dedup_sketch_compare(const struct dedup_shingles *a, uint64_t amask,
	    const uint64_t *bh, const uint8_t *bpara, size_t bn, int bfull,
	    uint64_t bmask, size_t *common);

#endif
