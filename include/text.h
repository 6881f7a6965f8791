/*
 * text.h -- Unicode normalisation and word tokenisation (libutf8proc).
 *
 * Normal form, used by topic matching, content hashes and near-duplicate
 * detection:
 *  - NFKC (compatibility forms: ligatures, full-width, ...);
 *  - confusable letters folded to the script of the word they sit in
 *    (a Cyrillic "а" inside a Latin word becomes Latin "a" and the reverse);
 *  - case folding, Turkish-aware: I, İ, ı and i all fold to "i" and a
 *    stray U+0307 COMBINING DOT ABOVE is removed;
 *  - apostrophes U+02BB, U+02BC, U+2018, U+2019, U+0060, U+00B4 become '\'';
 *  - controls become spaces; runs of white space collapse to one space, or
 *    to "\n\n" where they contain a line break (a paragraph break).
 * Invalid UTF-8 bytes become U+FFFD.
 */
#ifndef OTSNEWS_TEXT_H
#define OTSNEWS_TEXT_H

#include <stddef.h>

#define TEXT_KEEP_CASE		0x1	/* no case folding */
#define TEXT_STRIP_MARKS	0x2	/* also drop combining marks (é -> e)
					   and the Arabic high hamza U+0674 */

/* Normalise UTF-8 text (heap string, never NULL). */
char	*text_normalize(const char *, int flags);

/*
 * Words of a text: maximal runs of letters, marks and digits; an
 * apostrophe between two letters stays inside the word (o'zbek,
 * budapeşte'de), a '.' or ',' between two digits too (11,4 -> "11.4").
 */
#define TEXT_TOKEN_CAPITAL	0x1	/* first letter upper case in the source */
#define TEXT_TOKEN_UPPER	0x2	/* >= 2 letters before any apostrophe,
					   all upper case (acronym: TDT'nin) */
#define TEXT_TOKEN_START	0x4	/* first word of a sentence or paragraph */
#define TEXT_TOKEN_DIGIT	0x8	/* starts with a digit */
#define TEXT_TOKEN_PARA		0x10	/* first word of a paragraph */
#define TEXT_TOKEN_PUNCT	0x20	/* punctuation other than a hyphen
					   since the previous word */

struct text_token {
	char	*word;		/* normal form with the flags given */
	char	*raw;		/* same, but case kept; in word's block */
	int	 flags;		/* TEXT_TOKEN_* */
};

/* Tokenise text; returns the number of tokens, *tokens is a heap array. */
size_t	 text_tokenize(const char *, int flags, struct text_token **tokens);
void	 text_tokens_free(struct text_token *, size_t);

/*
 * An article's title and body tokenised once (TEXT_STRIP_MARKS) for every
 * reader of its words (text_words_make): the topic filter reads them as
 * one text, title "\n\n" body (text_words_joined); dedup and story keys
 * read the body's lines ('\n'), each line's tokens as text_tokenize(line)
 * gives them.  body_src is the body they were made of (dedup takes the
 * lines over only from that body).
 */
struct text_words {
	const char		 *body_src;
	struct text_token	 *title;
	size_t			  ntitle;
	struct text_token	**line;		/* NULL when nline[i] is 0 */
	size_t			 *nline;
	int			 *joined;	/* line's first word's flags in
						   the joined text */
	size_t			  nlines;
};

void	 text_words_make(const char *title, const char *body,
	    struct text_words *);
size_t	 text_words_joined(const struct text_words *, struct text_token **,
	    size_t *ntitle);
void	 text_words_clear(struct text_words *);

/*
 * Transliterate Cyrillic letters (Russian, Kazakh, Kyrgyz, Uzbek) of a
 * case-folded text to Latin, for comparing names across scripts
 * (Токаев -> tokaev, Будапешт -> budapesht).  Other characters are copied.
 */
char	*text_translit(const char *);

#endif
