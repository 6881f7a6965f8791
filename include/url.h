/*
 * url.h -- URL resolution and canonical identity.
 */
#ifndef OTSNEWS_URL_H
#define OTSNEWS_URL_H

/* Resolve ref against base (RFC 3986). Heap string, or NULL if unusable. */
char	*url_resolve(const char *base, const char *ref);
/*
 * Canonical form for identity: lower-case scheme and host, default port,
 * fragment and tracking parameters (utm_*, fbclid, gclid, yclid, ...) and an
 * empty query removed, "www." kept, path kept as is.  Heap string or NULL.
 */
char	*url_canonical(const char *url);
/* Nonzero for an absolute http or https URL. */
int	 url_is_http(const char *url);

#endif
