/*
 * spool.h -- records waiting for Redis, durable in state_dir/spool/.
 *
 * One file per record, NAME.json, written to a temporary name unique to the
 * process and the write (.NAME.PID.SEQ.tmp), fsynced, renamed, and the
 * directory fsynced, so a crash leaves either the whole record or nothing.
 * A record leaves the spool only after Redis has answered for it;
 * publication is idempotent (publish.c), so replaying a record twice
 * publishes it once.  Several daemons may share one state_dir.
 *
 * Only regular files named *.json are records; FIFOs, symlinks, directories
 * and the like are skipped with one warning each.  Records that cannot be
 * parsed, or are larger than SPOOL_MAX_RECORD, are renamed to NAME.bad.
 */
#ifndef OTSNEWS_SPOOL_H
#define OTSNEWS_SPOOL_H

#include <stddef.h>

#define SPOOL_MAX_RECORD	(16 * 1024 * 1024)
/* Temporary files older than this are removed whoever wrote them. */
#define SPOOL_TMP_STALE		(10 * 60)

struct article;
struct spool;

/*
 * Create state_dir and state_dir/spool if needed, prove the spool is a
 * writable directory (a probe file is created, fsynced and unlinked),
 * count the records and remove stale temporary files.  NULL with *cause.
 */
struct spool	*spool_open(const char *state_dir, char **cause);
/*
 * The checks of spool_open for -t, leaving nothing behind: a missing
 * directory is not created, its parent must be writable instead.
 */
int		 spool_check(const char *state_dir, char **cause);
void		 spool_close(struct spool *);
/* Write a record; returns its name (heap) or NULL with *cause. */
char		*spool_write(struct spool *, const struct article *,
		    const char *link_id, char **cause);
/* 0 when the record is gone (also if it was already), -1 logged. */
int		 spool_remove(struct spool *, const char *name);
/* Records in the spool and their total size, kept approximately. */
size_t		 spool_count(struct spool *);
size_t		 spool_bytes(struct spool *);
/*
 * Hand at most max records to fn, oldest first (mtime, then name),
 * passing over the names for which skip (may be NULL) returns nonzero;
 * fn takes ownership of the article, the link_id and the name.  Returns
 * how many records fn got; corrupt records moved aside are not counted.
 * Successive calls hand out one scan's records until it is used up, so
 * fewer than max does not mean the spool is empty: 0 does.
 */
size_t		 spool_replay(struct spool *, size_t max,
		    int (*skip)(const char *name, void *),
		    void (*fn)(struct article *, char *link_id, char *name,
		    void *), void *);
/* Every record: spool_replay(sp, SIZE_MAX, NULL, fn, arg). */
size_t		 spool_replay_all(struct spool *,
		    void (*fn)(struct article *, char *link_id, char *name,
		    void *), void *);

#endif
