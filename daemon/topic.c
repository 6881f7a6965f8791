/*
 * topic.c -- is an article about the Organization of Turkic States?
 *
 * The terms and the file format are documented at the top of
 * conf/ots-terms.txt.  Matching works on words (text_tokenize), so a term
 * never matches inside a longer word; stems ('*') give the case endings of
 * Russian, Kazakh and the other Turkic languages, "..." lets up to two
 * words stand between two words of a term.  Acronyms are compared with
 * their case kept and count only with another signal in the article.
 *
 * Salience (topic-score.c): every occurrence is placed (title, lead, body
 * paragraph, sentence) and weighed; see there.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "topic.h"
#include "topic-int.h"
#include "xmalloc.h"

#define TOPIC_SUFFIX_MAX	5

extern const unsigned char	topic_builtin_terms[];
extern const size_t		topic_builtin_terms_len;

static const char *topic_kind_names[] = {
	"name", "former", "body", "acronym", "context", "noacronym",
	"org", "other", "aside", "frame", "anaphor"
};

static void
topic_term_add_word(struct topic_term *t, const char *w, int stem, int gap)
{
	t->words = xreallocarray(t->words, t->nwords + 1, sizeof *t->words);
	t->len = xreallocarray(t->len, t->nwords + 1, sizeof *t->len);
	t->apos = xreallocarray(t->apos, t->nwords + 1, sizeof *t->apos);
	t->stem = xreallocarray(t->stem, t->nwords + 1, sizeof *t->stem);
	t->gap = xreallocarray(t->gap, t->nwords + 1, sizeof *t->gap);
	t->words[t->nwords] = xstrdup(w);
	t->len[t->nwords] = strlen(w);
	t->apos[t->nwords] = strchr(w, '\'') != NULL;
	t->stem[t->nwords] = stem;
	t->gap[t->nwords] = gap;
	t->nwords++;
}

/* Is a pattern word an acronym (two or more letters, all upper case)? */
static int
topic_pattern_upper(const char *w)
{
	struct text_token	*tok;
	size_t			 ntok;
	int			 upper;

	ntok = text_tokenize(w, TEXT_STRIP_MARKS, &tok);
	upper = ntok == 1 && (tok[0].flags & TEXT_TOKEN_UPPER);
	text_tokens_free(tok, ntok);
	return (upper);
}

/* Split a pattern into normalised words; 0 or -1 when empty. */
static int
topic_term_parse(struct topic_term *t, char *pattern)
{
	struct text_token	*tok;
	size_t			 ntok, i, len;
	char			*w, *last = NULL;
	int			 stem, flags, gap = 0;

	flags = TEXT_STRIP_MARKS;
	if (t->kind == TOPIC_ACRONYM || (t->kind == TOPIC_OTHER &&
	    strchr(pattern, ' ') == NULL && topic_pattern_upper(pattern)))
		t->cased = 1;
	if (t->cased)
		flags |= TEXT_KEEP_CASE;
	for (w = strtok_r(pattern, " \t", &last); w != NULL;
	    w = strtok_r(NULL, " \t", &last)) {
		if (strcmp(w, "...") == 0) {
			if (t->nwords > 0)
				gap = TOPIC_GAP;
			continue;
		}
		len = strlen(w);
		stem = len > 1 && w[len - 1] == '*';
		if (stem)
			w[len - 1] = '\0';
		ntok = text_tokenize(w, flags, &tok);
		for (i = 0; i < ntok; i++) {
			topic_term_add_word(t, t->cased ? tok[i].raw :
			    tok[i].word, stem && i == ntok - 1, gap);
			gap = 0;
		}
		text_tokens_free(tok, ntok);
	}
	return (t->nwords == 0 ? -1 : 0);
}

static void
topic_term_clear(struct topic_term *t)
{
	size_t	i;

	for (i = 0; i < t->nwords; i++)
		free(t->words[i]);
	free(t->words);
	free(t->len);
	free(t->apos);
	free(t->stem);
	free(t->gap);
}

/* Parse one line into terms; -1 with *cause on error. */
static int
topic_parse_line(struct topic_terms *tt, char *line, const char *name,
    size_t lineno, char **cause)
{
	struct topic_term	 t;
	char			*p, *kind;
	size_t			 k;

	p = line + strspn(line, " \t\r");
	p[strcspn(p, "\r")] = '\0';
	if (*p == '\0' || *p == '#')
		return (0);
	kind = p;
	p += strcspn(p, " \t");
	if (*p != '\0')
		*p++ = '\0';
	for (k = 0; k < sizeof topic_kind_names / sizeof *topic_kind_names;
	    k++) {
		if (strcmp(kind, topic_kind_names[k]) == 0)
			break;
	}
	if (k == sizeof topic_kind_names / sizeof *topic_kind_names) {
		xasprintf(cause, "%s:%zu: unknown kind \"%s\"", name, lineno,
		    kind);
		return (-1);
	}
	memset(&t, 0, sizeof t);
	t.kind = k;
	if (topic_term_parse(&t, p) != 0) {
		topic_term_clear(&t);
		xasprintf(cause, "%s:%zu: empty term", name, lineno);
		return (-1);
	}
	if (t.kind == TOPIC_ACRONYM && t.nwords != 1) {
		topic_term_clear(&t);
		xasprintf(cause, "%s:%zu: an acronym is one word", name,
		    lineno);
		return (-1);
	}
	t.second = !t.cased && t.len[0] >= 2 ?
	    (unsigned char)t.words[0][1] : -1;
	tt->v = xreallocarray(tt->v, tt->n + 1, sizeof *tt->v);
	tt->v[tt->n++] = t;
	return (0);
}

/*
 * Order bucket b: its terms of second -1 first, then by second byte,
 * each group in list order; bysecond[b][x] is where second byte x starts
 * (a bucket holds the "turk..." or "organi..." names of every language,
 * and a token need meet only the terms of its own second bytes).
 */
static void
topic_index_second(struct topic_terms *tt, int b)
{
	size_t	*v = tt->byfirst[b], *sorted, *at, pos[256], n, i, u = 0;
	int	 x;

	n = tt->nbyfirst[b];
	at = tt->bysecond[b] = xcalloc(257, sizeof *at);
	for (i = 0; i < n; i++) {
		if ((x = tt->v[v[i]].second) < 0)
			u++;
		else
			at[x + 1]++;
	}
	at[0] = u;
	for (x = 0; x < 256; x++)
		at[x + 1] += at[x];
	memcpy(pos, at, sizeof pos);
	sorted = xreallocarray(NULL, n, sizeof *sorted);
	u = 0;
	for (i = 0; i < n; i++) {
		if ((x = tt->v[v[i]].second) < 0)
			sorted[u++] = v[i];
		else
			sorted[pos[x]++] = v[i];
	}
	memcpy(v, sorted, n * sizeof *v);
	free(sorted);
}

/* Bucket the terms by the first byte of their first word. */
static void
topic_index(struct topic_terms *tt)
{
	size_t	i;
	int	b;

	for (i = 0; i < tt->n; i++) {
		b = (unsigned char)tt->v[i].words[0][0];
		tt->byfirst[b] = xreallocarray(tt->byfirst[b],
		    tt->nbyfirst[b] + 1, sizeof *tt->byfirst[b]);
		tt->byfirst[b][tt->nbyfirst[b]++] = i;
	}
	for (b = 0; b < 256; b++) {
		if (tt->nbyfirst[b] > 0)
			topic_index_second(tt, b);
	}
}

struct topic_terms *
topic_load_buffer(const char *buf, size_t len, const char *name,
    char **cause)
{
	struct topic_terms	*tt;
	char			*copy, *line, *next;
	size_t			 lineno = 0;

	tt = xcalloc(1, sizeof *tt);
	copy = xstrndup(buf, len);
	for (line = copy; line != NULL; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		lineno++;
		if (topic_parse_line(tt, line, name, lineno, cause) != 0) {
			free(copy);
			topic_free(tt);
			return (NULL);
		}
	}
	free(copy);
	if (tt->n == 0) {
		xasprintf(cause, "%s: no terms", name);
		topic_free(tt);
		return (NULL);
	}
	topic_index(tt);
	return (tt);
}

struct topic_terms *
topic_load(const char *path, char **cause)
{
	struct topic_terms	*tt;
	FILE			*f;
	char			*buf = NULL;
	size_t			 size = 0, len = 0, n;

	if (path == NULL) {
		return (topic_load_buffer((const char *)topic_builtin_terms,
		    topic_builtin_terms_len, "built-in terms", cause));
	}
	if ((f = fopen(path, "r")) == NULL) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		return (NULL);
	}
	do {
		if (len + 4096 > size) {
			size = size == 0 ? 65536 : size * 2;
			buf = xrealloc(buf, size);
		}
		n = fread(buf + len, 1, size - len, f);
		len += n;
	} while (n > 0);
	if (ferror(f)) {
		xasprintf(cause, "%s: read error", path);
		fclose(f);
		free(buf);
		return (NULL);
	}
	fclose(f);
	tt = topic_load_buffer(buf, len, path, cause);
	free(buf);
	return (tt);
}

void
topic_free(struct topic_terms *tt)
{
	size_t	i;

	if (tt == NULL)
		return;
	for (i = 0; i < tt->n; i++)
		topic_term_clear(&tt->v[i]);
	for (i = 0; i < 256; i++) {
		free(tt->byfirst[i]);
		free(tt->bysecond[i]);
	}
	free(tt->v);
	free(tt);
}

/*
 * Does a text word match pattern word k of t?  A suffix after an
 * apostrophe (Turkish TDT'nin, Budapeşte'de) and an elided article before
 * one (French l'Organisation, d'Etats) are ignored.  The pattern's length
 * and apostrophe come from the term (this runs for every candidate term
 * of every token).
 */
static int
topic_word_match(const char *word, const struct topic_term *t, size_t k,
    int stem)
{
	const char	*pat = t->words[k];
	size_t		 plen = t->len[k], i;

	for (i = 0; i < plen && word[i] == pat[i]; i++)
		;
	if (i == plen) {
		if (stem || word[plen] == '\0' || word[plen] == '\'')
			return (1);
	}
	if (t->apos[k])
		return (0);
	/* the first apostrophe, if an article of at most two bytes ends */
	for (i = 0; i <= 2 && word[i] != '\0' && word[i] != '\''; i++)
		;
	if (i <= 2 && word[i] == '\'' && word[i + 1] != '\0')
		return (topic_word_match(word + i + 1, t, k, stem));
	return (0);
}

/*
 * An acronym of three letters or more with a case ending written on in
 * lower case, as Kyrgyz, Kazakh and Uzbek do (ТМУнун, TDTga): at most
 * TOPIC_SUFFIX_MAX letters, none upper case.
 */
static int
topic_acronym_suffixed(const char *raw, const char *pat, size_t plen)
{
	size_t		 n = 0;
	const char	*p;
	char		*low;
	int		 ok;

	if (plen < 3 || strncmp(raw, pat, plen) != 0 || raw[plen] == '\0')
		return (0);
	for (p = raw + plen; *p != '\0'; p++) {
		if (((unsigned char)*p & 0xc0) != 0x80)
			n++;
	}
	if (n > TOPIC_SUFFIX_MAX)
		return (0);
	low = text_normalize(raw + plen, 0);
	ok = strcmp(low, raw + plen) == 0;
	free(low);
	return (ok);
}

/* Tokens from i on that words k.. of a term match; 0 if none. */
static size_t
topic_term_from(const struct topic_term *t, const struct text_token *tok,
    size_t ntok, size_t i, size_t k)
{
	size_t	g, n;

	if (k == t->nwords)
		return (0);
	for (g = 0; g <= (size_t)t->gap[k] && i + g < ntok; g++) {
		if (g > 0 && (tok[i + g].flags & TEXT_TOKEN_START))
			break;
		if (!topic_word_match(tok[i + g].word, t, k, t->stem[k]))
			continue;
		if (k + 1 == t->nwords)
			return (g + 1);
		if (i + g + 1 < ntok && !(tok[i + g + 1].flags &
		    TEXT_TOKEN_START) && (n = topic_term_from(t, tok, ntok,
		    i + g + 1, k + 1)) != 0)
			return (g + 1 + n);
	}
	return (0);
}

size_t
topic_term_at(const struct topic_term *t, const struct text_token *tok,
    size_t ntok, size_t i)
{
	size_t	n;

	if (t->cased) {
		if (t->nwords != 1)
			return (0);
		if (tok[i].flags & TEXT_TOKEN_UPPER)
			return (topic_word_match(tok[i].raw, t, 0, 0));
		return (topic_acronym_suffixed(tok[i].raw, t->words[0],
		    t->len[0]));
	}
	if (!topic_word_match(tok[i].word, t, 0, t->stem[0]))
		return (0);
	if (t->nwords == 1)
		return (1);
	if (i + 1 >= ntok || (tok[i + 1].flags & TEXT_TOKEN_START))
		return (0);
	n = topic_term_from(t, tok, ntok, i + 1, 1);
	return (n == 0 ? 0 : n + 1);
}
