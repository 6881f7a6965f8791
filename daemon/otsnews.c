/*
 * otsnews.c -- the companion tool: offline parsing and extraction, the
 * consumer side of the stream, diagnostics.  One subcommand per cmd-*.c.
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "log.h"

static const struct {
	const char	*name;
	int		(*fn)(int, char **);
	const char	*usage;
} otsnews_cmds[] = {
	{ "parse-feed", cmd_parse_feed, "parse-feed [--url URL] [--type T] [--charset C] [--links XPATH]\n"
	    "                  [--tz ZONE] FILE|-" },
	{ "extract", cmd_extract, "extract [--url URL] [--tz TZ] [--lang L] [--charset C]\n"
	    "                  [--title-xpath X] [--body-xpath X] [--date-xpath X]\n"
	    "                  [--drop-xpath X] FILE|- ..." },
	{ "match", cmd_match, "match [--terms FILE] [--title T] [--title-line] FILE|- ..." },
	{ "tail", cmd_tail, "tail [-c FILE] [--json] [--from-start | --after ID]\n"
	    "                  [--count N]" },
	{ "status", cmd_status, "status [-c FILE] [--json]" },
};

static void
otsnews_usage(FILE *f)
{
	size_t	i;

	fprintf(f, "usage: otsnews COMMAND [ARGS]\n");
	for (i = 0; i < sizeof otsnews_cmds / sizeof otsnews_cmds[0]; i++)
		fprintf(f, "       otsnews %s\n", otsnews_cmds[i].usage);
}

int
main(int argc, char **argv)
{
	size_t	i;

	log_init("otsnews", LOG_LEVEL_WARN);
	log_hook_libraries();
	if (argc < 2) {
		otsnews_usage(stderr);
		return (1);
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		otsnews_usage(stdout);
		return (0);
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("otsnews %s\n", OTSNEWS_VERSION);
		return (0);
	}
	for (i = 0; i < sizeof otsnews_cmds / sizeof otsnews_cmds[0]; i++) {
		if (strcmp(argv[1], otsnews_cmds[i].name) == 0)
			return (otsnews_cmds[i].fn(argc - 1, argv + 1));
	}
	fprintf(stderr, "otsnews: unknown command: %s\n", argv[1]);
	otsnews_usage(stderr);
	return (1);
}
