/*
 * config.c -- one key table walked by one INI reader (inih).
 *
 * inih (Debian's libinih) splits "key = value" and strips comments; this
 * file owns the lines and the keys.  Every key is a row of config_keys
 * (section, key, type, default, bounds), defaults go through the same
 * setters as the file, and every error is "FILE:LINE: message".  Like
 * parse.y, config_load does not stop at the first error: it reports them
 * all, in file order.
 *
 * config_reader hands inih one whole line per call.  Debian builds inih
 * with a 200-byte stack buffer, and a longer line comes back as two, its
 * tail (say "&max_articles=1") a key of its own.  That build exports its
 * buffer settings as variables, so config_inih_setup gives inih a heap
 * buffer of CONFIG_LINE_MAX + 3 bytes that is never split, and the reader
 * refuses longer lines (and NUL bytes) with FILE:LINE.  The reader also
 * sees every line before inih does, which gives the line numbers inih's
 * handler lacks in this build, the whole [section] name (inih cuts it at
 * 49 bytes), and every syntax error (inih returns only the first).
 */
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <ini.h>

#include "config.h"
#include "config-int.h"
#include "topic.h"
#include "xmalloc.h"

/* Longest line, without its line ending. */
#define CONFIG_LINE_MAX		65536
/* Errors reported before giving up on a file. */
#define CONFIG_MAX_ERRORS	100

enum config_type {
	CT_STR,		/* any string; empty = NULL */
	CT_LANG,	/* ISO 639-1 code (two lowercase letters), or empty */
	CT_PATH,	/* non-empty string */
	CT_HTTPURL,	/* absolute http(s) URL with a host */
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
	CT_LISTEN,	/* empty, or HOST:PORT */
	CT_XPATH,	/* empty, or an XPath 1.0 expression */
	CT_TZ		/* empty, or a zone date.c knows */
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
	D("max_backlog", CT_INT, max_backlog, "1000", 1, 1000000),
	D("once_timeout", CT_INT, once_timeout, "600", 1, 86400),
	D("spool_retry", CT_INT, spool_retry, "30", 1, 3600),
	D("stop_timeout", CT_INT, stop_timeout, "20", 1, 3600),
	R("url", CT_REDISURL, redis_url, "redis://127.0.0.1:6379/0", 0, 0),
	R("password_file", CT_STR, redis_password_file, "", 0, 0),
	R("stream", CT_PATH, stream, "ots:articles", 0, 0),
	R("maxlen", CT_LONG, maxlen, "1000000", 1, 1LL << 40),
	R("key_prefix", CT_STR, key_prefix, "otsnews:", 0, 0),
	R("retention_days", CT_INT, retention_days, "30", 1, 3650),
	R("timeout", CT_INT, redis_timeout, "5", 1, 600),
	R("databases", CT_INT, redis_databases, "16", 1, 1000000),
	R("sentinels", CT_STR, redis_sentinels, "", 0, 0),
	R("master_name", CT_STR, redis_master_name, "", 0, 0),
	R("wait_replicas", CT_INT, redis_wait_replicas, "0", 0, 1000),
	F("topic", CT_TOPIC, topic, "ots", 0, 0),
	F("relevance", CT_RELEVANCE, relevance, "subject", 0, 0),
	F("terms", CT_STR, terms, "", 0, 0),
	S("url", CT_HTTPURL, url, NULL, 0, 0),
	S("type", CT_FEEDTYPE, type, "auto", 0, 0),
	S("interval", CT_INT, interval, "300", 10, 7 * 86400),
	S("lang", CT_LANG, lang, "", 0, 0),
	S("links", CT_XPATH, links, "", 0, 0),
	S("filter", CT_SRCFILTER, filter, "inherit", 0, 0),
	S("tz", CT_TZ, tz, "", 0, 0),
	S("title_xpath", CT_XPATH, title_xpath, "", 0, 0),
	S("body_xpath", CT_XPATH, body_xpath, "", 0, 0),
	S("date_xpath", CT_XPATH, date_xpath, "", 0, 0),
	S("drop_xpath", CT_XPATH, drop_xpath, "", 0, 0),
	S("max_articles", CT_INT, max_articles, "200", 1, 100000),
	S("tls_verify", CT_BOOL, tls_verify, "yes", 0, 1),
	S("user_agent", CT_STR, user_agent, "", 0, 0),
	S("robots", CT_BOOL, robots, "yes", 0, 1),
};
#undef D
#undef R
#undef F
#undef S

#define CONFIG_NKEYS	(sizeof config_keys / sizeof config_keys[0])

/* One error: "FILE:LINE: message" (or "FILE: message" for line 0). */
struct config_err {
	int	 line;
	size_t	 seq;		/* order of discovery, within a line */
	char	*text;
};

struct config_parse {
	struct config		*conf;
	struct source_conf	*src;		/* current [source NAME] */
	char			*section;	/* NULL before the first header */
	int			 section_bad;	/* reported already: skip keys */
	unsigned char		 bad[CONFIG_NKEYS]; /* refused in this section */
	FILE			*f;
	char			*buf;		/* CONFIG_LINE_MAX + 3 bytes */
	int			 line;		/* 0: defaults, not the file */
	int			 redis_line;	/* where [redis] url was set */
	int			 password_line;	/* ... and password_file */
	int			 stop;		/* too many errors */
	struct config_err	*errs;
	size_t			 nerrs;
};

static void
config_error_at(struct config_parse *p, int line, const char *fmt, ...)
    __attribute__((__format__(__printf__, 3, 4)));

static void
config_error_at(struct config_parse *p, int line, const char *fmt, ...)
{
	struct config_err	*e;
	va_list			 ap;
	char			*msg;

	if (p->stop)
		return;
	if (p->nerrs == CONFIG_MAX_ERRORS) {
		p->stop = 1;
		line = p->line;
		msg = xstrdup("too many errors, giving up");
	} else {
		va_start(ap, fmt);
		xvasprintf(&msg, fmt, ap);
		va_end(ap);
	}
	p->errs = xreallocarray(p->errs, p->nerrs + 1, sizeof *p->errs);
	e = &p->errs[p->nerrs];
	e->line = line;
	e->seq = p->nerrs++;
	if (line > 0)
		xasprintf(&e->text, "%s:%d: %s", p->conf->path, line, msg);
	else
		xasprintf(&e->text, "%s: %s", p->conf->path, msg);
	free(msg);
}

#define config_error(p, ...)	config_error_at((p), (p)->line, __VA_ARGS__)

static int
config_err_cmp(const void *a, const void *b)
{
	const struct config_err	*x = a, *y = b;

	if (x->line != y->line)
		return (x->line < y->line ? -1 : 1);
	return (x->seq < y->seq ? -1 : x->seq > y->seq);
}

/* All errors in file order, one a line; frees them. */
static char *
config_errors_join(struct config_parse *p)
{
	char	*out, *c;
	size_t	 i, len = 0;

	qsort(p->errs, p->nerrs, sizeof *p->errs, config_err_cmp);
	for (i = 0; i < p->nerrs; i++)
		len += strlen(p->errs[i].text) + 1;
	c = out = xmalloc(len);
	for (i = 0; i < p->nerrs; i++) {
		len = strlen(p->errs[i].text);
		memcpy(c, p->errs[i].text, len);
		c += len;
		*c++ = i + 1 < p->nerrs ? '\n' : '\0';
		free(p->errs[i].text);
	}
	free(p->errs);
	p->errs = NULL;
	p->nerrs = 0;
	return (out);
}

int
config_parse_int(const char *v, long long *out, int bytes)
{
	char		*end;
	long long	 n, mul = 1;

	errno = 0;
	n = strtoll(v, &end, 10);
	if (errno != 0 || end == v)
		return (-1);
	if (bytes && *end != '\0') {
		switch (tolower((unsigned char)*end)) {
		case 'k': mul = 1024; break;
		case 'm': mul = 1024 * 1024; break;
		case 'g': mul = 1024LL * 1024 * 1024; break;
		default: return (-1);
		}
		end++;
		if (tolower((unsigned char)*end) == 'b')
			end++;
		if (__builtin_mul_overflow(n, mul, &n))
			return (-1);
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

/* The string types: check v with the type's checker, then store it. */
static int
config_set_str(struct config_parse *p, const struct config_key *k,
    char **field, const char *v)
{
	char	*cause = NULL;
	int	 rc = 0;

	switch (k->type) {
	case CT_PATH:
		if (*v == '\0') {
			config_error(p, "%s: must not be empty", k->key);
			return (-1);
		}
		break;
	case CT_HTTPURL:
		rc = config_check_http_url(v, &cause);
		break;
	case CT_LISTEN:
		rc = config_check_listen(v, &cause);
		break;
	case CT_XPATH:
		if (*v != '\0')
			rc = config_check_xpath(v, &cause);
		break;
	case CT_TZ:
		if (*v != '\0')
			rc = config_check_tz(v, &cause);
		break;
	case CT_LANG:
		/* The record's lang field is ISO 639-1 (the contract). */
		if (*v != '\0' && (strlen(v) != 2 || !islower((unsigned char)
		    v[0]) || !islower((unsigned char)v[1]))) {
			xasprintf(&cause, "expected an ISO 639-1 code such as "
			    "en, ru or kk, got \"%s\"", v);
			rc = -1;
		}
		break;
	default:
		break;
	}
	if (rc == -1) {
		config_error(p, "%s: %s", k->key, cause);
		free(cause);
		return (-1);
	}
	free(*field);
	*field = *v != '\0' || k->type == CT_HTTPURL ? xstrdup(v) : NULL;
	return (0);
}

static int
config_set_number(struct config_parse *p, const struct config_key *k,
    char *field, const char *v)
{
	long long	n;

	if (config_parse_int(v, &n, k->type == CT_BYTES) == -1 ||
	    n < k->min || n > k->max) {
		config_error(p, "%s: expected a number from %lld to %lld, "
		    "got \"%s\"", k->key, k->min, k->max, v);
		return (-1);
	}
	if (k->type == CT_BYTES || k->type == CT_LONG)
		*(long long *)field = n;
	else
		*(int *)field = (int)n;
	return (0);
}

/* Set one key; returns -1 with the error reported. */
static int
config_set(struct config_parse *p, const struct config_key *k, void *base,
    const char *v)
{
	char		*field = (char *)base + k->offset;
	char		*cause = NULL;
	int		 b;

	if (base == p->conf && strcmp(k->key, "state_dir") == 0)
		p->conf->state_dir_line = p->line;
	if (base == p->conf && strcmp(k->key, "password_file") == 0)
		p->password_line = p->line;
	if (base == p->conf && strcmp(k->key, "sentinels") == 0)
		p->conf->redis_sentinels_line = p->line;
	if (base == p->conf && strcmp(k->key, "master_name") == 0)
		p->conf->redis_master_name_line = p->line;
	switch (k->type) {
	case CT_STR:
	case CT_LANG:
	case CT_PATH:
	case CT_HTTPURL:
	case CT_LISTEN:
	case CT_XPATH:
	case CT_TZ:
		return (config_set_str(p, k, (char **)field, v));
	case CT_INT:
	case CT_LONG:
	case CT_BYTES:
		return (config_set_number(p, k, field, v));
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

/* The table's own defaults and bounds are the programmer's to get right. */
static void
config_defaults(struct config_parse *p, enum config_scope scope, void *base)
{
	const struct config_key	*k;
	int			 line = p->line, stop = p->stop;
	size_t			 i, nerrs = p->nerrs;

	p->line = 0;
	p->stop = 0;
	for (i = 0; i < CONFIG_NKEYS; i++) {
		k = &config_keys[i];
		if (k->scope != scope || k->def == NULL)
			continue;
		if ((k->type == CT_INT || k->type == CT_LONG ||
		    k->type == CT_BYTES) && (k->min >= k->max ||
		    (k->type == CT_INT && (k->min < INT_MIN ||
		    k->max > INT_MAX))))
			fatalx("config: bad bounds for %s", k->key);
		if (config_set(p, k, base, k->def) == -1 || p->nerrs != nerrs)
			fatalx("config: bad default for %s", k->key);
	}
	p->line = line;
	p->stop = stop;
}

static const struct config_key *
config_key_find(const char *section, const char *key)
{
	size_t	i;

	for (i = 0; i < CONFIG_NKEYS; i++) {
		if (strcmp(config_keys[i].section, section) == 0 &&
		    strcmp(config_keys[i].key, key) == 0)
			return (&config_keys[i]);
	}
	return (NULL);
}

/* Whether the current section refused a value for key. */
static int
config_key_bad(struct config_parse *p, const char *section, const char *key)
{
	return (p->bad[config_key_find(section, key) - config_keys]);
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

/* The checks of a [source NAME] that can only come at its end. */
static void
config_section_close(struct config_parse *p)
{
	struct source_conf	*src = p->src;

	if (src == NULL)
		return;
	if (src->url == NULL && !config_key_bad(p, "source", "url"))
		config_error_at(p, src->line, "[source %s]: url is required",
		    src->name);
	if (src->type == FEED_TYPE_HTML && src->links == NULL &&
	    !config_key_bad(p, "source", "links"))
		config_error_at(p, src->line, "[source %s]: type = html "
		    "needs links", src->name);
	p->src = NULL;
}

static void
config_section_open(struct config_parse *p, const char *section)
{
	struct source_conf	*src;
	const char		*name;

	config_section_close(p);
	free(p->section);
	p->section = xstrdup(section);
	p->section_bad = 0;
	memset(p->bad, 0, sizeof p->bad);
	if (strcmp(section, "daemon") == 0 || strcmp(section, "redis") == 0 ||
	    strcmp(section, "filter") == 0)
		return;
	p->section_bad = 1;
	if (strncmp(section, "source", 6) != 0 ||
	    !isspace((unsigned char)section[6])) {
		config_error(p, "unknown section [%s]", section);
		return;
	}
	name = section + 6;
	while (isspace((unsigned char)*name))
		name++;
	if (!config_source_name_valid(name)) {
		config_error(p, "source name \"%s\" must match [a-z0-9_-]+",
		    name);
		return;
	}
	if (config_source_find(p->conf, name) != NULL) {
		config_error(p, "duplicate [source %s]", name);
		return;
	}
	p->section_bad = 0;
	src = xcalloc(1, sizeof *src);
	src->name = xstrdup(name);
	src->line = p->line;
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

/*
 * inih's key = value.  Errors are reported here, so the handler always
 * "succeeds": inih's own return value then means only what the reader
 * did not catch.
 */
static int
config_handler(void *user, const char *section, const char *name,
    const char *value)
{
	struct config_parse	*p = user;
	const struct config_key	*k;
	char			*v;
	void			*base;

	if (name == NULL)	/* INI_CALL_HANDLER_ON_NEW_SECTION builds */
		return (1);
	if (p->section == NULL) {
		config_error(p, "\"%s\" comes before any [section]", name);
		p->section = xstrdup("");
		p->section_bad = 1;
	}
	if (p->section_bad)
		return (1);
	k = config_key_find(p->src != NULL ? "source" : p->section, name);
	if (k == NULL) {
		config_error(p, "unknown key \"%s\" in [%s]", name, p->section);
		return (1);
	}
	base = p->src != NULL ? (void *)p->src : (void *)p->conf;
	v = config_value(value);
	if (config_set(p, k, base, v) == -1)
		p->bad[k - config_keys] = 1;
	else
		p->bad[k - config_keys] = 0;
	free(v);
	return (1);
}

/* inih's find_chars_or_comment: the first of chars, or a " ;" comment. */
static const char *
config_find(const char *s, const char *chars)
{
	int	was_space = 0;

	while (*s != '\0' && strchr(chars, *s) == NULL &&
	    !(was_space && *s == ';')) {
		was_space = isspace((unsigned char)*s);
		s++;
	}
	return (s);
}

/*
 * Look at a line as inih will: open a [section] here, with its line and
 * its whole name; -1 for a line inih would reject (reported here, so all
 * of them are, not only inih's first).
 */
static int
config_line(struct config_parse *p)
{
	const char	*s = p->buf, *end;
	char		*name;

	if (p->line == 1 && strncmp(s, "\xef\xbb\xbf", 3) == 0)
		s += 3;		/* inih skips a UTF-8 BOM */
	while (isspace((unsigned char)*s))
		s++;
	if (*s == '\0' || *s == ';' || *s == '#')
		return (0);
	if (*s == '[') {
		end = config_find(s + 1, "]");
		if (*end != ']') {
			config_error(p, "syntax error");
			return (-1);
		}
		name = xstrndup(s + 1, (size_t)(end - s - 1));
		config_section_open(p, name);
		free(name);
		return (0);
	}
	end = config_find(s, "=:");
	if (*end != '=' && *end != ':') {
		config_error(p, "syntax error");
		return (-1);
	}
	return (0);
}

/*
 * A line refused whole (too long, NUL byte) still names its key: mark it
 * refused, so a source does not also hear that its url is missing.
 */
static void
config_line_refused(struct config_parse *p)
{
	const struct config_key	*k;
	char			*s = p->buf, *end;

	while (isspace((unsigned char)*s))
		s++;
	end = s + strcspn(s, "=:");
	if (*end == '\0' || p->section == NULL || p->section_bad)
		return;
	while (end > s && isspace((unsigned char)end[-1]))
		end--;
	*end = '\0';
	k = config_key_find(p->src != NULL ? "source" : p->section, s);
	if (k != NULL)
		p->bad[k - config_keys] = 1;
}

/*
 * inih's fgets: one whole line per call (num is CONFIG_LINE_MAX + 3, see
 * config_inih_setup).  A line that is refused reaches inih as an empty one.
 */
static char *
config_reader(char *str, int num, void *stream)
{
	struct config_parse	*p = stream;
	size_t			 n = 0, len;
	int			 c, nul = 0, toolong = 0;

	if (p->stop)
		return (NULL);
	while ((c = getc(p->f)) != EOF) {
		if (c == '\0')
			nul = 1;
		if (n < CONFIG_LINE_MAX + 2)
			p->buf[n++] = (char)c;
		else
			toolong = 1;
		if (c == '\n')
			break;
	}
	if (c == EOF && ferror(p->f)) {
		config_error_at(p, p->line + 1, "%s", strerror(errno));
		p->stop = 1;
		return (NULL);
	}
	if (n == 0)
		return (NULL);
	p->buf[n] = '\0';
	p->line++;
	len = n;
	if (len > 0 && p->buf[len - 1] == '\n')
		len--;
	if (len > 0 && p->buf[len - 1] == '\r')
		len--;
	if (nul || toolong || len > CONFIG_LINE_MAX || n >= (size_t)num) {
		if (nul)
			config_error(p, "NUL byte in the line");
		else
			config_error(p, "line is longer than %d bytes",
			    CONFIG_LINE_MAX);
		config_line_refused(p);
	} else if (config_line(p) == 0) {
		memcpy(str, p->buf, n + 1);
		return (str);
	}
	str[0] = '\n';
	str[1] = '\0';
	return (str);
}

/*
 * Debian's inih exports what upstream fixes at build time: a heap line
 * buffer as long as our longest line, never split or grown, and no
 * continuation lines (an indented "key = value" is a key, not more of the
 * previous value).  Set each time: nothing else in the process uses inih.
 */
static void
config_inih_setup(void)
{
	ini_use_stack = 0;
	ini_allow_realloc = 0;
	ini_max_line = CONFIG_LINE_MAX + 3;
	ini_initial_alloc = CONFIG_LINE_MAX + 3;
	ini_allow_multiline = 0;
	ini_allow_no_value = 0;
	ini_allow_bom = 1;
	ini_allow_inline_comments = 1;
	ini_stop_on_first_error = 0;
}

/* What needs the whole file: the Redis database and the password. */
static void
config_check(struct config_parse *p)
{
	struct config	*conf = p->conf;
	char		*pw, *cause = NULL;
	int		 line;

	if (conf->redis.db < 0 || conf->redis.db >= conf->redis_databases)
		config_error_at(p, p->redis_line, "url: database %d is out "
		    "of range 0-%d (set [redis] databases if your Redis has "
		    "more)", conf->redis.db, conf->redis_databases - 1);
	if (config_check_sentinels(conf, &line, &cause) == -1) {
		config_error_at(p, line == -1 ? p->redis_line : line, "%s",
		    cause);
		free(cause);
	}
	if (conf->redis_password_file == NULL)
		return;
	if (conf->redis.password != NULL) {
		config_error_at(p, p->password_line, "password_file: [redis] "
		    "url has a password too; keep only one of them");
		return;
	}
	if (config_password_read(conf->redis_password_file, &pw,
	    &cause) == -1) {
		config_error_at(p, p->password_line, "password_file: %s",
		    cause);
		free(cause);
		return;
	}
	conf->redis.password = pw;
}

/* Open the file; -1 with the error reported. */
static int
config_open(struct config_parse *p, const char *path)
{
	struct stat	sb;
	int		fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY)) == -1 ||
	    fstat(fd, &sb) == -1) {
		config_error_at(p, 0, "%s", strerror(errno));
		if (fd != -1)
			close(fd);
		return (-1);
	}
	if (S_ISDIR(sb.st_mode)) {
		config_error_at(p, 0, "is a directory");
		close(fd);
		return (-1);
	}
	if ((p->f = fdopen(fd, "r")) == NULL)
		fatal("fdopen");
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
	if (config_open(&p, path) == 0) {
		p.buf = xmalloc(CONFIG_LINE_MAX + 3);
		config_inih_setup();
		rc = ini_parse_stream(config_reader, &p, config_handler, &p);
		if (rc == -2)
			fatalx("inih: out of memory");
		if (rc > 0 && p.nerrs == 0)
			config_error_at(&p, rc, "syntax error");
		config_section_close(&p);
		fclose(p.f);
		free(p.buf);
		if (!p.stop)
			config_check(&p);
	}
	free(p.section);
	if (p.nerrs > 0) {
		*cause = config_errors_join(&p);
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
	free(conf->redis_password_file);
	config_redis_clear(&conf->redis);
	free(conf->stream);
	free(conf->key_prefix);
	free(conf->redis_sentinels);
	free(conf->redis_master_name);
	free(conf->terms);
	free(conf);
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
