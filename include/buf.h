/*
 * buf.h -- a growable byte buffer with an optional hard size limit.
 *
 * Every buffer that receives bytes from the network has a limit: buf_add
 * fails (returns -1) once the limit would be passed, and the caller reports.
 * The data is always NUL-terminated so text parsers may use it directly.
 */
#ifndef OTSNEWS_BUF_H
#define OTSNEWS_BUF_H

#include <stddef.h>

struct buf {
	char	*data;		/* owned; NUL-terminated; NULL when empty */
	size_t	 len;
	size_t	 cap;
	size_t	 limit;		/* 0 = unlimited */
};

void	 buf_init(struct buf *, size_t limit);
void	 buf_clear(struct buf *);	/* free the data, keep the limit */
int	 buf_add(struct buf *, const void *, size_t);
int	 buf_addstr(struct buf *, const char *);
int	 buf_addc(struct buf *, char);
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((__format__(__printf__, 2, 3)));
/* Hand the data to the caller (never NULL; "" when empty); buffer resets. */
char	*buf_steal(struct buf *);

#endif
