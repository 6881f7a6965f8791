/* test_spool.c -- records survive in the spool and come back whole. */
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "article.h"
#include "buf.h"
#include "metrics.h"
#include "spool.h"

#define MAXR	8

struct replayed {
	int	 n;
	char	*titles[MAXR];
	char	*link_ids[MAXR];
	char	*names[MAXR];
	char	*held[MAXR];	/* names the caller holds: skipped */
	int	 nheld;
};

/* Mount points and children to clean up even when an assertion fails. */
static char	mounted[64];
static pid_t	child = -1;

static void
collect(struct article *a, char *link_id, char *name, void *arg)
{
	struct replayed	*r = arg;

	assert_true(r->n < MAXR);
	r->titles[r->n] = strdup(a->title);
	r->link_ids[r->n] = link_id;
	r->names[r->n] = name;
	r->n++;
	article_free(a);
}

static int
held(const char *name, void *arg)
{
	struct replayed	*r = arg;
	int		 i;

	for (i = 0; i < r->nheld; i++) {
		if (strcmp(r->held[i], name) == 0)
			return (1);
	}
	return (0);
}

/* Move what was replayed to the held list. */
static void
hold(struct replayed *r)
{
	int	i;

	for (i = 0; i < r->n; i++) {
		assert_true(r->nheld < MAXR);
		r->held[r->nheld++] = r->names[i];
		free(r->titles[i]);
		free(r->link_ids[i]);
	}
	r->n = 0;
}

static void
replayed_clear(struct replayed *r)
{
	int	i;

	hold(r);
	for (i = 0; i < r->nheld; i++)
		free(r->held[i]);
	memset(r, 0, sizeof *r);
}

static struct article *
make(const char *id, const char *title)
{
	struct article	*a = article_new();

	article_set(&a->id, id);
	article_set(&a->url, "https://example.kz/a");
	article_set(&a->title, title);
	article_set(&a->body, "Первый абзац.\n\nSecond paragraph.");
	a->published = 1747820400;	/* 2025-05-21T09:40:00Z */
	a->similarity = -1;
	return (a);
}

/* Spool the record id and return nothing; asserts success. */
static void
put(struct spool *sp, const char *id)
{
	struct article	*a = make(id, id);
	char		*cause = NULL, *name;

	name = spool_write(sp, a, NULL, &cause);
	if (name == NULL)
		fail_msg("spool_write %s: %s", id, cause);
	free(name);
	article_free(a);
}

static void
rm_rf(const char *dir)
{
	char	cmd[256];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

static int
exists(const char *dir, const char *name)
{
	char		path[512];
	struct stat	st;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	return (lstat(path, &st) == 0);
}

static void
touch(const char *dir, const char *name, const char *text, time_t age)
{
	char		 path[512];
	struct timespec	 ts[2];
	FILE		*f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	assert_non_null(f = fopen(path, "w"));
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
	if (age != 0) {
		ts[0].tv_sec = ts[1].tv_sec = time(NULL) - age;
		ts[0].tv_nsec = ts[1].tv_nsec = 0;
		assert_int_equal(utimensat(AT_FDCWD, path, ts, 0), 0);
	}
}

static void
set_mtime(const char *dir, const char *name, time_t t)
{
	char		path[512];
	struct timespec	ts[2];

	snprintf(path, sizeof path, "%s/%s", dir, name);
	ts[0].tv_sec = ts[1].tv_sec = t;
	ts[0].tv_nsec = ts[1].tv_nsec = 0;
	assert_int_equal(utimensat(AT_FDCWD, path, ts, 0), 0);
}

/* Files whose name starts with a dot (temporary and probe files). */
static int
count_hidden(const char *dir)
{
	DIR		*d;
	struct dirent	*de;
	int		 n = 0;

	assert_non_null(d = opendir(dir));
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.' && strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0)
			n++;
	}
	closedir(d);
	return (n);
}

/* Sum of the sizes of the regular *.json files. */
static size_t
disk_bytes(const char *dir)
{
	DIR		*d;
	struct dirent	*de;
	struct stat	 st;
	char		 path[512];
	size_t		 n = 0, len;

	assert_non_null(d = opendir(dir));
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		if (de->d_name[0] != '.' && len > 5 &&
		    strcmp(de->d_name + len - 5, ".json") == 0 &&
		    lstat(path, &st) == 0 && S_ISREG(st.st_mode))
			n += (size_t)st.st_size;
	}
	closedir(d);
	return (n);
}

static unsigned long long
metric(const char *name)
{
	struct buf		 b;
	char			 key[128], *p;
	unsigned long long	 v = 0;

	buf_init(&b, 0);
	metrics_format(&b);
	buf_addc(&b, '\0');
	snprintf(key, sizeof key, "\notsnewsd_%s ", name);
	if ((p = strstr(b.data, key)) != NULL)
		v = strtoull(p + strlen(key), NULL, 10);
	buf_clear(&b);
	return (v);
}

static int
teardown(void **state)
{
	(void)state;
	alarm(0);
	if (child != -1) {
		kill(child, SIGKILL);
		waitpid(child, NULL, 0);
		child = -1;
	}
	if (mounted[0] != '\0') {
		if (umount2(mounted, MNT_DETACH) == -1)
			fprintf(stderr, "umount %s: %s\n", mounted,
			    strerror(errno));
		rmdir(mounted);
		mounted[0] = '\0';
	}
	return (0);
}

/* Mount a small tmpfs on a fresh directory; 0, or -1 with a message. */
static int
mount_tmpfs(const char *opts, unsigned long flags)
{
	strcpy(mounted, "/tmp/otsnews-spool-mnt-XXXXXX");
	assert_non_null(mkdtemp(mounted));
	if (geteuid() != 0 ||
	    mount("tmpfs", mounted, "tmpfs", flags, opts) == -1) {
		print_message("skipped: cannot mount tmpfs (%s)\n",
		    geteuid() != 0 ? "not root" : strerror(errno));
		rmdir(mounted);
		mounted[0] = '\0';
		return (-1);
	}
	return (0);
}

static void
test_roundtrip(void **state)
{
	char		 dir[] = "/tmp/otsnews-spool-XXXXXX";
	struct spool	*sp;
	struct article	*a, *b;
	struct replayed	 r;
	char		*cause = NULL, *n1, *n2, path[256];
	int		 i;

	(void)state;
	assert_non_null(mkdtemp(dir));
	sp = spool_open(dir, &cause);
	assert_non_null(sp);
	assert_int_equal(spool_count(sp), 0);
	assert_int_equal(spool_bytes(sp), 0);
	a = make("aaaa", "Саммит ОТГ");
	b = make("bbbb", "Second");
	n1 = spool_write(sp, a, "link1", &cause);
	n2 = spool_write(sp, b, NULL, &cause);
	assert_non_null(n1);
	assert_non_null(n2);
	assert_string_equal(n1, "aaaa.json");
	assert_int_equal(spool_count(sp), 2);
	snprintf(path, sizeof path, "%s/spool", dir);
	assert_int_equal(spool_bytes(sp), disk_bytes(path));
	/* Writing the same record again does not count twice. */
	free(spool_write(sp, a, "link1", &cause));
	assert_int_equal(spool_count(sp), 2);
	assert_int_equal(spool_bytes(sp), disk_bytes(path));
	assert_int_equal(count_hidden(path), 0);
	spool_close(sp);

	/* A new process finds both, and a corrupt file is moved aside. */
	snprintf(path, sizeof path, "%s/spool/cccc.json", dir);
	FILE *f = fopen(path, "w");
	fputs("{not json", f);
	fclose(f);
	sp = spool_open(dir, &cause);
	assert_int_equal(spool_count(sp), 3);
	memset(&r, 0, sizeof r);
	/* The old three-argument form still means "all of them". */
	spool_replay_all(sp, collect, &r);
	assert_int_equal(r.n, 2);
	assert_int_equal(spool_count(sp), 2);
	for (i = 0; i < r.n; i++) {
		if (strcmp(r.titles[i], "Саммит ОТГ") == 0)
			assert_string_equal(r.link_ids[i], "link1");
		else
			assert_null(r.link_ids[i]);
		assert_int_equal(spool_remove(sp, r.names[i]), 0);
		free(r.titles[i]);
		free(r.link_ids[i]);
		free(r.names[i]);
	}
	assert_int_equal(spool_count(sp), 0);
	assert_int_equal(spool_bytes(sp), 0);
	spool_close(sp);
	article_free(a);
	article_free(b);
	free(n1);
	free(n2);
	rm_rf(dir);
}

static void
expect_open_fails(const char *state_dir, const char *want1,
    const char *want2)
{
	struct spool	*sp;
	char		*cause = NULL;

	sp = spool_open(state_dir, &cause);
	assert_null(sp);
	assert_non_null(cause);
	if (strstr(cause, want1) == NULL || strstr(cause, want2) == NULL)
		fail_msg("spool_open cause \"%s\" lacks \"%s\" or \"%s\"",
		    cause, want1, want2);
	free(cause);
	cause = NULL;
	assert_int_equal(spool_check(state_dir, &cause), -1);
	if (strstr(cause, want1) == NULL || strstr(cause, want2) == NULL)
		fail_msg("spool_check cause \"%s\" lacks \"%s\" or \"%s\"",
		    cause, want1, want2);
	free(cause);
}

static void
test_open_errors(void **state)
{
	char		 dir[] = "/tmp/otsnews-spool-XXXXXX";
	char		 path[128], sub[256];
	char		*cause = NULL;
	struct spool	*sp;

	(void)state;
	assert_non_null(mkdtemp(dir));
	/* Under a regular file: fails for root too. */
	expect_open_fails("/etc/passwd/x", "/etc/passwd/x", strerror(ENOTDIR));
	/* state_dir is a file. */
	snprintf(path, sizeof path, "%s/file", dir);
	touch(dir, "file", "x", 0);
	expect_open_fails(path, path, strerror(ENOTDIR));
	/* state_dir/spool is a file. */
	snprintf(path, sizeof path, "%s/st", dir);
	assert_int_equal(mkdir(path, 0750), 0);
	touch(path, "spool", "x", 0);
	snprintf(sub, sizeof sub, "%s/spool", path);
	expect_open_fails(path, sub, strerror(ENOTDIR));
	/* Parent of state_dir missing. */
	snprintf(path, sizeof path, "%s/no/such", dir);
	snprintf(sub, sizeof sub, "%s/no", dir);
	expect_open_fails(path, sub, strerror(ENOENT));

	/* spool_check creates nothing; spool_open creates both levels. */
	snprintf(path, sizeof path, "%s/new", dir);
	assert_int_equal(spool_check(path, &cause), 0);
	assert_false(exists(dir, "new"));
	assert_int_equal(count_hidden(dir), 0);
	assert_non_null(sp = spool_open(path, &cause));
	assert_true(exists(path, "spool"));
	spool_close(sp);
	assert_int_equal(spool_check(path, &cause), 0);
	snprintf(sub, sizeof sub, "%s/spool", path);
	assert_int_equal(count_hidden(sub), 0);	/* the probe is gone */

	/* Not writable. */
	if (geteuid() != 0) {
		assert_int_equal(chmod(sub, 0500), 0);
		expect_open_fails(path, "not writable", strerror(EACCES));
		chmod(sub, 0750);
	}
	rm_rf(dir);
	if (mount_tmpfs("size=64k", 0) == -1) {
		if (geteuid() == 0)
			skip();
		return;
	}
	snprintf(sub, sizeof sub, "%s/spool", mounted);
	assert_int_equal(mkdir(sub, 0750), 0);
	assert_int_equal(mount("tmpfs", mounted, "tmpfs", MS_REMOUNT | MS_RDONLY,
	    NULL), 0);
	expect_open_fails(mounted, "not writable", strerror(EROFS));
	rmdir(sub);	/* EROFS; the tmpfs goes away in teardown */
}

static void
test_fifo_symlink(void **state)
{
	char		 dir[] = "/tmp/otsnews-spool-XXXXXX";
	char		 sp_dir[128], other[128], target[512], link[512];
	char		*cause = NULL;
	struct spool	*sp;
	struct replayed	 r;

	(void)state;
	alarm(30);		/* a FIFO must not hang: fail instead */
	assert_non_null(mkdtemp(dir));
	snprintf(sp_dir, sizeof sp_dir, "%s/spool", dir);
	snprintf(other, sizeof other, "%s/other", dir);
	/* A valid record elsewhere, reached through a symlink. */
	assert_non_null(sp = spool_open(other, &cause));
	put(sp, "elsewhere");
	spool_close(sp);
	assert_non_null(sp = spool_open(dir, &cause));
	put(sp, "good");
	spool_close(sp);
	snprintf(target, sizeof target, "%s/spool/elsewhere.json", other);
	snprintf(link, sizeof link, "%s/link.json", sp_dir);
	assert_int_equal(symlink(target, link), 0);
	snprintf(link, sizeof link, "%s/self.json", sp_dir);
	assert_int_equal(symlink("good.json", link), 0);
	snprintf(link, sizeof link, "%s/x.json", sp_dir);
	assert_int_equal(mkfifo(link, 0640), 0);
	snprintf(link, sizeof link, "%s/d.json", sp_dir);
	assert_int_equal(mkdir(link, 0750), 0);

	assert_non_null(sp = spool_open(dir, &cause));
	assert_int_equal(spool_count(sp), 1);
	assert_int_equal(spool_bytes(sp), disk_bytes(sp_dir));
	memset(&r, 0, sizeof r);
	assert_int_equal(spool_replay(sp, 10, NULL, collect, &r), 1);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.names[0], "good.json");
	/* Again: still skipped, and left where they are. */
	hold(&r);
	assert_int_equal(spool_replay_all(sp, collect, &r), 1);
	assert_int_equal(spool_count(sp), 1);
	assert_true(exists(sp_dir, "x.json"));
	assert_true(exists(sp_dir, "link.json"));
	assert_true(exists(sp_dir, "self.json"));
	assert_false(exists(sp_dir, "x.json.bad"));
	assert_false(exists(sp_dir, "link.json.bad"));
	assert_true(exists(other, "spool/elsewhere.json"));
	replayed_clear(&r);
	spool_close(sp);
	alarm(0);
	rm_rf(dir);
}

static void
test_tmp_stale(void **state)
{
	char		 dir[] = "/tmp/otsnews-spool-XXXXXX";
	char		 sp_dir[256], dead[64], live[64], kid[64], old[64];
	char		 busy[64], path[512], buf[64];
	char		*cause = NULL;
	struct spool	*sp;
	pid_t		 pid;
	FILE		*f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(sp_dir, sizeof sp_dir, "%s/spool", dir);
	assert_non_null(sp = spool_open(dir, &cause));
	spool_close(sp);

	/* A process that is certainly gone. */
	if ((pid = fork()) == 0)
		_exit(0);
	assert_true(pid > 0);
	assert_int_equal(waitpid(pid, NULL, 0), pid);
	/* A process that stays alive during the test. */
	if ((child = fork()) == 0) {
		pause();
		_exit(0);
	}
	assert_true(child > 0);

	snprintf(dead, sizeof dead, ".aaaa.json.%ld.1.tmp", (long)pid);
	snprintf(live, sizeof live, ".bbbb.json.%ld.7.tmp", (long)getpid());
	snprintf(kid, sizeof kid, ".cccc.json.%ld.3.tmp", (long)child);
	snprintf(old, sizeof old, ".dddd.json.%ld.4.tmp", (long)child);
	snprintf(busy, sizeof busy, ".eeee.json.%ld.1.tmp", (long)child);
	touch(sp_dir, dead, "{", 0);
	touch(sp_dir, live, "{", 0);
	touch(sp_dir, kid, "{", 0);
	touch(sp_dir, old, "{", SPOOL_TMP_STALE + 60);
	touch(sp_dir, busy, "in progress", 0);
	touch(sp_dir, ".ffff.json.tmp", "{", 0);	/* older format */
	touch(sp_dir, ".gggg.json.tmp", "{", SPOOL_TMP_STALE + 60);
	touch(sp_dir, ".probe.1.2", "not ours", SPOOL_TMP_STALE + 60);

	assert_non_null(sp = spool_open(dir, &cause));
	assert_int_equal(spool_count(sp), 0);
	assert_false(exists(sp_dir, dead));
	assert_true(exists(sp_dir, live));
	assert_true(exists(sp_dir, kid));
	assert_false(exists(sp_dir, old));
	assert_true(exists(sp_dir, ".ffff.json.tmp"));
	assert_false(exists(sp_dir, ".gggg.json.tmp"));
	assert_true(exists(sp_dir, ".probe.1.2"));

	/* Writing eeee does not touch the other daemon's temporary file. */
	put(sp, "eeee");
	assert_int_equal(spool_count(sp), 1);
	snprintf(path, sizeof path, "%s/%s", sp_dir, busy);
	assert_non_null(f = fopen(path, "r"));
	assert_non_null(fgets(buf, sizeof buf, f));
	fclose(f);
	assert_string_equal(buf, "in progress");
	spool_close(sp);

	/* Once that daemon is gone, its leftovers go at the next open. */
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	child = -1;
	assert_non_null(sp = spool_open(dir, &cause));
	assert_false(exists(sp_dir, kid));
	assert_false(exists(sp_dir, busy));
	assert_true(exists(sp_dir, live));
	assert_int_equal(spool_count(sp), 1);
	spool_close(sp);
	rm_rf(dir);
}

static void
test_corrupt(void **state)
{
	char			 dir[] = "/tmp/otsnews-spool-XXXXXX";
	char			 sp_dir[256], path[512];
	char			*cause = NULL;
	struct spool		*sp;
	struct replayed		 r;
	unsigned long long	 bad;
	int			 fd;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(sp_dir, sizeof sp_dir, "%s/spool", dir);
	assert_non_null(sp = spool_open(dir, &cause));
	put(sp, "good");
	touch(sp_dir, "notjson.json", "{not json", 0);
	touch(sp_dir, "fields.json", "{\"title\": 3}", 0);
	touch(sp_dir, "empty.json", "", 0);
	snprintf(path, sizeof path, "%s/huge.json", sp_dir);
	assert_true((fd = open(path, O_WRONLY | O_CREAT, 0640)) != -1);
	assert_int_equal(ftruncate(fd, SPOOL_MAX_RECORD + 1), 0);
	close(fd);
	spool_close(sp);
	/* The corrupt ones are older, so they come first. */
	set_mtime(sp_dir, "notjson.json", time(NULL) - 40);
	set_mtime(sp_dir, "fields.json", time(NULL) - 30);
	set_mtime(sp_dir, "empty.json", time(NULL) - 20);
	set_mtime(sp_dir, "huge.json", time(NULL) - 10);

	assert_non_null(sp = spool_open(dir, &cause));
	assert_int_equal(spool_count(sp), 5);
	bad = metric("spool_bad_total");
	memset(&r, 0, sizeof r);
	/* Corrupt records do not use up the batch. */
	assert_int_equal(spool_replay(sp, 1, NULL, collect, &r), 1);
	assert_string_equal(r.names[0], "good.json");
	assert_int_equal(spool_count(sp), 1);
	assert_int_equal(spool_bytes(sp), disk_bytes(sp_dir));
	assert_int_equal(metric("spool_bad_total"), bad + 4);
	assert_int_equal(metric("spool_records"), 1);
	assert_int_equal(metric("spool_bytes"), spool_bytes(sp));
	assert_true(exists(sp_dir, "notjson.json.bad"));
	assert_true(exists(sp_dir, "fields.json.bad"));
	assert_true(exists(sp_dir, "empty.json.bad"));
	assert_true(exists(sp_dir, "huge.json.bad"));
	assert_false(exists(sp_dir, "huge.json"));
	replayed_clear(&r);
	spool_close(sp);
	rm_rf(dir);
}

/* A tally of every name handed out; handed-out names count as held. */
#define CURSOR_N	600
struct tally {
	char	*names[CURSOR_N + 16];
	int	 n, twice;
};

static void
tally_fn(struct article *a, char *link_id, char *name, void *arg)
{
	struct tally	*t = arg;
	int		 i;

	for (i = 0; i < t->n; i++) {
		if (strcmp(t->names[i], name) == 0)
			t->twice++;
	}
	assert_true(t->n < CURSOR_N + 16);
	t->names[t->n++] = name;
	free(link_id);
	article_free(a);
}

static int
tally_held(const char *name, void *arg)
{
	struct tally	*t = arg;
	int		 i;

	for (i = 0; i < t->n; i++) {
		if (strcmp(t->names[i], name) == 0)
			return (1);
	}
	return (0);
}

/*
 * Batches come from one scan until it is used up: 600 records in batches
 * of 256, five written and one removed after the first batch.  Every
 * record is handed out once, the removed one never, the new ones after
 * the scan that found them; only 0 means the spool has nothing left.
 */
static void
test_cursor(void **state)
{
	char		 dir[] = "/tmp/otsnews-spool-XXXXXX";
	char		 id[32], path[512], sp_dir[256];
	char		*cause = NULL;
	struct spool	*sp;
	struct tally	*t = calloc(1, sizeof *t);
	size_t		 n, calls = 0;
	int		 i, removed_seen = 0;

	(void)state;
	assert_non_null(t);
	assert_non_null(mkdtemp(dir));
	snprintf(sp_dir, sizeof sp_dir, "%s/spool", dir);
	assert_non_null(sp = spool_open(dir, &cause));
	for (i = 0; i < CURSOR_N; i++) {
		snprintf(id, sizeof id, "r%04d", i);
		put(sp, id);
	}
	assert_int_equal(spool_replay(sp, 256, tally_held, tally_fn, t), 256);
	for (i = 0; i < 5; i++) {
		snprintf(id, sizeof id, "late%d", i);
		put(sp, id);
	}
	/* One not handed out yet (the oldest come first, all same second). */
	for (i = CURSOR_N - 1; i >= 0; i--) {
		snprintf(id, sizeof id, "r%04d.json", i);
		if (!tally_held(id, t))
			break;
	}
	assert_true(i >= 0);
	snprintf(path, sizeof path, "%s/%s", sp_dir, id);
	assert_int_equal(unlink(path), 0);
	while ((n = spool_replay(sp, 256, tally_held, tally_fn, t)) != 0) {
		assert_true(n <= 256);
		assert_true(++calls < 10);
	}
	assert_int_equal(t->twice, 0);
	assert_int_equal(t->n, CURSOR_N - 1 + 5);
	for (i = 0; i < t->n; i++)
		removed_seen += strcmp(t->names[i], id) == 0;
	assert_int_equal(removed_seen, 0);
	/* Held: nothing more, however often asked. */
	assert_int_equal(spool_replay(sp, 256, tally_held, tally_fn, t), 0);
	assert_int_equal(spool_replay(sp, 256, tally_held, tally_fn, t), 0);
	for (i = 0; i < t->n; i++)
		free(t->names[i]);
	free(t);
	spool_close(sp);
	rm_rf(dir);
}

static void
test_batches(void **state)
{
	char		 dir[] = "/tmp/otsnews-spool-XXXXXX";
	char		 sp_dir[256], path[512];
	char		*cause = NULL;
	struct spool	*sp;
	struct replayed	 r;
	size_t		 bytes;
	time_t		 t = time(NULL) - 3600;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(sp_dir, sizeof sp_dir, "%s/spool", dir);
	assert_non_null(sp = spool_open(dir, &cause));
	put(sp, "a");
	put(sp, "b");
	put(sp, "c");
	put(sp, "d");
	put(sp, "e");
	assert_int_equal(spool_count(sp), 5);
	bytes = spool_bytes(sp);
	assert_int_equal(bytes, disk_bytes(sp_dir));
	/* Oldest first: e, d, then b and c (same mtime: by name), a. */
	set_mtime(sp_dir, "e.json", t);
	set_mtime(sp_dir, "d.json", t + 1);
	set_mtime(sp_dir, "c.json", t + 2);
	set_mtime(sp_dir, "b.json", t + 2);
	set_mtime(sp_dir, "a.json", t + 3);

	memset(&r, 0, sizeof r);
	assert_int_equal(spool_replay(sp, 2, held, collect, &r), 2);
	assert_string_equal(r.names[0], "e.json");
	assert_string_equal(r.names[1], "d.json");
	hold(&r);
	assert_int_equal(spool_replay(sp, 2, held, collect, &r), 2);
	assert_string_equal(r.names[0], "b.json");
	assert_string_equal(r.names[1], "c.json");
	hold(&r);
	assert_int_equal(spool_replay(sp, 2, held, collect, &r), 1);
	assert_string_equal(r.names[0], "a.json");
	hold(&r);
	assert_int_equal(spool_replay(sp, 2, held, collect, &r), 0);
	assert_int_equal(spool_replay(sp, 0, NULL, collect, &r), 0);
	/* Replayed records stay in the spool until removed. */
	assert_int_equal(spool_count(sp), 5);
	assert_int_equal(spool_bytes(sp), bytes);

	assert_int_equal(spool_remove(sp, "d.json"), 0);
	assert_int_equal(spool_count(sp), 4);
	assert_int_equal(spool_bytes(sp), disk_bytes(sp_dir));
	assert_int_equal(spool_remove(sp, "d.json"), 0);	/* gone */
	assert_int_equal(spool_count(sp), 4);
	assert_int_equal(spool_remove(sp, "../x.json"), -1);
	/* A record removed behind our back: the next scan recounts. */
	snprintf(path, sizeof path, "%s/a.json", sp_dir);
	assert_int_equal(unlink(path), 0);
	replayed_clear(&r);
	assert_int_equal(spool_replay(sp, 10, NULL, collect, &r), 3);
	assert_int_equal(spool_count(sp), 3);
	assert_int_equal(spool_bytes(sp), disk_bytes(sp_dir));
	assert_int_equal(metric("spool_records"), 3);
	replayed_clear(&r);
	spool_close(sp);

	/* A new process counts the same. */
	assert_non_null(sp = spool_open(dir, &cause));
	assert_int_equal(spool_count(sp), 3);
	assert_int_equal(spool_bytes(sp), disk_bytes(sp_dir));
	spool_close(sp);
	rm_rf(dir);
}

static void
test_write_errors(void **state)
{
	char		 dir[] = "/tmp/otsnews-spool-XXXXXX";
	char		 sp_dir[256], path[512];
	char		*cause = NULL;
	struct spool	*sp;
	struct article	*a;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(sp_dir, sizeof sp_dir, "%s/spool", dir);
	assert_non_null(sp = spool_open(dir, &cause));
	put(sp, "keep");

	/* rename fails: the name is taken by a directory. */
	snprintf(path, sizeof path, "%s/dddd.json", sp_dir);
	assert_int_equal(mkdir(path, 0750), 0);
	a = make("dddd", "T");
	assert_null(spool_write(sp, a, NULL, &cause));
	assert_non_null(cause);
	if (strstr(cause, sp_dir) == NULL || strstr(cause, "dddd.json") ==
	    NULL || strstr(cause, strerror(EISDIR)) == NULL)
		fail_msg("cause: %s", cause);
	free(cause);
	cause = NULL;
	assert_int_equal(count_hidden(sp_dir), 0);
	assert_int_equal(spool_count(sp), 1);
	assert_int_equal(spool_bytes(sp), disk_bytes(sp_dir));
	/* Nor can it be removed as a record. */
	assert_int_equal(spool_remove(sp, "dddd.json"), -1);
	assert_int_equal(spool_count(sp), 1);
	article_free(a);

	/* Names that would leave the directory. */
	a = make("../evil", "T");
	assert_null(spool_write(sp, a, NULL, &cause));
	assert_non_null(cause);
	free(cause);
	cause = NULL;
	assert_false(exists(dir, "evil.json"));
	article_free(a);
	assert_int_equal(spool_count(sp), 1);
	spool_close(sp);
	rm_rf(dir);
}

static void
test_enospc(void **state)
{
	char		 sp_dir[256], path[512], block[4096];
	char		*cause = NULL, *name;
	struct spool	*sp;
	struct article	*a;
	int		 fd;
	ssize_t		 w;

	(void)state;
	if (mount_tmpfs("size=64k", 0) == -1) {
		skip();
		return;
	}
	snprintf(sp_dir, sizeof sp_dir, "%s/spool", mounted);
	assert_non_null(sp = spool_open(mounted, &cause));
	put(sp, "first");
	assert_int_equal(spool_count(sp), 1);

	/* Fill the file system. */
	snprintf(path, sizeof path, "%s/filler", mounted);
	assert_true((fd = open(path, O_WRONLY | O_CREAT, 0640)) != -1);
	memset(block, 'x', sizeof block);
	while ((w = write(fd, block, sizeof block)) > 0)
		;
	assert_int_equal(errno, ENOSPC);
	close(fd);

	a = make("second", "T");
	assert_null(name = spool_write(sp, a, NULL, &cause));
	assert_non_null(cause);
	if (strstr(cause, sp_dir) == NULL ||
	    strstr(cause, strerror(ENOSPC)) == NULL)
		fail_msg("cause: %s", cause);
	print_message("ENOSPC cause: %s\n", cause);
	free(cause);
	cause = NULL;
	assert_int_equal(count_hidden(sp_dir), 0);	/* temp removed */
	assert_false(exists(sp_dir, "second.json"));
	assert_int_equal(spool_count(sp), 1);
	assert_int_equal(spool_bytes(sp), disk_bytes(sp_dir));

	/* Space again: the same write succeeds. */
	assert_int_equal(unlink(path), 0);
	assert_non_null(name = spool_write(sp, a, NULL, &cause));
	free(name);
	assert_int_equal(spool_count(sp), 2);
	assert_int_equal(spool_bytes(sp), disk_bytes(sp_dir));
	article_free(a);
	spool_close(sp);
}

static void
test_article_fields(void **state)
{
	struct article	*a = make("abcd", "T");
	const char	*names[ARTICLE_NFIELDS];
	char		*values[ARTICLE_NFIELDS];
	size_t		 n;
	json_t		*o;
	struct article	*b;

	(void)state;
	n = article_fields(a, names, values);
	assert_int_equal(n, ARTICLE_NFIELDS);
	assert_string_equal(names[0], "schema");
	assert_string_equal(values[0], "1");
	assert_string_equal(names[6], "published_at");
	assert_string_equal(values[6], "2025-05-21T09:40:00Z");
	assert_string_equal(names[7], "fetched_at");
	assert_string_equal(values[7], "");
	assert_string_equal(names[16], "similarity");
	assert_string_equal(values[16], "");	/* no dup_of: empty */
	assert_string_equal(names[17], "story_id");
	article_fields_free(values, n);

	article_set(&a->dup_of, "ffff");
	a->similarity = 0.8123;
	o = article_to_json(a);
	assert_string_equal(json_string_value(json_object_get(o, "similarity")),
	    "0.812");
	b = article_from_json(o);
	assert_non_null(b);
	assert_string_equal(b->dup_of, "ffff");
	assert_int_equal(b->published, a->published);
	assert_string_equal(b->body, a->body);
	json_decref(o);
	article_free(a);
	article_free(b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_roundtrip, teardown),
		cmocka_unit_test_teardown(test_open_errors, teardown),
		cmocka_unit_test_teardown(test_fifo_symlink, teardown),
		cmocka_unit_test_teardown(test_tmp_stale, teardown),
		cmocka_unit_test_teardown(test_corrupt, teardown),
		cmocka_unit_test_teardown(test_batches, teardown),
		cmocka_unit_test_teardown(test_cursor, teardown),
		cmocka_unit_test_teardown(test_write_errors, teardown),
		cmocka_unit_test_teardown(test_enospc, teardown),
		cmocka_unit_test(test_article_fields),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
