/* placeholder until the robots branch lands */
#ifndef OTSNEWS_ROBOTS_CACHE_H
#define OTSNEWS_ROBOTS_CACHE_H
struct fetch;
struct robots_cache;
struct robots_cache *robots_cache_new(struct fetch *, const char *, size_t);
void	robots_cache_free(struct robots_cache *);
int	robots_cache_check(struct robots_cache *, const char *url,
	    const char *user_agent, int insecure,
	    void (*cb)(int allowed, void *arg), void *arg, char **cause);
#endif
