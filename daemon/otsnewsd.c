/*
 * otsnewsd.c -- the daemon: options, start-up, signals, the loop.
 *
 * main owns the event_base and the one struct daemon.  Modes: service (poll
 * until SIGTERM/SIGINT), --once (poll every source once, drain, exit),
 * --dry-run (print records as JSON lines instead of writing to Redis),
 * -t (check the configuration).
 */
#include <sys/queue.h>
#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <event2/event.h>
#include <libxml/parser.h>
#include <systemd/sd-daemon.h>

#include "buf.h"
#include "config.h"
#include "daemon.h"
#include "dedup.h"
#include "fetch.h"
#include "log.h"
#include "metrics.h"
#include "pipeline.h"
#include "robots-cache.h"
#include "source.h"
#include "spool.h"
#include "store.h"
#include "topic.h"
#include "xmalloc.h"

#define EXIT_CONFIG	1
#define EXIT_NO_REDIS	2
#define EXIT_LOST	3	/* articles neither published nor spooled */

#define DAEMON_STATUS_SECONDS	5	/* sd_notify STATUS= refresh */
#define ROBOTS_MAX_BYTES	(512 * 1024)	/* RFC 9309: at least 500 KiB */

static void
usage(FILE *f)
{
	fprintf(f, "usage: otsnewsd [-c FILE] [--once] [--dry-run] "
	    "[-t|--check-config] [--version] [-h|--help]\n");
}

/* Origins of the configured sources: trusted by the private guard. */
static char **
daemon_trusted_origins(const struct config *conf)
{
	const struct source_conf	*sc;
	char				**list;
	size_t				 n = 0;

	list = xcalloc(conf->nsources + 1, sizeof *list);
	TAILQ_FOREACH(sc, &conf->sources, entry)
		list[n++] = xstrdup(sc->url);
	return (list);
}

static void
daemon_free_strings(char **list)
{
	size_t	i;

	if (list == NULL)
		return;
	for (i = 0; list[i] != NULL; i++)
		free(list[i]);
	free(list);
}

static void
daemon_fetch_config(struct daemon *d, struct fetch_config *fc)
{
	const struct config	*conf = d->conf;

	memset(fc, 0, sizeof *fc);
	fc->user_agent = conf->user_agent;
	fc->timeout = conf->fetch_timeout;
	fc->connect_timeout = conf->connect_timeout;
	fc->max_redirects = conf->max_redirects;
	fc->allow_private = conf->allow_private_networks;
	fc->max_connections = conf->max_connections;
	fc->max_host_connections = conf->max_host_connections;
	daemon_free_strings(d->trusted);
	d->trusted = daemon_trusted_origins(conf);
	fc->trusted_origins = (const char *const *)d->trusted;
}

static struct topic_terms *
daemon_load_terms(const struct config *conf, char **cause)
{
	return (topic_load(conf->terms, cause));
}

static void
daemon_log_summary(const char *what)
{
	struct buf	b;

	buf_init(&b, 0);
	metrics_summary(&b);
	log_info("%s: %s", what, b.len != 0 ? b.data : "nothing done");
	buf_clear(&b);
}

/*
 * Asked once per loop turn: is there work that can still make progress?
 * Only --once and a stopping daemon end when there is none.
 */
static int
daemon_work_left(struct daemon *d)
{
	if (!d->once && !d->stopping)
		return (1);
	if (!d->stopping && (!d->started || !source_all_polled(d)))
		return (1);
	if (source_active(d) != 0 || pipeline_busy(d->pipeline))
		return (1);
	if (d->store != NULL && store_connected(d->store) &&
	    store_pending(d->store) != 0)
		return (1);
	return (0);
}

static void
daemon_turn(struct daemon *d)
{
	int	paused = pipeline_paused(d->pipeline);

	if (paused != d->paused) {
		d->paused = paused;
		source_pause_all(d, paused);
	}
	if (!daemon_work_left(d))
		d->quit = 1;
}

static void
daemon_start_sources(struct daemon *d)
{
	if (d->started || d->stopping)
		return;
	d->started = 1;
	source_start_all(d);
}

static void
daemon_start_cb(evutil_socket_t fd, short ev, void *arg)
{
	daemon_start_sources(arg);
}

/* What a source found goes to the pipeline (sources never call it). */
static void
daemon_offer_cb(const struct source_conf *sc, const char *link,
    const struct feed_entry *e, int listing, void (*done)(int, void *),
    void *done_arg, void *arg)
{
	struct daemon	*d = arg;

	pipeline_offer(d->pipeline, sc, link, e, listing, done, done_arg);
}

static size_t
daemon_sources_active_cb(void *arg)
{
	return (source_active(arg));
}

static void
daemon_store_cb(int connected, void *arg)
{
	struct daemon	*d = arg;

	pipeline_redis_state(d->pipeline, connected);
	/*
	 * Polling starts once Redis has answered, either way: the first
	 * polls then take their leases (several daemons do not all poll
	 * every source at start) and seen-checks find what is published.
	 */
	daemon_start_sources(d);
}

/*
 * A drain that outlasts [daemon] stop_timeout (a page that trickles, a Redis
 * that answers slowly) ends like a second signal: transfers are cancelled
 * and what is queued goes to the spool at teardown (their pages are fetched
 * again after the restart: nothing marked them seen).  The default, 20 s,
 * is well inside the unit's TimeoutStopSec=60s, so systemd never has to
 * SIGKILL a daemon that is still writing its spool.
 */
static void
daemon_stop_timeout_cb(evutil_socket_t fd, short ev, void *arg)
{
	struct daemon	*d = arg;

	log_warnx("still draining after stop_timeout = %d s: exiting now "
	    "(queued articles go to the spool)", d->conf->stop_timeout);
	d->quit = 1;
}

static void
daemon_stop(struct daemon *d, const char *why)
{
	struct timeval	tv;

	if (d->stopping)
		return;
	log_info("%s: stopping (draining transfers and writes)", why);
	sd_notify(0, "STOPPING=1");
	d->stopping = 1;
	tv.tv_sec = d->conf->stop_timeout;
	tv.tv_usec = 0;
	d->stop_ev = evtimer_new(d->base, daemon_stop_timeout_cb, d);
	evtimer_add(d->stop_ev, &tv);
	source_stop_all(d);
	pipeline_close(d->pipeline);
}

static void
daemon_sigterm_cb(evutil_socket_t sig, short ev, void *arg)
{
	struct daemon	*d = arg;

	if (d->stopping) {
		log_warnx("second signal: exiting now");
		d->quit = 1;
		return;
	}
	daemon_stop(d, sig == SIGINT ? "SIGINT" : "SIGTERM");
}

/*
 * [redis] keys that a running daemon cannot change without splitting what
 * it keeps in Redis (the connection, the stream, the key names, the TTL the
 * dedup state was written with): a reload keeps the running value and says
 * so once per key.  maxlen applies at once (the next XADD trims to it).
 */
static void
daemon_keep_str(const char *key, const char *run, char **next)
{
	const char	*a = run != NULL ? run : "", *b = *next != NULL ?
			    *next : "";

	if (strcmp(a, b) == 0)
		return;
	log_warnx("reload: [redis] %s changed; it takes effect on restart "
	    "(keeping \"%s\")", key, a);
	free(*next);
	*next = run != NULL ? xstrdup(run) : NULL;
}

static void
daemon_keep_int(const char *key, int run, int *next)
{
	if (run == *next)
		return;
	log_warnx("reload: [redis] %s changed; it takes effect on restart "
	    "(keeping %d)", key, run);
	*next = run;
}

static void
daemon_keep_redis(const struct config *run, struct config *next)
{
	char	*cause = NULL;

	if (!config_redis_equal(run, next)) {
		/*
		 * The url carries host, port, password and db together; the
		 * password may come from password_file.  Keep all of it.
		 */
		log_warnx("reload: [redis] %s changed; it takes effect on "
		    "restart (keeping the running connection)",
		    strcmp(run->redis_url, next->redis_url) != 0 ? "url" :
		    "password");
		free(next->redis_url);
		next->redis_url = xstrdup(run->redis_url);
		config_redis_clear(&next->redis);
		if (config_redis_url(next->redis_url, &next->redis,
		    &cause) == -1)
			fatalx("reload: running redis url: %s", cause);
		free(next->redis.password);
		next->redis.password = xstrdup_or_null(run->redis.password);
	}
	daemon_keep_str("password_file", run->redis_password_file,
	    &next->redis_password_file);
	daemon_keep_str("stream", run->stream, &next->stream);
	daemon_keep_str("key_prefix", run->key_prefix, &next->key_prefix);
	daemon_keep_int("retention_days", run->retention_days,
	    &next->retention_days);
	daemon_keep_int("timeout", run->redis_timeout, &next->redis_timeout);
	daemon_keep_int("databases", run->redis_databases,
	    &next->redis_databases);
	daemon_keep_str("sentinels", run->redis_sentinels,
	    &next->redis_sentinels);
	daemon_keep_str("master_name", run->redis_master_name,
	    &next->redis_master_name);
	daemon_keep_int("wait_replicas", run->redis_wait_replicas,
	    &next->redis_wait_replicas);
}

/* SIGHUP: parse the new configuration; swap only if it is clean. */
static void
daemon_sighup_cb(evutil_socket_t sig, short ev, void *arg)
{
	struct daemon		*d = arg;
	struct config		*conf, *old;
	struct topic_terms	*terms;
	struct fetch_config	 fc;
	char			*cause = NULL;

	sd_notify(0, "RELOADING=1");
	log_info("SIGHUP: reloading %s", d->conf->path);
	if ((conf = config_load(d->conf->path, &cause)) == NULL ||
	    (terms = daemon_load_terms(conf, &cause)) == NULL) {
		log_warnx("reload failed, keeping the running "
		    "configuration: %s", cause);
		free(cause);
		config_free(conf);
		metrics_reload_result(0);
		sd_notify(0, "READY=1");
		return;
	}
	daemon_keep_redis(d->conf, conf);
	pipeline_configure(d->pipeline, conf, terms);
	topic_free(d->terms);
	d->terms = terms;
	old = d->conf;
	d->conf = conf;
	config_free(old);
	log_set_level(conf->log_level);
	daemon_fetch_config(d, &fc);
	fetch_configure(d->fetch, &fc);
	source_reload(d);
	metrics_inc(M_RELOADS);
	metrics_reload_result(1);
	sd_notify(0, "READY=1");
	log_info("reloaded: %zu sources", conf->nsources);
}

/*
 * /ready: Redis can take records, or the spool can.  The spool was proven
 * writable at start; whether it still is shows as the pause (a failed
 * write), so a probe need not write a file on every request.
 */
static int
daemon_ready_cb(void *arg)
{
	struct daemon	*d = arg;

	if (d->dry_run)
		return (1);
	if (d->store != NULL && store_connected(d->store))
		return (1);
	return (!pipeline_paused(d->pipeline));
}

/* The one line systemctl status shows; refreshed every few seconds. */
static void
daemon_status_cb(evutil_socket_t fd, short ev, void *arg)
{
	struct daemon	*d = arg;

	sd_notifyf(0, "STATUS=%zu sources, %llu published, %zu spooled, "
	    "Redis %s%s", d->conf->nsources,
	    metrics_get(M_ARTICLES_PUBLISHED),
	    d->spool != NULL ? spool_count(d->spool) : 0,
	    d->store == NULL ? "not used (--dry-run)" :
	    store_connected(d->store) ? "up" : "down",
	    d->paused ? ", fetching paused" : "");
}

static void
daemon_watchdog_cb(evutil_socket_t fd, short ev, void *arg)
{
	sd_notify(0, "WATCHDOG=1");
}

static void
daemon_once_timeout_cb(evutil_socket_t fd, short ev, void *arg)
{
	struct daemon	*d = arg;

	log_warnx("--once: still busy after %d s, giving up (spooled "
	    "records are kept)", d->conf->once_timeout);
	d->quit = 1;
}

struct daemon_options {
	const char	*conf_path;
	int		 once;
	int		 dry_run;
	int		 check;
};

static void
daemon_options(int argc, char **argv, struct daemon_options *o)
{
	static const struct option longopts[] = {
		{ "once", no_argument, NULL, 'o' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "check-config", no_argument, NULL, 't' },
		{ "config", required_argument, NULL, 'c' },
		{ "version", no_argument, NULL, 'V' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int	ch;

	memset(o, 0, sizeof *o);
	o->conf_path = CONFIG_DEFAULT_PATH;
	while ((ch = getopt_long(argc, argv, "c:th", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c': o->conf_path = optarg; break;
		case 'o': o->once = 1; break;
		case 'n': o->dry_run = 1; break;
		case 't': o->check = 1; break;
		case 'V':
			printf("otsnewsd %s\n", OTSNEWS_VERSION);
			exit(0);
		case 'h':
			usage(stdout);
			exit(0);
		default:
			usage(stderr);
			exit(EXIT_CONFIG);
		}
	}
	if (optind != argc) {
		usage(stderr);
		exit(EXIT_CONFIG);
	}
}

static struct event *
daemon_add_signal(struct daemon *d, int sig, event_callback_fn cb)
{
	struct event	*ev = evsignal_new(d->base, sig, cb, d);

	evsignal_add(ev, NULL);
	return (ev);
}

static char *
daemon_instance_id(void)
{
	char	 host[256], *id;

	if (gethostname(host, sizeof host) == -1)
		snprintf(host, sizeof host, "localhost");
	host[sizeof host - 1] = '\0';
	xasprintf(&id, "%s:%ld:%08x", host, (long)getpid(), arc4random());
	return (id);
}

/* Everything is set up before any work starts; nothing runs until the loop. */
static void
daemon_setup(struct daemon *d)
{
	struct pipeline_env	 env;
	struct fetch_config	 fc;
	char			*cause = NULL;
	struct timeval		 tv;
	uint64_t		 usec;

	d->instance_id = daemon_instance_id();
	daemon_fetch_config(d, &fc);
	d->fetch = fetch_new(d->base, &fc);
	if (!d->dry_run) {
		if ((d->spool = spool_open(d->conf->state_dir, &cause)) == NULL)
			fatalx("state_dir cannot hold a spool: %s", cause);
		if (spool_count(d->spool) != 0)
			log_info("spool: %zu records from an earlier run wait "
			    "for Redis", spool_count(d->spool));
		d->store = store_new(d->base, &d->conf->redis,
		    d->conf->redis_timeout, daemon_store_cb, d);
		if (d->conf->redis_sentinels != NULL &&
		    store_set_sentinels(d->store, d->conf->redis_sentinels,
		    d->conf->redis_master_name, &cause) == -1)
			fatalx("[redis] %s", cause);
	}
	d->robots = robots_cache_new(d->fetch, "otsnewsd",
	    ROBOTS_MAX_BYTES);
	memset(&env, 0, sizeof env);
	env.base = d->base;
	env.fetch = d->fetch;
	env.store = d->store;
	env.spool = d->spool;
	env.robots = d->robots;
	env.sources_active = daemon_sources_active_cb;
	env.arg = d;
	d->pipeline = pipeline_new(&env, d->conf, d->terms);
	source_init(daemon_offer_cb, d, d->instance_id);
	source_create_all(d);
	if (d->conf->metrics_listen != NULL && !d->once &&
	    metrics_listen(d->base, d->conf->metrics_listen, daemon_ready_cb,
	    d, &cause) == -1)
		fatalx("%s", cause);
	metrics_reload_result(1);
	if (!d->once) {
		d->status_ev = event_new(d->base, -1, EV_PERSIST,
		    daemon_status_cb, d);
		tv.tv_sec = DAEMON_STATUS_SECONDS;
		tv.tv_usec = 0;
		evtimer_add(d->status_ev, &tv);
	}
	/* Start when Redis answered, or after its timeout anyway. */
	tv.tv_sec = d->dry_run ? 0 : d->conf->redis_timeout;
	tv.tv_usec = 0;
	d->start_ev = evtimer_new(d->base, daemon_start_cb, d);
	evtimer_add(d->start_ev, &tv);
	if (d->once) {
		tv.tv_sec = d->conf->once_timeout;
		d->timer_ev = evtimer_new(d->base, daemon_once_timeout_cb, d);
		evtimer_add(d->timer_ev, &tv);
	} else {
		if (sd_watchdog_enabled(0, &usec) > 0) {
			tv.tv_sec = (time_t)(usec / 2 / 1000000);
			tv.tv_usec = (suseconds_t)(usec / 2 % 1000000);
			d->watchdog_ev = event_new(d->base, -1, EV_PERSIST,
			    daemon_watchdog_cb, d);
			evtimer_add(d->watchdog_ev, &tv);
		}
	}
}

/*
 * Tear down in the reverse order of who can call whom: nothing new starts
 * (stopping, pipeline closed); transfers are cancelled (their callbacks
 * see the closed pipeline); the store's pending replies run with NULL;
 * the pipeline spools or lists what it still holds and delivers the last
 * completions to the sources; then the sources go.  Returns the number
 * of articles lost.
 */
static size_t
daemon_teardown(struct daemon *d)
{
	size_t	lost;

	d->stopping = 1;
	source_stop_all(d);
	pipeline_close(d->pipeline);
	fetch_free(d->fetch);
	d->fetch = NULL;
	robots_cache_free(d->robots);
	store_free(d->store);
	lost = pipeline_free(d->pipeline);
	source_free_all(d);
	d->spool_left = d->spool != NULL ? spool_count(d->spool) : 0;
	spool_close(d->spool);
	metrics_close();
	if (d->start_ev != NULL)
		event_free(d->start_ev);
	if (d->timer_ev != NULL)
		event_free(d->timer_ev);
	if (d->stop_ev != NULL)
		event_free(d->stop_ev);
	if (d->watchdog_ev != NULL)
		event_free(d->watchdog_ev);
	if (d->status_ev != NULL)
		event_free(d->status_ev);
	topic_free(d->terms);
	daemon_free_strings(d->trusted);
	free(d->instance_id);
	return (lost);
}

static int
daemon_exit_code(struct daemon *d, size_t lost, size_t spooled)
{
	if (lost != 0) {
		log_warnx("%zu articles were neither published nor spooled "
		    "(listed above)", lost);
		return (EXIT_LOST);
	}
	if (d->dry_run)
		return (0);
	if (spooled != 0)
		log_warnx("%zu records wait in the spool for Redis", spooled);
	if (d->once && !d->ever_connected && spooled == 0) {
		log_warnx("Redis was never reachable and nothing could be "
		    "delivered or spooled");
		return (EXIT_NO_REDIS);
	}
	return (0);
}

/* -t: the file, the term list, and a state_dir that can hold a spool. */
static int
daemon_check(struct daemon *d, const char *path)
{
	char	*cause = NULL;

	if (spool_check(d->conf->state_dir, &cause) == -1) {
		fprintf(stderr, "%s:%d: state_dir: %s\n", path,
		    d->conf->state_dir_line, cause);
		free(cause);
		return (EXIT_CONFIG);
	}
	fprintf(stderr, "%s: configuration OK (%zu sources)\n", path,
	    d->conf->nsources);
	return (0);
}

/*
 * The event base, with epoll's changelist: hiredis's read events are not
 * persistent (each answer deletes its event and the handler adds it
 * back) and libcurl moves its sockets between read and write, so without
 * it every such turn costs two epoll_ctl calls; the changelist applies
 * only the net change before each epoll_wait (~20 epoll_ctl calls an
 * article without it, bench/RESULTS.md).  It is unsafe only with dup()ed
 * descriptors, which nothing here gives libevent.
 */
static struct event_base *
daemon_event_base(void)
{
	struct event_config	*cfg;
	struct event_base	*base = NULL;

	if ((cfg = event_config_new()) != NULL) {
		event_config_set_flag(cfg,
		    EVENT_BASE_FLAG_EPOLL_USE_CHANGELIST);
		base = event_base_new_with_config(cfg);
		event_config_free(cfg);
	}
	return (base != NULL ? base : event_base_new());
}

int
main(int argc, char **argv)
{
	struct daemon_options	 o;
	struct daemon		 d;
	struct event		*sigs[3];
	char			*cause = NULL;
	size_t			 lost, spooled;
	int			 i, code;

	daemon_options(argc, argv, &o);
	log_init("otsnewsd", LOG_LEVEL_INFO);
	memset(&d, 0, sizeof d);
	TAILQ_INIT(&d.sources);
	if ((d.conf = config_load(o.conf_path, &cause)) == NULL) {
		fprintf(stderr, "%s\n", cause);
		free(cause);
		return (EXIT_CONFIG);
	}
	if ((d.terms = daemon_load_terms(d.conf, &cause)) == NULL) {
		fprintf(stderr, "%s\n", cause);
		free(cause);
		config_free(d.conf);
		return (EXIT_CONFIG);
	}
	if (o.check) {
		code = daemon_check(&d, o.conf_path);
		topic_free(d.terms);
		config_free(d.conf);
		return (code);
	}
	log_set_level(d.conf->log_level);
	signal(SIGPIPE, SIG_IGN);
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != 0)
		fatalx("curl_global_init failed");
	xmlInitParser();
	log_hook_libraries();
	d.once = o.once;
	d.dry_run = o.dry_run;
	if ((d.base = daemon_event_base()) == NULL)
		fatalx("event_base_new failed");
	sigs[0] = daemon_add_signal(&d, SIGTERM, daemon_sigterm_cb);
	sigs[1] = daemon_add_signal(&d, SIGINT, daemon_sigterm_cb);
	sigs[2] = daemon_add_signal(&d, SIGHUP, daemon_sighup_cb);
	log_info("otsnewsd %s starting: %zu sources%s%s", OTSNEWS_VERSION,
	    d.conf->nsources, d.once ? ", --once" : "",
	    d.dry_run ? ", --dry-run" : "");
	daemon_setup(&d);
	sd_notify(0, "READY=1");
	/* One turn of the loop at a time; then ask whether work is left. */
	while (!d.quit) {
		if (event_base_loop(d.base, EVLOOP_ONCE) == -1) {
			log_warnx("event loop failed");
			break;
		}
		daemon_turn(&d);
	}
	d.ever_connected = d.store != NULL && store_ever_connected(d.store);
	daemon_log_summary(d.once ? "run complete" : "stopped");
	lost = daemon_teardown(&d);
	spooled = d.spool_left;
	code = daemon_exit_code(&d, lost, spooled);
	for (i = 0; i < 3; i++)
		event_free(sigs[i]);
	event_base_free(d.base);
	config_free(d.conf);
	xmlCleanupParser();
	curl_global_cleanup();
	return (code);
}
