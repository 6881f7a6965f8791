/*
 * config-redis.c -- [redis]: the URL and the password.
 *
 * The password comes from the URL or, better, from password_file: a file
 * only the daemon can read, or a systemd credential (LoadCredential=),
 * so that the configuration itself can stay world-readable.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "config-int.h"
#include "xmalloc.h"

void
config_redis_clear(struct redis_addr *a)
{
	free(a->host);
	free(a->path);
	if (a->password != NULL)
		explicit_bzero(a->password, strlen(a->password));
	free(a->password);
	memset(a, 0, sizeof *a);
}

int
config_redis_url(const char *url, struct redis_addr *a, char **cause)
{
	const char	*p, *at, *slash, *colon, *q;
	long long	 n;
	char		*tmp;

	memset(a, 0, sizeof *a);
	a->port = 6379;
	if (strncmp(url, "unix://", 7) == 0) {
		p = url + 7;
		q = strchr(p, '?');
		a->path = q != NULL ? xstrndup(p, (size_t)(q - p)) : xstrdup(p);
		if (*a->path != '/') {
			xasprintf(cause, "unix socket path must be absolute");
			config_redis_clear(a);
			return (-1);
		}
		if (q != NULL && (strncmp(q, "?db=", 4) != 0 ||
		    config_parse_int(q + 4, &n, 0) == -1 || n < INT_MIN ||
		    n > INT_MAX)) {
			xasprintf(cause, "bad query in \"%s\" (only ?db=N)",
			    url);
			config_redis_clear(a);
			return (-1);
		}
		if (q != NULL)
			a->db = (int)n;
		return (0);
	}
	if (strncmp(url, "redis://", 8) != 0) {
		xasprintf(cause, "expected redis://[:password@]host:port/db "
		    "or unix:///path");
		return (-1);
	}
	p = url + 8;
	if ((q = strchr(p, '?')) != NULL) {
		if (strncmp(q, "?db=", 4) != 0 ||
		    config_parse_int(q + 4, &n, 0) == -1 || n < INT_MIN ||
		    n > INT_MAX) {
			xasprintf(cause, "bad query in \"%s\" (only ?db=N)",
			    url);
			return (-1);
		}
		tmp = xstrndup(url, (size_t)(q - url));
		if (config_redis_url(tmp, a, cause) == -1) {
			free(tmp);
			return (-1);
		}
		free(tmp);
		a->db = (int)n;
		return (0);
	}
	slash = strchr(p, '/');
	at = strrchr(p, '@');
	if (at != NULL && (slash == NULL || at < slash)) {
		tmp = xstrndup(p, (size_t)(at - p));
		colon = strchr(tmp, ':');
		a->password = xstrdup(colon != NULL ? colon + 1 : tmp);
		free(tmp);
		p = at + 1;
	}
	slash = strchr(p, '/');
	tmp = slash != NULL ? xstrndup(p, (size_t)(slash - p)) : xstrdup(p);
	if ((colon = strrchr(tmp, ':')) != NULL) {
		if (config_parse_int(colon + 1, &n, 0) == -1 || n < 1 ||
		    n > 65535) {
			xasprintf(cause, "bad port in \"%s\"", url);
			free(tmp);
			config_redis_clear(a);
			return (-1);
		}
		a->port = (int)n;
		a->host = xstrndup(tmp, (size_t)(colon - tmp));
		free(tmp);
	} else
		a->host = tmp;
	if (*a->host == '\0') {
		xasprintf(cause, "no host in \"%s\"", url);
		config_redis_clear(a);
		return (-1);
	}
	if (slash != NULL && slash[1] != '\0') {
		if (config_parse_int(slash + 1, &n, 0) == -1 || n < INT_MIN ||
		    n > INT_MAX) {
			xasprintf(cause, "bad database number in \"%s\"", url);
			config_redis_clear(a);
			return (-1);
		}
		a->db = (int)n;
	}
	return (0);
}

int
config_redis_equal(const struct config *a, const struct config *b)
{
	const char	*x = a->redis.password, *y = b->redis.password;

	return (strcmp(a->redis_url, b->redis_url) == 0 &&
	    (x == NULL || y == NULL ? x == y : strcmp(x, y) == 0));
}

/* PATH or credential:NAME to a path; NULL with *cause. */
static char *
config_password_path(const char *spec, char **cause)
{
	const char	*name, *dir;
	char		*path;

	if (strncmp(spec, "credential:", 11) != 0) {
		if (*spec != '/') {
			xasprintf(cause, "\"%s\": expected an absolute path "
			    "or credential:NAME", spec);
			return (NULL);
		}
		return (xstrdup(spec));
	}
	name = spec + 11;
	if (*name == '\0' || strchr(name, '/') != NULL ||
	    strcmp(name, ".") == 0 || strcmp(name, "..") == 0) {
		xasprintf(cause, "\"%s\": bad credential name", spec);
		return (NULL);
	}
	if ((dir = getenv("CREDENTIALS_DIRECTORY")) == NULL || *dir == '\0') {
		xasprintf(cause, "%s: CREDENTIALS_DIRECTORY is not set (give "
		    "the unit LoadCredential=%s:PATH)", spec, name);
		return (NULL);
	}
	xasprintf(&path, "%s/%s", dir, name);
	return (path);
}

/* Read at most CONFIG_PASSWORD_MAX + 1 bytes of fd into buf. */
static ssize_t
config_password_fill(int fd, char *buf)
{
	size_t	off = 0;
	ssize_t	n;

	while (off < CONFIG_PASSWORD_MAX + 1) {
		n = read(fd, buf + off, CONFIG_PASSWORD_MAX + 1 - off);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			return (-1);
		if (n == 0)
			break;
		off += (size_t)n;
	}
	return ((ssize_t)off);
}

int
config_password_read(const char *spec, char **password, char **cause)
{
	struct stat	 sb;
	char		*path, buf[CONFIG_PASSWORD_MAX + 2];
	const char	*why = NULL;
	ssize_t		 n;
	size_t		 len;
	int		 fd;

	*password = NULL;
	if ((path = config_password_path(spec, cause)) == NULL)
		return (-1);
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd == -1 || fstat(fd, &sb) == -1) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		goto fail;
	}
	if (!S_ISREG(sb.st_mode)) {
		xasprintf(cause, "%s: not a regular file", path);
		goto fail;
	}
	/*
	 * Refused rather than warned about: moving the password out of a
	 * world-readable configuration into a world-readable file gains
	 * nothing.  Group access stays allowed (root:otsnewsd 0640).
	 */
	if (sb.st_mode & S_IRWXO) {
		xasprintf(cause, "%s: mode %04o lets every user read it "
		    "(chmod o-rwx)", path, (unsigned int)(sb.st_mode & 07777));
		goto fail;
	}
	if ((n = config_password_fill(fd, buf)) == -1) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		goto fail;
	}
	len = (size_t)n;
	if (len > 0 && buf[len - 1] == '\n')
		len--;
	if (len > 0 && buf[len - 1] == '\r')
		len--;
	buf[len] = '\0';
	if ((size_t)n > CONFIG_PASSWORD_MAX)
		why = "is longer than 4096 bytes";
	else if (len == 0)
		why = "is empty";
	else if (memchr(buf, '\0', len) != NULL)
		why = "contains a NUL byte";
	else if (strpbrk(buf, "\r\n") != NULL)
		why = "holds more than one line";
	if (why != NULL) {
		xasprintf(cause, "%s: the password %s", path, why);
		goto fail;
	}
	*password = xstrdup(buf);
	explicit_bzero(buf, sizeof buf);
	close(fd);
	free(path);
	return (0);

fail:
	explicit_bzero(buf, sizeof buf);
	if (fd != -1)
		close(fd);
	free(path);
	return (-1);
}
