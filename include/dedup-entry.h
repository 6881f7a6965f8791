/*
 * dedup-entry.h -- private to dedup*.c: what the index keeps per article.
 */
#ifndef OTSNEWS_DEDUP_ENTRY_H
#define OTSNEWS_DEDUP_ENTRY_H

#include <sys/queue.h>

#include <stdint.h>
#include <time.h>

#include "dedup-tab.h"
#include "dedup.h"

struct article;
struct text_token;
struct dedup_source;
struct dedup_story;

#ifndef TAILQ_FOREACH_SAFE	/* not in glibc's sys/queue.h */
#define TAILQ_FOREACH_SAFE(var, head, field, tvar)			\
	for ((var) = TAILQ_FIRST(head);					\
	    (var) != NULL && ((tvar) = TAILQ_NEXT(var, field), 1);	\
	    (var) = (tvar))
#endif

/* Owner: the index once added, else whoever dedup_evaluate returned it to. */
struct dedup_entry {
	char		*id;
	char		*source;
	time_t		 when;		/* published, else fetched; -1 */
	time_t		 seen;		/* fetched, else when added: expiry */
	char		 hash[65];	/* content hash, lowercase hex */
	char		*story;
	int		 ots;		/* topics has "ots": 1, else 0; -1 unknown
					   (only from a line with '-') */
	uint32_t	 nshingles;	/* distinct shingles of the body */
	uint64_t	*sketch;	/* bottom-k hashes, ascending */
	uint8_t		*spara;		/* paragraph of each sketch hash */
	size_t		 nsketch;
	uint64_t	*paras;		/* paragraph fingerprints */
	size_t		 nparas;
	uint64_t	 boiler;	/* paragraphs shared within the source */
	uint64_t	 pfilter[4];	/* set while in an index: its paragraphs'
					   dedup_para_filter */
	char		**keys;		/* story evidence (story.h) */
	size_t		 nkeys;
	char		*keyblock;	/* decoded: the keys' one block */
	size_t		 packed;	/* decoded: the size of the entry's one
					   allocation, which holds every field
					   above; else 0 */
	int		 inarena;	/* packed in a view's arena: freed with
					   it, not by dedup_entry_free */

	/* Set while in an index (dedup-index.c). */
	uint64_t	 hid, hhash;	/* dedup_tab_hash of id, hash: the maps
					   ask for them at every probe */
	uint32_t	 handle;	/* index in dedup_index.ents */
	uint32_t	 hpos;		/* in dedup_index.heap; -1 none */
	uint64_t	 seq;		/* order of addition */
	struct dedup_source *src;
	struct dedup_story *st;		/* NULL when story is */
	TAILQ_ENTRY(dedup_entry) sentry;	/* in src */
	TAILQ_ENTRY(dedup_entry) stentry;	/* in st */
	uint32_t	 cgen;		/* per-evaluation candidate count */
	uint32_t	 ccount;
};

TAILQ_HEAD(dedup_entries, dedup_entry);

/* The articles of one source, for its boilerplate. */
struct dedup_source {
	char			*name;
	uint64_t		 h;		/* dedup_tab_hash of name */
	struct dedup_entries	 entries;	/* in order of addition */
	size_t			 n;
};

/* A story's key (an interned key) and how many members carry it. */
struct dedup_skey {
	uint32_t	 kid;
	uint32_t	 n;
};

/*
 * The indexed members of one story with one OTS flag (ots: 1, 0 or -1),
 * and the union of their keys: whether an entry may join an article's
 * story depends on its flag, so a group's members are all alike.
 */
struct dedup_story {
	char			*name;
	int			 ots;
	uint64_t		 h;		/* bystory key: name's hash + ots */
	uint32_t		 handle;
	struct dedup_entries	 members;	/* in order of addition */
	size_t			 n;
	size_t			 nneg;		/* members with when < 0 */
	time_t			 minw, maxw;	/* of when >= 0, or wider */
	int			 dirty;		/* minw, maxw may be wider */
	struct dedup_skey	*keys;		/* sorted by kid */
	size_t			 nkeys, keysize;
	uint32_t		 gen;		/* per-evaluation slot */
	size_t			 slot;
};

size_t	dedup_sketch_kept(size_t nshingles);
/* len (1..16) hex digits into *v: 0, or -1 on anything else. */
int	dedup_hex64(const char *, size_t, uint64_t *);
/* dedup_entry_decode into an arena (a view's: freed with it), or malloc. */
struct arena;
struct dedup_entry *dedup_entry_decode_in(const char *, struct arena *,
	    char **cause);
/*
 * A copy of an entry dedup_entry_decode_in made (never filed in an index)
 * into an arena, or malloc.
 */
struct dedup_entry *dedup_entry_clone_in(const struct dedup_entry *,
	    struct arena *);

/*
 * Formats of an entry's line: dedup_entry_encode writes format 5
 * (dedup-entry5.c); format 4 is written only by tests and benchmarks,
 * which check that an index an older daemon filed keeps deciding alike.
 */
char	*dedup_entry_encode4(const struct dedup_entry *);
char	*dedup_entry_encode5(const struct dedup_entry *);
struct dedup_entry *dedup_entry_decode5(const char *, size_t len,
	    struct arena *, char **cause);
/* The story keys format 5 writes as one byte, by index (append only). */
size_t	 dedup_lexicon_size(void);
const char *dedup_lexicon_key(size_t);
/*
 * For the decoders (dedup-entry.c, dedup-entry5.c): one allocation with
 * room for nsk sketch hashes, npa paragraphs, nk keys of keylen bytes of
 * text in all, and strs bytes of other strings from *cur on.
 */
struct dedup_entry *dedup_entry_alloc(size_t nsk, size_t npa, size_t nk,
	    size_t keylen, size_t strs, struct arena *, char **cur);
/* Keys in s (joined by ','), at most STORY_MAXKEYS. */
size_t	 dedup_count_keys(const char *, size_t);
/* Copy the keys into e's key block and point e->keys at them. */
void	 dedup_entry_cut_keys(struct dedup_entry *, const char *, size_t);

#define DEDUP_MAXPARTS	255	/* and parts within 64 KiB */

/* A distinct key of the indexed stories. */
struct dedup_key {
	uint32_t	*stories;	/* story handles */
	uint32_t	*parts;		/* offset << 16 | length of each part */
	size_t		 nstories, size;
	uint32_t	 nparts;
	uint32_t	 mgen;		/* matched in this evaluation ... */
	uint32_t	 mi;		/* ... by the article's key mi */
	uint64_t	 h;		/* dedup_tab_hash of s */
	char		 s[];
};

/* A per-evaluation story slot (dedup.c). */
struct dedup_slot {
	struct dedup_story	*st;
	uint64_t		 cand;	/* ne's keys some member may match */
	uint64_t		 matched;
	int			 text;
	int			 ok;	/* has members the article may join */
	int			 merged;	/* into another group's slot */
	uint64_t		 first;	/* seq of its first candidate member */
};

/*
 * Owner: the daemon.  Every per-article operation goes through the maps:
 * ids, content hashes, sketch hashes (near-duplicate candidates), sources,
 * stories and story keys by a prefix of their parts.
 */
struct dedup_index {
	time_t			 retention;
	size_t			 count;
	size_t			 bytes;		/* of the entries */
	size_t			 xbytes;	/* of sources, stories, keys */
	uint64_t		 seq;
	uint32_t		 gen;
	int			 view;		/* dedup_index_view: no bysketch */
	struct arena		*arena;		/* a view's: its keys, stories,
					   sources and decoded entries, freed
					   with it (NULL: malloc) */

	struct dedup_entry	**ents;		/* by handle */
	size_t			 nents;
	size_t			 entcap;	/* ents, efree, heap allocated */
	uint32_t		*efree;		/* free handles */
	size_t			 nefree;
	struct dedup_story	**stories;	/* by handle */
	size_t			 nstories;
	size_t			 storycap;	/* stories, sfree allocated */
	uint32_t		*sfree;
	size_t			 nsfree;
	struct dedup_key	**keys;		/* by kid */
	size_t			 nkeys;
	size_t			 keycap;	/* keys, kfree allocated */
	uint32_t		*kfree;
	size_t			 nkfree;
	struct dedup_source	**sources;	/* by number */
	size_t			 nsources;
	uint32_t		*heap;		/* by seen, of seen >= 0 */
	size_t			 nheap;
	uint32_t		*wild;		/* kids of keys of > 255 parts */
	size_t			 nwild;

	struct dedup_tab	 byid;		/* handle + 1 */
	struct dedup_tab	 byhash;	/* handle + 1 */
	struct dedup_tab	 bysketch;	/* (handle + 1) << 8 | position */
	struct dedup_tab	 bysource;	/* number + 1 */
	struct dedup_tab	 bystory;	/* handle + 1 */
	struct dedup_tab	 bykey;		/* kid + 1 */
	struct dedup_tab	 byprefix;	/* (kid + 1) << 8 | part */

	struct dedup_slot	*slots;		/* per evaluation */
	size_t			 slotsize;
	struct dedup_entry	**cands;	/* per evaluation */
	size_t			 candsize;
};

/* The words (TEXT_STRIP_MARKS) of a body's lines that have any. */
struct dedup_lines {
	struct text_token	**t;
	size_t			 *nt;
	size_t			  n;
};

/*
 * dedup_text_make's result (dedup.h).  The story keys of the last
 * boilerplate mask are kept: the lookup rounds and the evaluation of one
 * publication ask for the same ones (story_keys_lines is the largest
 * share of an evaluation's work).
 */
struct dedup_text {
	struct dedup_lines	 l;
	struct dedup_shingles	 s;
	char			*content_hash;
	char			**keys;
	size_t			  nkeys;
	uint64_t		  keys_skip;
	int			  has_keys;
};

void			 dedup_lines_clear(struct dedup_lines *);
void			 dedup_shingles_lines(const struct dedup_lines *,
			    struct dedup_shingles *);
struct dedup_entry	*dedup_entry_make(const struct article *,
			    const struct dedup_shingles *,
			    const struct dedup_lines *, uint64_t);
/* dedup_entry_make with the text's story keys, computed once per mask. */
struct dedup_entry	*dedup_entry_make_text(const struct article *,
			    struct dedup_text *, uint64_t);
size_t			 dedup_entry_size(const struct dedup_entry *);

/* dedup-index.c, dedup-keys.c (keys, prefixes) */
struct dedup_entry	*dedup_index_find(const struct dedup_index *,
			    const char *id);
struct dedup_source	*dedup_index_source(const struct dedup_index *,
			    const char *);
struct dedup_story	*dedup_index_story(const struct dedup_index *,
			    const char *, int);
struct dedup_entry	*dedup_hash_next(const struct dedup_index *,
			    const char *, size_t *);
struct dedup_entry	*dedup_sketch_next(const struct dedup_index *,
			    uint64_t, size_t *);
struct dedup_key	*dedup_index_key(const struct dedup_index *,
			    const char *);
uint64_t		 dedup_prefix_key(const char *, size_t);
struct dedup_key	*dedup_prefix_next(const struct dedup_index *,
			    uint64_t, size_t *, size_t *);
void			 dedup_story_bounds(struct dedup_story *);
/* dedup-boiler.c */
uint64_t		 dedup_source_boiler(const struct dedup_index *,
			    const char *, const char *,
			    const struct dedup_shingles *);
uint64_t		 dedup_shared_paras(const uint64_t *, size_t,
			    const uint64_t *, size_t);
uint64_t		 dedup_shared_both(const uint64_t *, size_t,
			    const uint64_t *, size_t, const uint64_t[4],
			    uint64_t *);
int			 dedup_repost_mask(uint64_t, size_t, size_t);
/*
 * A 256-bit filter of paragraph fingerprints: two texts whose filters do
 * not meet share no paragraph.
 */
void			 dedup_para_filter(const uint64_t *, size_t,
			    uint64_t[4]);
int			 dedup_para_filters_meet(const uint64_t[4],
			    const uint64_t[4]);
/* e's paragraphs to leave out when it is compared with the shingles s. */
uint64_t		 dedup_boiler_of(const struct dedup_entry *,
			    const char *source, const struct dedup_shingles *);

#endif
