/*
 * topic-int.h -- the term list as topic.c loads it, for topic-score.c.
 */
#ifndef OTSNEWS_TOPIC_INT_H
#define OTSNEWS_TOPIC_INT_H

#include <stddef.h>

struct text_token;

enum topic_kind {
	TOPIC_NAME,		/* the OTS's name */
	TOPIC_FORMER,		/* a former name */
	TOPIC_BODY,		/* one of the OTS's own bodies, programmes */
	TOPIC_ACRONYM,		/* needs another signal */
	TOPIC_CONTEXT,		/* lets acronyms count */
	TOPIC_NOACRONYM,	/* acronyms mean something else */
	TOPIC_ORG,		/* an affiliated organisation (turkic-orgs) */
	TOPIC_OTHER,		/* another organisation (SCO, CIS, ...) */
	TOPIC_ASIDE,		/* marks a sentence as passing by */
	TOPIC_FRAME,		/* marks a sentence as framing an event */
	TOPIC_ANAPHOR		/* "the organisation": the OTS again, if alone */
};

#define TOPIC_GAP	2	/* words "..." may stand for */

struct topic_term {
	enum topic_kind	  kind;
	int		  cased;	/* compare with case kept */
	char		**words;	/* normalised */
	size_t		 *len;		/* strlen(words[i]) */
	int		 *apos;		/* words[i] has an apostrophe */
	int		 *stem;		/* words[i] is a prefix */
	int		 *gap;		/* words allowed before words[i] */
	size_t		  nwords;
	/*
	 * The second byte of words[0] that any matching word has, at itself
	 * or after an elided article (topic-score.c looks at the term
	 * only for a word with it); -1 for a cased term or a one-byte
	 * words[0].
	 */
	int		  second;
};

/* Owner: the caller of topic_load; freed with topic_free. */
struct topic_terms {
	struct topic_term	*v;
	size_t			 n;
	/*
	 * The terms whose first word starts with byte b (case kept for
	 * cased): first those of second -1, then by second byte x, from
	 * bysecond[b][x] to bysecond[b][x + 1] (NULL when none).
	 */
	size_t			*byfirst[256];
	size_t			 nbyfirst[256];
	size_t			*bysecond[256];
};

/* Number of tokens term t matches from tok[i], 0 if none. */
size_t	topic_term_at(const struct topic_term *, const struct text_token *,
	    size_t ntok, size_t i);

#endif
