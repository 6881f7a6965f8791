/*
 * fetch.h -- HTTP transfers: libcurl's multi interface on libevent.
 *
 * fetch.c does nothing but move bytes: the hiperfifo wiring, limits,
 * conditional GET and the private-address guard.  What the bytes mean is
 * the caller's business.
 */
#ifndef OTSNEWS_FETCH_H
#define OTSNEWS_FETCH_H

#include <stddef.h>

struct event_base;
struct fetch;

enum fetch_status {
	FETCH_OK = 0,		/* a response arrived (any HTTP status) */
	FETCH_ERR_NETWORK,	/* DNS, connect, TLS, reset, protocol */
	FETCH_ERR_TIMEOUT,
	FETCH_ERR_TOO_LARGE,	/* body (decompressed) over the limit */
	FETCH_ERR_BLOCKED,	/* private address refused, bad scheme */
	FETCH_ERR_CANCELLED,	/* fetch_free with the transfer in flight */
	FETCH_ERR_DEFERRED	/* the origin asked us to wait (Retry-After) */
};

/* Valid only during the callback. */
struct fetch_result {
	enum fetch_status	 status;
	const char		*error;		/* human text when != FETCH_OK */
	const char		*url;		/* as requested */
	const char		*effective_url;	/* after redirects */
	long			 http_code;	/* 0 when no response */
	int			 not_modified;	/* 304 to a conditional GET */
	const char		*content_type;
	const char		*etag;
	const char		*last_modified;
	const char		*body;		/* NUL-terminated */
	size_t			 len;
	double			 seconds;
	long			 retry_after;	/* seconds; -1: none */
	const char		*permanent_url;	/* after leading 301/308s */
	int			 redirects;
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
	int		 max_host_connections;
	/* Origins (scheme://host:port) trusted even on private addresses. */
	const char *const *trusted_origins;
};

struct fetch	*fetch_new(struct event_base *, const struct fetch_config *);
/* Cancels transfers in flight: their callbacks run with FETCH_ERR_CANCELLED. */
void		 fetch_free(struct fetch *);
void		 fetch_configure(struct fetch *, const struct fetch_config *);
/* The event_base the transfers run on. */
struct event_base *fetch_base(struct fetch *);
int		 fetch_start(struct fetch *, const struct fetch_request *,
		    fetch_cb, void *, char **cause);
/* Nonzero for loopback, private, link-local, CGNAT, ULA, unspecified. */
struct sockaddr;
int		 fetch_addr_is_private(const struct sockaddr *);

#endif
