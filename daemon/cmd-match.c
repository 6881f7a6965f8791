/*
 * cmd-match.c -- otsnews match: is a text about the OTS?
 *
 *	otsnews match [--terms FILE] [--title TITLE] [--title-line]
 *	    FILE|- ...
 *
 * Each FILE is plain UTF-8 text (the article body; "-" is standard input).
 * With --title-line, a first line followed by an empty line is the title.
 * For each, one line on stdout, fields separated by TABs:
 *
 *	VERDICT  TERMS  RELEVANCE  SCORE  TOPICS  EVIDENCE
 *
 * VERDICT is "ots" when the OTS is the subject of the text, else "-";
 * TERMS the matched terms (normalised, comma-separated, maybe none);
 * RELEVANCE the OTS's: subject, mention or "-"; SCORE its relevance_score
 * (0.000-1.000); TOPICS the topics the text is the subject of
 * ("ots,turkic-orgs", "-" when none); EVIDENCE where each term stands
 * (topic.h: TOPIC:TERM@WHERE,...; "-" when none).
 *
 * With more than one FILE each line starts with the file name and a TAB.
 * Exit 0 whatever the verdicts; 1 on a usage, term file or read error.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "topic.h"

#define MATCH_LIMIT	(16 * 1024 * 1024)

static void
match_usage(void)
{
	fprintf(stderr, "usage: otsnews match [--terms FILE] "
	    "[--title TITLE] [--title-line] FILE|- ...\n");
}

/* The verdict on one text, as one line. */
static void
match_one(const struct topic_terms *tt, const char *title, char *body,
    int tline)
{
	struct topic_verdict	 v;
	char			*tags, *nl;

	if (tline && title == NULL && (nl = strchr(body, '\n')) != NULL &&
	    nl[1] == '\n' && nl - body < 300) {
		*nl = '\0';
		title = body;
		body = nl + 2;
	}
	topic_assess(tt, title, body, &v);
	tags = topic_tags(&v, TOPIC_SUBJECT);
	printf("%s\t%s\t%s\t%.3f\t%s\t%s\n",
	    v.rel[TOPIC_OTS] == TOPIC_SUBJECT ? "ots" : "-", v.matched,
	    v.rel[TOPIC_OTS] != TOPIC_NONE ?
	    topic_relevance_name(v.rel[TOPIC_OTS]) : "-",
	    v.score[TOPIC_OTS], tags != NULL ? tags : "-",
	    *v.evidence != '\0' ? v.evidence : "-");
	free(tags);
	topic_verdict_clear(&v);
}

int
cmd_match(int argc, char **argv)
{
	static const struct option	 opts[] = {
		{ "terms", required_argument, NULL, 't' },
		{ "title", required_argument, NULL, 'T' },
		{ "title-line", no_argument, NULL, 'L' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct topic_terms	*tt;
	const char		*terms = NULL, *title = NULL;
	char			*cause, *body;
	size_t			 len;
	int			 ch, i, rc = 0, tline = 0;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "t:T:Lh", opts, NULL)) != -1) {
		switch (ch) {
		case 't':
			terms = optarg;
			break;
		case 'T':
			title = optarg;
			break;
		case 'L':
			tline = 1;
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
		if (argc > 1)
			printf("%s\t", argv[i]);
		match_one(tt, title, body, tline);
		free(body);
	}
	topic_free(tt);
	return (rc);
}
