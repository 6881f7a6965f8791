/*
 * cmd.h -- subcommands of the companion tool `otsnews`.
 *
 * Each lives in its own daemon/cmd-*.c and returns the process exit status.
 */
#ifndef OTSNEWS_CMD_H
#define OTSNEWS_CMD_H

#include <stddef.h>

int	cmd_parse_feed(int argc, char **argv);
int	cmd_extract(int argc, char **argv);
int	cmd_match(int argc, char **argv);
int	cmd_tail(int argc, char **argv);
int	cmd_status(int argc, char **argv);

/* Read a whole file ("-" for stdin) up to limit bytes; NULL + *cause. */
char	*cmd_read_file(const char *path, size_t limit, size_t *len,
	    char **cause);

/*
 * A whole file: a regular one mapped read-only (the page cache is not
 * copied; the data is not NUL-terminated), anything else read as
 * cmd_read_file does.  0, or -1 + *cause; release with cmd_unmap_file.
 */
struct cmd_file {
	char	*data;
	size_t	 len;
	int	 mapped;
};
int	cmd_map_file(const char *path, size_t limit, struct cmd_file *,
	    char **cause);
void	cmd_unmap_file(struct cmd_file *);

struct config;
struct redisContext;
/* A blocking connection with AUTH, SELECT and PING checked; NULL + *cause. */
struct redisContext *cmd_redis_connect(const struct config *, char **cause);
/*
 * Load the configuration at path and connect to its Redis; errors go to
 * stderr (as "otsnews WHO: ...").  The caller frees *conf and the context.
 */
struct redisContext *cmd_redis_open(const char *path, const char *who,
	    struct config **conf);
/* A decimal number in [min, max]; -1 if it is not one. */
int	cmd_number(const char *, long long min, long long max, long long *);

#endif
