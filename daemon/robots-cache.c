/* TEMPORARY stub until the robots branch lands */
#include <stddef.h>
#include "robots-cache.h"
struct robots_cache *robots_cache_new(struct fetch *f, const char *a, size_t m) { return NULL; }
void robots_cache_free(struct robots_cache *c) { }
int robots_cache_check(struct robots_cache *c, const char *url, const char *ua, int insecure, void (*cb)(int, void *), void *arg, char **cause) { return -1; }
