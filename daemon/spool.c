/*
 * spool.c -- one JSON file per record waiting for Redis.
 *
 * The directory is the truth: count and bytes are kept by write and remove
 * and recomputed by every scan (open, replay).  Nothing here trusts a name
 * to be a regular file: candidates are lstat'ed, then opened with
 * O_NOFOLLOW | O_NONBLOCK and fstat'ed, and read from that descriptor.
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "article.h"
#include "log.h"
#include "metrics.h"
#include "spool.h"
#include "xmalloc.h"

#undef spool_replay		/* the transitional macro of spool.h */

/* A record found by a scan. */
struct spool_entry {
	char		*name;
	struct timespec	 mtime;
	size_t		 size;
};

/* Owned by whoever called spool_open; freed by spool_close. */
struct spool {
	char			 *dir;		/* state_dir/spool */
	int			  dirfd;
	size_t			  count;	/* regular record files */
	size_t			  bytes;	/* their total size */
	char			**warned;	/* names already warned about */
	size_t			  nwarned;
	/*
	 * The sorted result of the last scan not yet handed out: a spool of
	 * n records is replayed in n / batch calls, and scanning (and
	 * sorting) it again for each would cost n^2 / batch stats.
	 */
	struct spool_entry	 *cursor;
	size_t			  ncursor, next;
};

/* Makes temporary and probe names unique within the process. */
static unsigned int	spool_seq;

static void	spool_cursor_clear(struct spool *);

static void
spool_gauges(struct spool *sp)
{
	metrics_set(M_G_SPOOL, sp->count);
	metrics_set(M_G_SPOOL_BYTES, sp->bytes);
}

/* Warn about name only the first time; 1 if this is the first time. */
static int
spool_warn_once(struct spool *sp, const char *name)
{
	size_t	i;

	for (i = 0; i < sp->nwarned; i++) {
		if (strcmp(sp->warned[i], name) == 0)
			return (0);
	}
	sp->warned = xreallocarray(sp->warned, sp->nwarned + 1,
	    sizeof *sp->warned);
	sp->warned[sp->nwarned++] = xstrdup(name);
	return (1);
}

static int
spool_is_record(const char *name)
{
	size_t	len = strlen(name);

	return (name[0] != '.' && len > 5 &&
	    strcmp(name + len - 5, ".json") == 0);
}

static int
spool_is_tmp(const char *name)
{
	size_t	len = strlen(name);

	return (name[0] == '.' && len > 5 &&
	    strcmp(name + len - 4, ".tmp") == 0);
}

/*
 * The writer of a temporary name .WHAT.PID.SEQ.tmp; -1 for names in
 * another form (older versions wrote .NAME.tmp).
 */
static pid_t
spool_tmp_pid(const char *name)
{
	const char	*end, *p, *q;
	long long	 pid = 0;

	end = name + strlen(name) - 4;		/* at ".tmp" */
	for (p = end; p > name && p[-1] != '.'; p--)
		if (p[-1] < '0' || p[-1] > '9')
			return (-1);
	if (p == end || p - 1 <= name)
		return (-1);
	end = p - 1;				/* at ".SEQ" */
	for (q = end; q > name && q[-1] != '.'; q--)
		if (q[-1] < '0' || q[-1] > '9')
			return (-1);
	if (q == end || q - 1 <= name || end - q > 10)
		return (-1);
	for (; q < end; q++)
		pid = pid * 10 + (*q - '0');
	if (pid <= 0 || pid > INT_MAX)
		return (-1);
	return ((pid_t)pid);
}

/*
 * Remove a temporary file left by a process that is gone, or old enough
 * that no write can still be in progress.
 */
static void
spool_tmp_reap(struct spool *sp, const char *name, const struct stat *st)
{
	pid_t	pid;
	int	dead;

	pid = spool_tmp_pid(name);
	dead = pid != -1 && kill(pid, 0) == -1 && errno == ESRCH;
	if (!dead && time(NULL) - st->st_mtime < SPOOL_TMP_STALE)
		return;
	if (unlinkat(sp->dirfd, name, 0) == -1) {
		if (errno != ENOENT)
			log_warn("spool: %s/%s", sp->dir, name);
		return;
	}
	log_info("spool: removed stale temporary file %s/%s", sp->dir, name);
}

/* Not a regular file, or not openable: skipped, warned about once. */
static void
spool_skip_warn(struct spool *sp, const char *name, const char *why)
{
	if (spool_warn_once(sp, name))
		log_warnx("spool: %s/%s: %s; skipped", sp->dir, name, why);
}

static const char *
spool_type(mode_t mode)
{
	if (S_ISLNK(mode))
		return ("a symbolic link");
	if (S_ISFIFO(mode))
		return ("a FIFO");
	if (S_ISDIR(mode))
		return ("a directory");
	if (S_ISSOCK(mode))
		return ("a socket");
	return ("not a regular file");
}

/*
 * Walk the directory: recount records, reap stale temporary files, and
 * if list is not NULL, return the records skip does not reject.  -1 with
 * errno.
 */
static int
spool_scan(struct spool *sp, int (*skip)(const char *, void *), void *arg,
    struct spool_entry **list, size_t *n)
{
	DIR			*dir;
	struct dirent		*de;
	struct stat		 st;
	struct spool_entry	*e;
	size_t			 cap;
	int			 fd, error;

	if ((fd = dup(sp->dirfd)) == -1)
		return (-1);
	if ((dir = fdopendir(fd)) == NULL) {
		error = errno;
		close(fd);
		errno = error;
		return (-1);
	}
	rewinddir(dir);
	sp->count = sp->bytes = 0;
	cap = n != NULL ? *n : 0;
	while ((de = readdir(dir)) != NULL) {
		if (!spool_is_record(de->d_name) && !spool_is_tmp(de->d_name))
			continue;
		if (fstatat(sp->dirfd, de->d_name, &st,
		    AT_SYMLINK_NOFOLLOW) == -1)
			continue;	/* gone meanwhile */
		if (spool_is_tmp(de->d_name)) {
			if (S_ISREG(st.st_mode))
				spool_tmp_reap(sp, de->d_name, &st);
			continue;
		}
		if (!S_ISREG(st.st_mode)) {
			spool_skip_warn(sp, de->d_name, spool_type(st.st_mode));
			continue;
		}
		sp->count++;
		sp->bytes += (size_t)st.st_size;
		if (list == NULL || (skip != NULL && skip(de->d_name, arg)))
			continue;
		if (*n == cap) {
			cap = cap == 0 ? 64 : cap * 2;
			*list = xreallocarray(*list, cap, sizeof **list);
		}
		e = &(*list)[(*n)++];
		e->name = xstrdup(de->d_name);
		e->mtime = st.st_mtim;
		e->size = (size_t)st.st_size;
	}
	closedir(dir);
	spool_gauges(sp);
	return (0);
}

/* Create a file, fsync it and unlink it: proves dirfd is writable. */
static int
spool_probe(int dirfd, const char *path, char **cause)
{
	char	*name;
	int	 fd, error = 0;

	xasprintf(&name, ".probe.%ld.%u.tmp", (long)getpid(), spool_seq++);
	fd = openat(dirfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0640);
	if (fd == -1 || fsync(fd) == -1)
		error = errno;
	if (fd != -1) {
		if (close(fd) == -1 && error == 0)
			error = errno;
		if (unlinkat(dirfd, name, 0) == -1 && error == 0)
			error = errno;
	}
	free(name);
	if (error != 0) {
		xasprintf(cause, "%s: not writable: %s", path, strerror(error));
		return (-1);
	}
	return (0);
}

/* Open a directory, creating it unless create is 0; -1 with *cause. */
static int
spool_dir_open(const char *path, int create, char **cause)
{
	int	fd;

	if (create && mkdir(path, 0750) == -1 && errno != EEXIST) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		return (-1);
	}
	if ((fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		return (-1);
	}
	return (fd);
}

struct spool *
spool_open(const char *state_dir, char **cause)
{
	struct spool	*sp;
	int		 fd;

	if ((fd = spool_dir_open(state_dir, 1, cause)) == -1)
		return (NULL);
	close(fd);
	sp = xcalloc(1, sizeof *sp);
	sp->dirfd = -1;
	xasprintf(&sp->dir, "%s/spool", state_dir);
	if ((sp->dirfd = spool_dir_open(sp->dir, 1, cause)) == -1 ||
	    spool_probe(sp->dirfd, sp->dir, cause) == -1)
		goto fail;
	if (spool_scan(sp, NULL, NULL, NULL, NULL) == -1) {
		xasprintf(cause, "%s: %s", sp->dir, strerror(errno));
		goto fail;
	}
	return (sp);

fail:
	spool_close(sp);
	return (NULL);
}

/*
 * 1 if path is missing; else 0 if it is a directory, which is probed if
 * probe is set; -1 with *cause.
 */
static int
spool_check_dir(const char *path, int probe, char **cause)
{
	int	fd, rc = 0;

	if (access(path, F_OK) == -1 && errno == ENOENT)
		return (1);
	if ((fd = spool_dir_open(path, 0, cause)) == -1)
		return (-1);
	if (probe)
		rc = spool_probe(fd, path, cause);
	close(fd);
	return (rc);
}

/*
 * What spool_open would find, creating nothing: state_dir and its spool
 * must be directories where they exist, and the directory spool_open
 * would write in (spool, or the one where it would have to create a
 * missing directory) must be writable.
 */
int
spool_check(const char *state_dir, char **cause)
{
	char	*dir, *copy, *parent;
	int	 rc;

	if ((rc = spool_check_dir(state_dir, 0, cause)) == 1) {
		copy = xstrdup(state_dir);
		parent = xstrdup(dirname(copy));
		free(copy);
		if ((rc = spool_check_dir(parent, 1, cause)) == 1) {
			xasprintf(cause, "%s: %s", parent, strerror(ENOENT));
			rc = -1;
		}
		free(parent);
		return (rc);
	}
	if (rc == -1)
		return (-1);
	xasprintf(&dir, "%s/spool", state_dir);
	if ((rc = spool_check_dir(dir, 1, cause)) == 1)
		rc = spool_check_dir(state_dir, 1, cause);
	free(dir);
	return (rc);
}

void
spool_close(struct spool *sp)
{
	size_t	i;

	if (sp == NULL)
		return;
	if (sp->dirfd != -1)
		close(sp->dirfd);
	spool_cursor_clear(sp);
	for (i = 0; i < sp->nwarned; i++)
		free(sp->warned[i]);
	free(sp->warned);
	free(sp->dir);
	free(sp);
}

/* Ids come from hashes; anything that could leave the directory is refused. */
static int
spool_id_valid(const char *id)
{
	return (id != NULL && id[0] != '\0' && id[0] != '.' &&
	    strchr(id, '/') == NULL && strlen(id) < NAME_MAX - 32);
}

/* Write all of text to fd; -1 with errno. */
static int
spool_write_all(int fd, const char *text, size_t len)
{
	ssize_t	w;

	while (len > 0) {
		if ((w = write(fd, text, len)) == -1) {
			if (errno == EINTR)
				continue;
			return (-1);
		}
		if (w == 0) {
			errno = ENOSPC;
			return (-1);
		}
		text += w;
		len -= (size_t)w;
	}
	return (0);
}

/* Write text to tmp and rename it to name; -1 with *cause, tmp removed. */
static int
spool_write_file(struct spool *sp, const char *tmp, const char *name,
    const char *text, char **cause)
{
	const char	*what;
	int		 fd, error;

	fd = openat(sp->dirfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0640);
	if (fd == -1) {
		xasprintf(cause, "%s/%s: %s", sp->dir, tmp, strerror(errno));
		return (-1);
	}
	what = NULL;
	if (spool_write_all(fd, text, strlen(text)) == -1)
		what = "write";
	else if (fsync(fd) == -1)
		what = "fsync";
	error = errno;
	if (close(fd) == -1 && what == NULL) {
		what = "close";
		error = errno;
	}
	if (what == NULL && renameat(sp->dirfd, tmp, sp->dirfd, name) == -1) {
		xasprintf(cause, "%s/%s: rename to %s: %s", sp->dir, tmp, name,
		    strerror(errno));
		unlinkat(sp->dirfd, tmp, 0);
		return (-1);
	}
	if (what != NULL) {
		xasprintf(cause, "%s/%s: %s: %s", sp->dir, tmp, what,
		    strerror(error));
		unlinkat(sp->dirfd, tmp, 0);
		return (-1);
	}
	return (0);
}

char *
spool_write(struct spool *sp, const struct article *a, const char *link_id,
    char **cause)
{
	json_t		*o;
	struct stat	 st;
	char		*text, *name, *tmp;
	size_t		 old = 0;
	int		 existed, rc;

	if (!spool_id_valid(a->id)) {
		xasprintf(cause, "%s: invalid record id", sp->dir);
		metrics_inc(M_SPOOL_WRITE_ERRORS);
		return (NULL);
	}
	o = article_to_json(a);
	if (link_id != NULL)
		json_object_set_new(o, "link_id", json_string(link_id));
	text = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	if (text == NULL) {
		xasprintf(cause, "cannot encode record %s", a->id);
		metrics_inc(M_SPOOL_WRITE_ERRORS);
		return (NULL);
	}
	xasprintf(&name, "%s.json", a->id);
	xasprintf(&tmp, ".%s.%ld.%u.tmp", name, (long)getpid(), spool_seq++);
	existed = fstatat(sp->dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    S_ISREG(st.st_mode);
	if (existed)
		old = (size_t)st.st_size;
	rc = spool_write_file(sp, tmp, name, text, cause);
	if (rc == 0) {
		if (fsync(sp->dirfd) == -1)
			log_warn("spool: fsync %s", sp->dir);
		metrics_inc(M_SPOOL_WRITTEN);
		if (!existed)
			sp->count++;
		sp->bytes -= old < sp->bytes ? old : sp->bytes;
		sp->bytes += strlen(text);
	} else {
		metrics_inc(M_SPOOL_WRITE_ERRORS);
		free(name);
		name = NULL;
	}
	free(text);
	free(tmp);
	spool_gauges(sp);
	return (name);
}

int
spool_remove(struct spool *sp, const char *name)
{
	struct stat	st;
	size_t		size = 0;

	if (strchr(name, '/') != NULL || !spool_is_record(name)) {
		log_warnx("spool: %s/%s: not a record name", sp->dir, name);
		return (-1);
	}
	if (fstatat(sp->dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    S_ISREG(st.st_mode))
		size = (size_t)st.st_size;
	if (unlinkat(sp->dirfd, name, 0) == -1) {
		if (errno == ENOENT)
			return (0);
		log_warn("spool: %s/%s", sp->dir, name);
		return (-1);
	}
	if (fsync(sp->dirfd) == -1)
		log_warn("spool: fsync %s", sp->dir);
	if (sp->count > 0)
		sp->count--;
	sp->bytes -= size < sp->bytes ? size : sp->bytes;
	spool_gauges(sp);
	return (0);
}

size_t
spool_count(struct spool *sp)
{
	return (sp->count);
}

size_t
spool_bytes(struct spool *sp)
{
	return (sp->bytes);
}

static void
spool_cursor_clear(struct spool *sp)
{
	size_t	i;

	for (i = sp->next; i < sp->ncursor; i++)
		free(sp->cursor[i].name);
	free(sp->cursor);
	sp->cursor = NULL;
	sp->ncursor = sp->next = 0;
}

static int
spool_entry_cmp(const void *a, const void *b)
{
	const struct spool_entry	*x = a, *y = b;

	if (x->mtime.tv_sec != y->mtime.tv_sec)
		return (x->mtime.tv_sec < y->mtime.tv_sec ? -1 : 1);
	if (x->mtime.tv_nsec != y->mtime.tv_nsec)
		return (x->mtime.tv_nsec < y->mtime.tv_nsec ? -1 : 1);
	return (strcmp(x->name, y->name));
}

/* Rename a record that cannot be used to NAME.bad. */
static void
spool_move_aside(struct spool *sp, struct spool_entry *e, const char *why)
{
	char	*bad;

	xasprintf(&bad, "%s.bad", e->name);
	if (renameat(sp->dirfd, e->name, sp->dirfd, bad) == -1) {
		if (errno != ENOENT && spool_warn_once(sp, e->name))
			log_warn("spool: %s/%s: %s; cannot move it aside",
			    sp->dir, e->name, why);
		free(bad);
		return;
	}
	free(bad);
	if (fsync(sp->dirfd) == -1)
		log_warn("spool: fsync %s", sp->dir);
	log_warnx("spool: %s/%s: %s; moved aside to %s.bad", sp->dir, e->name,
	    why, e->name);
	metrics_inc(M_SPOOL_BAD);
	if (sp->count > 0)
		sp->count--;
	sp->bytes -= e->size < sp->bytes ? e->size : sp->bytes;
}

/*
 * Read a whole record from fd into *out (NUL-terminated); 0, -1 with
 * errno, or 1 if it is larger than SPOOL_MAX_RECORD.
 */
static int
spool_read_fd(int fd, size_t hint, char **out, size_t *outlen)
{
	char	*buf;
	size_t	 size, len = 0;
	ssize_t	 r;

	size = (hint < SPOOL_MAX_RECORD ? hint : SPOOL_MAX_RECORD) + 2;
	buf = xmalloc(size);
	for (;;) {
		if (len == size - 1) {
			if (len > SPOOL_MAX_RECORD) {
				free(buf);
				return (1);
			}
			size = size * 2 < SPOOL_MAX_RECORD + 2 ? size * 2 :
			    SPOOL_MAX_RECORD + 2;
			buf = xrealloc(buf, size);
		}
		if ((r = read(fd, buf + len, size - 1 - len)) == -1) {
			if (errno == EINTR)
				continue;
			free(buf);
			return (-1);
		}
		if (r == 0)
			break;
		len += (size_t)r;
	}
	if (len > SPOOL_MAX_RECORD) {
		free(buf);
		return (1);
	}
	buf[len] = '\0';
	*out = buf;
	*outlen = len;
	return (0);
}

/*
 * Open, check and parse one record.  Returns 1 with *ap and *lidp, 0 if
 * it was skipped or moved aside.
 */
static int
spool_load(struct spool *sp, struct spool_entry *e, struct article **ap,
    char **lidp)
{
	struct stat	 st;
	json_t		*o;
	json_error_t	 jerr;
	const char	*lid;
	char		*text, *why;
	size_t		 len;
	int		 fd, rc;

	fd = openat(sp->dirfd, e->name, O_RDONLY | O_NONBLOCK | O_NOFOLLOW |
	    O_CLOEXEC);
	if (fd == -1) {
		if (errno == ELOOP)
			spool_skip_warn(sp, e->name, "a symbolic link");
		else if (errno != ENOENT && spool_warn_once(sp, e->name))
			log_warn("spool: %s/%s; skipped", sp->dir, e->name);
		return (0);
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		spool_skip_warn(sp, e->name, "not a regular file");
		close(fd);
		return (0);
	}
	e->size = (size_t)st.st_size;
	if (st.st_size > SPOOL_MAX_RECORD)
		rc = 1;
	else
		rc = spool_read_fd(fd, (size_t)st.st_size, &text, &len);
	close(fd);
	if (rc == -1) {
		if (spool_warn_once(sp, e->name))
			log_warn("spool: %s/%s: read; skipped", sp->dir,
			    e->name);
		return (0);
	}
	if (rc == 1) {
		spool_move_aside(sp, e, "larger than the record limit");
		return (0);
	}
	o = json_loadb(text, len, 0, &jerr);
	free(text);
	*ap = o != NULL ? article_from_json(o) : NULL;
	if (*ap == NULL) {
		xasprintf(&why, "unreadable record (%s)",
		    o == NULL ? jerr.text : "fields");
		spool_move_aside(sp, e, why);
		free(why);
		json_decref(o);
		return (0);
	}
	lid = json_string_value(json_object_get(o, "link_id"));
	*lidp = lid != NULL ? xstrdup(lid) : NULL;
	json_decref(o);
	return (1);
}

/*
 * Records are handed out from the cursor, the sorted list of the last
 * scan; a call that finds the cursor empty scans again.  A call never
 * scans twice: what it handed out is not yet known to skip.  So a call
 * may return fewer than max while records remain (the cursor ran out);
 * only 0 means there is nothing left to hand out.  A record written
 * after the scan is found by the next one; one removed meanwhile fails
 * to load and is passed over.
 */
size_t
spool_replay(struct spool *sp, size_t max, int (*skip)(const char *, void *),
    void (*fn)(struct article *, char *, char *, void *), void *arg)
{
	struct spool_entry	*e;
	struct article		*a;
	char			*lid;
	size_t			 done = 0;

	if (max == 0)
		return (0);
	if (sp->next >= sp->ncursor) {
		spool_cursor_clear(sp);
		if (spool_scan(sp, skip, arg, &sp->cursor, &sp->ncursor) ==
		    -1) {
			log_warn("spool: %s", sp->dir);
			spool_cursor_clear(sp);
			return (0);
		}
		if (sp->ncursor > 1)
			qsort(sp->cursor, sp->ncursor, sizeof *sp->cursor,
			    spool_entry_cmp);
	}
	while (done < max && sp->next < sp->ncursor) {
		e = &sp->cursor[sp->next++];
		if ((skip == NULL || !skip(e->name, arg)) &&
		    spool_load(sp, e, &a, &lid)) {
			metrics_inc(M_SPOOL_REPLAYED);
			fn(a, lid, e->name, arg);
			e->name = NULL;
			done++;
		}
		free(e->name);
		e->name = NULL;
	}
	spool_gauges(sp);
	return (done);
}

size_t
spool_replay_all(struct spool *sp,
    void (*fn)(struct article *, char *, char *, void *), void *arg)
{
	return (spool_replay(sp, SIZE_MAX, NULL, fn, arg));
}
