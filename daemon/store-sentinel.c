/*
 * store-sentinel.c -- where the Redis master is, according to the sentinels.
 *
 * A discovery asks the sentinels in turn, starting with the one that
 * answered last: connect (hiredis async), SENTINEL get-master-addr-by-name,
 * one answer.  A refused connection, an error, an unknown master or no
 * answer within the timeout moves on to the next sentinel; when every
 * sentinel failed once, the round ends with found(NULL) and the store
 * retries with its backoff.  The connection that answered stays open,
 * SUBSCRIBEd to +switch-master, until the next discovery.
 *
 * Every step runs from step_ev, never inside the caller or inside a hiredis
 * callback of a context being torn down.  A context is current only while
 * it is ss->qac (the query) or ss->wac (the watch); callbacks of any other
 * context -- one being freed -- are ignored.  hiredis 0.14 frees a context
 * itself after a failed connect and after the disconnect callback.
 */
#include <sys/time.h>

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/event.h>
#include <hiredis/async.h>
#include <hiredis/hiredis.h>
#include <hiredis/adapters/libevent.h>

#include "log.h"
#include "store.h"
#include "xmalloc.h"

struct store_sentinel_addr {
	char	*host;
	int	 port;
	char	*text;		/* "host:port" */
};

struct store_sentinel {
	struct event_base		*base;
	char				*name;
	struct store_sentinel_addr	*addrs;
	size_t				 naddrs;
	size_t				 cur;	/* asked first next time */
	size_t				 tried;	/* in this round */
	int				 timeout;	/* seconds */
	int				 active;	/* a discovery runs */
	int				 closing;
	redisAsyncContext		*qac;	/* the query */
	redisAsyncContext		*wac;	/* the +switch-master watch */
	struct event			*step_ev;	/* the next step, 0 s */
	struct event			*timer_ev;	/* the query's timeout */
	char				*why;	/* the last failure */
	store_sentinel_found_cb		 found;
	store_sentinel_switch_cb	 sw;
	void				*arg;
};

static int
store_sentinel_parse_one(const char *item, struct store_sentinel_addr *a)
{
	const char	*colon = strrchr(item, ':');
	char		*end;
	long		 port;

	if (colon == NULL || colon == item)
		return (-1);
	port = strtol(colon + 1, &end, 10);
	if (end == colon + 1 || *end != '\0' || port < 1 || port > 65535)
		return (-1);
	a->host = xstrndup(item, (size_t)(colon - item));
	a->port = (int)port;
	a->text = xstrdup(item);
	return (0);
}

static int
store_sentinel_parse(struct store_sentinel *ss, const char *list,
    char **cause)
{
	char	*copy = xstrdup(list), *item, *last = NULL, *e;

	for (item = strtok_r(copy, ",", &last); item != NULL;
	    item = strtok_r(NULL, ",", &last)) {
		while (isspace((unsigned char)*item))
			item++;
		e = item + strlen(item);
		while (e > item && isspace((unsigned char)e[-1]))
			*--e = '\0';
		ss->addrs = xreallocarray(ss->addrs, ss->naddrs + 1,
		    sizeof *ss->addrs);
		if (store_sentinel_parse_one(item,
		    &ss->addrs[ss->naddrs]) == -1) {
			xasprintf(cause, "sentinels: expected host:port, got "
			    "\"%s\"", item);
			free(copy);
			return (-1);
		}
		ss->naddrs++;
	}
	free(copy);
	if (ss->naddrs == 0) {
		xasprintf(cause, "sentinels: no host:port given");
		return (-1);
	}
	return (0);
}

static void
store_sentinel_fail(struct store_sentinel *ss, const char *fmt, ...)
    __attribute__((__format__(__printf__, 2, 3)));

/* The current sentinel failed: note why and go on with the next one. */
static void
store_sentinel_fail(struct store_sentinel *ss, const char *fmt, ...)
{
	struct timeval	 zero = { 0, 0 };
	va_list		 ap;
	char		*msg;

	va_start(ap, fmt);
	xvasprintf(&msg, fmt, ap);
	va_end(ap);
	free(ss->why);
	xasprintf(&ss->why, "sentinel %s: %s", ss->addrs[ss->cur].text, msg);
	free(msg);
	log_debug("redis: %s", ss->why);
	evtimer_del(ss->timer_ev);
	ss->cur = (ss->cur + 1) % ss->naddrs;
	ss->tried++;
	evtimer_add(ss->step_ev, &zero);
}

/* Drop the query context (it is no longer current when freed). */
static void
store_sentinel_drop_query(struct store_sentinel *ss)
{
	redisAsyncContext	*ac = ss->qac;

	ss->qac = NULL;
	evtimer_del(ss->timer_ev);
	if (ac != NULL)
		redisAsyncFree(ac);	/* deferred inside its callbacks */
}

static void
store_sentinel_drop_watch(struct store_sentinel *ss)
{
	redisAsyncContext	*ac = ss->wac;

	ss->wac = NULL;
	if (ac != NULL)
		redisAsyncFree(ac);
}

static void
store_sentinel_switch_msg_cb(redisAsyncContext *ac, void *r, void *privdata)
{
	struct store_sentinel	*ss = privdata;
	redisReply		*reply = r, *msg;
	char			 name[256], oldip[64], newip[64];
	int			 oldport, newport;

	if (reply == NULL || ss->closing || ac != ss->wac)
		return;
	if (reply->type != REDIS_REPLY_ARRAY || reply->elements != 3 ||
	    reply->element[0]->type != REDIS_REPLY_STRING ||
	    strcmp(reply->element[0]->str, "message") != 0)
		return;		/* the subscribe confirmation */
	msg = reply->element[2];
	if (msg->type != REDIS_REPLY_STRING || sscanf(msg->str,
	    "%255s %63s %d %63s %d", name, oldip, &oldport, newip,
	    &newport) != 5 || strcmp(name, ss->name) != 0)
		return;
	log_info("redis: sentinel %s: +switch-master %s from %s:%d to %s:%d",
	    ss->addrs[ss->cur].text, name, oldip, oldport, newip, newport);
	if (ss->sw != NULL)
		ss->sw(newip, newport, ss->arg);
}

/* The answer to SENTINEL get-master-addr-by-name. */
static void
store_sentinel_reply_cb(redisAsyncContext *ac, void *r, void *privdata)
{
	struct store_sentinel	*ss = privdata;
	redisReply		*reply = r;
	char			*host, *end;
	long			 port;

	if (ss->closing || ac != ss->qac)
		return;
	if (reply == NULL) {
		ss->qac = NULL;		/* hiredis is freeing it */
		store_sentinel_fail(ss, "connection lost: %s",
		    ac->errstr[0] != '\0' ? ac->errstr : "closed");
		return;
	}
	if (reply->type == REDIS_REPLY_NIL) {
		store_sentinel_drop_query(ss);
		store_sentinel_fail(ss, "does not know master %s", ss->name);
		return;
	}
	if (reply->type == REDIS_REPLY_ERROR) {
		store_sentinel_fail(ss, "%.*s", (int)reply->len, reply->str);
		store_sentinel_drop_query(ss);
		return;
	}
	port = 0;
	if (reply->type == REDIS_REPLY_ARRAY && reply->elements == 2 &&
	    reply->element[0]->type == REDIS_REPLY_STRING &&
	    reply->element[1]->type == REDIS_REPLY_STRING)
		port = strtol(reply->element[1]->str, &end, 10);
	if (port < 1 || port > 65535) {
		store_sentinel_drop_query(ss);
		store_sentinel_fail(ss, "unexpected answer to SENTINEL "
		    "get-master-addr-by-name");
		return;
	}
	/* This sentinel is asked first next time and watched meanwhile. */
	evtimer_del(ss->timer_ev);
	ss->qac = NULL;
	ss->wac = ac;
	ss->active = 0;
	if (redisAsyncCommand(ac, store_sentinel_switch_msg_cb, ss,
	    "SUBSCRIBE +switch-master") != REDIS_OK)
		log_debug("redis: sentinel %s: cannot subscribe",
		    ss->addrs[ss->cur].text);
	host = xstrdup(reply->element[0]->str);
	log_info("redis: sentinel %s: master %s is at %s:%ld",
	    ss->addrs[ss->cur].text, ss->name, host, port);
	ss->found(host, (int)port, NULL, ss->arg);
	free(host);
}

static void
store_sentinel_connect_cb(const redisAsyncContext *ac, int status)
{
	struct store_sentinel	*ss = ac->data;

	if (ss->closing || status == REDIS_OK || ac != ss->qac)
		return;
	/* hiredis frees ac after this; its pending reply gets NULL. */
	ss->qac = NULL;
	store_sentinel_fail(ss, "cannot connect: %s", ac->errstr);
}

static void
store_sentinel_disconnect_cb(const redisAsyncContext *ac, int status)
{
	struct store_sentinel	*ss = ac->data;

	if (ss->closing)
		return;
	if (ac == ss->wac) {
		ss->wac = NULL;
		log_debug("redis: sentinel %s: watch connection closed",
		    ss->addrs[ss->cur].text);
	} else if (ac == ss->qac) {
		ss->qac = NULL;
		store_sentinel_fail(ss, "connection lost: %s",
		    status == REDIS_OK ? "closed" : ac->errstr);
	}
}

static void
store_sentinel_timeout_cb(evutil_socket_t fd, short ev, void *arg)
{
	struct store_sentinel	*ss = arg;

	store_sentinel_drop_query(ss);
	store_sentinel_fail(ss, "no answer within %d s", ss->timeout);
}

/* Ask the current sentinel, or end the round when all of them failed. */
static void
store_sentinel_step_cb(evutil_socket_t fd, short ev, void *arg)
{
	struct store_sentinel		*ss = arg;
	struct store_sentinel_addr	*a;
	redisAsyncContext		*ac;
	struct timeval			 tv;
	char				*why;

	if (ss->closing || !ss->active || ss->qac != NULL)
		return;
	if (ss->tried >= ss->naddrs) {
		ss->active = 0;
		xasprintf(&why, "no sentinel gave the address of master %s "
		    "(%zu asked; last: %s)", ss->name, ss->naddrs,
		    ss->why != NULL ? ss->why : "?");
		ss->found(NULL, 0, why, ss->arg);
		free(why);
		return;
	}
	a = &ss->addrs[ss->cur];
	ac = redisAsyncConnect(a->host, a->port);
	if (ac == NULL || ac->err) {
		store_sentinel_fail(ss, "cannot connect: %s", ac != NULL ?
		    ac->errstr : "out of memory");
		if (ac != NULL)
			redisAsyncFree(ac);
		return;
	}
	ac->data = ss;
	ss->qac = ac;
	redisLibeventAttach(ac, ss->base);
	redisAsyncSetConnectCallback(ac, store_sentinel_connect_cb);
	redisAsyncSetDisconnectCallback(ac, store_sentinel_disconnect_cb);
	/* hiredis sends it once the connection is up. */
	if (redisAsyncCommand(ac, store_sentinel_reply_cb, ss,
	    "SENTINEL get-master-addr-by-name %s", ss->name) != REDIS_OK) {
		store_sentinel_drop_query(ss);
		store_sentinel_fail(ss, "cannot send the query");
		return;
	}
	tv.tv_sec = ss->timeout;
	tv.tv_usec = 0;
	evtimer_add(ss->timer_ev, &tv);
}

struct store_sentinel *
store_sentinel_new(struct event_base *base, const char *sentinels,
    const char *master_name, int timeout, store_sentinel_found_cb found,
    store_sentinel_switch_cb sw, void *arg, char **cause)
{
	struct store_sentinel	*ss = xcalloc(1, sizeof *ss);

	if (master_name == NULL || *master_name == '\0') {
		xasprintf(cause, "sentinels: master_name is not set");
		free(ss);
		return (NULL);
	}
	if (store_sentinel_parse(ss, sentinels, cause) == -1) {
		store_sentinel_free(ss);
		return (NULL);
	}
	ss->base = base;
	ss->name = xstrdup(master_name);
	ss->timeout = timeout;
	ss->found = found;
	ss->sw = sw;
	ss->arg = arg;
	ss->step_ev = evtimer_new(base, store_sentinel_step_cb, ss);
	ss->timer_ev = evtimer_new(base, store_sentinel_timeout_cb, ss);
	return (ss);
}

void
store_sentinel_free(struct store_sentinel *ss)
{
	size_t	i;

	if (ss == NULL)
		return;
	ss->closing = 1;
	store_sentinel_drop_query(ss);
	store_sentinel_drop_watch(ss);
	if (ss->step_ev != NULL)
		event_free(ss->step_ev);
	if (ss->timer_ev != NULL)
		event_free(ss->timer_ev);
	for (i = 0; i < ss->naddrs; i++) {
		free(ss->addrs[i].host);
		free(ss->addrs[i].text);
	}
	free(ss->addrs);
	free(ss->name);
	free(ss->why);
	free(ss);
}

void
store_sentinel_discover(struct store_sentinel *ss)
{
	struct timeval	zero = { 0, 0 };

	if (ss->active)
		return;
	ss->active = 1;
	ss->tried = 0;
	free(ss->why);
	ss->why = NULL;
	store_sentinel_drop_watch(ss);
	evtimer_add(ss->step_ev, &zero);
}

const char *
store_sentinel_current(const struct store_sentinel *ss)
{
	return (ss->addrs[ss->cur].text);
}

const char *
store_sentinel_name(const struct store_sentinel *ss)
{
	return (ss->name);
}
