/*
 * date.h -- dates as news feeds and pages really write them.
 *
 * All functions return a UTC time_t, or -1 when the text is not a date they
 * can read with confidence: an unparseable date is "unknown", never a guess.
 *
 * tz names the zone a date without an explicit offset is in: an IANA name
 * ("Asia/Almaty"), a fixed offset ("+05:00", "UTC+5"), or NULL for UTC.
 */
#ifndef OTSNEWS_DATE_H
#define OTSNEWS_DATE_H

#include <time.h>

/* RFC 822/1123 and real-world variants, W3C-DTF / ISO 8601, asctime. */
time_t	date_parse(const char *text, const char *tz);
/*
 * Human dates in running text of en/ru/kk/tr pages and listings:
 * "21 May 2025", "May 21, 2025 14:10", "21 мая 2025 года",
 * "2025 жылғы 21 мамыр", "13:51, 15 Август 2025", "09.10.2025, 13:15",
 * "21 Mayıs 2025".  Finds the first date in the text.  *has_time (may be
 * NULL) tells whether a time of day was present.
 */
time_t	date_parse_text(const char *text, const char *tz, int *has_time);
/*
 * Convert a broken-down local time in zone tz to UTC; -1 on error (unknown
 * zone).  IANA zones are resolved by setting TZ briefly (then restored),
 * so this is not thread-safe; results are cached per zone and hour.
 */
time_t	date_local_to_utc(const struct tm *, const char *tz);
/* RFC 3339 UTC; buf must hold 21 bytes; "" for -1. */
void	date_format(time_t, char *buf, size_t len);

#endif
