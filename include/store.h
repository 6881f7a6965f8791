/*
 * store.h -- the Redis connection: hiredis async on libevent.
 *
 * States DISCONNECTED -> (DISCOVERING ->) CONNECTING -> CONNECTED
 * (-> CLOSING).  Reconnects from a one-shot timer with capped exponential
 * backoff and jitter; AUTH and SELECT on every connect.  hiredis 0.14
 * (Debian 12) has no timeouts of its own: store.c arms a connect timer and
 * a command watchdog and drops the connection when Redis stops answering,
 * so every reply callback runs exactly once, with NULL when the command
 * was lost.
 *
 * With sentinels (store_set_sentinels), every connect starts by asking the
 * sentinels in turn for the master's address (DISCOVERING, store-sentinel.c),
 * and the handshake checks with ROLE that the server is a master.  A lost
 * connection, a READONLY reply or a +switch-master message starts over with
 * the sentinels.
 */
#ifndef OTSNEWS_STORE_H
#define OTSNEWS_STORE_H

#include <stddef.h>

struct event_base;
struct redis_addr;
struct redisReply;
struct store;
struct store_sentinel;

enum store_state {
	STORE_DISCONNECTED,
	STORE_DISCOVERING,
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
/*
 * Find the master through sentinels ("host:port,host:port,...") by name;
 * addr then gives only the password and the db.  Call before the loop
 * runs.  -1 with *cause when the list does not parse.
 */
int		 store_set_sentinels(struct store *, const char *sentinels,
		    const char *master_name, char **cause);
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
/*
 * The same for a command that Redis may hold for up to block_ms before it
 * answers (WAIT): the watchdog allows block_ms on top of the timeout.
 */
int		 store_command_blocking(struct store *, int block_ms,
		    store_reply_cb, void *, int argc, const char **argv,
		    const size_t *argvlen);

/*
 * store-sentinel.c: asks sentinels, in turn and asynchronously, where a
 * master is, and watches +switch-master on the sentinel that answered.
 */
/* host NULL: no sentinel gave an address; why says what went wrong. */
typedef void (*store_sentinel_found_cb)(const char *host, int port,
		    const char *why, void *);
/* A sentinel announced that the master moved to host:port. */
typedef void (*store_sentinel_switch_cb)(const char *host, int port,
		    void *);

struct store_sentinel *store_sentinel_new(struct event_base *,
		    const char *sentinels, const char *master_name,
		    int timeout, store_sentinel_found_cb,
		    store_sentinel_switch_cb, void *, char **cause);
void		 store_sentinel_free(struct store_sentinel *);
/* Start a discovery; found runs once, never from inside this call. */
void		 store_sentinel_discover(struct store_sentinel *);
/* "host:port" of the sentinel that answered last. */
const char	*store_sentinel_current(const struct store_sentinel *);
const char	*store_sentinel_name(const struct store_sentinel *);

#endif
