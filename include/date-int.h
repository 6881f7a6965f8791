/*
 * date-int.h -- shared by date.c and date-text.c; not for other modules.
 */
#ifndef OTSNEWS_DATE_INT_H
#define OTSNEWS_DATE_INT_H

#include <time.h>

int	date_mdays(int, int);
/* Validate and convert; with have_zone, offmin is minutes east of UTC. */
time_t	date_make(int, int, int, int, int, int, int, int, const char *);

#endif
