/*
 * store.c -- the Redis connection: hiredis async on libevent, with the
 * timeouts hiredis 0.14 lacks and reconnection with backoff.
 *
 * Lifetimes (hiredis 0.14): a reply lives only inside its callback; hiredis
 * frees the context after the connect callback reports failure and after the
 * disconnect callback, so s->ac is set to NULL there.
 *
 * With sentinels, each (re)connect first asks them for the master's address
 * (store-sentinel.c); the handshake adds ROLE, and a server that is not a
 * master is a failed connect.  A READONLY reply (the master was demoted
 * under us) or a +switch-master to another address drops the connection:
 * its loss reconnects through the sentinels again, with the usual backoff.
 */
#include <sys/queue.h>
#include <sys/time.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <event2/event.h>
#include <hiredis/async.h>
#include <hiredis/hiredis.h>
#include <hiredis/adapters/libevent.h>

#include "config.h"
#include "log.h"
#include "metrics.h"
#include "store.h"
#include "xmalloc.h"

#define STORE_BACKOFF_MIN	250	/* ms */
#define STORE_BACKOFF_MAX	30000	/* ms */

struct store_cmd {
	struct store		*store;
	store_reply_cb		 cb;
	void			*arg;
	double			 deadline;	/* monotonic seconds */
	TAILQ_ENTRY(store_cmd)	 entry;
};

struct store {
	struct event_base	*base;
	struct redis_addr	 addr;
	int			 timeout;	/* seconds */
	redisAsyncContext	*ac;
	enum store_state	 state;
	int			 closing;
	int			 ever_connected;
	int			 tcp_up;	/* connect callback said OK */
	int			 handshake_failed;
	int			 dropping;	/* READONLY or failover: closing */
	struct store_sentinel	*sentinel;	/* NULL: addr is the server */
	char			*handshake_error;	/* logged by store_lost */
	int			 backoff;	/* ms */
	struct event		*reconnect_ev;
	struct event		*watchdog_ev;
	struct timeval		 connect_started;
	store_state_cb		 state_cb;
	void			*state_arg;
	size_t			 npending;
	TAILQ_HEAD(store_cmd_list, store_cmd) pending;
};

static void	store_connect(struct store *);

static double
store_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((double)ts.tv_sec + (double)ts.tv_nsec / 1e9);
}

static void
store_schedule_reconnect(struct store *s)
{
	struct timeval	tv;
	int		ms;

	if (s->closing)
		return;
	s->backoff = s->backoff == 0 ? STORE_BACKOFF_MIN : s->backoff * 2;
	if (s->backoff > STORE_BACKOFF_MAX)
		s->backoff = STORE_BACKOFF_MAX;
	ms = s->backoff / 2 + (int)(arc4random_uniform(
	    (unsigned)s->backoff / 2 + 1));
	tv.tv_sec = ms / 1000;
	tv.tv_usec = (ms % 1000) * 1000;
	evtimer_add(s->reconnect_ev, &tv);
}

static void
store_set_state(struct store *s, enum store_state st)
{
	s->state = st;
	metrics_set(M_G_REDIS_CONNECTED, st == STORE_CONNECTED);
}

static void
store_lost(struct store *s, const char *why)
{
	int	was = s->state == STORE_CONNECTED;

	s->ac = NULL;
	s->tcp_up = 0;
	s->dropping = 0;
	store_set_state(s, STORE_DISCONNECTED);
	if (!s->closing) {
		if (s->handshake_error != NULL)
			log_warnx("redis: %s", s->handshake_error);
		else if (was)
			log_warnx("redis: connection lost: %s", why);
		else
			log_warnx("redis: cannot connect: %s", why);
		metrics_inc(M_REDIS_ERRORS);
		store_schedule_reconnect(s);
	}
	free(s->handshake_error);
	s->handshake_error = NULL;
	if (s->state_cb != NULL)
		s->state_cb(0, s->state_arg);
}

/* Close the connection on purpose; its loss starts over (sentinels). */
static void
store_drop(struct store *s, const char *why)
{
	if (s->dropping || s->ac == NULL)
		return;
	s->dropping = 1;
	log_warnx("redis: %s:%d: %s; asking the sentinels again",
	    s->addr.host, s->addr.port, why);
	metrics_inc(M_REDIS_ERRORS);
	redisAsyncDisconnect(s->ac);	/* after the pending replies */
}

static void
store_reply_cb_internal(redisAsyncContext *ac, void *r, void *privdata)
{
	struct store_cmd	*cmd = privdata;
	struct store		*s = cmd->store;
	redisReply		*reply = r;

	TAILQ_REMOVE(&s->pending, cmd, entry);
	s->npending--;
	if (reply != NULL && reply->type == REDIS_REPLY_ERROR &&
	    s->sentinel != NULL && strncmp(reply->str, "READONLY", 8) == 0)
		store_drop(s, "READONLY: the server is no longer the master");
	if (cmd->cb != NULL)
		cmd->cb(reply, cmd->arg);
	free(cmd);
}

/*
 * Replies come in order, so a command cannot be answered before the one
 * ahead of it: its deadline is never earlier than that one's.
 */
static int
store_send(struct store *s, store_reply_cb cb, void *arg,
    int block_ms, int argc, const char **argv, const size_t *argvlen)
{
	struct store_cmd	*cmd, *last;

	if (s->ac == NULL)
		return (-1);
	cmd = xcalloc(1, sizeof *cmd);
	cmd->store = s;
	cmd->cb = cb;
	cmd->arg = arg;
	cmd->deadline = store_now() + s->timeout + block_ms / 1000.0;
	last = TAILQ_LAST(&s->pending, store_cmd_list);
	if (last != NULL && last->deadline > cmd->deadline)
		cmd->deadline = last->deadline;
	if (redisAsyncCommandArgv(s->ac, store_reply_cb_internal, cmd, argc,
	    argv, argvlen) != REDIS_OK) {
		free(cmd);
		return (-1);
	}
	TAILQ_INSERT_TAIL(&s->pending, cmd, entry);
	s->npending++;
	return (0);
}

/*
 * The handshake: AUTH when a password is set, SELECT when db is not 0, and
 * a PING in every case (it is what a missing password or a Redis still
 * loading its data answers with an error).  The connection counts as up
 * only when every reply was right; any error is a failed connect: logged
 * once with Redis's words, then dropped and retried with backoff.
 */
static void
store_handshake_fail(struct store *s, const char *what, const redisReply *r)
{
	if (s->handshake_failed)
		return;
	s->handshake_failed = 1;
	if (r == NULL)
		return;		/* the connection went away: store_lost says so */
	if (r->type == REDIS_REPLY_ERROR)
		xasprintf(&s->handshake_error, "%s failed: %.*s", what,
		    (int)r->len, r->str);
	else
		xasprintf(&s->handshake_error, "%s failed: unexpected reply "
		    "type %d", what, r->type);
	metrics_inc(M_REDIS_AUTH_ERRORS);
	if (s->ac != NULL)
		redisAsyncDisconnect(s->ac);
}

static void
store_handshake_done(struct store *s)
{
	s->backoff = 0;
	s->ever_connected = 1;
	store_set_state(s, STORE_CONNECTED);
	metrics_inc(M_REDIS_CONNECTS);
	if (s->sentinel != NULL)
		log_info("redis: connected to %s:%d, master %s (sentinel %s)%s",
		    s->addr.host, s->addr.port,
		    store_sentinel_name(s->sentinel),
		    store_sentinel_current(s->sentinel),
		    s->addr.db != 0 ? " (db selected)" : "");
	else
		log_info("redis: connected to %s%s%d%s", s->addr.path != NULL ?
		    s->addr.path : s->addr.host, s->addr.path != NULL ? "" :
		    ":", s->addr.path != NULL ? 0 : s->addr.port,
		    s->addr.db != 0 ? " (db selected)" : "");
	if (s->state_cb != NULL)
		s->state_cb(1, s->state_arg);
}

static void
store_auth_cb(struct redisReply *r, void *arg)
{
	struct store	*s = arg;

	if (r == NULL || r->type != REDIS_REPLY_STATUS)
		store_handshake_fail(s, "AUTH", r);
}

static void
store_select_cb(struct redisReply *r, void *arg)
{
	struct store	*s = arg;

	if (r == NULL || r->type != REDIS_REPLY_STATUS)
		store_handshake_fail(s, "SELECT", r);
}

/* Sentinels may still name a master that was demoted: ROLE must agree. */
static void
store_role_cb(struct redisReply *r, void *arg)
{
	struct store	*s = arg;

	if (r == NULL || r->type != REDIS_REPLY_ARRAY || r->elements < 1 ||
	    r->element[0]->type != REDIS_REPLY_STRING) {
		store_handshake_fail(s, "ROLE", r);
		return;
	}
	if (strcmp(r->element[0]->str, "master") == 0 || s->handshake_failed)
		return;
	s->handshake_failed = 1;
	xasprintf(&s->handshake_error, "%s:%d is not a master (ROLE says "
	    "%s); asking the sentinels again", s->addr.host, s->addr.port,
	    r->element[0]->str);
	metrics_inc(M_REDIS_AUTH_ERRORS);
	if (s->ac != NULL)
		redisAsyncDisconnect(s->ac);
}

static void
store_ping_cb(struct redisReply *r, void *arg)
{
	struct store	*s = arg;

	if (r == NULL || r->type == REDIS_REPLY_ERROR) {
		store_handshake_fail(s, "PING", r);
		return;
	}
	if (!s->handshake_failed && s->state == STORE_CONNECTING)
		store_handshake_done(s);
}

static void
store_connect_cb(const redisAsyncContext *ac, int status)
{
	struct store	*s = ac->data;
	char		 db[16];
	const char	*argv[3];

	if (status != REDIS_OK) {
		store_lost(s, ac->errstr);	/* hiredis frees ac */
		return;
	}
	/* Replies come in order: PING's callback ends the handshake. */
	s->tcp_up = 1;
	s->handshake_failed = 0;
	if (s->addr.password != NULL) {
		argv[0] = "AUTH";
		argv[1] = s->addr.password;
		(void)store_send(s, store_auth_cb, s, 0, 2, argv, NULL);
	}
	if (s->addr.db != 0) {
		snprintf(db, sizeof db, "%d", s->addr.db);
		argv[0] = "SELECT";
		argv[1] = db;
		(void)store_send(s, store_select_cb, s, 0, 2, argv, NULL);
	}
	if (s->sentinel != NULL) {
		argv[0] = "ROLE";
		(void)store_send(s, store_role_cb, s, 0, 1, argv, NULL);
	}
	argv[0] = "PING";
	if (store_send(s, store_ping_cb, s, 0, 1, argv, NULL) == -1)
		store_handshake_fail(s, "PING", NULL);
}

static void
store_disconnect_cb(const redisAsyncContext *ac, int status)
{
	struct store	*s = ac->data;

	store_lost(s, status == REDIS_OK ? "closed" : ac->errstr);
}

static void
store_connect_addr(struct store *s)
{
	redisAsyncContext	*ac;

	if (s->closing || s->ac != NULL)
		return;
	if (s->addr.path != NULL)
		ac = redisAsyncConnectUnix(s->addr.path);
	else
		ac = redisAsyncConnect(s->addr.host, s->addr.port);
	if (ac == NULL || ac->err) {
		log_warnx("redis: connect: %s", ac != NULL ? ac->errstr :
		    "out of memory");
		if (ac != NULL)
			redisAsyncFree(ac);
		store_set_state(s, STORE_DISCONNECTED);
		metrics_inc(M_REDIS_ERRORS);
		store_schedule_reconnect(s);
		if (s->state_cb != NULL)
			s->state_cb(0, s->state_arg);
		return;
	}
	ac->data = s;
	s->ac = ac;
	redisLibeventAttach(ac, s->base);
	redisAsyncSetConnectCallback(ac, store_connect_cb);
	redisAsyncSetDisconnectCallback(ac, store_disconnect_cb);
	store_set_state(s, STORE_CONNECTING);
	gettimeofday(&s->connect_started, NULL);
}

/* The sentinels' answer: connect to the master, or try again later. */
static void
store_found_cb(const char *host, int port, const char *why, void *arg)
{
	struct store	*s = arg;

	if (s->closing || s->state != STORE_DISCOVERING)
		return;
	if (host == NULL) {
		store_set_state(s, STORE_DISCONNECTED);
		log_warnx("redis: %s", why);
		metrics_inc(M_REDIS_ERRORS);
		store_schedule_reconnect(s);
		if (s->state_cb != NULL)
			s->state_cb(0, s->state_arg);
		return;
	}
	free(s->addr.host);
	s->addr.host = xstrdup(host);
	s->addr.port = port;
	store_connect_addr(s);
}

/* +switch-master: leave a master the sentinels have replaced. */
static void
store_switch_cb(const char *host, int port, void *arg)
{
	struct store	*s = arg;
	struct timeval	 zero = { 0, 0 };

	if (s->closing)
		return;
	if (s->ac == NULL) {
		/* Waiting out a backoff for the old master: go now. */
		if (s->state == STORE_DISCONNECTED &&
		    evtimer_pending(s->reconnect_ev, NULL)) {
			evtimer_del(s->reconnect_ev);
			s->backoff = 0;
			evtimer_add(s->reconnect_ev, &zero);
		}
		return;
	}
	if (!s->tcp_up || (strcmp(host, s->addr.host) == 0 &&
	    port == s->addr.port))
		return;		/* a connect in progress fails or checks ROLE */
	store_drop(s, "the sentinels switched the master");
}

static void
store_connect(struct store *s)
{
	if (s->closing || s->ac != NULL || s->state == STORE_DISCOVERING)
		return;
	if (s->sentinel == NULL) {
		store_connect_addr(s);
		return;
	}
	store_set_state(s, STORE_DISCOVERING);
	store_sentinel_discover(s->sentinel);
}

static void
store_reconnect_cb(evutil_socket_t fd, short ev, void *arg)
{
	store_connect(arg);
}

static double
store_age(const struct timeval *since)
{
	struct timeval	now;

	gettimeofday(&now, NULL);
	return ((double)(now.tv_sec - since->tv_sec) +
	    (double)(now.tv_usec - since->tv_usec) / 1e6);
}

/* hiredis 0.14 has no timeouts: drop a connection that stops answering. */
static void
store_watchdog_cb(evutil_socket_t fd, short ev, void *arg)
{
	struct store		*s = arg;
	struct store_cmd	*oldest;
	redisAsyncContext	*ac = s->ac;

	if (ac == NULL)
		return;
	if (s->state == STORE_CONNECTING &&
	    store_age(&s->connect_started) > s->timeout) {
		if (s->tcp_up) {
			/* Connected but the handshake is unanswered. */
			xasprintf(&s->handshake_error, "no answer to the "
			    "handshake within %d s", s->timeout);
			redisAsyncFree(ac);	/* runs the disconnect cb */
			return;
		}
		s->ac = NULL;
		redisAsyncFree(ac);	/* no callback before the connect */
		store_lost(s, "connect timed out");
		return;
	}
	oldest = TAILQ_FIRST(&s->pending);
	if (oldest != NULL && store_now() > oldest->deadline) {
		log_warnx("redis: no reply for %d s, dropping the connection",
		    s->timeout);
		/* Pending callbacks run with NULL; then the disconnect cb. */
		redisAsyncFree(ac);
	}
}

struct store *
store_new(struct event_base *base, const struct redis_addr *addr,
    int timeout, store_state_cb cb, void *arg)
{
	struct store	*s = xcalloc(1, sizeof *s);
	struct timeval	 tv = { 0, 250000 }, zero = { 0, 0 };

	s->base = base;
	s->addr.host = xstrdup_or_null(addr->host);
	s->addr.path = xstrdup_or_null(addr->path);
	s->addr.password = xstrdup_or_null(addr->password);
	s->addr.port = addr->port;
	s->addr.db = addr->db;
	s->timeout = timeout;
	s->state_cb = cb;
	s->state_arg = arg;
	TAILQ_INIT(&s->pending);
	s->reconnect_ev = evtimer_new(base, store_reconnect_cb, s);
	s->watchdog_ev = event_new(base, -1, EV_PERSIST, store_watchdog_cb, s);
	evtimer_add(s->watchdog_ev, &tv);
	store_set_state(s, STORE_DISCONNECTED);
	/* Connect from the loop, once every caller is set up. */
	evtimer_add(s->reconnect_ev, &zero);
	return (s);
}

void
store_free(struct store *s)
{
	redisAsyncContext	*ac;

	if (s == NULL)
		return;
	s->closing = 1;
	s->state_cb = NULL;
	if ((ac = s->ac) != NULL) {
		s->ac = NULL;
		redisAsyncFree(ac);	/* pending callbacks get NULL */
	}
	store_sentinel_free(s->sentinel);
	event_free(s->reconnect_ev);
	event_free(s->watchdog_ev);
	config_redis_clear(&s->addr);
	free(s->handshake_error);
	free(s);
}

int
store_set_sentinels(struct store *s, const char *sentinels,
    const char *master_name, char **cause)
{
	struct store_sentinel	*ss;

	ss = store_sentinel_new(s->base, sentinels, master_name, s->timeout,
	    store_found_cb, store_switch_cb, s, cause);
	if (ss == NULL)
		return (-1);
	store_sentinel_free(s->sentinel);
	s->sentinel = ss;
	/* The url gives the password and the db; the sentinels the rest. */
	free(s->addr.path);
	s->addr.path = NULL;
	return (0);
}

int
store_connected(const struct store *s)
{
	return (s->state == STORE_CONNECTED && s->ac != NULL &&
	    !s->dropping);
}

int
store_ever_connected(const struct store *s)
{
	return (s->ever_connected);
}

size_t
store_pending(const struct store *s)
{
	return (s->npending);
}

int
store_command(struct store *s, store_reply_cb cb, void *arg, int argc,
    const char **argv, const size_t *argvlen)
{
	return (store_command_blocking(s, 0, cb, arg, argc, argv, argvlen));
}

int
store_command_blocking(struct store *s, int block_ms, store_reply_cb cb,
    void *arg, int argc, const char **argv, const size_t *argvlen)
{
	if (!store_connected(s))
		return (-1);
	return (store_send(s, cb, arg, block_ms, argc, argv, argvlen));
}
