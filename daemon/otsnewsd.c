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
#include "source.h"
#include "spool.h"
#include "store.h"
#include "topic.h"
#include "xmalloc.h"

#define EXIT_CONFIG	1
#define EXIT_NO_REDIS	2

static void
usage(FILE *f)
{
	fprintf(f, "usage: otsnewsd [-c FILE] [--once] [--dry-run] "
	    "[-t|--check-config] [--version] [-h|--help]\n");
}

static void
daemon_fetch_config(const struct config *conf, struct fetch_config *fc)
{
	memset(fc, 0, sizeof *fc);
	fc->user_agent = conf->user_agent;
	fc->timeout = conf->fetch_timeout;
	fc->connect_timeout = conf->connect_timeout;
	fc->max_redirects = conf->max_redirects;
	fc->allow_private = conf->allow_private_networks;
	fc->max_connections = conf->max_connections;
	fc->max_host_connections = conf->max_host_connections;
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

void
daemon_check_done(struct daemon *d)
{
	size_t	active, waiting;

	if (!d->once && !d->stopping)
		return;
	if (!d->started && !d->stopping)
		return;
	if (d->once && !d->stopping && !source_all_polled(d))
		return;
	if (source_active(d) != 0)
		return;
	active = pipeline_active(d->pipeline);
	waiting = pipeline_waiting(d->pipeline);
	/* Waiting articles are spooled; with Redis up they are publishing. */
	if (active > waiting)
		return;
	if (waiting != 0 && d->store != NULL && store_connected(d->store))
		return;
	if (d->store != NULL && store_pending(d->store) != 0)
		return;
	event_base_loopexit(d->base, NULL);
}

static void
daemon_start_sources(struct daemon *d)
{
	if (d->started)
		return;
	d->started = 1;
	source_start_all(d);
	daemon_check_done(d);	/* no sources at all */
}

static void
daemon_start_cb(evutil_socket_t fd, short ev, void *arg)
{
	daemon_start_sources(arg);
}

static void
daemon_replay_one(struct article *a, char *link_id, char *name, void *arg)
{
	struct daemon	*d = arg;

	pipeline_publish_spooled(d->pipeline, a, link_id, name);
}

static void
daemon_store_cb(int connected, void *arg)
{
	struct daemon	*d = arg;

	if (connected)
		pipeline_redis_up(d->pipeline);
	/* --once starts polling once Redis has answered, either way. */
	if (d->once)
		daemon_start_sources(d);
	daemon_check_done(d);
}

static void
daemon_stop(struct daemon *d, const char *why)
{
	if (d->stopping)
		return;
	log_info("%s: stopping (draining transfers and writes)", why);
	sd_notify(0, "STOPPING=1");
	d->stopping = 1;
	source_stop_all(d);
	daemon_check_done(d);
}

static void
daemon_sigterm_cb(evutil_socket_t sig, short ev, void *arg)
{
	struct daemon	*d = arg;

	if (d->stopping) {
		log_warnx("second signal: exiting now");
		event_base_loopbreak(d->base);
		return;
	}
	daemon_stop(d, sig == SIGINT ? "SIGINT" : "SIGTERM");
}

/* SIGHUP: parse the new configuration; swap only if it is clean. */
static void
daemon_sighup_cb(evutil_socket_t sig, short ev, void *arg)
{
	struct daemon		*d = arg;
	struct config		*conf;
	struct topic_terms	*terms;
	struct fetch_config	 fc;
	char			*cause = NULL;

	sd_notify(0, "RELOADING=1");
	log_info("SIGHUP: reloading %s", d->conf->path);
	if ((conf = config_load(d->conf->path, &cause)) == NULL) {
		log_warnx("reload failed, keeping the running "
		    "configuration: %s", cause);
		free(cause);
		sd_notify(0, "READY=1");
		return;
	}
	if ((terms = daemon_load_terms(conf, &cause)) == NULL) {
		log_warnx("reload failed, keeping the running "
		    "configuration: %s", cause);
		free(cause);
		config_free(conf);
		sd_notify(0, "READY=1");
		return;
	}
	if (strcmp(conf->redis_url, d->conf->redis_url) != 0 ||
	    strcmp(conf->stream, d->conf->stream) != 0)
		log_warnx("reload: [redis] changes take effect on restart");
	topic_free(d->terms);
	d->terms = terms;
	config_free(d->conf);
	d->conf = conf;
	log_set_level(conf->log_level);
	daemon_fetch_config(conf, &fc);
	fetch_configure(d->fetch, &fc);
	source_reload(d);
	metrics_inc(M_RELOADS);
	sd_notify(0, "READY=1");
	log_info("reloaded: %zu sources", conf->nsources);
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
	event_base_loopbreak(d->base);
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

static void
daemon_setup(struct daemon *d)
{
	struct fetch_config	 fc;
	char			*cause = NULL;
	struct timeval		 tv;
	uint64_t		 usec;

	daemon_fetch_config(d->conf, &fc);
	d->fetch = fetch_new(d->base, &fc);
	d->pipeline = pipeline_new(d);
	source_create_all(d);
	if (d->conf->metrics_listen != NULL && !d->once &&
	    metrics_listen(d->base, d->conf->metrics_listen, &cause) == -1)
		fatalx("%s", cause);
	if (!d->dry_run) {
		if ((d->spool = spool_open(d->conf->state_dir, &cause)) == NULL)
			log_warnx("spool disabled: %s", cause);
		free(cause);
		cause = NULL;
		if (d->spool != NULL && spool_count(d->spool) != 0) {
			log_info("spool: %zu records from an earlier run",
			    spool_count(d->spool));
			spool_replay(d->spool, daemon_replay_one, d);
		}
		d->store = store_new(d->base, &d->conf->redis,
		    d->conf->redis_timeout, daemon_store_cb, d);
	}
	if (d->once) {
		/* Start when Redis answered, or after its timeout anyway. */
		tv.tv_sec = d->dry_run ? 0 : d->conf->redis_timeout;
		tv.tv_usec = 0;
		d->start_ev = evtimer_new(d->base, daemon_start_cb, d);
		evtimer_add(d->start_ev, &tv);
		tv.tv_sec = d->conf->once_timeout;
		d->timer_ev = evtimer_new(d->base, daemon_once_timeout_cb, d);
		evtimer_add(d->timer_ev, &tv);
	} else {
		daemon_start_sources(d);
		if (sd_watchdog_enabled(0, &usec) > 0) {
			tv.tv_sec = (time_t)(usec / 2 / 1000000);
			tv.tv_usec = (suseconds_t)(usec / 2 % 1000000);
			d->timer_ev = event_new(d->base, -1, EV_PERSIST,
			    daemon_watchdog_cb, d);
			evtimer_add(d->timer_ev, &tv);
		}
	}
}

static int
daemon_exit_code(struct daemon *d)
{
	if (d->dry_run || d->store == NULL)
		return (0);
	if (!store_ever_connected(d->store) &&
	    (d->spool == NULL || spool_count(d->spool) == 0)) {
		log_warnx("Redis was never reachable and nothing could be "
		    "delivered or spooled");
		return (EXIT_NO_REDIS);
	}
	if (d->spool != NULL && spool_count(d->spool) != 0)
		log_warnx("%zu records wait in the spool for Redis",
		    spool_count(d->spool));
	return (0);
}

static void
daemon_teardown(struct daemon *d)
{
	source_stop_all(d);
	fetch_free(d->fetch);		/* cancels what is still in flight */
	store_free(d->store);
	source_free_all(d);
	pipeline_free(d->pipeline);
	spool_close(d->spool);
	metrics_close();
	if (d->start_ev != NULL)
		event_free(d->start_ev);
	if (d->timer_ev != NULL)
		event_free(d->timer_ev);
	topic_free(d->terms);
	config_free(d->conf);
}

int
main(int argc, char **argv)
{
	struct daemon_options	 o;
	struct daemon		 d;
	struct event		*sigs[3];
	char			*cause = NULL;
	int			 i, code;

	daemon_options(argc, argv, &o);
	log_init("otsnewsd", LOG_LEVEL_INFO);
	memset(&d, 0, sizeof d);
	TAILQ_INIT(&d.sources);
	if ((d.conf = config_load(o.conf_path, &cause)) == NULL) {
		fprintf(stderr, "%s\n", cause);
		return (EXIT_CONFIG);
	}
	if ((d.terms = daemon_load_terms(d.conf, &cause)) == NULL) {
		fprintf(stderr, "%s\n", cause);
		config_free(d.conf);
		return (EXIT_CONFIG);
	}
	if (o.check) {
		fprintf(stderr, "%s: configuration OK (%zu sources)\n",
		    o.conf_path, d.conf->nsources);
		topic_free(d.terms);
		config_free(d.conf);
		return (0);
	}
	log_set_level(d.conf->log_level);
	signal(SIGPIPE, SIG_IGN);
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != 0)
		fatalx("curl_global_init failed");
	xmlInitParser();
	log_hook_libraries();
	d.once = o.once;
	d.dry_run = o.dry_run;
	if ((d.base = event_base_new()) == NULL)
		fatalx("event_base_new failed");
	sigs[0] = daemon_add_signal(&d, SIGTERM, daemon_sigterm_cb);
	sigs[1] = daemon_add_signal(&d, SIGINT, daemon_sigterm_cb);
	sigs[2] = daemon_add_signal(&d, SIGHUP, daemon_sighup_cb);
	log_info("otsnewsd %s starting: %zu sources%s%s", OTSNEWS_VERSION,
	    d.conf->nsources, d.once ? ", --once" : "",
	    d.dry_run ? ", --dry-run" : "");
	daemon_setup(&d);
	sd_notify(0, "READY=1");
	event_base_dispatch(d.base);
	code = daemon_exit_code(&d);
	daemon_log_summary(d.once ? "run complete" : "stopped");
	daemon_teardown(&d);
	for (i = 0; i < 3; i++)
		event_free(sigs[i]);
	event_base_free(d.base);
	xmlCleanupParser();
	curl_global_cleanup();
	return (code);
}
