/*
 * xmalloc.h -- allocators that never return NULL.
 *
 * On exhaustion they log and abort the process (fatalx): a news daemon that
 * cannot allocate a few kilobytes has no useful way to continue.  Raw malloc
 * lives only in xmalloc.c.
 */
#ifndef OTSNEWS_XMALLOC_H
#define OTSNEWS_XMALLOC_H

#include <stdarg.h>
#include <stddef.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
int	 xasprintf(char **, const char *, ...)
	    __attribute__((__format__(__printf__, 2, 3)));
int	 xvasprintf(char **, const char *, va_list)
	    __attribute__((__format__(__printf__, 2, 0)));
/* Duplicate a string or return NULL for NULL. */
char	*xstrdup_or_null(const char *);

#endif
