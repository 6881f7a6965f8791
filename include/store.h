/*
 * store.h -- the Redis connection: hiredis async on libevent.
 *
 * States DISCONNECTED -> CONNECTING -> CONNECTED (-> CLOSING).  Reconnects
 * from a one-shot timer with capped exponential backoff and jitter; AUTH and
 * SELECT on every connect.  hiredis 0.14 (Debian 12) has no timeouts of its
 * own: store.c arms a connect timer and a command watchdog and drops the
 * connection when Redis stops answering, so every reply callback runs
 * exactly once, with NULL when the command was lost.
 */
#ifndef OTSNEWS_STORE_H
#define OTSNEWS_STORE_H

#include <stddef.h>

struct event_base;
struct redis_addr;
struct redisReply;
struct store;

enum store_state {
	STORE_DISCONNECTED,
	STORE_CONNECTING,
	STORE_CONNECTED,
	STORE_CLOSING
};

/* reply is NULL when the command was lost (disconnect, timeout). */
typedef void (*store_reply_cb)(struct redisReply *, void *);
/* connected: 1 on connect, 0 on a failed attempt or a lost connection. */
typedef void (*store_state_cb)(int connected, void *);

struct store	*store_new(struct event_base *, const struct redis_addr *,
		    int timeout, store_state_cb, void *);
void		 store_free(struct store *);
int		 store_connected(const struct store *);
/* Nonzero once a connection has ever been established. */
int		 store_ever_connected(const struct store *);
size_t		 store_pending(const struct store *);
/*
 * Send a command; cb (may be NULL) runs exactly once.  Returns -1 when not
 * connected (cb is then not called).
 */
int		 store_command(struct store *, store_reply_cb, void *,
		    int argc, const char **argv, const size_t *argvlen);

#endif
