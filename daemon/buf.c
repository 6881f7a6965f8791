/*
 * buf.c -- growable byte buffer with a hard limit.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "xmalloc.h"

void
buf_init(struct buf *b, size_t limit)
{
	b->data = NULL;
	b->len = b->cap = 0;
	b->limit = limit;
}

void
buf_clear(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

int
buf_add(struct buf *b, const void *p, size_t n)
{
	size_t	newcap;

	if (b->limit != 0 && (n > b->limit || b->len > b->limit - n))
		return (-1);
	if (b->len + n + 1 > b->cap) {
		newcap = b->cap == 0 ? 256 : b->cap;
		while (newcap < b->len + n + 1)
			newcap *= 2;
		b->data = xrealloc(b->data, newcap);
		b->cap = newcap;
	}
	if (n != 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return (0);
}

int
buf_addstr(struct buf *b, const char *s)
{
	return (buf_add(b, s, strlen(s)));
}

int
buf_addc(struct buf *b, char c)
{
	return (buf_add(b, &c, 1));
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;
	int	 n;

	va_start(ap, fmt);
	n = xvasprintf(&s, fmt, ap);
	va_end(ap);
	(void)buf_add(b, s, (size_t)n);
	free(s);
}

char *
buf_steal(struct buf *b)
{
	char	*s = b->data;

	if (s == NULL)
		s = xstrdup("");
	b->data = NULL;
	b->len = b->cap = 0;
	return (s);
}
