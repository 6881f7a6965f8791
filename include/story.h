/*
 * story.h -- evidence that two articles report the same event.
 *
 * The evidence of an article is a small set of keys: the names of people
 * and places (capitalised words that do not start a sentence), reduced to
 * a script-independent consonant skeleton (Будапешт, Budapeşte'de and
 * Budapest all give "bdpst"; Токаев, Тоқаев and Tokayev give "tkv"), and
 * distinctive numbers ("#11.4" from 11.4 and 11,4).  Generic titles
 * (President, Minister, Organization, ...) are left out.
 */
#ifndef OTSNEWS_STORY_H
#define OTSNEWS_STORY_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct text_token;

#define STORY_MAXKEYS	48

/*
 * Keys of an article, most frequent first, at most STORY_MAXKEYS; returns
 * the count, *keys is a heap array of heap strings (story_keys_free).  A
 * name key is an entity: the skeletons of adjacent capitalised words
 * joined by '+' ("ksm+zmrt+tkv"); a number key starts with '#'.  The body
 * comes as its lines already tokenised (text_tokenize with
 * TEXT_STRIP_MARKS), only those with words: lines[i] has nt[i] tokens;
 * line i (< 64) is left out when bit i of skip is set (a site's
 * boilerplate).  published (-1: unknown) resolves a weekday ("on
 * Tuesday") to the date key of the last such day before it.
 */
size_t	story_keys_lines(const char *title, struct text_token **lines,
	    const size_t *nt, size_t n, uint64_t skip, time_t published,
	    char ***keys);
void	story_keys_free(char **, size_t);
/* The canonical "#" keys of the event kinds and places, by index; NULL
 * past the last (dedup-entry5.c writes them as one byte). */
const char *story_lexicon_key(size_t);
/*
 * Do two keys denote the same thing?  Numbers must be equal; entities
 * match when one skeleton of each matches (equal, or one of >= 4 letters
 * a stem of the other, longer by at most two).
 */
int	story_key_match(const char *, const char *);
/* Do two parts of entity keys (la and lb bytes) match, as above? */
int	story_part_match(const char *, size_t, const char *, size_t);
/* The skeleton of one word ("" when it has none), in buf of size len. */
void	story_skeleton(const char *word, char *buf, size_t len);

#endif
