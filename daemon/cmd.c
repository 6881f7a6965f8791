/*
 * cmd.c -- helpers shared by the otsnews subcommands.
 */
#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hiredis/hiredis.h>

#include "buf.h"
#include "cmd.h"
#include "config.h"
#include "xmalloc.h"

char *
cmd_read_file(const char *path, size_t limit, size_t *len, char **cause)
{
	FILE		*f;
	struct buf	 b;
	char		 chunk[65536];
	size_t		 n;

	if (strcmp(path, "-") == 0)
		f = stdin;
	else if ((f = fopen(path, "rb")) == NULL) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		return (NULL);
	}
	buf_init(&b, limit);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (buf_add(&b, chunk, n) == -1) {
			xasprintf(cause, "%s: larger than %zu bytes", path,
			    limit);
			buf_clear(&b);
			if (f != stdin)
				fclose(f);
			return (NULL);
		}
	}
	if (ferror(f)) {
		xasprintf(cause, "%s: read error", path);
		buf_clear(&b);
		if (f != stdin)
			fclose(f);
		return (NULL);
	}
	if (f != stdin)
		fclose(f);
	*len = b.len;
	return (buf_steal(&b));
}

int
cmd_map_file(const char *path, size_t limit, struct cmd_file *cf,
    char **cause)
{
	struct stat	 st;
	void		*p;
	int		 fd;

	memset(cf, 0, sizeof *cf);
	if (strcmp(path, "-") != 0 && (fd = open(path, O_RDONLY)) != -1) {
		if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
		    st.st_size > 0 && (unsigned long long)st.st_size <=
		    limit && (p = mmap(NULL, (size_t)st.st_size, PROT_READ,
		    MAP_PRIVATE, fd, 0)) != MAP_FAILED) {
			close(fd);
			cf->data = p;
			cf->len = (size_t)st.st_size;
			cf->mapped = 1;
			return (0);
		}
		close(fd);
	}
	if ((cf->data = cmd_read_file(path, limit, &cf->len, cause)) == NULL)
		return (-1);
	return (0);
}

void
cmd_unmap_file(struct cmd_file *cf)
{
	if (cf->mapped)
		munmap(cf->data, cf->len);
	else
		free(cf->data);
	memset(cf, 0, sizeof *cf);
}

/* One handshake step; -1 with *cause unless Redis said OK. */
static int
cmd_redis_step(redisContext *c, const char *what, redisReply *r,
    char **cause)
{
	int	rc = 0;

	if (r == NULL) {
		xasprintf(cause, "redis: %s: %s", what, c->errstr);
		return (-1);
	}
	if (r->type == REDIS_REPLY_ERROR) {
		xasprintf(cause, "redis: %s failed: %s", what, r->str);
		rc = -1;
	}
	freeReplyObject(r);
	return (rc);
}

redisContext *
cmd_redis_connect(const struct config *conf, char **cause)
{
	redisContext	*c;
	struct timeval	 tv;

	tv.tv_sec = conf->redis_timeout;
	tv.tv_usec = 0;
	if (conf->redis.path != NULL)
		c = redisConnectUnixWithTimeout(conf->redis.path, tv);
	else
		c = redisConnectWithTimeout(conf->redis.host, conf->redis.port,
		    tv);
	if (c == NULL || c->err) {
		xasprintf(cause, "redis: %s", c != NULL ? c->errstr :
		    "out of memory");
		redisFree(c);
		return (NULL);
	}
	if ((conf->redis.password != NULL && cmd_redis_step(c, "AUTH",
	    redisCommand(c, "AUTH %s", conf->redis.password), cause) == -1) ||
	    (conf->redis.db != 0 && cmd_redis_step(c, "SELECT",
	    redisCommand(c, "SELECT %d", conf->redis.db), cause) == -1) ||
	    cmd_redis_step(c, "PING", redisCommand(c, "PING"), cause) == -1) {
		redisFree(c);
		return (NULL);
	}
	return (c);
}

int
cmd_number(const char *s, long long min, long long max, long long *out)
{
	char		*end;
	long long	 n;

	errno = 0;
	n = strtoll(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || n < min || n > max)
		return (-1);
	*out = n;
	return (0);
}

redisContext *
cmd_redis_open(const char *path, const char *who, struct config **confp)
{
	struct config	*conf;
	redisContext	*c;
	char		*cause = NULL;

	if ((conf = config_load(path, &cause)) == NULL) {
		fprintf(stderr, "%s\n", cause);
		free(cause);
		return (NULL);
	}
	if ((c = cmd_redis_connect(conf, &cause)) == NULL) {
		fprintf(stderr, "otsnews %s: %s\n", who, cause);
		free(cause);
		config_free(conf);
		return (NULL);
	}
	*confp = conf;
	return (c);
}
