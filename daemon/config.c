/*
 * config.c -- one key table walked by one INI reader (inih).
 *
 * inih (Debian's libinih) does the INI syntax; this file owns the keys:
 * every key is a row of config_keys (section, key, type, default, bounds),
 * defaults go through the same setters as the file, and every error is
 * "FILE:LINE: message".  inih's handler gets no line number in Debian's
 * build, so the line reader below counts lines itself.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <ini.h>

#include "config.h"
#include "topic.h"
#include "url.h"
#include "xmalloc.h"

enum config_type {
	CT_STR,		/* any string; empty = NULL */
	CT_PATH,	/* non-empty string */
	CT_HTTPURL,	/* absolute http(s) URL */
	CT_BOOL,
	CT_INT,
	CT_LONG,	/* integer stored as long long */
	CT_BYTES,	/* integer with optional k/M/G suffix */
	CT_LOGLEVEL,
	CT_TOPIC,	/* all, or a list of topics: ots,turkic-orgs */
	CT_RELEVANCE,	/* subject|mention */
	CT_SRCFILTER,	/* inherit|ots|all */
	CT_FEEDTYPE,
	CT_REDISURL,
	CT_LISTEN	/* empty, or HOST:PORT */
};

enum config_scope { SC_DAEMON, SC_SOURCE };

struct config_key {
	const char		*section;
	const char		*key;
	enum config_type	 type;
	enum config_scope	 scope;
	size_t			 offset;
	const char		*def;	/* NULL: no default */
	long long		 min, max;
};

#define D(key, type, field, def, min, max) \
	{ "daemon", key, type, SC_DAEMON, offsetof(struct config, field), def, min, max }
#define R(key, type, field, def, min, max) \
	{ "redis", key, type, SC_DAEMON, offsetof(struct config, field), def, min, max }
#define F(key, type, field, def, min, max) \
	{ "filter", key, type, SC_DAEMON, offsetof(struct config, field), def, min, max }
#define S(key, type, field, def, min, max) \
	{ "source", key, type, SC_SOURCE, offsetof(struct source_conf, field), def, min, max }

static const struct config_key config_keys[] = {
	D("state_dir", CT_PATH, state_dir, "/var/lib/otsnewsd", 0, 0),
	D("user_agent", CT_STR, user_agent,
	    "otsnewsd/" OTSNEWS_VERSION " (+https://github.com/otsnewsd/otsnewsd)", 0, 0),
	D("allow_private_networks", CT_BOOL, allow_private_networks, "no", 0, 1),
	D("metrics_listen", CT_LISTEN, metrics_listen, "", 0, 0),
	D("log_level", CT_LOGLEVEL, log_level, "info", 0, 0),
	D("fetch_timeout", CT_INT, fetch_timeout, "30", 1, 3600),
	D("connect_timeout", CT_INT, connect_timeout, "10", 1, 600),
	D("max_redirects", CT_INT, max_redirects, "5", 0, 20),
	D("max_feed_bytes", CT_BYTES, max_feed_bytes, "8M", 1024, 1LL << 30),
	D("max_page_bytes", CT_BYTES, max_page_bytes, "4M", 1024, 1LL << 30),
	D("max_connections", CT_INT, max_connections, "32", 1, 10000),
	D("max_host_connections", CT_INT, max_host_connections, "2", 1, 100),
	D("once_timeout", CT_INT, once_timeout, "600", 1, 86400),
	D("spool_retry", CT_INT, spool_retry, "30", 1, 3600),
	R("url", CT_REDISURL, redis_url, "redis://127.0.0.1:6379/0", 0, 0),
	R("stream", CT_PATH, stream, "ots:articles", 0, 0),
	R("maxlen", CT_LONG, maxlen, "1000000", 0, 1LL << 40),
	R("key_prefix", CT_STR, key_prefix, "otsnews:", 0, 0),
	R("retention_days", CT_INT, retention_days, "30", 1, 3650),
	R("timeout", CT_INT, redis_timeout, "5", 1, 600),
	R("databases", CT_INT, redis_databases, "16", 1, 1000000),
	F("topic", CT_TOPIC, topic, "ots", 0, 0),
	F("relevance", CT_RELEVANCE, relevance, "subject", 0, 0),
	F("terms", CT_STR, terms, "", 0, 0),
	S("url", CT_HTTPURL, url, NULL, 0, 0),
	S("type", CT_FEEDTYPE, type, "auto", 0, 0),
	S("interval", CT_INT, interval, "300", 10, 7 * 86400),
	S("lang", CT_STR, lang, "", 0, 0),
	S("links", CT_STR, links, "", 0, 0),
	S("filter", CT_SRCFILTER, filter, "inherit", 0, 0),
	S("tz", CT_STR, tz, "", 0, 0),
	S("title_xpath", CT_STR, title_xpath, "", 0, 0),
	S("body_xpath", CT_STR, body_xpath, "", 0, 0),
	S("date_xpath", CT_STR, date_xpath, "", 0, 0),
	S("drop_xpath", CT_STR, drop_xpath, "", 0, 0),
	S("max_articles", CT_INT, max_articles, "200", 1, 100000),
	S("tls_verify", CT_BOOL, tls_verify, "yes", 0, 1),
	S("user_agent", CT_STR, user_agent, "", 0, 0),
	S("robots", CT_BOOL, robots, "yes", 0, 1),
};
#undef D
#undef R
#undef F
#undef S

struct config_parse {
	struct config		*conf;
	struct source_conf	*src;		/* current [source NAME] */
	char			*section;	/* current section name */
	int			 section_bad;	/* reported already */
	FILE			*f;
	int			 line;
	int			 section_line;	/* line of the last [header] */
	int			 new_section;	/* a [header] since the last key */
	int			 redis_line;	/* where [redis] url was set */
	char			*cause;		/* first error */
};

static void
config_error(struct config_parse *p, const char *fmt, ...)
    __attribute__((__format__(__printf__, 2, 3)));

static void
config_error(struct config_parse *p, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	if (p->cause != NULL)
		return;
	va_start(ap, fmt);
	xvasprintf(&msg, fmt, ap);
	va_end(ap);
	xasprintf(&p->cause, "%s:%d: %s", p->conf->path, p->line, msg);
	free(msg);
}

static int
config_parse_int(const char *v, long long *out, int bytes)
{
	char		*end;
	long long	 n;

	errno = 0;
	n = strtoll(v, &end, 10);
	if (errno != 0 || end == v)
		return (-1);
	if (bytes && *end != '\0') {
		switch (tolower((unsigned char)*end)) {
		case 'k': n *= 1024; break;
		case 'm': n *= 1024 * 1024; break;
		case 'g': n *= 1024LL * 1024 * 1024; break;
		default: return (-1);
		}
		end++;
		if (tolower((unsigned char)*end) == 'b')
			end++;
	}
	if (*end != '\0')
		return (-1);
	*out = n;
	return (0);
}

static int
config_parse_bool(const char *v, int *out)
{
	if (strcasecmp(v, "yes") == 0 || strcasecmp(v, "true") == 0 ||
	    strcmp(v, "1") == 0 || strcasecmp(v, "on") == 0)
		*out = 1;
	else if (strcasecmp(v, "no") == 0 || strcasecmp(v, "false") == 0 ||
	    strcmp(v, "0") == 0 || strcasecmp(v, "off") == 0)
		*out = 0;
	else
		return (-1);
	return (0);
}

static int
config_filter_parse(const char *v, enum config_filter *f, int inherit_ok)
{
	if (strcasecmp(v, "ots") == 0)
		*f = FILTER_OTS;
	else if (strcasecmp(v, "all") == 0)
		*f = FILTER_ALL;
	else if (inherit_ok && strcasecmp(v, "inherit") == 0)
		*f = FILTER_INHERIT;
	else
		return (-1);
	return (0);
}

static int
config_listen_valid(const char *v)
{
	const char	*colon = strrchr(v, ':');
	long long	 port;

	if (*v == '\0')
		return (1);
	if (colon == NULL || colon == v)
		return (0);
	return (config_parse_int(colon + 1, &port, 0) == 0 && port > 0 &&
	    port < 65536);
}

/* Set one key; returns -1 with the error reported. */
static int
config_set(struct config_parse *p, const struct config_key *k, void *base,
    const char *v)
{
	char		*field = (char *)base + k->offset;
	char		*cause = NULL;
	long long	 n;
	int		 b;

	if (base == p->conf && strcmp(k->key, "state_dir") == 0)
		p->conf->state_dir_line = p->line;
	switch (k->type) {
	case CT_PATH:
		if (*v == '\0') {
			config_error(p, "%s: must not be empty", k->key);
			return (-1);
		}
		/* FALLTHROUGH */
	case CT_STR:
	case CT_LISTEN:
		if (k->type == CT_LISTEN && !config_listen_valid(v)) {
			config_error(p, "%s: expected HOST:PORT, got \"%s\"",
			    k->key, v);
			return (-1);
		}
		free(*(char **)field);
		*(char **)field = *v != '\0' ? xstrdup(v) : NULL;
		break;
	case CT_HTTPURL:
		if (!url_is_http(v)) {
			config_error(p, "%s: not an http or https URL: \"%s\"",
			    k->key, v);
			return (-1);
		}
		free(*(char **)field);
		*(char **)field = xstrdup(v);
		break;
	case CT_REDISURL:
		p->redis_line = p->line;
		config_redis_clear(&p->conf->redis);
		if (config_redis_url(v, &p->conf->redis, &cause) == -1) {
			config_error(p, "%s: %s", k->key, cause);
			free(cause);
			return (-1);
		}
		free(*(char **)field);
		*(char **)field = xstrdup(v);
		break;
	case CT_BOOL:
		if (config_parse_bool(v, &b) == -1) {
			config_error(p, "%s: expected yes or no, got \"%s\"",
			    k->key, v);
			return (-1);
		}
		*(int *)field = b;
		break;
	case CT_INT:
	case CT_LONG:
	case CT_BYTES:
		if (config_parse_int(v, &n, k->type == CT_BYTES) == -1 ||
		    n < k->min || n > k->max) {
			config_error(p, "%s: expected a number from %lld to "
			    "%lld, got \"%s\"", k->key, k->min, k->max, v);
			return (-1);
		}
		if (k->type == CT_BYTES || k->type == CT_LONG)
			*(long long *)field = n;
		else
			*(int *)field = (int)n;
		break;
	case CT_LOGLEVEL:
		if (log_level_parse(v, (enum log_level *)field) == -1) {
			config_error(p, "%s: expected error, warn, info or "
			    "debug, got \"%s\"", k->key, v);
			return (-1);
		}
		break;
	case CT_TOPIC:
		if (strcasecmp(v, "all") == 0) {
			p->conf->topic = FILTER_ALL;
			p->conf->topics = TOPIC_BIT(TOPIC_OTS) |
			    TOPIC_BIT(TOPIC_ORGS);
		} else if (topic_list_parse(v, &p->conf->topics) == 0)
			p->conf->topic = FILTER_OTS;
		else {
			config_error(p, "%s: expected all or a list of ots, "
			    "turkic-orgs, got \"%s\"", k->key, v);
			return (-1);
		}
		break;
	case CT_RELEVANCE:
		if (strcasecmp(v, "subject") == 0)
			*(int *)field = TOPIC_SUBJECT;
		else if (strcasecmp(v, "mention") == 0)
			*(int *)field = TOPIC_MENTION;
		else {
			config_error(p, "%s: expected subject or mention, "
			    "got \"%s\"", k->key, v);
			return (-1);
		}
		break;
	case CT_SRCFILTER:
		if (config_filter_parse(v, (enum config_filter *)field,
		    1) == -1) {
			config_error(p, "%s: expected inherit, ots or all, "
			    "got \"%s\"", k->key, v);
			return (-1);
		}
		break;
	case CT_FEEDTYPE:
		if (feed_type_parse(v, (enum feed_type *)field) == -1) {
			config_error(p, "%s: expected auto, rss, atom, rdf, "
			    "jsonfeed, sitemap or html, got \"%s\"", k->key, v);
			return (-1);
		}
		break;
	}
	return (0);
}

static void
config_defaults(struct config_parse *p, enum config_scope scope, void *base)
{
	size_t	i;

	for (i = 0; i < sizeof config_keys / sizeof config_keys[0]; i++) {
		if (config_keys[i].scope == scope && config_keys[i].def != NULL)
			(void)config_set(p, &config_keys[i], base,
			    config_keys[i].def);
	}
}

static int
config_source_name_valid(const char *name)
{
	const char	*c;

	if (*name == '\0')
		return (0);
	for (c = name; *c != '\0'; c++) {
		if (!(islower((unsigned char)*c) || isdigit((unsigned char)*c) ||
		    *c == '_' || *c == '-'))
			return (0);
	}
	return (1);
}

static void
config_section_open(struct config_parse *p, const char *section)
{
	struct source_conf	*src;
	const char		*name;

	free(p->section);
	p->section = xstrdup(section);
	p->section_bad = 0;
	p->src = NULL;
	p->line = p->section_line;	/* errors here are the header's */
	if (strcmp(section, "daemon") == 0 || strcmp(section, "redis") == 0 ||
	    strcmp(section, "filter") == 0)
		return;
	if (strncmp(section, "source", 6) != 0 ||
	    !isspace((unsigned char)section[6])) {
		config_error(p, "unknown section [%s]", section);
		p->section_bad = 1;
		return;
	}
	name = section + 6;
	while (isspace((unsigned char)*name))
		name++;
	if (!config_source_name_valid(name)) {
		config_error(p, "source name \"%s\" must match [a-z0-9_-]+",
		    name);
		p->section_bad = 1;
		return;
	}
	if (config_source_find(p->conf, name) != NULL) {
		config_error(p, "duplicate [source %s]", name);
		p->section_bad = 1;
		return;
	}
	src = xcalloc(1, sizeof *src);
	src->name = xstrdup(name);
	src->line = p->section_line;
	config_defaults(p, SC_SOURCE, src);
	TAILQ_INSERT_TAIL(&p->conf->sources, src, entry);
	p->conf->nsources++;
	p->src = src;
}

/* Strip an inline "# comment" (inih strips only " ;" inline comments). */
static char *
config_value(const char *value)
{
	char	*v = xstrdup(value), *c;
	size_t	 len;

	for (c = v; *c != '\0'; c++) {
		if ((*c == '#' || *c == ';') && c > v &&
		    isspace((unsigned char)c[-1])) {
			*c = '\0';
			break;
		}
	}
	len = strlen(v);
	while (len > 0 && isspace((unsigned char)v[len - 1]))
		v[--len] = '\0';
	return (v);
}

static void
config_section(struct config_parse *p, const char *section)
{
	int	line = p->line;

	config_section_open(p, section);
	p->line = line;
}

static int
config_handler(void *user, const char *section, const char *name,
    const char *value)
{
	struct config_parse	*p = user;
	const char		*want;
	char			*v;
	size_t			 i;
	void			*base;

	if (p->new_section || p->section == NULL) {
		p->new_section = 0;
		config_section(p, section);
	}
	if (name == NULL)	/* INI_CALL_HANDLER_ON_NEW_SECTION builds */
		return (1);
	if (p->section_bad)
		return (0);
	want = p->src != NULL ? "source" : section;
	base = p->src != NULL ? (void *)p->src : (void *)p->conf;
	for (i = 0; i < sizeof config_keys / sizeof config_keys[0]; i++) {
		if (strcmp(config_keys[i].section, want) == 0 &&
		    strcmp(config_keys[i].key, name) == 0)
			break;
	}
	if (i == sizeof config_keys / sizeof config_keys[0]) {
		config_error(p, "unknown key \"%s\" in [%s]", name, section);
		return (0);
	}
	v = config_value(value);
	i = config_set(p, &config_keys[i], base, v) == 0;
	free(v);
	return ((int)i);
}

static char *
config_reader(char *str, int num, void *stream)
{
	struct config_parse	*p = stream;

	const char		*c;

	if (fgets(str, num, p->f) == NULL)
		return (NULL);
	p->line++;
	for (c = str; isspace((unsigned char)*c); c++)
		;
	if (*c == '[') {
		p->section_line = p->line;
		p->new_section = 1;
	}
	return (str);
}

static int
config_check(struct config_parse *p)
{
	struct source_conf	*src;
	const struct config	*conf = p->conf;

	if (conf->redis.db < 0 || conf->redis.db >= conf->redis_databases) {
		p->line = p->redis_line;
		config_error(p, "url: database %d is out of range 0-%d (set "
		    "[redis] databases if your Redis has more)",
		    conf->redis.db, conf->redis_databases - 1);
		return (-1);
	}

	TAILQ_FOREACH(src, &p->conf->sources, entry) {
		p->line = src->line;
		if (src->url == NULL) {
			config_error(p, "[source %s]: url is required",
			    src->name);
			return (-1);
		}
		if (src->type == FEED_TYPE_HTML && src->links == NULL) {
			config_error(p, "[source %s]: type = html needs links",
			    src->name);
			return (-1);
		}
	}
	return (0);
}

struct config *
config_load(const char *path, char **cause)
{
	struct config_parse	 p;
	struct config		*conf;
	int			 rc;

	memset(&p, 0, sizeof p);
	conf = p.conf = xcalloc(1, sizeof *conf);
	conf->path = xstrdup(path);
	TAILQ_INIT(&conf->sources);
	config_defaults(&p, SC_DAEMON, conf);
	if ((p.f = fopen(path, "r")) == NULL) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		config_free(conf);
		return (NULL);
	}
	rc = ini_parse_stream(config_reader, &p, config_handler, &p);
	fclose(p.f);
	if (rc > 0 && p.cause == NULL) {
		p.line = rc;
		config_error(&p, "syntax error");
	}
	if (p.cause == NULL)
		(void)config_check(&p);
	free(p.section);
	if (p.cause != NULL) {
		*cause = p.cause;
		config_free(conf);
		return (NULL);
	}
	return (conf);
}

void
config_source_free(struct source_conf *src)
{
	if (src == NULL)
		return;
	free(src->name);
	free(src->url);
	free(src->lang);
	free(src->links);
	free(src->tz);
	free(src->title_xpath);
	free(src->body_xpath);
	free(src->date_xpath);
	free(src->drop_xpath);
	free(src->user_agent);
	free(src);
}

void
config_free(struct config *conf)
{
	struct source_conf	*src;

	if (conf == NULL)
		return;
	while ((src = TAILQ_FIRST(&conf->sources)) != NULL) {
		TAILQ_REMOVE(&conf->sources, src, entry);
		config_source_free(src);
	}
	free(conf->path);
	free(conf->state_dir);
	free(conf->user_agent);
	free(conf->metrics_listen);
	free(conf->redis_url);
	config_redis_clear(&conf->redis);
	free(conf->stream);
	free(conf->key_prefix);
	free(conf->terms);
	free(conf);
}

void
config_redis_clear(struct redis_addr *a)
{
	free(a->host);
	free(a->path);
	free(a->password);
	memset(a, 0, sizeof *a);
}

int
config_redis_url(const char *url, struct redis_addr *a, char **cause)
{
	const char	*p, *at, *slash, *colon, *q;
	long long	 n;
	char		*tmp;

	memset(a, 0, sizeof *a);
	a->port = 6379;
	if (strncmp(url, "unix://", 7) == 0) {
		p = url + 7;
		q = strchr(p, '?');
		a->path = q != NULL ? xstrndup(p, (size_t)(q - p)) : xstrdup(p);
		if (*a->path != '/') {
			xasprintf(cause, "unix socket path must be absolute");
			config_redis_clear(a);
			return (-1);
		}
		if (q != NULL && (strncmp(q, "?db=", 4) != 0 ||
		    config_parse_int(q + 4, &n, 0) == -1 || n < INT_MIN ||
		    n > INT_MAX)) {
			xasprintf(cause, "bad query in \"%s\" (only ?db=N)",
			    url);
			config_redis_clear(a);
			return (-1);
		}
		if (q != NULL)
			a->db = (int)n;
		return (0);
	}
	if (strncmp(url, "redis://", 8) != 0) {
		xasprintf(cause, "expected redis://[:password@]host:port/db "
		    "or unix:///path");
		return (-1);
	}
	p = url + 8;
	if ((q = strchr(p, '?')) != NULL) {
		if (strncmp(q, "?db=", 4) != 0 ||
		    config_parse_int(q + 4, &n, 0) == -1 || n < INT_MIN ||
		    n > INT_MAX) {
			xasprintf(cause, "bad query in \"%s\" (only ?db=N)",
			    url);
			return (-1);
		}
		tmp = xstrndup(url, (size_t)(q - url));
		if (config_redis_url(tmp, a, cause) == -1) {
			free(tmp);
			return (-1);
		}
		free(tmp);
		a->db = (int)n;
		return (0);
	}
	slash = strchr(p, '/');
	at = strrchr(p, '@');
	if (at != NULL && (slash == NULL || at < slash)) {
		tmp = xstrndup(p, (size_t)(at - p));
		colon = strchr(tmp, ':');
		a->password = xstrdup(colon != NULL ? colon + 1 : tmp);
		free(tmp);
		p = at + 1;
	}
	slash = strchr(p, '/');
	tmp = slash != NULL ? xstrndup(p, (size_t)(slash - p)) : xstrdup(p);
	if ((colon = strrchr(tmp, ':')) != NULL) {
		if (config_parse_int(colon + 1, &n, 0) == -1 || n < 1 ||
		    n > 65535) {
			xasprintf(cause, "bad port in \"%s\"", url);
			free(tmp);
			config_redis_clear(a);
			return (-1);
		}
		a->port = (int)n;
		a->host = xstrndup(tmp, (size_t)(colon - tmp));
		free(tmp);
	} else
		a->host = tmp;
	if (*a->host == '\0') {
		free(a->host);
		a->host = xstrdup("127.0.0.1");
	}
	if (slash != NULL && slash[1] != '\0') {
		if (config_parse_int(slash + 1, &n, 0) == -1 || n < INT_MIN ||
		    n > INT_MAX) {
			xasprintf(cause, "bad database number in \"%s\"", url);
			config_redis_clear(a);
			return (-1);
		}
		a->db = (int)n;
	}
	return (0);
}

enum config_filter
config_source_filter(const struct config *conf, const struct source_conf *src)
{
	return (src->filter != FILTER_INHERIT ? src->filter : conf->topic);
}

const struct source_conf *
config_source_find(const struct config *conf, const char *name)
{
	const struct source_conf	*src;

	TAILQ_FOREACH(src, &conf->sources, entry) {
		if (strcmp(src->name, name) == 0)
			return (src);
	}
	return (NULL);
}

struct source_conf *
config_source_dup(const struct source_conf *src)
{
	struct source_conf	*c = xcalloc(1, sizeof *c);

	*c = *src;
	c->name = xstrdup(src->name);
	c->url = xstrdup_or_null(src->url);
	c->lang = xstrdup_or_null(src->lang);
	c->links = xstrdup_or_null(src->links);
	c->tz = xstrdup_or_null(src->tz);
	c->title_xpath = xstrdup_or_null(src->title_xpath);
	c->body_xpath = xstrdup_or_null(src->body_xpath);
	c->date_xpath = xstrdup_or_null(src->date_xpath);
	c->drop_xpath = xstrdup_or_null(src->drop_xpath);
	c->user_agent = xstrdup_or_null(src->user_agent);
	memset(&c->entry, 0, sizeof c->entry);
	return (c);
}

static int
config_str_equal(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return (a == b);
	return (strcmp(a, b) == 0);
}

int
config_source_equal(const struct source_conf *a, const struct source_conf *b)
{
	return (config_str_equal(a->name, b->name) &&
	    config_str_equal(a->url, b->url) && a->type == b->type &&
	    a->interval == b->interval && a->filter == b->filter &&
	    a->max_articles == b->max_articles &&
	    a->tls_verify == b->tls_verify && a->robots == b->robots &&
	    config_str_equal(a->user_agent, b->user_agent) &&
	    config_str_equal(a->lang, b->lang) &&
	    config_str_equal(a->links, b->links) &&
	    config_str_equal(a->tz, b->tz) &&
	    config_str_equal(a->title_xpath, b->title_xpath) &&
	    config_str_equal(a->body_xpath, b->body_xpath) &&
	    config_str_equal(a->date_xpath, b->date_xpath) &&
	    config_str_equal(a->drop_xpath, b->drop_xpath));
}
