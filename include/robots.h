/*
 * robots.h -- robots.txt (RFC 9309): parse the rules for one product token
 * and match paths against them.  No I/O; robots-cache.c does the fetching.
 */
#ifndef OTSNEWS_ROBOTS_H
#define OTSNEWS_ROBOTS_H

#include <stddef.h>

/* Only this much of a robots.txt is parsed (RFC 9309 section 2.5). */
#define ROBOTS_MAX_PARSE	(500 * 1024)

struct robots;

/*
 * The rules of the group(s) for agent_token (matched case-insensitively
 * against each user-agent line's product token, "otsnewsd"), else of the
 * "*" group(s); several groups for the same agent are merged.  Any bytes
 * are accepted (only the first ROBOTS_MAX_PARSE are read); never NULL.
 * agent_token NULL or "" selects the "*" groups.
 */
struct robots	*robots_parse(const char *text, size_t len,
		    const char *agent_token);
/*
 * The rules a response implies (RFC 9309 section 2.3.1): 2xx parses body,
 * 3xx (redirects not followed) and 4xx allow everything, except 429 which
 * like 5xx and http_code 0 (no response) means "unreachable": NULL, and
 * the caller decides (robots_disallow_all(), or rules it still has).
 */
struct robots	*robots_from_response(long http_code, const char *body,
		    size_t len, const char *agent_token);
struct robots	*robots_allow_all(void);
struct robots	*robots_disallow_all(void);
void		 robots_free(struct robots *);

/*
 * Nonzero if path_and_query ("/a/b?c=d"; "" counts as "/") may be fetched:
 * the longest matching Allow or Disallow pattern wins, Allow on a tie;
 * none matching allows.  "/robots.txt" is always allowed.
 */
int		 robots_allowed(const struct robots *,
		    const char *path_and_query);
/* Crawl-delay of the selected group in seconds, or -1 if none. */
double		 robots_crawl_delay(const struct robots *);
/* The i-th Sitemap: URL of the file (any group), NULL past the last. */
const char	*robots_sitemap(const struct robots *, size_t i);
/* Number of Allow and Disallow rules selected (tests, logs). */
size_t		 robots_count(const struct robots *);

/*
 * Split an http(s) URL into its origin ("https://example.com:8443",
 * scheme and host lower-case, default port and userinfo dropped) and
 * its path and query ("/a?b", "/" if empty, fragment dropped).  Heap
 * strings the caller frees; -1 with *cause if the URL is not usable.
 */
int		 robots_url_split(const char *url, char **origin, char **path,
		    char **cause);

#endif
