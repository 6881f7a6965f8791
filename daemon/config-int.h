/*
 * config-int.h -- shared by config.c, config-check.c and config-redis.c.
 *
 * The value checks return 0, or -1 with the reason (without the key or
 * FILE:LINE, which config.c adds) in *cause.
 */
#ifndef OTSNEWS_CONFIG_INT_H
#define OTSNEWS_CONFIG_INT_H

/* Longest password a password_file may hold. */
#define CONFIG_PASSWORD_MAX	4096

/* A decimal integer; with bytes, a k/M/G suffix (and an optional B). */
int	config_parse_int(const char *, long long *, int bytes);

/* An XPath 1.0 expression libxml2 compiles. */
int	config_check_xpath(const char *, char **cause);
/* A zone date.c accepts: an IANA name or a fixed offset. */
int	config_check_tz(const char *, char **cause);
/* An http(s) URL (url_is_http) with a host and a sane port. */
int	config_check_http_url(const char *, char **cause);
/* Empty, or HOST:PORT as metrics_listen binds it. */
int	config_check_listen(const char *, char **cause);
struct config;
/* [redis] sentinels and master_name; *line is the key's (-1: url's). */
int	config_check_sentinels(const struct config *, int *line,
	    char **cause);
/* Read a password from PATH or credential:NAME; *password is the caller's. */
int	config_password_read(const char *, char **password, char **cause);

#endif
