/*
 * source.h -- one configured source at run time: its poll timer, its
 * lease, its state across restarts (source-state.h), its backoff.
 *
 * A poll is a round: the document (and child sitemaps) plus every link it
 * offered.  The round's conditional-GET validators become the source's,
 * in memory and on disk, only when every link of the round is settled, so
 * a 304 never hides an article that was not made safe.
 */
#ifndef OTSNEWS_SOURCE_H
#define OTSNEWS_SOURCE_H

#include <stddef.h>

struct daemon;
struct feed_entry;
struct source;
struct source_conf;

/*
 * How a source hands a link on: done(ok, done_arg) must be called exactly
 * once, later (not from inside the call).  Set by main.
 */
typedef void	(*source_offer_fn)(const struct source_conf *,
		    const char *link, const struct feed_entry *, int listing,
		    void (*done)(int ok, void *), void *done_arg, void *arg);

void	source_init(source_offer_fn, void *arg, const char *instance_id);
/* Create run-time sources for every [source] of d->conf (not started). */
void	source_create_all(struct daemon *);
/* Arm every source's poll timer (first poll after a small jitter). */
void	source_start_all(struct daemon *);
/*
 * Stop polling (transfers in flight finish) and give back the leases this
 * daemon holds (compare-and-delete, so another daemon's lease stays).
 */
void	source_stop_all(struct daemon *);
/* Pause polling (records cannot be made durable); resume it. */
void	source_pause_all(struct daemon *, int paused);
void	source_free_all(struct daemon *);
/* SIGHUP: keep the state of sources that still exist, add and drop. */
void	source_reload(struct daemon *);
/* Polls (documents, child sitemaps, lease requests) in flight. */
size_t	source_active(const struct daemon *);
/* --once: every source has had its poll. */
int	source_all_polled(const struct daemon *);

#endif
