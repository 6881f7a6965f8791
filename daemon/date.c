/*
 * date.c -- dates as news feeds and pages really write them.
 *
 * Machine dates (date_parse): RFC 822/1123 with the variants feeds use,
 * W3C-DTF / ISO 8601 and asctime; zones; formatting.  Human dates in
 * running text are in date-text.c.  Anything not read with confidence
 * is -1: unknown, never a guess.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "date.h"
#include "date-int.h"
#include "xmalloc.h"


struct date_zone {
	const char	*name;
	int		 minutes;	/* east of UTC */
};

static const struct date_zone date_zones[] = {
	{ "ut", 0 }, { "utc", 0 }, { "gmt", 0 }, { "z", 0 }, { "wet", 0 },
	{ "etc/gmt", 0 }, { "etc/utc", 0 },
	{ "edt", -4 * 60 }, { "est", -5 * 60 }, { "et", -5 * 60 },
	{ "cdt", -5 * 60 }, { "cst", -6 * 60 }, { "ct", -6 * 60 },
	{ "mdt", -6 * 60 }, { "mst", -7 * 60 }, { "mt", -7 * 60 },
	{ "pdt", -7 * 60 }, { "pst", -8 * 60 }, { "pt", -8 * 60 },
	{ "adt", -3 * 60 }, { "ast", -4 * 60 }, { "at", -4 * 60 },
	{ "akdt", -8 * 60 }, { "akst", -9 * 60 }, { "hst", -10 * 60 },
	{ "bst", 60 }, { "cet", 60 }, { "met", 60 }, { "cest", 120 },
	{ "mest", 120 }, { "eet", 120 }, { "eest", 180 }, { "msk", 180 },
	{ "msd", 240 }, { "trt", 180 }, { "azt", 240 }, { "uzt", 300 },
	{ "kgt", 360 }, { "jst", 540 }, { "kst", 540 }, { "hkt", 480 },
	{ "aest", 600 }, { "aedt", 660 }, { "nzst", 720 }, { "nzdt", 780 },
	{ NULL, 0 }
};

static const char *date_en_months[] = {
	"jan", "feb", "mar", "apr", "may", "jun",
	"jul", "aug", "sep", "oct", "nov", "dec"
};

static const char *date_en_full[] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december"
};

static const char *date_weekdays[] = {
	"mon", "tue", "wed", "thu", "fri", "sat", "sun",
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
	"sunday", "tues", "thur", "thurs", "weds"
};

static int
date_leap(int y)
{
	return ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0);
}

int
date_mdays(int y, int m)
{
	static const int days[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (m == 2 && date_leap(y))
		return (29);
	return (days[m - 1]);
}

/* Check fields and build UTC time, then subtract the zone offset. */
time_t
date_make(int y, int mo, int d, int h, int mi, int s, int have_zone,
    int offmin, const char *tz)
{
	struct tm	tm;
	time_t		t;

	if (y < 1900 || y > 9999 || mo < 1 || mo > 12 || d < 1 ||
	    d > date_mdays(y, mo))
		return (-1);
	if (h < 0 || mi < 0 || mi > 59 || s < 0 || s > 60)
		return (-1);
	if (h > 24 || (h == 24 && (mi != 0 || s != 0)))
		return (-1);
	if (s == 60)
		s = 59;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = s;
	if (!have_zone)
		return (date_local_to_utc(&tm, tz));
	tm.tm_isdst = 0;
	if ((t = timegm(&tm)) == -1)
		return (-1);
	return (t - (time_t)offmin * 60);
}

/*
 * Parse a numeric offset: "+05:00", "+0500", "+05", "-3", "+5:30".  The sign
 * is required.  Returns the number of bytes read, 0 if not an offset.
 */
static size_t
date_offset_parse(const char *s, int *minutes)
{
	const char	*p = s;
	int		 sign, h = 0, m = 0, n;

	if (*p != '+' && *p != '-')
		return (0);
	sign = (*p == '-') ? -1 : 1;
	p++;
	for (n = 0; isdigit((unsigned char)*p); n++, p++) {
		if (n >= 4)
			return (0);
		h = h * 10 + (*p - '0');
	}
	if (n == 0)
		return (0);
	if (n == 3)
		return (0);
	if (n == 4) {
		m = h % 100;
		h /= 100;
	} else if (*p == ':' && isdigit((unsigned char)p[1]) &&
	    isdigit((unsigned char)p[2])) {
		m = (p[1] - '0') * 10 + (p[2] - '0');
		p += 3;
	}
	if (h > 14 || m > 59)
		return (0);
	*minutes = sign * (h * 60 + m);
	return (p - s);
}

/* A whole string that is a fixed offset: "+05:00", "UTC+5", "GMT-03". */
static int
date_fixed_zone(const char *tz, int *minutes)
{
	size_t	n;

	if (strcasecmp(tz, "UTC") == 0 || strcasecmp(tz, "GMT") == 0 ||
	    strcasecmp(tz, "Z") == 0 || strcasecmp(tz, "UT") == 0) {
		*minutes = 0;
		return (1);
	}
	if (strncasecmp(tz, "UTC", 3) == 0 || strncasecmp(tz, "GMT", 3) == 0)
		tz += 3;
	if ((n = date_offset_parse(tz, minutes)) == 0 || tz[n] != '\0')
		return (0);
	return (1);
}

static int
date_zone_name_ok(const char *tz)
{
	const char	*p;
	char		 path[PATH_MAX];
	struct stat	 sb;

	if (*tz == '\0' || *tz == '/' || *tz == '.' || strstr(tz, "..") != NULL)
		return (0);
	for (p = tz; *p != '\0'; p++) {
		if (!isalnum((unsigned char)*p) && strchr("/_+-", *p) == NULL)
			return (0);
	}
	if ((size_t)snprintf(path, sizeof path, "/usr/share/zoneinfo/%s",
	    tz) >= sizeof path)
		return (0);
	return (stat(path, &sb) == 0 && S_ISREG(sb.st_mode));
}

/* mktime in zone tz, restoring the process's TZ afterwards. */
static time_t
date_mktime_in(struct tm *tm, const char *tz)
{
	char	*old;
	time_t	 t;

	old = getenv("TZ");
	if (old != NULL)
		old = xstrdup(old);
	setenv("TZ", tz, 1);
	tzset();
	tm->tm_isdst = -1;
	t = mktime(tm);
	if (old != NULL) {
		setenv("TZ", old, 1);
		free(old);
	} else
		unsetenv("TZ");
	tzset();
	return (t);
}

/*
 * Offsets of recently seen (zone, local hour) pairs: a feed's dates share
 * a zone and cluster in time, and each switch of TZ rereads the zone file.
 */
struct date_cache {
	char	tz[64];
	int	year, mon, mday, hour;
	time_t	off;		/* UTC - local, seconds */
	int	used;
};
static struct date_cache	date_cache[16];
static unsigned int		date_cache_next;

time_t
date_local_to_utc(const struct tm *tmp, const char *tz)
{
	struct tm		 tm = *tmp, hr;
	struct date_cache	*c;
	time_t			 t, local;
	int			 minutes;
	size_t			 i;

	if (tz == NULL || *tz == '\0' || date_fixed_zone(tz, &minutes)) {
		if (tz == NULL || *tz == '\0')
			minutes = 0;
		tm.tm_isdst = 0;
		if ((t = timegm(&tm)) == -1)
			return (-1);
		return (t - (time_t)minutes * 60);
	}
	if (strlen(tz) >= sizeof date_cache[0].tz || !date_zone_name_ok(tz))
		return (-1);
	tm.tm_isdst = 0;
	if ((local = timegm(&tm)) == -1)
		return (-1);
	gmtime_r(&local, &tm);	/* normalised fields */
	for (i = 0; i < sizeof date_cache / sizeof date_cache[0]; i++) {
		c = &date_cache[i];
		if (c->used && c->year == tm.tm_year && c->mon == tm.tm_mon &&
		    c->mday == tm.tm_mday && c->hour == tm.tm_hour &&
		    strcmp(c->tz, tz) == 0)
			return (local + c->off);
	}
	hr = tm;
	hr.tm_min = hr.tm_sec = 0;
	if ((t = date_mktime_in(&hr, tz)) == -1)
		return (-1);
	c = &date_cache[date_cache_next++ %
	    (sizeof date_cache / sizeof date_cache[0])];
	snprintf(c->tz, sizeof c->tz, "%s", tz);
	c->year = tm.tm_year;
	c->mon = tm.tm_mon;
	c->mday = tm.tm_mday;
	c->hour = tm.tm_hour;
	c->off = t - (local - tm.tm_min * 60 - tm.tm_sec);
	c->used = 1;
	return (local + c->off);
}

void
date_format(time_t t, char *buf, size_t len)
{
	struct tm	tm;

	if (len == 0)
		return;
	buf[0] = '\0';
	if (t == -1 || gmtime_r(&t, &tm) == NULL)
		return;
	if (strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		buf[0] = '\0';
}

/* Read exactly n digits. */
static int
date_digits(const char **pp, int n, int *out)
{
	const char	*p = *pp;
	int		 v = 0, i;

	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)p[i]))
			return (-1);
		v = v * 10 + (p[i] - '0');
	}
	*pp = p + n;
	*out = v;
	return (0);
}

/* Zone after an ISO time: "Z", "+05:00", "+0500", " UTC", " +0300". */
static int
date_iso_zone(const char *p, int *have_zone, int *offmin)
{
	size_t	n;

	while (*p == ' ')
		p++;
	*have_zone = 0;
	if (*p == '\0')
		return (0);
	if ((*p == 'Z' || *p == 'z') && p[1] == '\0') {
		*have_zone = 1;
		*offmin = 0;
		return (0);
	}
	if (strcasecmp(p, "UTC") == 0 || strcasecmp(p, "GMT") == 0) {
		*have_zone = 1;
		*offmin = 0;
		return (0);
	}
	if ((n = date_offset_parse(p, offmin)) != 0 && p[n] == '\0') {
		*have_zone = 1;
		return (0);
	}
	return (-1);
}

/* W3C-DTF / ISO 8601, extended or basic. */
static time_t
date_parse_iso(const char *p, const char *tz)
{
	int	 y, mo = 1, d = 1, h = 0, mi = 0, s = 0;
	int	 have_zone = 0, offmin = 0, basic = 0;

	if (date_digits(&p, 4, &y) != 0)
		return (-1);
	if (*p == '\0')
		return (date_make(y, 1, 1, 0, 0, 0, 0, 0, tz));
	if (*p == '-') {
		p++;
		/* Google's "2003-012-31" */
		if (p[0] == '0' && isdigit((unsigned char)p[1]) &&
		    isdigit((unsigned char)p[2]))
			p++;
		if (date_digits(&p, 2, &mo) != 0)
			return (-1);
		if (*p == '\0')
			return (date_make(y, mo, 1, 0, 0, 0, 0, 0, tz));
		if (*p++ != '-' || date_digits(&p, 2, &d) != 0)
			return (-1);
	} else {
		basic = 1;
		if (date_digits(&p, 2, &mo) != 0 ||
		    date_digits(&p, 2, &d) != 0)
			return (-1);
	}
	if (*p == '\0')
		return (date_make(y, mo, d, 0, 0, 0, 0, 0, tz));
	if (*p != 'T' && *p != 't' && *p != ' ')
		return (-1);
	p++;
	while (*p == ' ')
		p++;
	if (date_digits(&p, 2, &h) != 0)
		return (-1);
	if (*p == ':')
		p++;
	else if (!basic)
		return (-1);
	if (date_digits(&p, 2, &mi) != 0)
		return (-1);
	if (*p == ':' || (basic && isdigit((unsigned char)*p))) {
		if (*p == ':')
			p++;
		if (date_digits(&p, 2, &s) != 0)
			return (-1);
		if (*p == '.' || *p == ',') {
			p++;
			if (!isdigit((unsigned char)*p))
				return (-1);
			while (isdigit((unsigned char)*p))
				p++;
		}
	}
	if (date_iso_zone(p, &have_zone, &offmin) != 0)
		return (-1);
	return (date_make(y, mo, d, h, mi, s, have_zone, offmin, tz));
}

/* Month abbreviation or full English name; 1-12 or 0. */
static int
date_en_month(const char *w)
{
	int	i;

	for (i = 0; i < 12; i++) {
		if (strcasecmp(w, date_en_months[i]) == 0 ||
		    strcasecmp(w, date_en_full[i]) == 0)
			return (i + 1);
	}
	if (strcasecmp(w, "sept") == 0)
		return (9);
	return (0);
}

static int
date_is_weekday(const char *w)
{
	size_t	i;

	for (i = 0; i < sizeof date_weekdays / sizeof date_weekdays[0]; i++) {
		if (strcasecmp(w, date_weekdays[i]) == 0)
			return (1);
	}
	return (0);
}

/* Named zone or RFC 822 military letter; minutes east of UTC. */
static int
date_named_zone(const char *w, int *minutes)
{
	int	i;
	char	c;

	for (i = 0; date_zones[i].name != NULL; i++) {
		if (strcasecmp(w, date_zones[i].name) == 0) {
			*minutes = date_zones[i].minutes;
			return (1);
		}
	}
	if (strlen(w) == 1) {
		c = tolower((unsigned char)w[0]);
		if (c >= 'a' && c <= 'i')
			*minutes = -(c - 'a' + 1) * 60;
		else if (c >= 'k' && c <= 'm')
			*minutes = -(c - 'k' + 10) * 60;
		else if (c >= 'n' && c <= 'y')
			*minutes = (c - 'n' + 1) * 60;
		else
			return (0);
		return (1);
	}
	return (0);
}

/* "HH:MM[:SS][.frac]" optionally followed by an offset; 0 ok. */
static int
date_rfc_time(const char *w, int *h, int *mi, int *s, int *have_zone,
    int *offmin)
{
	char	*end;
	long	 v;
	size_t	 n;

	v = strtol(w, &end, 10);
	if (end == w || end - w > 2 || *end != ':' || v > 24)
		return (-1);
	*h = (int)v;
	w = end + 1;
	if (!isdigit((unsigned char)w[0]) || !isdigit((unsigned char)w[1]))
		return (-1);
	*mi = (w[0] - '0') * 10 + (w[1] - '0');
	w += 2;
	*s = 0;
	if (*w == ':') {
		if (!isdigit((unsigned char)w[1]) ||
		    !isdigit((unsigned char)w[2]))
			return (-1);
		*s = (w[1] - '0') * 10 + (w[2] - '0');
		w += 3;
		if (*w == '.') {
			w++;
			while (isdigit((unsigned char)*w))
				w++;
		}
	}
	if (*w == '\0')
		return (0);
	if (strcasecmp(w, "Z") == 0) {
		*have_zone = 1;
		*offmin = 0;
		return (0);
	}
	if ((n = date_offset_parse(w, offmin)) != 0 && w[n] == '\0') {
		*have_zone = 1;
		return (0);
	}
	return (-1);
}

struct date_rfc {
	int	nums[3];
	int	ndig[3];
	int	nnum;
	int	mon;
	int	h, mi, s, have_time;
	int	have_zone, offmin;
	int	pm;		/* -1 none, 0 am, 1 pm */
};

/* Classify one word of an RFC 822 / asctime date. */
static int
date_rfc_word(struct date_rfc *r, const char *w)
{
	char	*end;
	long	 v;
	size_t	 n;
	int	 m;

	if (isdigit((unsigned char)*w)) {
		if (strchr(w, ':') != NULL) {
			if (r->have_time)
				return (-1);
			r->have_time = 1;
			return (date_rfc_time(w, &r->h, &r->mi, &r->s,
			    &r->have_zone, &r->offmin));
		}
		v = strtol(w, &end, 10);
		if (*end != '\0' || r->nnum >= 3 || end - w > 4)
			return (-1);
		r->ndig[r->nnum] = (int)(end - w);
		r->nums[r->nnum++] = (int)v;
		return (0);
	}
	if (*w == '+' || *w == '-') {
		if (r->have_zone ||
		    (n = date_offset_parse(w, &r->offmin)) == 0 ||
		    w[n] != '\0')
			return (-1);
		r->have_zone = 1;
		return (0);
	}
	if ((m = date_en_month(w)) != 0) {
		if (r->mon != 0)
			return (-1);
		r->mon = m;
		return (0);
	}
	if (date_is_weekday(w))
		return (0);
	if (strcasecmp(w, "am") == 0 || strcasecmp(w, "pm") == 0) {
		r->pm = (tolower((unsigned char)*w) == 'p');
		return (0);
	}
	if ((strncasecmp(w, "GMT", 3) == 0 || strncasecmp(w, "UTC", 3) == 0) &&
	    (w[3] == '+' || w[3] == '-')) {
		if (r->have_zone || (n = date_offset_parse(w + 3,
		    &r->offmin)) == 0 || w[3 + n] != '\0')
			return (-1);
		r->have_zone = 1;
		return (0);
	}
	if (date_named_zone(w, &m)) {
		if (r->have_zone)
			return (r->offmin == 0 && m == 0 ? 0 : -1);
		r->have_zone = 1;
		r->offmin = m;
		return (0);
	}
	return (-1);
}

/* RFC 822 and variants, asctime: words in any of the usual orders. */
static time_t
date_parse_rfc822(const char *text, const char *tz)
{
	struct date_rfc	 r;
	char		 w[64];
	const char	*p = text;
	size_t		 n;
	int		 day, year;

	memset(&r, 0, sizeof r);
	r.pm = -1;
	for (;;) {
		while (*p == ' ' || *p == ',' || *p == '\t')
			p++;
		if (*p == '\0')
			break;
		n = strcspn(p, " ,\t");
		if (n >= sizeof w)
			return (-1);
		memcpy(w, p, n);
		w[n] = '\0';
		/* "GMT +0300", "(MSK)" */
		if (w[0] == '(' && w[n - 1] == ')') {
			p += n;
			continue;
		}
		/* "01-Jan-2004" */
		if (date_rfc_word(&r, w) != 0)
			return (-1);
		p += n;
	}
	if (r.mon == 0 || r.nnum != 2)
		return (-1);
	day = r.nums[0];
	year = r.nums[1];
	if (r.ndig[0] == 4 && r.ndig[1] <= 2) {
		day = r.nums[1];
		year = r.nums[0];
	} else if (r.ndig[0] > 2)
		return (-1);
	if (r.ndig[1] == 2 && year == r.nums[1])
		year += (year < 50) ? 2000 : 1900;
	else if (r.ndig[1] == 3 && year == r.nums[1])
		year += 1900;
	else if (r.ndig[1] == 1)
		return (-1);
	if (r.pm != -1) {
		if (!r.have_time || r.h < 1 || r.h > 12)
			return (-1);
		r.h = (r.h % 12) + (r.pm ? 12 : 0);
	}
	if (!r.have_time)
		r.h = r.mi = r.s = 0;
	return (date_make(year, r.mon, day, r.h, r.mi, r.s, r.have_zone,
	    r.offmin, tz));
}

/* "01-Jan-2004 10:00" -> "01 Jan 2004 10:00" (copy into buf). */
static void
date_undash(const char *s, char *buf, size_t len)
{
	size_t	i;

	for (i = 0; s[i] != '\0' && i + 1 < len; i++) {
		if (s[i] == '-' && i > 0 && isalnum((unsigned char)s[i - 1]) &&
		    isalpha((unsigned char)s[i + 1]))
			buf[i] = ' ';
		else if (s[i] == '-' && i > 0 &&
		    isalpha((unsigned char)s[i - 1]) &&
		    isdigit((unsigned char)s[i + 1]))
			buf[i] = ' ';
		else
			buf[i] = s[i];
	}
	buf[i] = '\0';
}

time_t
date_parse(const char *text, const char *tz)
{
	char		 buf[256], alt[256];
	const char	*p;
	size_t		 n;
	time_t		 t;

	if (text == NULL)
		return (-1);
	while (isspace((unsigned char)*text))
		text++;
	n = strlen(text);
	while (n > 0 && isspace((unsigned char)text[n - 1]))
		n--;
	if (n == 0 || n >= sizeof buf)
		return (-1);
	memcpy(buf, text, n);
	buf[n] = '\0';
	for (p = buf; *p != '\0'; p++) {
		if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7f)
			return (-1);
	}
	if (isdigit((unsigned char)buf[0]) && isdigit((unsigned char)buf[1]) &&
	    isdigit((unsigned char)buf[2]) && isdigit((unsigned char)buf[3]) &&
	    (buf[4] == '-' || buf[4] == '\0' || isdigit((unsigned char)buf[4])))
		return (date_parse_iso(buf, tz));
	if ((t = date_parse_rfc822(buf, tz)) != -1)
		return (t);
	date_undash(buf, alt, sizeof alt);
	if (strcmp(alt, buf) != 0)
		return (date_parse_rfc822(alt, tz));
	return (-1);
}
