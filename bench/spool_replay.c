/*
 * spool_replay -- time the replay of a large spool, as the daemon does it
 * after a long Redis outage: N records written with spool_write, then
 * handed out in batches of 256 (PUBLISH_REPLAY_BATCH) until a call hands
 * out nothing; each record handed out is removed at once, as a
 * publication would.  Prints the seconds for the write and the replay.
 *
 *	spool_replay N
 *
 * Built and run by bench/run.sh against build/libotsnews.a.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "article.h"
#include "spool.h"

static double
now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((double)ts.tv_sec + (double)ts.tv_nsec / 1e9);
}

struct run {
	struct spool	*sp;
	size_t		 n;
};

static void
taken(struct article *a, char *link_id, char *name, void *arg)
{
	struct run	*r = arg;

	if (spool_remove(r->sp, name) == -1)
		errx(1, "spool_remove %s", name);
	r->n++;
	free(link_id);
	free(name);
	article_free(a);
}

int
main(int argc, char **argv)
{
	char		 dir[] = "/tmp/otsnews-spoolbench-XXXXXX", id[40];
	char		*cause = NULL, *name, cmd[128];
	struct article	*a;
	struct run	 r = { NULL, 0 };
	size_t		 n, i, batches = 0;
	double		 t0, t1, t2;

	if (argc != 2 || (n = strtoul(argv[1], NULL, 10)) == 0)
		errx(2, "usage: spool_replay N");
	if (mkdtemp(dir) == NULL)
		err(1, "mkdtemp");
	if ((r.sp = spool_open(dir, &cause)) == NULL)
		errx(1, "spool_open: %s", cause);
	t0 = now();
	for (i = 0; i < n; i++) {
		a = article_new();
		snprintf(id, sizeof id, "%032zx", i);
		article_set(&a->id, id);
		article_set(&a->url, "https://example.kz/news/a");
		article_set(&a->title, "A spooled article");
		article_set(&a->body, "First paragraph.\n\nSecond paragraph.");
		if ((name = spool_write(r.sp, a, NULL, &cause)) == NULL)
			errx(1, "spool_write: %s", cause);
		free(name);
		article_free(a);
	}
	t1 = now();
	while (spool_replay(r.sp, 256, NULL, taken, &r) != 0)
		batches++;
	t2 = now();
	if (r.n != n)
		errx(1, "replayed %zu of %zu", r.n, n);
	printf("spool of %zu records: write %.2f s, replay %.2f s "
	    "(%zu batches, %.0f records/s)\n", n, t1 - t0, t2 - t1, batches,
	    (double)n / (t2 - t1));
	spool_close(r.sp);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return (system(cmd) == 0 ? 0 : 1);
}
