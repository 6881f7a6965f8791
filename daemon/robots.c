/*
 * robots.c -- robots.txt (RFC 9309): parser and matcher, no I/O.
 *
 * The parser is one pass over lines, never copying a line: any length, any
 * bytes, CR, LF or CRLF.  Patterns and paths are brought to one form before
 * they are compared (section 2.2.2): %XX of an unreserved character decoded,
 * other %XX upper-cased, control, space and non-ASCII octets encoded.  A
 * pattern is then literal segments between '*', perhaps ending in '$'; each
 * segment is found with memmem from where the last one ended (leftmost is
 * always right for '*'), so matching is linear in path and pattern.
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "robots.h"
#include "xmalloc.h"

/* A file may name this many sitemaps; more are ignored. */
#define ROBOTS_MAX_SITEMAPS	1000

struct robots_rule {
	char		*pattern;	/* normalised, NUL-terminated */
	size_t		 len;
	int		 allow;
};

struct robots_rules {
	struct robots_rule	*v;
	size_t			 n;
	size_t			 cap;
	double			 delay;		/* -1: none */
};

/* Owner: the caller of robots_parse and friends. */
struct robots {
	struct robots_rules	 rules;
	char			**sitemaps;
	size_t			 nsitemaps;
};

struct robots_parser {
	const char		*agent;
	size_t			 agentlen;
	int			 in_specific;	/* current group is ours */
	int			 in_global;	/* current group is "*" */
	int			 in_rules;	/* next user-agent: new group */
	int			 seen_specific;
	struct robots_rules	 specific;
	struct robots_rules	 global;
	struct robots		*r;
};

enum robots_key {
	ROBOTS_KEY_UNKNOWN,
	ROBOTS_KEY_USER_AGENT,
	ROBOTS_KEY_ALLOW,
	ROBOTS_KEY_DISALLOW,
	ROBOTS_KEY_CRAWL_DELAY,
	ROBOTS_KEY_SITEMAP
};

/* Spellings seen in the wild, as Google's parser accepts them. */
static const struct {
	const char	*name;
	enum robots_key	 key;
} robots_keys[] = {
	{ "user-agent", ROBOTS_KEY_USER_AGENT },
	{ "useragent", ROBOTS_KEY_USER_AGENT },
	{ "user agent", ROBOTS_KEY_USER_AGENT },
	{ "allow", ROBOTS_KEY_ALLOW },
	{ "disallow", ROBOTS_KEY_DISALLOW },
	{ "dissallow", ROBOTS_KEY_DISALLOW },
	{ "dissalow", ROBOTS_KEY_DISALLOW },
	{ "disalow", ROBOTS_KEY_DISALLOW },
	{ "diasllow", ROBOTS_KEY_DISALLOW },
	{ "disallaw", ROBOTS_KEY_DISALLOW },
	{ "crawl-delay", ROBOTS_KEY_CRAWL_DELAY },
	{ "crawldelay", ROBOTS_KEY_CRAWL_DELAY },
	{ "sitemap", ROBOTS_KEY_SITEMAP },
	{ "site-map", ROBOTS_KEY_SITEMAP },
};

static int
robots_is_ws(char c)
{
	return (c == ' ' || c == '\t' || c == '\v' || c == '\f');
}

static int
robots_is_unreserved(unsigned char c)
{
	return (isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~');
}

static int
robots_hex(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return (c - '0');
	if (c >= 'a' && c <= 'f')
		return (c - 'a' + 10);
	if (c >= 'A' && c <= 'F')
		return (c - 'A' + 10);
	return (-1);
}

/*
 * The comparison form of a pattern or a path; see the top of the file.  In
 * a path '*' and '$' are plain characters, so they are encoded to match a
 * pattern's "%2A" and "%24"; in a pattern so is a '$' that is not last.
 */
static void
robots_normalise(struct buf *b, const char *s, size_t n, int is_path)
{
	static const char	 hex[] = "0123456789ABCDEF";
	unsigned char		 c;
	char			 enc[3];
	size_t			 i;
	int			 hi, lo;

	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if (c == '%' && i + 2 < n &&
		    (hi = robots_hex((unsigned char)s[i + 1])) != -1 &&
		    (lo = robots_hex((unsigned char)s[i + 2])) != -1) {
			c = (unsigned char)(hi << 4 | lo);
			i += 2;
			if (robots_is_unreserved(c)) {
				buf_addc(b, (char)c);
				continue;
			}
		} else if (c > 0x20 && c < 0x7f && (!is_path ||
		    (c != '*' && c != '$')) && (is_path || c != '$' ||
		    i == n - 1)) {
			buf_addc(b, (char)c);
			continue;
		}
		enc[0] = '%';
		enc[1] = hex[c >> 4];
		enc[2] = hex[c & 0xf];
		buf_add(b, enc, sizeof enc);
	}
}

/*
 * Does the normalised pattern match a prefix of the normalised path (all
 * of it if the pattern ends in '$')?
 */
static int
robots_match(const char *pat, size_t plen, const char *path, size_t len)
{
	const char	*star, *seg, *end, *q;
	size_t		 pos, slen;
	int		 anchored = 0;

	if (plen > 0 && pat[plen - 1] == '$') {
		anchored = 1;
		plen--;
	}
	end = pat + plen;
	if ((star = memchr(pat, '*', plen)) == NULL) {
		if (len < plen || memcmp(path, pat, plen) != 0)
			return (0);
		return (!anchored || len == plen);
	}
	slen = (size_t)(star - pat);
	if (len < slen || memcmp(path, pat, slen) != 0)
		return (0);
	pos = slen;
	for (seg = star + 1;; seg = star + 1) {
		if ((star = memchr(seg, '*', (size_t)(end - seg))) == NULL)
			star = end;
		slen = (size_t)(star - seg);
		if (star == end && anchored)
			return (len - pos >= slen &&
			    memcmp(path + len - slen, seg, slen) == 0);
		if (slen != 0) {
			q = memmem(path + pos, len - pos, seg, slen);
			if (q == NULL)
				return (0);
			pos = (size_t)(q - path) + slen;
		}
		if (star == end)
			break;
	}
	return (1);
}

static void
robots_rules_add(struct robots_rules *rs, const char *pattern, size_t len,
    int allow)
{
	if (rs->n == rs->cap) {
		rs->cap = rs->cap == 0 ? 16 : rs->cap * 2;
		rs->v = xreallocarray(rs->v, rs->cap, sizeof *rs->v);
	}
	rs->v[rs->n].pattern = xstrndup(pattern, len);
	rs->v[rs->n].len = len;
	rs->v[rs->n].allow = allow;
	rs->n++;
}

static void
robots_rules_clear(struct robots_rules *rs)
{
	size_t	i;

	for (i = 0; i < rs->n; i++)
		free(rs->v[i].pattern);
	free(rs->v);
	memset(rs, 0, sizeof *rs);
	rs->delay = -1;
}

static struct robots *
robots_new(void)
{
	struct robots	*r = xcalloc(1, sizeof *r);

	r->rules.delay = -1;
	return (r);
}

struct robots *
robots_allow_all(void)
{
	return (robots_new());
}

struct robots *
robots_disallow_all(void)
{
	struct robots	*r = robots_new();

	robots_rules_add(&r->rules, "/", 1, 0);
	return (r);
}

void
robots_free(struct robots *r)
{
	size_t	i;

	if (r == NULL)
		return;
	robots_rules_clear(&r->rules);
	for (i = 0; i < r->nsitemaps; i++)
		free(r->sitemaps[i]);
	free(r->sitemaps);
	free(r);
}

static enum robots_key
robots_key(const char *k, size_t n)
{
	size_t	i;

	for (i = 0; i < sizeof robots_keys / sizeof robots_keys[0]; i++) {
		if (strlen(robots_keys[i].name) == n &&
		    strncasecmp(robots_keys[i].name, k, n) == 0)
			return (robots_keys[i].key);
	}
	return (ROBOTS_KEY_UNKNOWN);
}

static void
robots_parse_agent(struct robots_parser *p, const char *v, size_t n)
{
	size_t	tok;

	if (p->in_rules)
		p->in_specific = p->in_global = p->in_rules = 0;
	if (n > 0 && v[0] == '*' && (n == 1 || robots_is_ws(v[1]))) {
		p->in_global = 1;
		return;
	}
	/* The product token: "otsnewsd/1.0 (+https://...)" is "otsnewsd". */
	for (tok = 0; tok < n; tok++) {
		if (!isalpha((unsigned char)v[tok]) && v[tok] != '-' &&
		    v[tok] != '_')
			break;
	}
	if (tok != 0 && tok == p->agentlen &&
	    strncasecmp(v, p->agent, tok) == 0) {
		p->in_specific = 1;
		p->seen_specific = 1;
	}
}

static void
robots_parse_rule(struct robots_parser *p, const char *v, size_t n,
    int allow)
{
	struct buf	b;

	p->in_rules = 1;
	if (n == 0 || (!p->in_specific && !p->in_global))
		return;	/* "Disallow:" allows all: no rule */
	buf_init(&b, 0);
	robots_normalise(&b, v, n, 0);
	if (p->in_specific)
		robots_rules_add(&p->specific, b.data, b.len, allow);
	if (p->in_global)
		robots_rules_add(&p->global, b.data, b.len, allow);
	buf_clear(&b);
}

static void
robots_parse_delay(struct robots_parser *p, const char *v, size_t n)
{
	char	 num[32], *end;
	double	 d;

	p->in_rules = 1;
	if (n == 0 || n >= sizeof num || (!p->in_specific && !p->in_global))
		return;
	memcpy(num, v, n);
	num[n] = '\0';
	d = strtod(num, &end);
	if (end == num || *end != '\0' || !isfinite(d) || d < 0)
		return;
	if (p->in_specific)
		p->specific.delay = d;
	if (p->in_global)
		p->global.delay = d;
}

static void
robots_parse_sitemap(struct robots_parser *p, const char *v, size_t n)
{
	struct robots	*r = p->r;
	size_t		 i;

	if (n == 0 || r->nsitemaps >= ROBOTS_MAX_SITEMAPS)
		return;
	for (i = 0; i < n; i++) {
		if ((unsigned char)v[i] <= 0x20 || v[i] == 0x7f)
			return;
	}
	r->sitemaps = xreallocarray(r->sitemaps, r->nsitemaps + 1,
	    sizeof *r->sitemaps);
	r->sitemaps[r->nsitemaps++] = xstrndup(v, n);
}

/*
 * "key: value", or "key value" with no colon as long as the value is one
 * word.  Comments are already gone, the line trimmed and not empty.
 */
static void
robots_parse_line(struct robots_parser *p, const char *s, size_t n)
{
	const char	*colon, *k, *v, *end = s + n;
	size_t		 klen, vlen, i;

	k = s;
	if ((colon = memchr(s, ':', n)) != NULL) {
		klen = (size_t)(colon - s);
		v = colon + 1;
	} else {
		for (klen = 0; klen < n && !robots_is_ws(s[klen]); klen++)
			/* nothing */;
		v = s + klen;
	}
	while (klen > 0 && robots_is_ws(k[klen - 1]))
		klen--;
	while (v < end && robots_is_ws(*v))
		v++;
	vlen = (size_t)(end - v);
	if (colon == NULL) {
		for (i = 0; i < vlen; i++) {
			if (robots_is_ws(v[i]))
				return;
		}
		if (vlen == 0)
			return;
	}
	switch (robots_key(k, klen)) {
	case ROBOTS_KEY_USER_AGENT:
		robots_parse_agent(p, v, vlen);
		break;
	case ROBOTS_KEY_ALLOW:
		robots_parse_rule(p, v, vlen, 1);
		break;
	case ROBOTS_KEY_DISALLOW:
		robots_parse_rule(p, v, vlen, 0);
		break;
	case ROBOTS_KEY_CRAWL_DELAY:
		robots_parse_delay(p, v, vlen);
		break;
	case ROBOTS_KEY_SITEMAP:
		robots_parse_sitemap(p, v, vlen);
		break;
	case ROBOTS_KEY_UNKNOWN:
		break;
	}
}

struct robots *
robots_parse(const char *text, size_t len, const char *agent_token)
{
	struct robots_parser	 p;
	const char		*s, *end, *eol, *hash;
	size_t			 n;

	memset(&p, 0, sizeof p);
	p.agent = agent_token != NULL ? agent_token : "";
	p.agentlen = strlen(p.agent);
	p.specific.delay = p.global.delay = -1;
	p.r = robots_new();
	if (text == NULL)
		len = 0;
	if (len > ROBOTS_MAX_PARSE)
		len = ROBOTS_MAX_PARSE;
	s = text;
	end = text + len;
	if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		s += 3;
	while (s < end) {
		for (eol = s; eol < end && *eol != '\n' && *eol != '\r'; eol++)
			/* nothing */;
		n = (size_t)(eol - s);
		if ((hash = memchr(s, '#', n)) != NULL)
			n = (size_t)(hash - s);
		while (n > 0 && robots_is_ws(*s)) {
			s++;
			n--;
		}
		while (n > 0 && robots_is_ws(s[n - 1]))
			n--;
		if (n != 0)
			robots_parse_line(&p, s, n);
		s = eol;
		if (s < end && *s == '\r')
			s++;
		if (s < end && *s == '\n')
			s++;
	}
	if (p.seen_specific) {
		p.r->rules = p.specific;
		robots_rules_clear(&p.global);
	} else {
		p.r->rules = p.global;
		robots_rules_clear(&p.specific);
	}
	return (p.r);
}

struct robots *
robots_from_response(long http_code, const char *body, size_t len,
    const char *agent_token)
{
	if (http_code >= 200 && http_code < 300)
		return (robots_parse(body, len, agent_token));
	if (http_code == 429)
		return (NULL);
	if (http_code >= 300 && http_code < 500)
		return (robots_allow_all());
	return (NULL);
}

int
robots_allowed(const struct robots *r, const char *path)
{
	const struct robots_rule	*rule;
	struct buf			 b;
	size_t				 i, best = 0;
	int				 matched = 0, allow = 1;

	if (path == NULL || *path == '\0')
		path = "/";
	buf_init(&b, 0);
	robots_normalise(&b, path, strlen(path), 1);
	if (strcmp(b.data, "/robots.txt") == 0) {
		buf_clear(&b);
		return (1);
	}
	for (i = 0; i < r->rules.n; i++) {
		rule = &r->rules.v[i];
		if (matched && (rule->len < best ||
		    (rule->len == best && !rule->allow)))
			continue;	/* cannot win */
		if (!robots_match(rule->pattern, rule->len, b.data, b.len))
			continue;
		matched = 1;
		best = rule->len;
		allow = rule->allow;
	}
	buf_clear(&b);
	return (allow);
}

double
robots_crawl_delay(const struct robots *r)
{
	return (r->rules.delay);
}

const char *
robots_sitemap(const struct robots *r, size_t i)
{
	return (i < r->nsitemaps ? r->sitemaps[i] : NULL);
}

size_t
robots_count(const struct robots *r)
{
	return (r->rules.n);
}

static int
robots_url_port(const char *p, size_t n, int *port)
{
	size_t	i;

	*port = 0;
	if (n == 0 || n > 5)
		return (n == 0 ? 0 : -1);
	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)p[i]))
			return (-1);
		*port = *port * 10 + (p[i] - '0');
	}
	return (*port > 65535 ? -1 : 0);
}

int
robots_url_split(const char *url, char **origin, char **path, char **cause)
{
	const char	*scheme, *auth, *aend, *host, *hend, *at, *colon;
	const char	*rest;
	size_t		 i, hlen;
	int		 port = 0, https;
	char		*h;

	*origin = *path = NULL;
	if (url != NULL && strncasecmp(url, "http://", 7) == 0) {
		scheme = "http";
		https = 0;
		auth = url + 7;
	} else if (url != NULL && strncasecmp(url, "https://", 8) == 0) {
		scheme = "https";
		https = 1;
		auth = url + 8;
	} else {
		xasprintf(cause, "not an http(s) URL");
		return (-1);
	}
	aend = auth + strcspn(auth, "/?#");
	host = auth;
	for (at = auth; at < aend; at++) {
		if (*at == '@')
			host = at + 1;	/* userinfo: up to the last '@' */
	}
	if (*host == '[') {
		if ((hend = memchr(host, ']', (size_t)(aend - host))) == NULL)
			goto bad;
		hend++;
		colon = hend < aend && *hend == ':' ? hend : NULL;
		if (colon == NULL && hend != aend)
			goto bad;
	} else {
		colon = memchr(host, ':', (size_t)(aend - host));
		hend = colon != NULL ? colon : aend;
	}
	if (hend == host || (colon != NULL && robots_url_port(colon + 1,
	    (size_t)(aend - colon - 1), &port) == -1))
		goto bad;
	if (colon == NULL || port == (https ? 443 : 80))
		port = 0;
	hlen = (size_t)(hend - host);
	h = xstrndup(host, hlen);
	for (i = 0; i < hlen; i++)
		h[i] = (char)tolower((unsigned char)h[i]);
	if (port != 0)
		xasprintf(origin, "%s://%s:%d", scheme, h, port);
	else
		xasprintf(origin, "%s://%s", scheme, h);
	free(h);
	rest = aend;
	xasprintf(path, "%s%.*s", *rest == '/' ? "" : "/",
	    (int)strcspn(rest, "#"), rest);
	return (0);
bad:
	xasprintf(cause, "bad host or port in URL");
	return (-1);
}
