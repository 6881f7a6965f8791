/*
 * source-state.c -- a source's state across restarts (source-state.h).
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "log.h"
#include "source-state.h"
#include "xmalloc.h"

#define SOURCE_STATE_MAX	65536	/* bytes of one state file */

static char *
source_state_path(const char *state_dir, const char *name)
{
	char	*path;

	xasprintf(&path, "%s/sources/%s.json", state_dir, name);
	return (path);
}

static char *
source_state_str(json_t *o, const char *key)
{
	const char	*v = json_string_value(json_object_get(o, key));

	return (v != NULL && *v != '\0' ? xstrdup(v) : NULL);
}

void
source_state_load(const char *state_dir, const char *name,
    const char *conf_url, struct source_state *st)
{
	json_t		*o;
	json_error_t	 jerr;
	const char	*cu;
	char		*path;
	struct stat	 sb;
	int		 fd;

	memset(st, 0, sizeof *st);
	st->conf_url = xstrdup(conf_url);
	st->url = xstrdup(conf_url);
	if (state_dir == NULL)
		return;
	path = source_state_path(state_dir, name);
	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC);
	if (fd == -1) {
		if (errno != ENOENT)
			log_warn("source %s: state %s", name, path);
		free(path);
		return;
	}
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode) ||
	    sb.st_size > SOURCE_STATE_MAX) {
		log_warnx("source %s: state %s: not a regular file of at most "
		    "%d bytes; ignored", name, path, SOURCE_STATE_MAX);
		close(fd);
		free(path);
		return;
	}
	o = json_loadfd(fd, 0, &jerr);
	close(fd);
	if (o == NULL || !json_is_object(o)) {
		log_warnx("source %s: state %s: %s; ignored", name, path,
		    o == NULL ? jerr.text : "not an object");
		json_decref(o);
		free(path);
		return;
	}
	cu = json_string_value(json_object_get(o, "conf_url"));
	if (cu != NULL && strcmp(cu, conf_url) == 0) {
		free(st->url);
		st->url = source_state_str(o, "url");
		if (st->url == NULL)
			st->url = xstrdup(conf_url);
		st->etag = source_state_str(o, "etag");
		st->last_modified = source_state_str(o, "last_modified");
		st->gone = json_is_true(json_object_get(o, "gone"));
	}
	json_decref(o);
	free(path);
}

static json_t *
source_state_json_str(const char *s)
{
	return (s != NULL ? json_string(s) : json_null());
}

int
source_state_save(const char *state_dir, const char *name,
    const struct source_state *st, int durable, char **cause)
{
	json_t		*o;
	char		*text, *dir, *path, *tmp;
	size_t		 len;
	ssize_t		 w;
	int		 fd, rc = -1;
	static unsigned	 seq;

	o = json_object();
	json_object_set_new(o, "conf_url", json_string(st->conf_url));
	json_object_set_new(o, "url", source_state_json_str(st->url));
	json_object_set_new(o, "etag", source_state_json_str(st->etag));
	json_object_set_new(o, "last_modified",
	    source_state_json_str(st->last_modified));
	json_object_set_new(o, "gone", json_boolean(st->gone));
	text = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	if (text == NULL) {
		xasprintf(cause, "cannot encode the state of %s", name);
		return (-1);
	}
	xasprintf(&dir, "%s/sources", state_dir);
	if (mkdir(dir, 0750) == -1 && errno != EEXIST) {
		xasprintf(cause, "%s: %s", dir, strerror(errno));
		free(dir);
		free(text);
		return (-1);
	}
	path = source_state_path(state_dir, name);
	xasprintf(&tmp, "%s/.%s.json.%ld.%u.tmp", dir, name, (long)getpid(),
	    seq++);
	len = strlen(text);
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
	w = fd == -1 ? -1 : write(fd, text, len);
	if (fd == -1 || w != (ssize_t)len || (durable && fsync(fd) == -1)) {
		xasprintf(cause, "%s: %s", tmp, w >= 0 && fd != -1 &&
		    w != (ssize_t)len ? "short write" : strerror(errno));
		if (fd != -1)
			close(fd);
		unlink(tmp);
	} else if (close(fd) == -1 || rename(tmp, path) == -1) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		unlink(tmp);
	} else
		rc = 0;
	free(text);
	free(dir);
	free(path);
	free(tmp);
	return (rc);
}

void
source_state_clear(struct source_state *st)
{
	free(st->conf_url);
	free(st->url);
	free(st->etag);
	free(st->last_modified);
	memset(st, 0, sizeof *st);
}
