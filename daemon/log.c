/*
 * log.c -- leveled logging to stderr, with journald priorities under systemd.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <event2/event.h>
#include <libxml/xmlerror.h>

#include "log.h"

static const char	*log_progname = "otsnews";
static enum log_level	 log_level = LOG_LEVEL_INFO;
static int		 log_journal;	/* stderr is connected to journald */

static const char *const log_names[] = { "error", "warn", "info", "debug" };
/* syslog priorities: err, warning, info, debug */
static const int log_prio[] = { 3, 4, 6, 7 };

static int
log_stderr_is_journal(void)
{
	const char	*js;
	struct stat	 st;
	unsigned long long dev, ino;

	if ((js = getenv("JOURNAL_STREAM")) == NULL)
		return (0);
	if (sscanf(js, "%llu:%llu", &dev, &ino) != 2)
		return (0);
	if (fstat(STDERR_FILENO, &st) == -1)
		return (0);
	return ((unsigned long long)st.st_dev == dev &&
	    (unsigned long long)st.st_ino == ino);
}

void
log_init(const char *progname, enum log_level level)
{
	log_progname = progname;
	log_level = level;
	log_journal = log_stderr_is_journal();
}

void
log_set_level(enum log_level level)
{
	log_level = level;
}

enum log_level
log_get_level(void)
{
	return (log_level);
}

int
log_level_parse(const char *s, enum log_level *level)
{
	size_t	i;

	for (i = 0; i < sizeof log_names / sizeof log_names[0]; i++) {
		if (strcasecmp(s, log_names[i]) == 0) {
			*level = (enum log_level)i;
			return (0);
		}
	}
	if (strcasecmp(s, "warning") == 0) {
		*level = LOG_LEVEL_WARN;
		return (0);
	}
	return (-1);
}

static void
log_vwrite(enum log_level level, const char *fmt, va_list ap, const char *suffix)
{
	char		 msg[4096], stamp[32];
	struct timespec	 ts;
	struct tm	 tm;
	int		 saved_errno = errno;

	if (level > log_level)
		return;
	vsnprintf(msg, sizeof msg, fmt, ap);
	if (log_journal) {
		fprintf(stderr, "<%d>%s%s%s\n", log_prio[level], msg,
		    suffix != NULL ? ": " : "", suffix != NULL ? suffix : "");
	} else {
		clock_gettime(CLOCK_REALTIME, &ts);
		gmtime_r(&ts.tv_sec, &tm);
		strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &tm);
		fprintf(stderr, "%s.%03ldZ %s[%ld] %s: %s%s%s\n", stamp,
		    ts.tv_nsec / 1000000, log_progname, (long)getpid(),
		    log_names[level], msg, suffix != NULL ? ": " : "",
		    suffix != NULL ? suffix : "");
	}
	fflush(stderr);
	errno = saved_errno;
}

#define LOG_FN(name, level)					\
void								\
name(const char *fmt, ...)					\
{								\
	va_list	ap;						\
								\
	va_start(ap, fmt);					\
	log_vwrite(level, fmt, ap, NULL);			\
	va_end(ap);						\
}

LOG_FN(log_warnx, LOG_LEVEL_WARN)
LOG_FN(log_info, LOG_LEVEL_INFO)
LOG_FN(log_debug, LOG_LEVEL_DEBUG)
LOG_FN(log_error, LOG_LEVEL_ERROR)

void
log_warn(const char *fmt, ...)
{
	va_list	 ap;
	char	*err = strerror(errno);

	va_start(ap, fmt);
	log_vwrite(LOG_LEVEL_WARN, fmt, ap, err);
	va_end(ap);
}

void
fatal(const char *fmt, ...)
{
	va_list	 ap;
	char	*err = strerror(errno);

	va_start(ap, fmt);
	log_vwrite(LOG_LEVEL_ERROR, fmt, ap, err);
	va_end(ap);
	exit(1);
}

void
fatalx(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_vwrite(LOG_LEVEL_ERROR, fmt, ap, NULL);
	va_end(ap);
	exit(1);
}

/* libxml2's structured errors: parse problems of hostile pages are routine. */
static void
log_xml_error_cb(void *ctx, const xmlError *err)
{
	(void)ctx;
	if (err == NULL || log_level < LOG_LEVEL_DEBUG)
		return;
	log_debug("libxml2: %s:%d: %.*s", err->file != NULL ? err->file :
	    "(document)", err->line,
	    err->message != NULL ? (int)strcspn(err->message, "\n") : 0,
	    err->message != NULL ? err->message : "");
}

static void
log_event_cb(int severity, const char *msg)
{
	switch (severity) {
	case EVENT_LOG_DEBUG:
		log_debug("libevent: %s", msg);
		break;
	case EVENT_LOG_MSG:
		log_info("libevent: %s", msg);
		break;
	default:
		log_warnx("libevent: %s", msg);
		break;
	}
}

static void
log_xml_generic_cb(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

void
log_hook_libraries(void)
{
	xmlSetGenericErrorFunc(NULL, log_xml_generic_cb);
	xmlSetStructuredErrorFunc(NULL, (xmlStructuredErrorFunc)log_xml_error_cb);
	event_set_log_callback(log_event_cb);
}
