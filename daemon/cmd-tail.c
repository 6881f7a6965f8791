/* cmd-tail.c -- placeholder until the module lands (replaced by its owner). */
#include <stdio.h>

#include "cmd.h"

int
cmd_tail(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "otsnews: tail: not built yet\n");
	return (1);
}
