/*
 * config-check.c -- the value checks behind config.c's key table.
 *
 * A value that would fail only when the daemon first uses it (an XPath
 * that does not compile, a zone date.c does not know, a URL without a
 * host, a metrics address that cannot be bound) is refused at load, so
 * -t and SIGHUP catch it.  Each check returns the reason in *cause; the
 * caller adds "FILE:LINE: key: ".
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <libxml/xmlerror.h>
#include <libxml/xpath.h>

#include "config.h"
#include "config-int.h"
#include "date.h"
#include "url.h"
#include "xmalloc.h"

/* The first error libxml2 reports while an expression compiles. */
struct config_xml_error {
	char	*msg;
	int	 offset;
};

static void
config_xml_error_cb(void *arg, xmlErrorPtr e)
{
	struct config_xml_error	*x = arg;
	size_t			 len;

	if (x->msg != NULL || e == NULL || e->message == NULL)
		return;
	x->msg = xstrdup(e->message);
	len = strlen(x->msg);
	while (len > 0 && isspace((unsigned char)x->msg[len - 1]))
		x->msg[--len] = '\0';
	x->offset = e->int1;
}

int
config_check_xpath(const char *expr, char **cause)
{
	struct config_xml_error	 x = { NULL, 0 };
	xmlStructuredErrorFunc	 oldfn = xmlStructuredError;
	void			*oldctx = xmlStructuredErrorContext;
	xmlXPathCompExprPtr	 comp;

	/* The daemon's own handler (log.c) goes back afterwards. */
	xmlSetStructuredErrorFunc(&x, config_xml_error_cb);
	comp = xmlXPathCompile((const xmlChar *)expr);
	xmlSetStructuredErrorFunc(oldctx, oldfn);
	if (comp != NULL) {
		xmlXPathFreeCompExpr(comp);
		free(x.msg);
		return (0);
	}
	if (x.msg != NULL)
		xasprintf(cause, "invalid XPath: %s at character %d", x.msg,
		    x.offset + 1);
	else
		xasprintf(cause, "invalid XPath");
	free(x.msg);
	return (-1);
}

int
config_check_tz(const char *tz, char **cause)
{
	struct tm	tm;

	/*
	 * Exactly what date.c accepts: ask it.  A zone it cannot use makes
	 * date_local_to_utc fail whatever the time, so one noon will do.
	 */
	memset(&tm, 0, sizeof tm);
	tm.tm_year = 2000 - 1900;
	tm.tm_mday = 1;
	tm.tm_hour = 12;
	if (date_local_to_utc(&tm, tz) != -1)
		return (0);
	xasprintf(cause, "unknown time zone \"%s\" (expected a name under "
	    "/usr/share/zoneinfo such as Asia/Almaty, or an offset such as "
	    "+05:00)", tz);
	return (-1);
}

/* A port: 1 to 65535 digits only. */
static int
config_port_valid(const char *s, size_t len)
{
	long	n = 0;
	size_t	i;

	if (len == 0 || len > 5)
		return (0);
	for (i = 0; i < len; i++) {
		if (!isdigit((unsigned char)s[i]))
			return (0);
		n = n * 10 + (s[i] - '0');
	}
	return (n >= 1 && n <= 65535);
}

int
config_check_http_url(const char *url, char **cause)
{
	const char	*p, *end, *at, *host, *colon;
	size_t		 hostlen;

	if (!url_is_http(url)) {
		xasprintf(cause, "not an http or https URL: \"%s\"", url);
		return (-1);
	}
	p = strstr(url, "://") + 3;
	end = p + strcspn(p, "/?#");
	for (at = NULL, host = p; host < end; host++) {
		if (*host == '@')
			at = host;
	}
	host = at != NULL ? at + 1 : p;
	if (*host == '[') {
		colon = memchr(host, ']', (size_t)(end - host));
		if (colon == NULL) {
			xasprintf(cause, "no closing ] in \"%s\"", url);
			return (-1);
		}
		hostlen = (size_t)(colon - host) - 1;
		colon = colon + 1 < end && colon[1] == ':' ? colon + 1 : NULL;
	} else {
		colon = memchr(host, ':', (size_t)(end - host));
		hostlen = (size_t)((colon != NULL ? colon : end) - host);
	}
	if (hostlen == 0) {
		xasprintf(cause, "no host in \"%s\"", url);
		return (-1);
	}
	if (colon != NULL && colon + 1 < end &&
	    !config_port_valid(colon + 1, (size_t)(end - colon - 1))) {
		xasprintf(cause, "bad port in \"%s\"", url);
		return (-1);
	}
	return (0);
}

int
config_check_listen(const char *v, char **cause)
{
	const char	*colon = strrchr(v, ':'), *c;
	char		*host;
	unsigned char	 addr[16];
	int		 ok;

	if (*v == '\0')
		return (0);
	if (colon == NULL || colon == v ||
	    !config_port_valid(colon + 1, strlen(colon + 1))) {
		xasprintf(cause, "expected HOST:PORT, got \"%s\"", v);
		return (-1);
	}
	/* metrics.c hands HOST to evhttp_bind_socket as it is. */
	if (*v == '[') {
		xasprintf(cause, "expected HOST:PORT, got \"%s\" (write an "
		    "IPv6 address without brackets, as ::1:9464)", v);
		return (-1);
	}
	host = xstrndup(v, (size_t)(colon - v));
	if (strchr(host, ':') != NULL)
		ok = inet_pton(AF_INET6, host, addr) == 1;
	else {
		ok = 1;
		for (c = host; *c != '\0'; c++) {
			if (!isalnum((unsigned char)*c) && *c != '.' &&
			    *c != '-' && *c != '_')
				ok = 0;
		}
	}
	free(host);
	if (!ok) {
		xasprintf(cause, "expected HOST:PORT, got \"%s\" (bad host)", v);
		return (-1);
	}
	return (0);
}

/*
 * [redis] sentinels: a list of HOST:PORT, with master_name, and a TCP url
 * (which then gives only the password and the db).  On error *line is the
 * line of the key at fault (-1: the url's).
 */
int
config_check_sentinels(const struct config *conf, int *line, char **cause)
{
	char	*copy, *item, *last = NULL, *e, *why = NULL;
	int	 rc = 0;

	*line = conf->redis_sentinels_line;
	if (conf->redis_sentinels == NULL) {
		if (conf->redis_master_name == NULL)
			return (0);
		*line = conf->redis_master_name_line;
		*cause = xstrdup("master_name: needs sentinels");
		return (-1);
	}
	if (conf->redis_master_name == NULL) {
		*cause = xstrdup("sentinels: needs master_name");
		return (-1);
	}
	if (conf->redis.path != NULL) {
		*line = -1;
		*cause = xstrdup("url: with sentinels the url gives only the "
		    "password and the db: redis://[:password@]host/db");
		return (-1);
	}
	copy = xstrdup(conf->redis_sentinels);
	for (item = strtok_r(copy, ",", &last); item != NULL && rc == 0;
	    item = strtok_r(NULL, ",", &last)) {
		while (isspace((unsigned char)*item))
			item++;
		e = item + strlen(item);
		while (e > item && isspace((unsigned char)e[-1]))
			*--e = '\0';
		if (*item == '\0' || config_check_listen(item, &why) == -1) {
			xasprintf(cause, "sentinels: expected HOST:PORT, got "
			    "\"%s\"", item);
			free(why);
			rc = -1;
		}
	}
	free(copy);
	return (rc);
}
