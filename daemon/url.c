/*
 * url.c -- URL resolution (libxml2's RFC 3986 code) and canonical identity.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/uri.h>

#include "buf.h"
#include "url.h"
#include "xmalloc.h"

/* Query parameters that only track the reader; dropped from identity. */
static const char *const url_tracking[] = {
	"utm_", "fbclid", "gclid", "yclid", "mc_cid", "mc_eid", "_ga",
	"ref_src", "igshid", "spm", "from", "share", NULL
};

int
url_is_http(const char *url)
{
	return (url != NULL && (strncasecmp(url, "http://", 7) == 0 ||
	    strncasecmp(url, "https://", 8) == 0));
}

char *
url_resolve(const char *base, const char *ref)
{
	xmlChar	*r;
	char	*out, *trimmed;
	size_t	 len;

	if (ref == NULL)
		return (NULL);
	while (isspace((unsigned char)*ref))
		ref++;
	trimmed = xstrdup(ref);
	len = strlen(trimmed);
	while (len > 0 && isspace((unsigned char)trimmed[len - 1]))
		trimmed[--len] = '\0';
	if (len == 0) {
		free(trimmed);
		return (NULL);
	}
	if (base == NULL || url_is_http(trimmed)) {
		out = url_is_http(trimmed) ? trimmed : NULL;
		if (out == NULL)
			free(trimmed);
		return (out);
	}
	r = xmlBuildURI((const xmlChar *)trimmed, (const xmlChar *)base);
	free(trimmed);
	if (r == NULL)
		return (NULL);
	out = xstrdup((const char *)r);
	xmlFree(r);
	if (!url_is_http(out)) {
		free(out);
		return (NULL);
	}
	return (out);
}

static int
url_param_is_tracking(const char *p, size_t len)
{
	size_t	 i, n;

	for (i = 0; url_tracking[i] != NULL; i++) {
		n = strlen(url_tracking[i]);
		if (url_tracking[i][n - 1] == '_') {
			if (len >= n && strncasecmp(p, url_tracking[i], n) == 0)
				return (1);
		} else {
			const char *eq = memchr(p, '=', len);
			size_t key = eq != NULL ? (size_t)(eq - p) : len;
			if (key == n && strncasecmp(p, url_tracking[i], n) == 0)
				return (1);
		}
	}
	return (0);
}

char *
url_canonical(const char *url)
{
	xmlURIPtr	 u;
	struct buf	 q;
	char		*out, *p, *s, *tok, *save;
	int		 port;

	if (!url_is_http(url))
		return (NULL);
	if ((u = xmlParseURI(url)) == NULL || u->server == NULL) {
		/* Not RFC 3986 (raw spaces, non-ASCII): keep it, minus #. */
		if (u != NULL)
			xmlFreeURI(u);
		return (xstrndup(url, strcspn(url, "#")));
	}
	for (p = u->scheme; p != NULL && *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	for (p = u->server; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	port = u->port;
	if ((port == 80 && strcmp(u->scheme, "http") == 0) ||
	    (port == 443 && strcmp(u->scheme, "https") == 0))
		u->port = 0;
	xmlFree(u->fragment);
	u->fragment = NULL;
	if (u->query_raw != NULL) {
		buf_init(&q, 0);
		s = xstrdup(u->query_raw);
		for (tok = strtok_r(s, "&", &save); tok != NULL;
		    tok = strtok_r(NULL, "&", &save)) {
			if (*tok == '\0' || url_param_is_tracking(tok,
			    strlen(tok)))
				continue;
			if (q.len != 0)
				buf_addc(&q, '&');
			buf_addstr(&q, tok);
		}
		free(s);
		xmlFree(u->query_raw);
		xmlFree(u->query);
		u->query = NULL;
		u->query_raw = q.len != 0 ? (char *)xmlStrdup(
		    (const xmlChar *)q.data) : NULL;
		buf_clear(&q);
	}
	if (u->path == NULL || *u->path == '\0') {
		xmlFree(u->path);
		u->path = (char *)xmlStrdup((const xmlChar *)"/");
	}
	p = (char *)xmlSaveUri(u);
	xmlFreeURI(u);
	if (p == NULL)
		return (NULL);
	out = xstrdup(p);
	xmlFree(p);
	return (out);
}
