/*
 * cmd-parse-feed.c -- otsnews parse-feed: a feed, sitemap or listing page
 * as the JSON document of the contract.
 *
 *	otsnews parse-feed [--url URL] [--type T] [--charset C]
 *	    [--links XPATH] [--tz ZONE] FILE|-
 *
 * Exit 0 with the document on stdout; 1 on a usage or read error or when
 * the input yields nothing (the reason on stderr).  An ill-formed feed from
 * which entries were recovered is printed with "recovered": true.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include <jansson.h>

#include "cmd.h"
#include "feed.h"

#define PARSE_FEED_LIMIT	(32 * 1024 * 1024)

static void
parse_feed_usage(void)
{
	fprintf(stderr, "usage: otsnews parse-feed [--url URL] [--type T] "
	    "[--charset C] [--links XPATH] [--tz ZONE] FILE|-\n");
}

static int
parse_feed_print(const struct feed *f)
{
	/* like printf before: a failed write only shows in the exit code */
	if (feed_print(f, stdout) != 0)
		return (1);
	return (fflush(stdout) == 0 ? 0 : 1);
}

int
cmd_parse_feed(int argc, char **argv)
{
	static const struct option	 lopts[] = {
		{ "url", required_argument, NULL, 'u' },
		{ "type", required_argument, NULL, 't' },
		{ "charset", required_argument, NULL, 'c' },
		{ "links", required_argument, NULL, 'l' },
		{ "tz", required_argument, NULL, 'z' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct feed_opts	 opts = { 0 };
	struct feed		*f;
	struct cmd_file		 in;
	char			*cause = NULL;
	int			 ch, rc;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "u:t:c:l:z:h", lopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'u':
			opts.url = optarg;
			break;
		case 't':
			if (feed_type_parse(optarg, &opts.type) != 0) {
				fprintf(stderr, "otsnews: parse-feed: unknown "
				    "type: %s\n", optarg);
				return (1);
			}
			break;
		case 'c':
			opts.http_charset = optarg;
			break;
		case 'l':
			opts.links_xpath = optarg;
			break;
		case 'z':
			opts.tz = optarg;
			break;
		default:
			parse_feed_usage();
			return (1);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 1) {
		parse_feed_usage();
		return (1);
	}
	/* mapped: a large feed is not copied out of the page cache */
	if (cmd_map_file(argv[0], PARSE_FEED_LIMIT, &in, &cause) != 0) {
		fprintf(stderr, "otsnews: parse-feed: %s\n", cause);
		free(cause);
		return (1);
	}
	f = feed_parse(in.data, in.len, &opts, &cause);
	cmd_unmap_file(&in);
	if (f == NULL) {
		fprintf(stderr, "otsnews: parse-feed: %s: %s\n", argv[0],
		    cause != NULL ? cause : "cannot parse");
		free(cause);
		return (1);
	}
	if (f->nentries == 0 && f->title == NULL &&
	    (f->recovered || f->format == FEED_FORMAT_HTML)) {
		fprintf(stderr, "otsnews: parse-feed: %s: no feed or entries "
		    "found\n", argv[0]);
		feed_free(f);
		return (1);
	}
	rc = parse_feed_print(f);
	feed_free(f);
	return (rc);
}
