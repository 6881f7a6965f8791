/*
 * source.h -- one configured source at run time: its poll timer, its
 * conditional-GET validators, its backoff after failures.
 */
#ifndef OTSNEWS_SOURCE_H
#define OTSNEWS_SOURCE_H

struct daemon;
struct source;
struct source_conf;

/* Create run-time sources for every [source] of d->conf (not started). */
void	source_create_all(struct daemon *);
/* Arm every source's poll timer (first poll after a small jitter). */
void	source_start_all(struct daemon *);
/* Stop polling (transfers in flight finish). */
void	source_stop_all(struct daemon *);
void	source_free_all(struct daemon *);
/* SIGHUP: keep the state of sources that still exist, add and drop. */
void	source_reload(struct daemon *);
/* Polls (and child sitemap fetches) in flight. */
size_t	source_active(const struct daemon *);
/* --once: every source has had its poll. */
int	source_all_polled(const struct daemon *);

#endif
