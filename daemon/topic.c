/*
 * topic.c -- is an article about the Organization of Turkic States?
 *
 * The terms and the file format are documented at the top of
 * conf/ots-terms.txt.  Matching works on words (text_tokenize), so a term
 * never matches inside a longer word; stems ('*') give the case endings of
 * Russian, Kazakh and the other Turkic languages.  Acronyms are compared
 * with their case kept and count only with another signal in the article.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "topic.h"
#include "xmalloc.h"

extern const unsigned char	topic_builtin_terms[];
extern const size_t		topic_builtin_terms_len;

enum topic_kind {
	TOPIC_NAME,
	TOPIC_FORMER,
	TOPIC_BODY,
	TOPIC_ACRONYM,
	TOPIC_CONTEXT,
	TOPIC_NOACRONYM
};

static const char *topic_kind_names[] = {
	"name", "former", "body", "acronym", "context", "noacronym"
};

struct topic_term {
	enum topic_kind	  kind;
	char		**words;	/* normalised */
	int		 *stem;		/* words[i] is a prefix */
	size_t		  nwords;
};

/* Owner: the caller of topic_load; freed with topic_free. */
struct topic_terms {
	struct topic_term	*v;
	size_t			 n;
};

#define TOPIC_THRESHOLD	2

static void
topic_term_add_word(struct topic_term *t, const char *w, int stem)
{
	t->words = xreallocarray(t->words, t->nwords + 1, sizeof *t->words);
	t->stem = xreallocarray(t->stem, t->nwords + 1, sizeof *t->stem);
	t->words[t->nwords] = xstrdup(w);
	t->stem[t->nwords] = stem;
	t->nwords++;
}

/* Split a pattern into normalised words; 0 or -1 when empty. */
static int
topic_term_parse(struct topic_term *t, char *pattern)
{
	struct text_token	*tok;
	size_t			 ntok, i, len;
	char			*w, *last = NULL;
	int			 stem, flags;

	flags = TEXT_STRIP_MARKS;
	if (t->kind == TOPIC_ACRONYM)
		flags |= TEXT_KEEP_CASE;
	for (w = strtok_r(pattern, " \t", &last); w != NULL;
	    w = strtok_r(NULL, " \t", &last)) {
		len = strlen(w);
		stem = len > 1 && w[len - 1] == '*';
		if (stem)
			w[len - 1] = '\0';
		ntok = text_tokenize(w, flags, &tok);
		for (i = 0; i < ntok; i++) {
			topic_term_add_word(t, t->kind == TOPIC_ACRONYM ?
			    tok[i].raw : tok[i].word, stem && i == ntok - 1);
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
	free(t->stem);
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
	tt->v = xreallocarray(tt->v, tt->n + 1, sizeof *tt->v);
	tt->v[tt->n++] = t;
	return (0);
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
	free(tt->v);
	free(tt);
}

/*
 * Does a text word match a pattern word?  A suffix after an apostrophe
 * (Turkish TDT'nin, Budapeşte'de) and an elided article before one
 * (French l'Organisation, d'Etats) are ignored.
 */
static int
topic_word_match(const char *word, const char *pat, int stem)
{
	size_t		 plen = strlen(pat), base;
	const char	*apos;

	if (strncmp(word, pat, plen) == 0) {
		if (stem || word[plen] == '\0' || word[plen] == '\'')
			return (1);
	}
	if ((apos = strchr(word, '\'')) != NULL && strchr(pat, '\'') == NULL) {
		base = apos - word;
		if (base <= 2 && apos[1] != '\0')
			return (topic_word_match(apos + 1, pat, stem));
	}
	return (0);
}

/* Number of tokens a term matches at position i, 0 if none. */
static size_t
topic_term_at(const struct topic_term *t, const struct text_token *tok,
    size_t ntok, size_t i)
{
	size_t	k;

	if (i + t->nwords > ntok)
		return (0);
	if (t->kind == TOPIC_ACRONYM) {
		if (!(tok[i].flags & TEXT_TOKEN_UPPER))
			return (0);
		return (topic_word_match(tok[i].raw, t->words[0], 0));
	}
	for (k = 0; k < t->nwords; k++) {
		if (!topic_word_match(tok[i + k].word, t->words[k], t->stem[k]))
			return (0);
	}
	return (t->nwords);
}

struct topic_hit {
	char	*text;
	int	 acronym;
};

static void
topic_hit_add(struct topic_hit **hits, size_t *nhits,
    const struct text_token *tok, size_t i, size_t n, int acronym)
{
	char	*s = NULL, *tmp, *w, *apos;
	size_t	 k;

	for (k = 0; k < n; k++) {
		w = text_normalize(tok[i + k].raw, 0);
		if ((apos = strchr(w, '\'')) != NULL) {
			if (apos - w <= 2 && apos[1] != '\0')
				memmove(w, apos + 1, strlen(apos + 1) + 1);
			else
				*apos = '\0';
		}
		if (s == NULL)
			s = w;
		else {
			xasprintf(&tmp, "%s %s", s, w);
			free(s);
			free(w);
			s = tmp;
		}
	}
	for (k = 0; k < *nhits; k++) {
		if (strcmp((*hits)[k].text, s) == 0) {
			free(s);
			return;
		}
	}
	*hits = xreallocarray(*hits, *nhits + 1, sizeof **hits);
	(*hits)[*nhits].text = s;
	(*hits)[*nhits].acronym = acronym;
	(*nhits)++;
}

int
topic_match(const struct topic_terms *tt, const char *title,
    const char *body, char **matched)
{
	struct text_token	*tok;
	struct topic_hit	*hits = NULL;
	size_t			 ntok, nhits = 0, i, j, n, len;
	char			*text, *list;
	int			 score = 0, signal = 0, veto = 0, acronyms = 0;
	int			*seen;

	xasprintf(&text, "%s\n\n%s", title != NULL ? title : "",
	    body != NULL ? body : "");
	ntok = text_tokenize(text, TEXT_STRIP_MARKS, &tok);
	free(text);
	seen = xcalloc(tt->n, sizeof *seen);
	for (i = 0; i < ntok; i++) {
		for (j = 0; j < tt->n; j++) {
			if ((n = topic_term_at(&tt->v[j], tok, ntok, i)) == 0)
				continue;
			switch (tt->v[j].kind) {
			case TOPIC_NAME:
			case TOPIC_FORMER:
				if (!seen[j])
					score += 2;
				signal = 1;
				topic_hit_add(&hits, &nhits, tok, i, n, 0);
				break;
			case TOPIC_BODY:
				if (!seen[j])
					score += 1;
				signal = 1;
				topic_hit_add(&hits, &nhits, tok, i, n, 0);
				break;
			case TOPIC_ACRONYM:
				acronyms = 1;
				topic_hit_add(&hits, &nhits, tok, i, n, 1);
				break;
			case TOPIC_CONTEXT:
				signal = 1;
				break;
			case TOPIC_NOACRONYM:
				veto = 1;
				break;
			}
			seen[j] = 1;
		}
	}
	text_tokens_free(tok, ntok);
	free(seen);
	if (acronyms && signal && !veto)
		score += 2;

	list = xstrdup("");
	for (i = 0; i < nhits; i++) {
		if (!hits[i].acronym || (signal && !veto)) {
			len = strlen(list);
			xasprintf(&text, "%s%s%s", list, len ? "," : "",
			    hits[i].text);
			free(list);
			list = text;
		}
		free(hits[i].text);
	}
	free(hits);
	if (matched != NULL)
		*matched = list;
	else
		free(list);
	return (score >= TOPIC_THRESHOLD);
}
