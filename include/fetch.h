/*
 * fetch.h -- HTTP transfers: libcurl's multi interface on libevent.
 *
 * fetch.c does nothing but move bytes: the hiperfifo wiring, limits,
 * conditional GET, Retry-After and the private-address guard.  What the
 * bytes mean is the caller's business.
 *
 * An origin is "scheme://host:port": lower-case scheme and host, the port
 * always written (80, 443 by default), IPv6 hosts in brackets.  Limits,
 * Retry-After windows and trust are per origin.
 */
#ifndef OTSNEWS_FETCH_H
#define OTSNEWS_FETCH_H

#include <stddef.h>
#include <time.h>

struct event_base;
struct fetch;

enum fetch_status {
	FETCH_OK = 0,		/* a response arrived (any HTTP status) */
	FETCH_ERR_NETWORK,	/* DNS, connect, TLS, reset, protocol */
	FETCH_ERR_TIMEOUT,
	FETCH_ERR_TOO_LARGE,	/* body (decompressed) over the limit */
	FETCH_ERR_BLOCKED,	/* private address refused, bad scheme */
	FETCH_ERR_CANCELLED,	/* fetch_free with the transfer in flight */
	FETCH_ERR_DEFERRED	/* origin inside a Retry-After window */
};

/* Retry-After values are capped at this many seconds. */
#define FETCH_RETRY_AFTER_MAX	(24 * 60 * 60)

/* Valid only during the callback. */
struct fetch_result {
	enum fetch_status	 status;
	const char		*error;		/* human text when != FETCH_OK */
	const char		*url;		/* as requested */
	const char		*effective_url;	/* after redirects */
	/*
	 * The URL reached by the leading run of 301/308 redirects (what a
	 * source may replace its URL with), or NULL when the first hop was
	 * not permanent or there was none.
	 */
	const char		*permanent_url;
	int			 redirects;	/* hops followed */
	long			 http_code;	/* 0 when no response */
	int			 not_modified;	/* 304 to a conditional GET */
	const char		*content_type;
	const char		*etag;
	const char		*last_modified;
	const char		*body;		/* NUL-terminated */
	size_t			 len;
	double			 seconds;
	/*
	 * Seconds the origin asked us to wait: Retry-After of a 429 or 503,
	 * or what is left of that window for FETCH_ERR_DEFERRED; -1 when
	 * there is none.  At most FETCH_RETRY_AFTER_MAX.
	 */
	long			 retry_after;
};

typedef void (*fetch_cb)(const struct fetch_result *, void *);

struct fetch_request {
	const char	*url;
	size_t		 max_bytes;	/* cap on decompressed body */
	const char	*etag;		/* conditional GET validators, or NULL */
	const char	*last_modified;
	const char	*accept;	/* Accept header, or NULL */
	const char	*user_agent;	/* NULL: the configured one */
	int		 insecure;	/* skip TLS peer verification */
};

struct fetch_config {
	const char	*user_agent;
	int		 timeout;		/* seconds, whole transfer */
	int		 connect_timeout;	/* seconds */
	int		 max_redirects;
	int		 allow_private;		/* allow loopback/private peers */
	int		 max_connections;
	int		 max_host_connections;	/* per origin; 0 = no limit */
	/*
	 * NULL-terminated URLs whose origins may be private addresses even
	 * when allow_private is 0 (the configured source URLs: operator
	 * configuration is trusted, content is not).  NULL: none.  Copied.
	 */
	const char *const *trusted_origins;
};

struct fetch	*fetch_new(struct event_base *, const struct fetch_config *);
/*
 * Cancels transfers in flight, queued or deferred: their callbacks run with
 * FETCH_ERR_CANCELLED.
 */
void		 fetch_free(struct fetch *);
void		 fetch_configure(struct fetch *, const struct fetch_config *);
/* The event_base the transfers run on. */
struct event_base *fetch_base(struct fetch *);
/*
 * On 0 the callback runs exactly once, never before fetch_start returns.
 * Past max_connections, or max_host_connections for the URL's origin, the
 * transfer waits in a FIFO queue; its timeout counts from its start.
 */
int		 fetch_start(struct fetch *, const struct fetch_request *,
		    fetch_cb, void *, char **cause);
/* Nonzero when the private-address guard lets url reach a private peer. */
int		 fetch_trusted(struct fetch *, const char *url);

/* fetch-origin.c: no event loop. */
/* Nonzero for loopback, private, link-local, CGNAT, ULA, unspecified. */
struct sockaddr;
int		 fetch_addr_is_private(const struct sockaddr *);
/* The outcome as a metric label: ok, not_modified, http_4xx, ... */
const char	*fetch_outcome(const struct fetch_result *);
/* The origin of an http or https URL (heap), or NULL. */
char		*fetch_origin(const char *url);
/*
 * A Retry-After value (delta-seconds or HTTP-date) as seconds from now,
 * capped at FETCH_RETRY_AFTER_MAX; 0 for a date in the past; -1 when
 * it is neither.
 */
long		 fetch_retry_after_parse(const char *, time_t now);

#endif
