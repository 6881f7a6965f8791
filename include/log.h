/*
 * log.h -- leveled logging to stderr, journald-aware.
 *
 * Under systemd (JOURNAL_STREAM set and matching stderr) each line carries a
 * "<N>" priority prefix that journald understands; otherwise lines carry a
 * timestamp and a level word.  log_warn appends strerror(errno).
 */
#ifndef OTSNEWS_LOG_H
#define OTSNEWS_LOG_H

#include <stdarg.h>

enum log_level {
	LOG_LEVEL_ERROR = 0,
	LOG_LEVEL_WARN,
	LOG_LEVEL_INFO,
	LOG_LEVEL_DEBUG
};

void	log_init(const char *, enum log_level);
void	log_set_level(enum log_level);
enum log_level log_get_level(void);
int	log_level_parse(const char *, enum log_level *);
/* Route libxml2, libevent and libcurl diagnostics through our log. */
void	log_hook_libraries(void);

void	log_warn(const char *, ...) __attribute__((__format__(__printf__, 1, 2)));
void	log_warnx(const char *, ...) __attribute__((__format__(__printf__, 1, 2)));
void	log_info(const char *, ...) __attribute__((__format__(__printf__, 1, 2)));
void	log_debug(const char *, ...) __attribute__((__format__(__printf__, 1, 2)));
void	log_error(const char *, ...) __attribute__((__format__(__printf__, 1, 2)));
void	fatal(const char *, ...)
	    __attribute__((__format__(__printf__, 1, 2), __noreturn__));
void	fatalx(const char *, ...)
	    __attribute__((__format__(__printf__, 1, 2), __noreturn__));

#endif
