/*
 * fetch-origin.c -- the pure parts of fetch.c: address classes for the
 * private-address guard, origins, Retry-After values.  No event loop, so
 * the unit tests call them directly.
 */
#include <sys/socket.h>

#include <netinet/in.h>

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>

#include "fetch.h"
#include "xmalloc.h"

/* 0/8, 10/8, 127/8, 169.254/16, 172.16/12, 192.168/16, 100.64/10, 224/3. */
static int
fetch_v4_is_private(uint32_t v4)
{
	return ((v4 >> 24) == 0 || (v4 >> 24) == 10 || (v4 >> 24) == 127 ||
	    (v4 >> 16) == 0xa9fe || (v4 >> 20) == 0xac1 ||
	    (v4 >> 16) == 0xc0a8 || (v4 >> 22) == (100 << 2 | 1) ||
	    (v4 >> 29) == 7);
}

int
fetch_addr_is_private(const struct sockaddr *sa)
{
	const struct sockaddr_in	*sin;
	const struct sockaddr_in6	*sin6;
	const unsigned char		*a;

	if (sa->sa_family == AF_INET) {
		sin = (const struct sockaddr_in *)(const void *)sa;
		return (fetch_v4_is_private(ntohl(sin->sin_addr.s_addr)));
	}
	if (sa->sa_family != AF_INET6)
		return (1);
	sin6 = (const struct sockaddr_in6 *)(const void *)sa;
	a = sin6->sin6_addr.s6_addr;
	if (IN6_IS_ADDR_V4MAPPED(&sin6->sin6_addr))
		return (fetch_v4_is_private((uint32_t)a[12] << 24 |
		    (uint32_t)a[13] << 16 | (uint32_t)a[14] << 8 | a[15]));
	return (IN6_IS_ADDR_LOOPBACK(&sin6->sin6_addr) ||
	    IN6_IS_ADDR_UNSPECIFIED(&sin6->sin6_addr) ||
	    IN6_IS_ADDR_LINKLOCAL(&sin6->sin6_addr) ||
	    IN6_IS_ADDR_MULTICAST(&sin6->sin6_addr) ||
	    (a[0] & 0xfe) == 0xfc);
}

/*
 * curl's own URL parser, so that an origin is what curl connects to: it
 * lower-cases the scheme, decodes the host, normalises numeric IPv4
 * ("2130706433") and brackets IPv6.  We lower-case the host, drop one
 * trailing dot and always write the port.
 */
char *
fetch_origin(const char *url)
{
	CURLU	*u;
	char	*scheme = NULL, *host = NULL, *port = NULL, *origin = NULL;
	char	*p;
	size_t	 len;

	if (url == NULL || (u = curl_url()) == NULL)
		return (NULL);
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) !=
	    CURLUE_OK)
		goto out;
	if (strcasecmp(scheme, "http") != 0 && strcasecmp(scheme, "https") != 0)
		goto out;
	for (p = scheme; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	for (p = host; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	len = strlen(host);
	if (len > 1 && host[len - 1] == '.')
		host[len - 1] = '\0';
	if (*host == '\0')
		goto out;
	xasprintf(&origin, "%s://%s:%s", scheme, host, port);
out:
	curl_free(scheme);
	curl_free(host);
	curl_free(port);
	curl_url_cleanup(u);
	return (origin);
}

/* RFC 9110 10.2.3: Retry-After = HTTP-date / delay-seconds. */
long
fetch_retry_after_parse(const char *v, time_t now)
{
	const char	*p;
	long		 n = 0;
	time_t		 when;

	if (v == NULL)
		return (-1);
	while (*v == ' ' || *v == '\t')
		v++;
	for (p = v; isdigit((unsigned char)*p); p++) {
		if (n < FETCH_RETRY_AFTER_MAX)
			n = n * 10 + (*p - '0');
	}
	if (p != v) {
		while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
			p++;
		if (*p != '\0')
			return (-1);
		return (n < FETCH_RETRY_AFTER_MAX ? n : FETCH_RETRY_AFTER_MAX);
	}
	if (*v == '\0' || (when = curl_getdate(v, NULL)) == -1)
		return (-1);
	if (when <= now)
		return (0);
	if (when - now >= FETCH_RETRY_AFTER_MAX)
		return (FETCH_RETRY_AFTER_MAX);
	return ((long)(when - now));
}

const char *
fetch_outcome(const struct fetch_result *r)
{
	switch (r->status) {
	case FETCH_OK:
		if (r->not_modified)
			return ("not_modified");
		if (r->http_code >= 500)
			return ("http_5xx");
		if (r->http_code >= 400)
			return ("http_4xx");
		return ("ok");
	case FETCH_ERR_NETWORK:
		return ("network");
	case FETCH_ERR_TIMEOUT:
		return ("timeout");
	case FETCH_ERR_TOO_LARGE:
		return ("too_large");
	case FETCH_ERR_BLOCKED:
		return ("blocked");
	case FETCH_ERR_CANCELLED:
		return ("cancelled");
	case FETCH_ERR_DEFERRED:
		return ("deferred");
	}
	return ("unknown");
}
