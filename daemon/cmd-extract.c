/*
 * cmd-extract.c -- otsnews extract: one JSON article per input file.
 *
 *	otsnews extract [--url URL] [--tz TZ] [--lang L] [--charset CS]
 *	    [--title-xpath X] [--body-xpath X] [--date-xpath X]
 *	    [--drop-xpath X] FILE|- ...
 *
 * A file that cannot be read or parsed yields {"file": ..., "error": ...}
 * and the others go on; the exit status is 1 when any file failed.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "article.h"
#include "cmd.h"
#include "date.h"
#include "extract.h"
#include "xmalloc.h"

#define CMD_EXTRACT_LIMIT	(16U * 1024 * 1024)

static json_t *
cmd_extract_str(const char *s)
{
	return (s != NULL && *s != '\0' ? json_string(s) : json_null());
}

static json_t *
cmd_extract_json(const char *file, const struct article *a)
{
	json_t	*o = json_object();
	char	 t[32];

	json_object_set_new(o, "file", json_string(file));
	json_object_set_new(o, "title", cmd_extract_str(a->title));
	date_format(a->published, t, sizeof t);
	json_object_set_new(o, "published", cmd_extract_str(t));
	json_object_set_new(o, "author", cmd_extract_str(a->author));
	json_object_set_new(o, "lang", cmd_extract_str(a->lang));
	json_object_set_new(o, "canonical_url",
	    cmd_extract_str(a->canonical_url));
	json_object_set_new(o, "image", cmd_extract_str(a->image));
	json_object_set_new(o, "summary", cmd_extract_str(a->summary));
	json_object_set_new(o, "body", cmd_extract_str(a->body));
	return (o);
}

static int
cmd_extract_one(const char *file, const struct extract_opts *opts)
{
	struct article	*a = NULL;
	json_t		*o;
	char		*buf, *cause = NULL, *msg;
	size_t		 len;
	int		 rc = 0;

	if ((buf = cmd_read_file(file, CMD_EXTRACT_LIMIT, &len,
	    &cause)) != NULL) {
		a = extract_page(buf, len, opts, &cause);
		free(buf);
		if (a == NULL) {
			xasprintf(&msg, "%s: %s", file, cause != NULL ?
			    cause : "unknown error");
			free(cause);
			cause = msg;
		}
	}
	if (a != NULL)
		o = cmd_extract_json(file, a);
	else {
		o = json_object();
		json_object_set_new(o, "file", json_string(file));
		json_object_set_new(o, "error", json_string(cause != NULL ?
		    cause : "unknown error"));
		fprintf(stderr, "otsnews: extract: %s\n", cause != NULL ?
		    cause : "unknown error");
		rc = 1;
	}
	json_dumpf(o, stdout, JSON_COMPACT | JSON_PRESERVE_ORDER);
	fputc('\n', stdout);
	json_decref(o);
	article_free(a);
	free(cause);
	return (rc);
}

int
cmd_extract(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "url", required_argument, NULL, 'u' },
		{ "tz", required_argument, NULL, 'z' },
		{ "lang", required_argument, NULL, 'l' },
		{ "charset", required_argument, NULL, 'c' },
		{ "title-xpath", required_argument, NULL, 'T' },
		{ "body-xpath", required_argument, NULL, 'B' },
		{ "date-xpath", required_argument, NULL, 'D' },
		{ "drop-xpath", required_argument, NULL, 'X' },
		{ NULL, 0, NULL, 0 }
	};
	struct extract_opts	opts;
	int			ch, i, rc = 0;

	memset(&opts, 0, sizeof opts);
	optind = 1;
	while ((ch = getopt_long(argc, argv, "u:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'u':
			opts.url = optarg;
			break;
		case 'z':
			opts.tz = optarg;
			break;
		case 'l':
			opts.lang_hint = optarg;
			break;
		case 'c':
			opts.http_charset = optarg;
			break;
		case 'T':
			opts.title_xpath = optarg;
			break;
		case 'B':
			opts.body_xpath = optarg;
			break;
		case 'D':
			opts.date_xpath = optarg;
			break;
		case 'X':
			opts.drop_xpath = optarg;
			break;
		default:
			fprintf(stderr, "usage: otsnews extract [--url URL] "
			    "[--tz TZ] [--lang L] FILE|- ...\n");
			return (1);
		}
	}
	if (optind >= argc) {
		fprintf(stderr, "usage: otsnews extract [--url URL] "
		    "[--tz TZ] [--lang L] FILE|- ...\n");
		return (1);
	}
	for (i = optind; i < argc; i++) {
		if (cmd_extract_one(argv[i], &opts) != 0)
			rc = 1;
	}
	fflush(stdout);
	return (rc);
}
