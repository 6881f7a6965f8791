/*
 * test_dedup.c -- content hashes, near duplicates and stories.
 *
 * Fixtures: tests/data/dedup/NAME.txt, plain text cut once from the world
 * pages (tests/world) and the seeds, with a header of "# key: value" lines
 * (source, lang, published, title, ots, story, near_dup_of, reprint_of)
 * and the body after the first blank line.  The article id is NAME.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "testdata.h"

#include "article.h"
#include "dedup-entry.h"
#include "dedup.h"
#include "story.h"
#include "text.h"
#include "xmalloc.h"

#define NFIX	64

struct fixture {
	struct article	*a;
	char		 story[64];	/* expected story label */
	char		 dup[64];	/* expected near_dup_of */
	char		 reprint[64];
	char		 ots[8];
};

static time_t
parse_time(const char *s)
{
	struct tm	tm;

	memset(&tm, 0, sizeof tm);
	if (strptime(s, "%Y-%m-%dT%H:%M:%SZ", &tm) == NULL)
		return (-1);
	return (timegm(&tm));
}

static void
fixture_load(struct fixture *f, const char *name)
{
	char	 path[1024], *buf, *p, *nl, *v;

	memset(f, 0, sizeof *f);
	snprintf(path, sizeof path, "%s/dedup/%s.txt", data_dir(), name);
	if ((buf = slurp(path, NULL)) == NULL)
		fail_msg("cannot read %s", path);
	f->a = article_new();
	article_set(&f->a->id, name);
	f->a->fetched = -1;
	for (p = buf; *p == '#'; p = nl + 1) {
		nl = strchr(p, '\n');
		*nl = '\0';
		v = strchr(p, ':') + 1;
		v += *v == ' ';
		if (strncmp(p, "# source:", 9) == 0)
			article_set(&f->a->source, v);
		else if (strncmp(p, "# lang:", 7) == 0)
			article_set(&f->a->lang, v);
		else if (strncmp(p, "# title:", 8) == 0)
			article_set(&f->a->title, v);
		else if (strncmp(p, "# published:", 12) == 0)
			f->a->published = parse_time(v);
		else if (strncmp(p, "# story:", 8) == 0)
			snprintf(f->story, sizeof f->story, "%s", v);
		else if (strncmp(p, "# near_dup_of:", 14) == 0)
			snprintf(f->dup, sizeof f->dup, "%s", v);
		else if (strncmp(p, "# reprint_of:", 13) == 0)
			snprintf(f->reprint, sizeof f->reprint, "%s", v);
		else if (strncmp(p, "# ots:", 6) == 0)
			snprintf(f->ots, sizeof f->ots, "%s", v);
	}
	p += strspn(p, "\n");
	article_set(&f->a->body, p);
	article_set(&f->a->topics, strcmp(f->ots, "True") == 0 ? "ots" : "");
	free(buf);
}

static int
fixture_cmp(const void *x, const void *y)
{
	const struct fixture	*a = x, *b = y;

	if (a->a->published != b->a->published)
		return (a->a->published < b->a->published ? -1 : 1);
	return (strcmp(a->a->id, b->a->id));
}

/* Evaluate and add fixtures in publication order. */
static void
run_index(struct dedup_index *idx, struct fixture *f, size_t n)
{
	size_t	i;

	qsort(f, n, sizeof *f, fixture_cmp);
	for (i = 0; i < n; i++)
		dedup_index_add(idx, dedup_evaluate(idx, f[i].a));
}

static struct fixture *
find(struct fixture *f, size_t n, const char *id)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (strcmp(f[i].a->id, id) == 0)
			return (&f[i]);
	}
	fail_msg("no fixture %s", id);
	return (NULL);
}

static void
free_fixtures(struct fixture *f, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		article_free(f[i].a);
}

/* Load every fixture whose name starts (or not) with "seed-". */
static size_t
load_world(struct fixture *f, int seeds)
{
	char		 dir[1024], name[256];
	struct dirent	*de;
	DIR		*d;
	size_t		 n = 0;

	snprintf(dir, sizeof dir, "%s/dedup", data_dir());
	assert_non_null(d = opendir(dir));
	while ((de = readdir(d)) != NULL && n < NFIX) {
		if (strstr(de->d_name, ".txt") == NULL ||
		    (strncmp(de->d_name, "seed-", 5) == 0) != seeds)
			continue;
		snprintf(name, sizeof name, "%.*s",
		    (int)(strlen(de->d_name) - 4), de->d_name);
		fixture_load(&f[n++], name);
	}
	closedir(d);
	return (n);
}

/*
 * The evaluation hashes the words of the lines it tokenises (once for an
 * ASCII line): the same as dedup_content_hash over the whole body.
 */
static void
test_content_hash_lines(void **state)
{
	static const char *const bodies[] = {
		"", "\n\n", "One line.", "Two\nlines\n\nand a third",
		"CR\r\nline\rends\r\n", "T\xc3\xbcrk D\xc3\xbcnyas\xc4\xb1 "
		"\xc4\xb0stanbul\n\nascii after",
		"\xd0\x9a\xd0\xb0\xd0\xb7\xd0\xb0\xd1\x85\xd1\x81\xd1\x82"
		"\xd0\xb0\xd0\xbd \xd0\x90\xd1\x81\xd1\x82\xd0\xb0\xd0"
		"\xbd\xd0\xb0\nV\xd0\xb0rkert\n", "caf\x65\xcc\x81 mixed",
		"bad \xff\xfe bytes\n\xe2\x80\x9cquoted\xe2\x80\x9d",
		"\xef\xac\x81ligature \xc3\x9f", "x 1,5 y 2.000\nit's",
	};
	struct fixture		 f[NFIX];
	struct dedup_index	*idx;
	struct article		*a;
	char			*h;
	size_t			 i, n;

	(void)state;
	idx = dedup_index_new(30 * 86400);
	for (i = 0; i < sizeof bodies / sizeof *bodies; i++) {
		a = article_new();
		article_set(&a->id, "x");
		article_set(&a->source, "s");
		a->body = strdup(bodies[i]);
		dedup_entry_free(dedup_evaluate(idx, a));
		h = dedup_content_hash(bodies[i]);
		assert_string_equal(a->content_hash, h);
		free(h);
		article_free(a);
	}
	n = load_world(f, 1);		/* with the seeds */
	for (i = 0; i < n; i++) {
		h = dedup_content_hash(f[i].a->body);
		dedup_entry_free(dedup_evaluate(idx, f[i].a));
		assert_string_equal(f[i].a->content_hash, h);
		free(h);
	}
	dedup_index_free(idx);
	free_fixtures(f, n);
}

/*
 * The words the topic filter tokenised (article.words) give dedup the
 * same text as its own tokenisation of the body: lines, content hash,
 * shingles and paragraphs; the words are emptied, taken over.
 */
static void
check_text_same(struct dedup_text *x, struct dedup_text *y)
{
	size_t	i, k;

	assert_string_equal(x->content_hash, y->content_hash);
	assert_int_equal(x->l.n, y->l.n);
	for (i = 0; i < x->l.n; i++) {
		assert_int_equal(x->l.nt[i], y->l.nt[i]);
		for (k = 0; k < x->l.nt[i]; k++) {
			assert_string_equal(x->l.t[i][k].word,
			    y->l.t[i][k].word);
			assert_string_equal(x->l.t[i][k].raw, y->l.t[i][k].raw);
			assert_int_equal(x->l.t[i][k].flags,
			    y->l.t[i][k].flags);
		}
	}
	assert_int_equal(x->s.n, y->s.n);
	assert_int_equal(x->s.nparas, y->s.nparas);
	if (x->s.n > 0) {
		assert_memory_equal(x->s.h, y->s.h, x->s.n * sizeof *x->s.h);
		assert_memory_equal(x->s.para, y->s.para, x->s.n);
	}
	if (x->s.nparas > 0)
		assert_memory_equal(x->s.paras, y->s.paras,
		    x->s.nparas * sizeof *x->s.paras);
}

static void
test_text_from_words(void **state)
{
	struct fixture		 f[2 * NFIX];
	struct dedup_text	*own, *taken;
	struct article		*a;
	size_t			 i, n;

	(void)state;
	n = load_world(f, 1);
	n += load_world(f + n, 0);
	assert_true(n > 10);
	for (i = 0; i < n; i++) {
		a = f[i].a;
		own = dedup_text_make(a);
		a->words = xcalloc(1, sizeof *a->words);
		text_words_make(a->title, a->body, a->words);
		taken = dedup_text_make(a);
		check_text_same(own, taken);
		assert_int_equal(a->words->nlines, 0);	/* taken over */
		dedup_text_free(own);
		dedup_text_free(taken);
		article_words_drop(a);
	}
	free_fixtures(f, n);
}

static void
test_content_hash(void **state)
{
	char	*h1, *h2;

	/* SHA-256 of "hello world" */
	h1 = dedup_content_hash("Hello,  World!");
	assert_string_equal(h1, "b94d27b9934d3e08a52e52d7da7dabfac484efe3"
	    "7a5380ee9088f7ace2efcde9");
	free(h1);
	/* confusable a, quotes, layout do not matter */
	h1 = dedup_content_hash("V\xd0\xb0rkert \xe2\x80\x9c" "Bazar\xe2\x80"
	    "\x9d\n\nx");
	h2 = dedup_content_hash("Varkert \"Bazar\" x");
	assert_string_equal(h1, h2);
	free(h2);
	h2 = dedup_content_hash("Varkert Bazaar x");
	assert_string_not_equal(h1, h2);
	free(h1);
	free(h2);
	h1 = dedup_content_hash(NULL);
	assert_int_equal(strlen(h1), 64);
	free(h1);
}

/* Seeds: 002/003 one speech (003 a half copy), 000/001/004 one summit. */
static void
test_seeds(void **state)
{
	struct fixture		 f[NFIX], *s0, *s1, *s2, *s3, *s4;
	struct dedup_index	*idx;
	size_t			 n;

	n = load_world(f, 1);
	assert_int_equal(n, 5);
	idx = dedup_index_new(30 * 86400);
	run_index(idx, f, n);
	s0 = find(f, n, "seed-000");
	s1 = find(f, n, "seed-001");
	s2 = find(f, n, "seed-002");
	s3 = find(f, n, "seed-003");
	s4 = find(f, n, "seed-004");
	assert_non_null(s3->a->dup_of);
	assert_string_equal(s3->a->dup_of, "seed-002");
	assert_true(s3->a->similarity >= DEDUP_NEAR &&
	    s3->a->similarity <= 1.0);
	assert_null(s0->a->dup_of);
	assert_null(s1->a->dup_of);
	assert_null(s2->a->dup_of);
	assert_null(s4->a->dup_of);
	assert_true(s0->a->similarity < 0);
	assert_string_equal(s0->a->story_id, s1->a->story_id);
	assert_string_equal(s0->a->story_id, s4->a->story_id);
	assert_string_equal(s2->a->story_id, s3->a->story_id);
	assert_string_not_equal(s0->a->story_id, s2->a->story_id);
	/* a new story is named after its first article */
	assert_string_equal(s0->a->story_id, "seed-000");
	assert_int_equal(strlen(s0->a->content_hash), 64);
	dedup_index_free(idx);
	free_fixtures(f, n);
}

/* The world: every expectation of world.json, copied into the headers. */
static void
test_world(void **state)
{
	struct fixture		 f[NFIX], *o;
	struct dedup_index	*idx;
	size_t			 n, i, j;
	int			 same_want, same_got;

	n = load_world(f, 0);
	assert_true(n >= 17);
	idx = dedup_index_new(30 * 86400);
	run_index(idx, f, n);
	for (i = 0; i < n; i++) {
		if (f[i].dup[0] != '\0') {
			if (f[i].a->dup_of == NULL ||
			    strcmp(f[i].a->dup_of, f[i].dup) != 0)
				fail_msg("%s: dup_of %s, want %s", f[i].a->id,
				    f[i].a->dup_of, f[i].dup);
		} else if (f[i].reprint[0] != '\0') {
			o = find(f, n, f[i].reprint);
			assert_string_equal(f[i].a->content_hash,
			    o->a->content_hash);
			assert_true(dedup_index_has_hash(idx,
			    o->a->content_hash));
		} else if (f[i].a->dup_of != NULL) {
			/* the original of a reprint is evaluated after it */
			o = find(f, n, f[i].a->dup_of);
			if (strcmp(o->reprint, f[i].a->id) != 0)
				fail_msg("%s: unexpected dup_of %s",
				    f[i].a->id, f[i].a->dup_of);
		}
		for (j = 0; j < i; j++) {
			same_want = strcmp(f[i].story, f[j].story) == 0;
			same_got = strcmp(f[i].a->story_id,
			    f[j].a->story_id) == 0;
			if (same_want != same_got)
				fail_msg("%s and %s: same story %d, want %d",
				    f[i].a->id, f[j].a->id, same_got,
				    same_want);
		}
	}
	assert_int_equal(dedup_index_count(idx), n);
	/* bounded memory: a few kilobytes per article */
	assert_true(dedup_index_bytes(idx) / n < 4096);
	dedup_index_free(idx);
	free_fixtures(f, n);
}

/* Without topics (all not OTS), other events of the week stay apart. */
static void
test_world_no_topics(void **state)
{
	struct fixture		 f[NFIX];
	struct dedup_index	*idx;
	size_t			 n, i, j;

	n = load_world(f, 0);
	for (i = 0; i < n; i++)
		article_set(&f[i].a->topics, NULL);
	idx = dedup_index_new(30 * 86400);
	run_index(idx, f, n);
	for (i = 0; i < n; i++) {
		for (j = 0; j < i; j++) {
			if ((strcmp(f[i].story, f[j].story) == 0) !=
			    (strcmp(f[i].a->story_id, f[j].a->story_id) == 0))
				fail_msg("%s and %s", f[i].a->id, f[j].a->id);
		}
	}
	dedup_index_free(idx);
	free_fixtures(f, n);
}

/* Two events of one week, same outlet and country: two stories. */
static void
test_same_week(void **state)
{
	struct fixture		 f[2];
	struct dedup_index	*idx;

	fixture_load(&f[0], "trend-digital");
	fixture_load(&f[1], "en-secgen");
	f[1].a->published = f[0].a->published + 86400;
	idx = dedup_index_new(30 * 86400);
	run_index(idx, f, 2);
	assert_string_not_equal(f[0].a->story_id, f[1].a->story_id);
	assert_null(f[1].a->dup_of);
	dedup_index_free(idx);
	free_fixtures(f, 2);
}

static const char explainer[] =
    "The Organization of Turkic States (OTS) is an intergovernmental "
    "organization that brings together Azerbaijan, Kazakhstan, Kyrgyzstan, "
    "T\xc3\xbcrkiye and Uzbekistan, with Hungary, Turkmenistan and the "
    "Turkish Republic of Northern Cyprus as observers. Its goal is to "
    "promote comprehensive cooperation among Turkic-speaking states. The "
    "organization was founded on 3 October 2009 in Nakhchivan, and its "
    "Secretariat is located in Istanbul.";

static struct article *
make(const char *id, const char *source, time_t when, const char *body)
{
	struct article	*a = article_new();

	article_set(&a->id, id);
	article_set(&a->source, source);
	article_set(&a->body, body);
	a->published = when;
	a->fetched = when;
	return (a);
}

/* A site's explainer paragraph does not make two stories copies. */
static void
test_site_boilerplate(void **state)
{
	static const char	 forum[] = "The youth forum of the Turkic "
	    "states opened in Bishkek with 300 delegates, who will discuss "
	    "student exchanges, start-ups and volunteering until Friday.";
	struct dedup_index	*idx;
	struct article		*a, *b, *c;
	char			*body;

	idx = dedup_index_new(0);
	if (asprintf(&body, "Ministers of transport met in Baku on "
	    "Tuesday.\n\n%s", explainer) == -1)
		fail();
	a = make("a1", "trend-en", 1000, body);
	free(body);
	if (asprintf(&body, "%s\n\n%s", forum, explainer) == -1)
		fail();
	b = make("b1", "trend-en", 2000, body);
	free(body);
	dedup_index_add(idx, dedup_evaluate(idx, a));
	dedup_index_add(idx, dedup_evaluate(idx, b));
	assert_null(b->dup_of);
	assert_true(b->similarity < 0);
	assert_string_not_equal(a->content_hash, b->content_hash);
	assert_string_not_equal(a->story_id, b->story_id);
	/* the site's story, slightly edited and posted again: a copy */
	if (asprintf(&body, "%s Organisers expect 500 guests.\n\n%s", forum,
	    explainer) == -1)
		fail();
	c = make("c1", "trend-en", 3000, body);
	free(body);
	dedup_index_add(idx, dedup_evaluate(idx, c));
	assert_non_null(c->dup_of);
	assert_string_equal(c->dup_of, "b1");
	assert_true(c->similarity >= DEDUP_NEAR);
	assert_string_equal(c->story_id, b->story_id);
	assert_int_equal(dedup_index_count(idx), 3);
	dedup_index_free(idx);
	article_free(a);
	article_free(b);
	article_free(c);
}

/* A short text made of two paragraphs of a long one is a near copy. */
static void
test_excerpt(void **state)
{
	struct fixture		 f[1];
	struct dedup_index	*idx;
	struct article		*b;
	const char		*p, *q;
	char			*body;

	fixture_load(&f[0], "s001");
	idx = dedup_index_new(0);
	dedup_index_add(idx, dedup_evaluate(idx, f[0].a));
	/* paragraphs 5 and 6 of the Astana Times report */
	assert_non_null(p = strstr(f[0].a->body, "Focusing on economic"));
	assert_non_null(q = strstr(p, "Energy cooperation"));
	assert_non_null(q = strchr(q, '\n'));
	if (asprintf(&body, "Astana, 22 May. Our correspondent reports.\n\n"
	    "%.*s", (int)(q - p), p) == -1)
		fail();
	b = make("excerpt", "other-site", f[0].a->published + 3600, body);
	free(body);
	dedup_index_add(idx, dedup_evaluate(idx, b));
	assert_non_null(b->dup_of);
	assert_string_equal(b->dup_of, "s001");
	assert_true(b->similarity >= DEDUP_NEAR);
	assert_string_equal(b->story_id, f[0].a->story_id);
	dedup_index_free(idx);
	article_free(b);
	free_fixtures(f, 1);
}

/*
 * Entry lines dedup_entry_decode refuses (with a cause): none, format 1
 * (the sketch in hex, before the keys) and an unknown 5; format 2's bad
 * fields and 12 characters a hash, ascending; format 3's five characters
 * a hash, not descending, and its fingerprints; format 4's tags missing,
 * a difference or escape cut short, a sum past 24 bits, tags of 0 or 7
 * bits or of the wrong length, a character not base64, tags without
 * hashes.
 */
static const char *const bad_entries[] = {
	"",
	"1 a b 0 0 - - - 0 - - -",
	"5 a b 0 0 - - - 0 - - -",
	"5 0000",
	"5 zzzz\x01\x31",
	"2 a b 0 0 - - - 0 zz - -",
	"2 a b 0 0 - - - 0 - - zz",
	"2 a b 0 0 - - - 0 - - AAAAAAAAAAA",
	"2 a b 0 0 - - - 0 - - AAAAAAAAAAABAAAAAAAAAAAB",
	"2 a b 0 0 - - - 0 - - AAAAAAAAAAA*",
	"2 a b 0 0 - - x 0 - - -",
	"2 a b 0 0 - - - 0 - - - x",
	"2 a b 0 - - - 0 - - -",
	"3 a b 0 0 - - - 0 - - AAAA",
	"3 a b 0 0 - - - 0 - - AAABAAAAAA",
	"3 a b 0 0 - - - 0 AAA*A - -",
	"3 a b 0 0 - - - 0 AAAAAA - -",
	"4 a b 0 0 - - - 1 - - AAB",
	"4 a b 0 0 - - - 1 - - AB:BA",
	"4 a b 0 0 - - - 1 - - ///AAA:BA",
	"4 a b 0 0 - - - 2 - - ///////AAB:BA",
	"4 a b 0 0 - - - 1 - - AAB:AA",
	"4 a b 0 0 - - - 1 - - AAB:HA",
	"4 a b 0 0 - - - 1 - - AAB:BAA",
	"4 a b 0 0 - - - 1 - - AAB:B",
	"4 a b 0 0 - - - 1 - - A*B:BA",
	"4 a b 0 0 - - - 1 - - AAB:B*",
	"4 a b 0 0 - - - 0 - - :BA",
};

/*
 * Entry lines of older formats read, and the line each is written back
 * as in format 4 (dedup_entry_encode4: what tests and benchmarks use to
 * write an older daemon's index).
 */
static const struct {
	const char	*in, *out;
} rewritten[] = {
	/*
	 * Equal once quantised: kept both, as written; format 3 is written
	 * as 4 (differences 1 and 0, two one-bit tags 0), its content hash
	 * cut to 32 digits.
	 */
	{ "3 a b 0 0 "
	  "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
	  " - - 2 - - AAABAAAABA",
	  "4 a b 0 0 0123456789abcdef0123456789abcdef - - 2 - - AABAAA:BA" },
	/* a sketch left out (".") decodes as none */
	{ "3 a b 0 0 - - - 3 - k .", "4 a b 0 0 - - - 3 - k -" },
	{ "4 a b 0 0 - - - 3 - k .", "4 a b 0 0 - - - 3 - k -" },
	/*
	 * Format 4: a difference of DEDUP_DELTA_ESC or more is the escape
	 * "///" and four characters; tags of 1..6 bits, packed.
	 */
	{ "4 a b 0 0 - - - 9 - - AAA///////:Bg",
	  "4 a b 0 0 - - - 9 - - AAA///////:Bg" },
	/*
	 * Format 2 is read quantised and written as 4: the hashes 0 (tag
	 * 1) and 2^64 - 1 (tag 0: its top 19 bits, DEDUP_SKETCH_Q, written
	 * as 24, the difference escaped), the fingerprint 2^64 - 1 (top 30
	 * bits).
	 */
	{ "2 a b 0 0 - - - 2 ffffffffffffffff - AAAAAAAAAAAB//////////8A",
	  "4 a b 0 0 - - - 2 ///// - AAA//////g:Bg" },
	/* the 64th paragraph's tag and beyond: untagged (63, "/") */
	{ "2 a b 0 0 - - - 1 - - AAAAAAAAAAD/", "4 a b 0 0 - - - 1 - - AAA:G/" },
};

/* The index line carries everything: a rebuilt index decides the same. */
static void
test_encode_decode(void **state)
{
	struct fixture		 f[NFIX], *s3;
	struct dedup_index	*idx, *idx2;
	struct dedup_entry	*e, *d;
	char			*line, *line2, *cause = NULL;
	size_t			 n, i;

	n = load_world(f, 0);
	qsort(f, n, sizeof *f, fixture_cmp);
	idx = dedup_index_new(30 * 86400);
	idx2 = dedup_index_new(30 * 86400);
	s3 = find(f, n, "s003");
	for (i = 0; i < n; i++) {
		if (&f[i] == s3)
			continue;
		e = dedup_evaluate(idx, f[i].a);
		line = dedup_entry_encode(e);
		assert_null(strchr(line, '\n'));
		d = dedup_entry_decode(line, &cause);
		assert_non_null(d);
		assert_string_equal(dedup_entry_id(d), f[i].a->id);
		assert_string_equal(dedup_entry_story(d), f[i].a->story_id);
		line2 = dedup_entry_encode(d);
		assert_string_equal(line, line2);
		free(line);
		free(line2);
		dedup_index_add(idx, e);
		dedup_index_add(idx2, d);
	}
	assert_int_equal(dedup_index_count(idx), dedup_index_count(idx2));
	e = dedup_evaluate(idx2, s3->a);
	assert_string_equal(s3->a->dup_of, "s002");
	assert_string_equal(s3->a->story_id, find(f, n, "s002")->a->story_id);
	dedup_entry_free(e);
	/* the same id replaces the entry */
	e = dedup_evaluate(idx2, find(f, n, "s002")->a);
	dedup_index_add(idx2, e);
	assert_int_equal(dedup_index_count(idx2), n - 1);

	for (i = 0; i < sizeof bad_entries / sizeof bad_entries[0]; i++) {
		cause = NULL;
		assert_null(dedup_entry_decode(bad_entries[i], &cause));
		assert_non_null(cause);
		free(cause);
	}
	for (i = 0; i < sizeof rewritten / sizeof rewritten[0]; i++) {
		assert_non_null(d = dedup_entry_decode(rewritten[i].in,
		    &cause));
		line = dedup_entry_encode4(d);
		assert_string_equal(line, rewritten[i].out);
		free(line);
		dedup_entry_free(d);
	}
	assert_non_null(d = dedup_entry_decode("2 a b -1 5 - - - 0 - - -",
	    &cause));
	dedup_entry_free(d);
	dedup_entry_free(NULL);
	dedup_index_free(idx);
	dedup_index_free(idx2);
	free_fixtures(f, n);
}

/* Two decoded entries hold the same values (sketches as compared). */
static void
assert_same_entry(const struct dedup_entry *a, const struct dedup_entry *b,
    int sketch)
{
	size_t	i;

	assert_string_equal(a->id, b->id);
	assert_string_equal(a->source, b->source);
	assert_string_equal(a->hash, b->hash);
	assert_int_equal(a->story == NULL, b->story == NULL);
	if (a->story != NULL)
		assert_string_equal(a->story, b->story);
	assert_int_equal(a->ots, b->ots);
	assert_int_equal(a->when, b->when);
	assert_int_equal(a->seen, b->seen);
	assert_int_equal(a->nshingles, b->nshingles);
	assert_int_equal(a->nparas, b->nparas);
	for (i = 0; i < a->nparas; i++)
		assert_true((a->paras[i] & DEDUP_PARA_Q) == b->paras[i]);
	assert_int_equal(a->nkeys, b->nkeys);
	for (i = 0; i < a->nkeys; i++)
		assert_string_equal(a->keys[i], b->keys[i]);
	if (!sketch)
		return;
	assert_int_equal(a->nsketch, b->nsketch);
	for (i = 0; i < a->nsketch; i++) {
		assert_true((a->sketch[i] & DEDUP_SKETCH_Q) ==
		    (b->sketch[i] & DEDUP_SKETCH_Q));
		assert_int_equal(a->spara[i] < DEDUP_UNTAGGED ? a->spara[i] :
		    DEDUP_UNTAGGED, b->spara[i]);
	}
}

/*
 * Format 5 (dedup-entry5.c): every field of a real entry comes back,
 * the sketch as compared; so does the same entry written in format 4, so
 * an index filed by an older daemon decides alike; the lookup script's
 * cut (the head, then " .") decodes without a sketch; story keys of the
 * lexicon, numbers and dates are tokens and come back as text; no NUL or
 * line break is written; a line cut short or changed is refused.
 */
static void
test_format5(void **state)
{
	struct fixture		 f[NFIX];
	struct dedup_index	*idx;
	struct dedup_entry	*e, *d, *d4, *c;
	char			*line, *line4, *cut, *cause = NULL;
	size_t			 n, i, k, head, nfull = 0;
	unsigned		 l;
	char			*keys[64];

	n = load_world(f, 0);
	idx = dedup_index_new(30 * 86400);
	for (i = 0; i < n; i++) {
		e = dedup_evaluate(idx, f[i].a);
		line = dedup_entry_encode(e);
		assert_int_equal(strncmp(line, "5 ", 2), 0);
		assert_null(strpbrk(line, "\n\r"));
		assert_non_null(d = dedup_entry_decode(line, &cause));
		assert_same_entry(e, d, 1);
		line4 = dedup_entry_encode4(e);
		assert_non_null(d4 = dedup_entry_decode(line4, &cause));
		assert_same_entry(d4, d, 1);
		/* a full sketch's entry is at most ~60 % of format 4's */
		if (e->nsketch == DEDUP_SKETCH) {
			assert_true(10 * strlen(line) < 6 * strlen(line4));
			nfull++;
		}
		free(line4);
		line4 = dedup_entry_encode(d);
		assert_string_equal(line, line4);
		free(line4);
		/* the lookup script's cut */
		assert_int_equal(sscanf(line + 2, "%4x", &l), 1);
		head = l;
		cut = xmalloc(6 + head + 3);
		memcpy(cut, line, 6 + head);
		strcpy(cut + 6 + head, " .");
		assert_non_null(c = dedup_entry_decode(cut, &cause));
		assert_int_equal(c->nsketch, 0);
		assert_same_entry(e, c, 0);
		dedup_entry_free(c);
		/* cut short anywhere, or its end changed: refused */
		for (k = 1; k < strlen(line); k += 1 + k / 4) {
			if ((c = dedup_entry_decode(line4 = strndup(line,
			    strlen(line) - k), &cause)) != NULL) {
				fail_msg("%s: a line cut by %zu accepted",
				    f[i].a->id, k);
			}
			free(cause);
			cause = NULL;
			free(line4);
		}
		free(cut);
		dedup_entry_free(d);
		dedup_entry_free(d4);
		dedup_index_add(idx, e);
		free(line);
	}
	assert_true(nfull > 0);
	dedup_index_free(idx);
	free_fixtures(f, n);

	/*
	 * Format 5's lexicon is a frozen, append-only copy of story.c's
	 * canonical keys (an entry stores indices into it): a key added to
	 * story.c must be appended there too, or its entries grow.
	 */
	for (k = 0; story_lexicon_key(k) != NULL; k++) {
		for (i = 0; i < dedup_lexicon_size(); i++)
			if (strcmp(dedup_lexicon_key(i),
			    story_lexicon_key(k)) == 0)
				break;
		if (i == dedup_lexicon_size())
			fail_msg("story key %s not in format 5's lexicon",
			    story_lexicon_key(k));
	}
	assert_int_equal(k, dedup_lexicon_size());

	/* every lexicon key is one byte; numbers and dates are nibbles */
	e = xcalloc(1, sizeof *e);
	e->id = xstrdup("k");
	e->source = xstrdup("-");
	e->ots = -1;
	e->when = -1;
	e->seen = 5;
	for (k = 0; k < dedup_lexicon_size() && k < 40; k++)
		keys[k] = xstrdup(dedup_lexicon_key(k));
	keys[k++] = xstrdup("#12.5");
	keys[k++] = xstrdup("#@0503");
	keys[k++] = xstrdup("#2024");
	keys[k++] = xstrdup("amaralav+bartamakamatav");
	keys[k++] = xstrdup("#%unlisted");
	keys[k++] = xstrdup("s\xc3\xa9r");
	e->keys = keys;
	e->nkeys = k;
	line = dedup_entry_encode(e);
	assert_non_null(d = dedup_entry_decode(line, &cause));
	e->sketch = NULL;
	assert_same_entry(e, d, 0);
	assert_int_equal(d->nsketch, 0);
	/*
	 * "5 LLLL", a head of 14 bytes (5 of them zeros, escaped: 19), the
	 * keys' length, 40 keys of one byte, three of four (a marker and
	 * three bytes of nibbles), the other three as text and ',' (24 +
	 * 11 + 5), no sketch ('-'): 118 bytes.
	 */
	assert_true(strlen(line) <= 6 + 19 + 1 + 40 + 12 + 40 + 1);
	dedup_entry_free(d);
	free(line);
	for (i = 0; i < k; i++)
		free(keys[i]);
	e->keys = NULL;
	e->nkeys = 0;
	dedup_entry_free(e);
}

static void
test_expire(void **state)
{
	struct dedup_index	*idx;
	struct article		*a, *b;

	idx = dedup_index_new(86400);
	a = make("old", "x", 1000, "An old story about the steppe.");
	b = make("new", "x", 200000, "A new story about the sea.");
	/* expiry goes by the fetch time, not the publication date */
	b->published = 10;
	dedup_index_add(idx, dedup_evaluate(idx, a));
	dedup_index_add(idx, dedup_evaluate(idx, b));
	assert_int_equal(dedup_index_count(idx), 2);
	assert_true(dedup_index_has_hash(idx, a->content_hash));
	dedup_index_expire(idx, 200000);
	assert_int_equal(dedup_index_count(idx), 1);
	assert_false(dedup_index_has_hash(idx, a->content_hash));
	assert_true(dedup_index_has_hash(idx, b->content_hash));
	assert_true(dedup_index_bytes(idx) > 0);
	dedup_index_free(idx);
	dedup_index_free(NULL);
	article_free(a);
	article_free(b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_content_hash),
		cmocka_unit_test(test_content_hash_lines),
		cmocka_unit_test(test_text_from_words),
		cmocka_unit_test(test_seeds),
		cmocka_unit_test(test_world),
		cmocka_unit_test(test_world_no_topics),
		cmocka_unit_test(test_same_week),
		cmocka_unit_test(test_site_boilerplate),
		cmocka_unit_test(test_excerpt),
		cmocka_unit_test(test_encode_decode),
		cmocka_unit_test(test_format5),
		cmocka_unit_test(test_expire),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
