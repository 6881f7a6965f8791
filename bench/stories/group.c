/*
 * group.c -- story grouping over a set of texts, for bench/stories.
 *
 *	group [-k] FILE ...
 *
 * Each FILE has a header of "# key: value" lines (title, lang, published
 * as RFC 3339, source, ots: True|False) and the body after the first
 * blank line, as tests/data/dedup.  The texts go through one dedup index
 * in order of publication; for each, one line: FILE TAB story_id, and with
 * -k the story keys after another TAB.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "article.h"
#include "dedup.h"
#include "dedup-entry.h"
#include "xmalloc.h"

struct item {
	const char	*file;
	struct article	*a;
};

static char *
slurp(const char *path)
{
	FILE	*f;
	char	*buf;
	long	 n;

	if ((f = fopen(path, "r")) == NULL)
		return (NULL);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = xmalloc(n + 1);
	n = (long)fread(buf, 1, n, f);
	buf[n] = '\0';
	fclose(f);
	return (buf);
}

static struct article *
load(const char *path)
{
	struct article	*a;
	struct tm	 tm;
	char		*buf, *p, *nl, *v;

	if ((buf = slurp(path)) == NULL)
		return (NULL);
	a = article_new();
	article_set(&a->id, strrchr(path, '/') != NULL ? strrchr(path, '/') + 1 : path);
	article_set(&a->topics, "ots");
	for (p = buf; *p == '#' && (nl = strchr(p, '\n')) != NULL;
	    p = nl + 1) {
		*nl = '\0';
		if ((v = strchr(p, ':')) == NULL)
			continue;
		v++;
		v += *v == ' ';
		if (strncmp(p, "# title:", 8) == 0)
			article_set(&a->title, v);
		else if (strncmp(p, "# lang:", 7) == 0)
			article_set(&a->lang, v);
		else if (strncmp(p, "# source:", 9) == 0)
			article_set(&a->source, v);
		else if (strncmp(p, "# ots:", 6) == 0)
			article_set(&a->topics, strcmp(v, "True") == 0 ?
			    "ots" : NULL);
		else if (strncmp(p, "# published:", 12) == 0) {
			memset(&tm, 0, sizeof tm);
			if (strptime(v, "%Y-%m-%dT%H:%M:%SZ", &tm) != NULL)
				a->published = timegm(&tm);
		}
	}
	p += strspn(p, "\n");
	article_set(&a->body, p);
	free(buf);
	return (a);
}

static int
item_cmp(const void *x, const void *y)
{
	const struct item	*a = x, *b = y;

	if (a->a->published != b->a->published)
		return (a->a->published < b->a->published ? -1 : 1);
	return (strcmp(a->file, b->file));
}

int
main(int argc, char **argv)
{
	struct dedup_index	*idx;
	struct dedup_entry	*e;
	struct item		*v;
	char			*enc, *keys;
	int			 i, n = 0, showkeys = 0;

	if (argc > 1 && strcmp(argv[1], "-k") == 0) {
		showkeys = 1;
		argc--;
		argv++;
	}
	v = xcalloc(argc, sizeof *v);
	for (i = 1; i < argc; i++) {
		if ((v[n].a = load(argv[i])) == NULL) {
			fprintf(stderr, "group: cannot read %s\n", argv[i]);
			return (1);
		}
		v[n++].file = argv[i];
	}
	qsort(v, n, sizeof *v, item_cmp);
	idx = dedup_index_new(30 * 86400);
	for (i = 0; i < n; i++) {
		e = dedup_evaluate(idx, v[i].a);
		printf("%s\t%s", v[i].file, v[i].a->story_id);
		if (showkeys) {
			/* the KEYS field of format 4, the last but one */
			enc = dedup_entry_encode4(e);
			keys = strrchr(enc, ' ');
			if (keys != NULL)
				*keys = '\0';
			keys = strrchr(enc, ' ');
			printf("\t%s", keys != NULL ? keys + 1 : enc);
			free(enc);
		}
		printf("\n");
		dedup_index_add(idx, e);
		article_free(v[i].a);
	}
	dedup_index_free(idx);
	free(v);
	return (0);
}
