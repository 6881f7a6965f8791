/*
 * config.h -- the configuration: one INI file, one key table.
 *
 * config_load parses a file into a fresh struct config; on SIGHUP the daemon
 * loads a new one and swaps only if it parsed cleanly (parse-then-swap).
 */
#ifndef OTSNEWS_CONFIG_H
#define OTSNEWS_CONFIG_H

#include <sys/queue.h>

#include <stddef.h>

#include "feed.h"
#include "log.h"

#define CONFIG_DEFAULT_PATH	"/etc/otsnewsd/otsnewsd.conf"

enum config_filter {
	FILTER_INHERIT = 0,
	FILTER_OTS,
	FILTER_ALL
};

/* One [source NAME] section; owned by its struct config. */
struct source_conf {
	char			*name;
	char			*url;
	enum feed_type		 type;
	int			 interval;	/* seconds */
	char			*lang;
	char			*links;		/* XPath, type=html */
	enum config_filter	 filter;
	char			*tz;		/* zone of local dates */
	char			*title_xpath;
	char			*body_xpath;
	char			*date_xpath;
	char			*drop_xpath;
	int			 max_articles;	/* per poll */
	int			 tls_verify;	/* verify the peer's certificate */
	int			 robots;	/* honour robots.txt for articles */
	char			*user_agent;	/* NULL: [daemon] user_agent */
	int			 line;		/* where the section starts */
	TAILQ_ENTRY(source_conf) entry;
};
TAILQ_HEAD(source_conf_list, source_conf);

struct redis_addr {
	char	*host;		/* NULL for a unix socket */
	int	 port;
	char	*path;		/* unix socket path */
	char	*password;
	int	 db;
};

struct config {
	char			*path;

	/* [daemon] */
	char			*state_dir;
	int			 state_dir_line;	/* 0: the default */
	char			*user_agent;
	int			 allow_private_networks;
	char			*metrics_listen;
	enum log_level		 log_level;
	int			 fetch_timeout;		/* seconds */
	int			 connect_timeout;	/* seconds */
	int			 max_redirects;
	long long		 max_feed_bytes;
	long long		 max_page_bytes;
	int			 max_connections;
	int			 max_host_connections;
	int			 max_backlog;		/* articles in memory */
	int			 once_timeout;		/* seconds, --once */
	int			 spool_retry;		/* seconds between retries */
	int			 stop_timeout;		/* seconds a stop drains */

	/* [redis] */
	char			*redis_url;
	char			*redis_password_file;	/* PATH, credential:NAME */
	struct redis_addr	 redis;		/* password: url's or file's */
	char			*stream;
	long long		 maxlen;
	char			*key_prefix;
	int			 retention_days;
	int			 redis_timeout;		/* seconds */
	int			 redis_databases;	/* valid db: 0..N-1 */
	char			*redis_sentinels;	/* host:port,...; NULL: url */
	int			 redis_sentinels_line;
	char			*redis_master_name;
	int			 redis_master_name_line;
	int			 redis_wait_replicas;	/* WAIT N after each record */

	/* [filter] */
	enum config_filter	 topic;			/* FILTER_OTS or _ALL */
	int			 topics;		/* TOPIC_BIT mask published */
	int			 relevance;		/* least enum topic_relevance */
	char			*terms;			/* NULL: built in */

	struct source_conf_list	 sources;
	size_t			 nsources;
};

/*
 * Parse a file.  Returns NULL with *cause holding every error, one
 * "FILE:LINE: message" a line (no final newline) in file order: unknown
 * sections and keys, bad values, values that would fail later (XPath,
 * tz, URLs, metrics_listen), an unreadable [redis] password_file.  An
 * error about the file itself is "FILE: message".
 */
struct config	*config_load(const char *path, char **cause);
void		 config_free(struct config *);
/* Parse a redis URL into addr; -1 with *cause on error. */
int		 config_redis_url(const char *, struct redis_addr *, char **cause);
void		 config_redis_clear(struct redis_addr *);
/* Nonzero when two configurations reach Redis alike (url and password). */
int		 config_redis_equal(const struct config *, const struct config *);
/* The filter a source applies: its own, else [filter] topic. */
enum config_filter config_source_filter(const struct config *,
		    const struct source_conf *);
const struct source_conf *config_source_find(const struct config *,
		    const char *name);
/* A deep copy that outlives its config (run-time sources, jobs). */
struct source_conf *config_source_dup(const struct source_conf *);
void		 config_source_free(struct source_conf *);
/* Nonzero when two sources poll the same thing the same way. */
int		 config_source_equal(const struct source_conf *,
		    const struct source_conf *);

#endif
