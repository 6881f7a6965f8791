/*
 * parse_floor.c -- the speed floor of `otsnews extract`: read each file
 * and parse it with libxml2's HTML parser (same options), nothing else.
 * With -s, drop the script and style text first, as `otsnews extract`
 * does (extract_raw_strip): the floor of what it hands libxml2.
 *
 *	parse_floor [-s] FILE ...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/HTMLparser.h>

#include "extract.h"

int
main(int argc, char **argv)
{
	struct timespec	 t0, t1;
	FILE		*f;
	char		*buf;
	long		 len;
	double		 secs, bytes = 0;
	size_t		 n;
	int		 i = 1, pages = 0, strip = 0;
	htmlDocPtr	 doc;

	if (argc > 1 && strcmp(argv[1], "-s") == 0) {
		strip = 1;
		i++;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (; i < argc; i++) {
		if ((f = fopen(argv[i], "rb")) == NULL)
			continue;
		fseek(f, 0, SEEK_END);
		len = ftell(f);
		rewind(f);
		buf = malloc((size_t)len + 1);
		if (buf == NULL || fread(buf, 1, (size_t)len, f) !=
		    (size_t)len) {
			free(buf);
			fclose(f);
			continue;
		}
		fclose(f);
		n = strip ? extract_raw_strip(buf, (size_t)len, buf) :
		    (size_t)len;
		doc = htmlReadMemory(buf, (int)n, argv[i], "UTF-8",
		    EXTRACT_PARSE_OPTS);
		xmlFreeDoc(doc);
		free(buf);
		bytes += (double)len;
		pages++;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("%d pages %.1f MB %.3f s\n", pages, bytes / 1e6, secs);
	return (0);
}
