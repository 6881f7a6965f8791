/*
 * cmd-match.c -- otsnews match: is a text about the OTS?
 *
 *	otsnews match [--terms FILE] [--title TITLE] FILE|- ...
 *
 * Each FILE is plain UTF-8 text (the article body; "-" is standard input).
 * For each, one line on stdout:
 *
 *	ots<TAB>term,term,...	the text is about the OTS; the matched terms
 *	-<TAB>term,...		it is not (terms that matched but were not
 *				enough, possibly none)
 *
 * With more than one FILE each line starts with the file name and a TAB.
 * Exit 0 whatever the verdicts; 1 on a usage, term file or read error.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "topic.h"

#define MATCH_LIMIT	(16 * 1024 * 1024)

static void
match_usage(void)
{
	fprintf(stderr, "usage: otsnews match [--terms FILE] "
	    "[--title TITLE] FILE|- ...\n");
}

int
cmd_match(int argc, char **argv)
{
	static const struct option	 opts[] = {
		{ "terms", required_argument, NULL, 't' },
		{ "title", required_argument, NULL, 'T' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct topic_terms	*tt;
	const char		*terms = NULL, *title = NULL;
	char			*cause, *body, *matched;
	size_t			 len;
	int			 ch, i, ots, rc = 0;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "t:T:h", opts, NULL)) != -1) {
		switch (ch) {
		case 't':
			terms = optarg;
			break;
		case 'T':
			title = optarg;
			break;
		default:
			match_usage();
			return (1);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1) {
		match_usage();
		return (1);
	}
	if ((tt = topic_load(terms, &cause)) == NULL) {
		fprintf(stderr, "otsnews: match: %s\n", cause);
		free(cause);
		return (1);
	}
	for (i = 0; i < argc; i++) {
		body = cmd_read_file(argv[i], MATCH_LIMIT, &len, &cause);
		if (body == NULL) {
			fprintf(stderr, "otsnews: match: %s\n", cause);
			free(cause);
			rc = 1;
			continue;
		}
		ots = topic_match(tt, title, body, &matched);
		if (argc > 1)
			printf("%s\t", argv[i]);
		printf("%s\t%s\n", ots ? "ots" : "-", matched);
		free(matched);
		free(body);
	}
	topic_free(tt);
	return (rc);
}
