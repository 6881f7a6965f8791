/*
 * spool.c -- one JSON file per record waiting for Redis.
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "article.h"
#include "log.h"
#include "metrics.h"
#include "spool.h"
#include "xmalloc.h"

#define SPOOL_MAX_RECORD	(16 * 1024 * 1024)

struct spool {
	char	*dir;
	int	 dirfd;
	size_t	 count;		/* records, kept by write and remove */
};

static size_t	spool_scan(struct spool *);

static int
spool_mkdir(const char *path, char **cause)
{
	if (mkdir(path, 0750) == -1 && errno != EEXIST) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		return (-1);
	}
	return (0);
}

struct spool *
spool_open(const char *state_dir, char **cause)
{
	struct spool	*sp;
	char		*dir;

	if (spool_mkdir(state_dir, cause) == -1)
		return (NULL);
	xasprintf(&dir, "%s/spool", state_dir);
	if (spool_mkdir(dir, cause) == -1) {
		free(dir);
		return (NULL);
	}
	sp = xcalloc(1, sizeof *sp);
	sp->dir = dir;
	if ((sp->dirfd = open(dir, O_RDONLY | O_DIRECTORY)) == -1) {
		xasprintf(cause, "%s: %s", dir, strerror(errno));
		spool_close(sp);
		return (NULL);
	}
	sp->count = spool_scan(sp);
	metrics_set(M_G_SPOOL, sp->count);
	return (sp);
}

void
spool_close(struct spool *sp)
{
	if (sp == NULL)
		return;
	if (sp->dirfd != -1)
		close(sp->dirfd);
	free(sp->dir);
	free(sp);
}

char *
spool_write(struct spool *sp, const struct article *a, const char *link_id,
    char **cause)
{
	json_t		*o;
	char		*text, *name, *tmp, *path;
	size_t		 len;
	int		 fd;
	ssize_t		 w;
	int		 existed;

	o = article_to_json(a);
	if (link_id != NULL)
		json_object_set_new(o, "link_id", json_string(link_id));
	text = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	if (text == NULL) {
		xasprintf(cause, "cannot encode record %s", a->id);
		return (NULL);
	}
	xasprintf(&name, "%s.json", a->id);
	xasprintf(&tmp, "%s/.%s.tmp", sp->dir, name);
	xasprintf(&path, "%s/%s", sp->dir, name);
	len = strlen(text);
	existed = faccessat(sp->dirfd, name, F_OK, 0) == 0;
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
	w = fd == -1 ? -1 : write(fd, text, len);
	if (fd == -1 || w != (ssize_t)len || fsync(fd) == -1 ||
	    close(fd) == -1 || rename(tmp, path) == -1) {
		xasprintf(cause, "%s: %s", tmp, strerror(errno));
		if (fd != -1)
			close(fd);
		unlink(tmp);
		free(name);
		name = NULL;
	} else {
		fsync(sp->dirfd);
		metrics_inc(M_SPOOL_WRITTEN);
		if (!existed)
			sp->count++;
	}
	free(text);
	free(tmp);
	free(path);
	metrics_set(M_G_SPOOL, sp->count);
	return (name);
}

int
spool_remove(struct spool *sp, const char *name)
{
	int	rc = 0;

	if (unlinkat(sp->dirfd, name, 0) == -1) {
		if (errno != ENOENT) {
			log_warn("spool: %s/%s", sp->dir, name);
			rc = -1;
		}
	} else if (sp->count > 0)
		sp->count--;
	metrics_set(M_G_SPOOL, sp->count);
	return (rc);
}

static int
spool_is_record(const char *name)
{
	size_t	len = strlen(name);

	return (name[0] != '.' && len > 5 &&
	    strcmp(name + len - 5, ".json") == 0);
}

size_t
spool_count(struct spool *sp)
{
	return (sp->count);
}

static size_t
spool_scan(struct spool *sp)
{
	DIR		*dir;
	struct dirent	*de;
	size_t		 n = 0;

	if ((dir = opendir(sp->dir)) == NULL)
		return (0);
	while ((de = readdir(dir)) != NULL)
		n += spool_is_record(de->d_name);
	closedir(dir);
	return (n);
}

static int
spool_mtime_cmp(const void *a, const void *b)
{
	const struct { char *name; time_t t; } *x = a, *y = b;

	return (x->t < y->t ? -1 : x->t > y->t);
}

size_t
spool_replay(struct spool *sp, size_t max, int (*skip)(const char *, void *),
    void (*fn)(struct article *, char *, char *, void *), void *arg)
{
	size_t		 given = 0;
	DIR		*dir;
	struct dirent	*de;
	struct stat	 st;
	struct { char *name; time_t t; } *list = NULL;
	size_t		 n = 0, i;
	json_t		*o;
	json_error_t	 jerr;
	struct article	*a;
	const char	*lid;
	char		*path;

	if ((dir = opendir(sp->dir)) == NULL)
		return (0);
	while ((de = readdir(dir)) != NULL) {
		if (!spool_is_record(de->d_name) ||
		    (skip != NULL && skip(de->d_name, arg)) ||
		    fstatat(sp->dirfd, de->d_name, &st, 0) == -1)
			continue;
		list = xreallocarray(list, n + 1, sizeof *list);
		list[n].name = xstrdup(de->d_name);
		list[n++].t = st.st_mtime;
	}
	closedir(dir);
	if (n > 1)
		qsort(list, n, sizeof *list, spool_mtime_cmp);
	for (i = 0; i < n; i++) {
		if (given >= max) {
			free(list[i].name);
			continue;
		}
		xasprintf(&path, "%s/%s", sp->dir, list[i].name);
		o = json_load_file(path, 0, &jerr);
		a = o != NULL ? article_from_json(o) : NULL;
		if (a == NULL) {
			log_warnx("spool: %s: unreadable record (%s); moved "
			    "aside", path, o == NULL ? jerr.text : "fields");
			free(path);
			xasprintf(&path, "%s.bad", list[i].name);
			if (renameat(sp->dirfd, list[i].name, sp->dirfd,
			    path) == 0 && sp->count > 0)
				sp->count--;
			free(list[i].name);
		} else {
			lid = json_string_value(json_object_get(o, "link_id"));
			metrics_inc(M_SPOOL_REPLAYED);
			given++;
			fn(a, lid != NULL ? xstrdup(lid) : NULL, list[i].name,
			    arg);
		}
		json_decref(o);
		free(path);
	}
	free(list);
	return (given);
}

int
spool_check(const char *state_dir, char **cause)
{
	struct spool	*sp;

	if ((sp = spool_open(state_dir, cause)) == NULL)
		return (-1);
	spool_close(sp);
	return (0);
}
