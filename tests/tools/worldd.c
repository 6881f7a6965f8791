/*
 * worldd.c -- the tests' loopback web server (libevent evhttp).
 *
 * Serves a replay world (tests/world/www) with every "@BASE@" replaced by
 * its own base URL, answers conditional GETs (ETag), logs every request to
 * a file the tests read, and injects faults on /_fault/ paths:
 *
 *   /_fault/status/NNN     answer with HTTP status NNN
 *   /_fault/slow/N         answer after N seconds
 *   /_fault/big/N          N MiB of text
 *   /_fault/gzip-bomb/N    N MiB of zeros, gzip-compressed on the wire
 *   /_fault/gz-bomb/N      the same as a .gz document (no Content-Encoding)
 *   /_fault/gz/PATH        the world file PATH as a .gz document
 *   /_fault/redirect-loop  302 to itself, forever
 *   /_fault/redirect/PATH  302 to /PATH
 *   /_fault/redirect-code/NNN/PATH
 *                          NNN (301, 302, 303, 307 or 308) to /PATH
 *   /_fault/retry-after/CODE/N
 *                          CODE (429 or 503) with "Retry-After: N"
 *   /_fault/gone           410 Gone
 *   /_fault/garbage        random bytes as application/rss+xml
 *   /_fault/hang           accept and never answer
 *
 * and generates a synthetic world for benchmarks on /_gen/ paths:
 *
 *   /_gen/feed/S           an RSS feed of 20 items, /_gen/article/S-K
 *   /_gen/feed/S/N         the same with N items (0-1000)
 *   /_gen/roll/S/N/P       N items (0-1000) that roll: every P seconds
 *                          since worldd started, N/10 new items come in
 *                          at the top and as many leave (a feed with 10%
 *                          new each poll at interval P)
 *   /_gen/article/S-K      a news page with a distinct 6-paragraph text
 *
 * With -x DIR, files are looked up in DIR first, then in the world: a test
 * adds or replaces pages without copying the world.
 *
 * usage: worldd -d DIR [-x DIR] [-p PORT] [-P PORTFILE] [-l LOGFILE]
 */
#include <sys/stat.h>

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/event.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>
#include <zlib.h>

static const char	*root;
static const char	*overlay;	/* -x: wins over root */
static char		 base_url[64];
static FILE		*reqlog;
static struct event_base *base;
static time_t		 started;

struct delayed {
	struct evhttp_request	*req;
	struct event		*ev;
};

static const char *
content_type(const char *path)
{
	const char	*dot = strrchr(path, '.');

	if (dot == NULL)
		return ("application/octet-stream");
	if (strcmp(dot, ".html") == 0)
		return ("text/html; charset=utf-8");
	if (strcmp(dot, ".xml") == 0)
		return ("application/xml");
	if (strcmp(dot, ".rss") == 0)
		return ("application/rss+xml");
	if (strcmp(dot, ".atom") == 0)
		return ("application/atom+xml");
	if (strcmp(dot, ".json") == 0)
		return ("application/json");
	return ("text/plain");
}

static char *
read_file(const char *path, size_t *len)
{
	FILE	*f;
	char	*data;
	long	 n;

	if ((f = fopen(path, "rb")) == NULL)
		return (NULL);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	data = malloc((size_t)n + 1);
	if (data == NULL || fread(data, 1, (size_t)n, f) != (size_t)n) {
		free(data);
		fclose(f);
		return (NULL);
	}
	fclose(f);
	*len = (size_t)n;
	return (data);
}

/* Read PATH from the overlay, else from the world; file gets the name. */
static char *
world_read(const char *path, char *file, size_t filesz, size_t *len)
{
	char	*data;

	if (overlay != NULL) {
		snprintf(file, filesz, "%s/%s", overlay, path);
		if ((data = read_file(file, len)) != NULL)
			return (data);
	}
	snprintf(file, filesz, "%s/%s", root, path);
	return (read_file(file, len));
}

/* Copy data into out, replacing @BASE@ with our base URL. */
static void
add_replaced(struct evbuffer *out, const char *data, size_t len)
{
	const char	*p = data, *end = data + len, *hit;

	while (p < end && (hit = memmem(p, (size_t)(end - p), "@BASE@", 6))) {
		evbuffer_add(out, p, (size_t)(hit - p));
		evbuffer_add(out, base_url, strlen(base_url));
		p = hit + 6;
	}
	evbuffer_add(out, p, (size_t)(end - p));
}

static void
reply_status(struct evhttp_request *req, int code)
{
	struct evbuffer	*out = evbuffer_new();

	evbuffer_add_printf(out, "status %d\n", code);
	evhttp_send_reply(req, code, "Injected", out);
	evbuffer_free(out);
}

static void
delayed_cb(evutil_socket_t fd, short ev, void *arg)
{
	struct delayed	*d = arg;
	struct evbuffer	*out = evbuffer_new();

	evbuffer_add_printf(out, "<rss version=\"2.0\"><channel><title>slow"
	    "</title></channel></rss>\n");
	evhttp_send_reply(d->req, 200, "OK", out);
	evbuffer_free(out);
	event_free(d->ev);
	free(d);
}

static void
gzip_into(struct evbuffer *out, const unsigned char *data, size_t len,
    long zero_blocks)
{
	z_stream		 z;
	static unsigned char	 zeros[65536], chunk[65536];
	int			 flush;

	memset(&z, 0, sizeof z);
	deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY);
	z.next_in = (unsigned char *)(uintptr_t)data;
	z.avail_in = (uInt)len;
	do {
		if (z.avail_in == 0 && zero_blocks > 0) {
			z.next_in = zeros;
			z.avail_in = sizeof zeros;
			zero_blocks--;
		}
		flush = z.avail_in == 0 && zero_blocks == 0 ? Z_FINISH :
		    Z_NO_FLUSH;
		do {
			z.next_out = chunk;
			z.avail_out = sizeof chunk;
			deflate(&z, flush);
			evbuffer_add(out, chunk, sizeof chunk - z.avail_out);
		} while (z.avail_out == 0);
	} while (flush != Z_FINISH);
	deflateEnd(&z);
}

static void
serve_gz(struct evhttp_request *req, const char *path, long bomb_mib)
{
	struct evbuffer	*plain = evbuffer_new(), *out = evbuffer_new();
	char		 file[2048], *data = NULL;
	size_t		 len = 0;

	if (bomb_mib == 0) {
		if (strstr(path, "..") != NULL || (data = world_read(path,
		    file, sizeof file, &len)) == NULL) {
			reply_status(req, 404);
			goto done;
		}
		add_replaced(plain, data, len);
	}
	gzip_into(out, evbuffer_pullup(plain, -1), evbuffer_get_length(plain),
	    bomb_mib * 16);
	evhttp_add_header(evhttp_request_get_output_headers(req),
	    "Content-Type", "application/x-gzip");
	evhttp_send_reply(req, 200, "OK", out);
done:
	free(data);
	evbuffer_free(plain);
	evbuffer_free(out);
}

static void
serve_gzip_bomb(struct evhttp_request *req, long mib)
{
	struct evbuffer	*out = evbuffer_new();
	z_stream	 z;
	static unsigned char zeros[65536], chunk[65536];
	long		 left = mib * 16;	/* 64 KiB blocks */

	memset(&z, 0, sizeof z);
	deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY);
	do {
		z.next_in = zeros;
		z.avail_in = left > 0 ? sizeof zeros : 0;
		left--;
		do {
			z.next_out = chunk;
			z.avail_out = sizeof chunk;
			deflate(&z, left >= 0 ? Z_NO_FLUSH : Z_FINISH);
			evbuffer_add(out, chunk, sizeof chunk - z.avail_out);
		} while (z.avail_out == 0);
	} while (left >= 0);
	deflateEnd(&z);
	evhttp_add_header(evhttp_request_get_output_headers(req),
	    "Content-Encoding", "gzip");
	evhttp_add_header(evhttp_request_get_output_headers(req),
	    "Content-Type", "application/rss+xml");
	evhttp_send_reply(req, 200, "OK", out);
	evbuffer_free(out);
}

static int
serve_fault(struct evhttp_request *req, const char *path)
{
	struct evkeyvalq	*h = evhttp_request_get_output_headers(req);
	struct evbuffer		*out;
	struct delayed		*d;
	struct timeval		 tv;
	char			 loc[1100];
	long			 n;
	int			 i, off = 0;

	if (strncmp(path, "/_fault/", 8) != 0)
		return (0);
	path += 8;
	if (strncmp(path, "status/", 7) == 0)
		reply_status(req, atoi(path + 7));
	else if (strncmp(path, "slow/", 5) == 0) {
		d = calloc(1, sizeof *d);
		d->req = req;
		d->ev = evtimer_new(base, delayed_cb, d);
		tv.tv_sec = atoi(path + 5);
		tv.tv_usec = 0;
		evtimer_add(d->ev, &tv);
	} else if (strncmp(path, "big/", 4) == 0) {
		out = evbuffer_new();
		n = atol(path + 4) * 1024 * 1024;
		evbuffer_add_printf(out, "<html><body><p>");
		while (n > 0) {
			evbuffer_add(out, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa ", 32);
			n -= 32;
		}
		evhttp_add_header(h, "Content-Type", "text/html");
		evhttp_send_reply(req, 200, "OK", out);
		evbuffer_free(out);
	} else if (strncmp(path, "gzip-bomb/", 10) == 0)
		serve_gzip_bomb(req, atol(path + 10));
	else if (strncmp(path, "gz-bomb/", 8) == 0)
		serve_gz(req, NULL, atol(path + 8));
	else if (strncmp(path, "gz/", 3) == 0)
		serve_gz(req, path + 3, 0);
	else if (strcmp(path, "redirect-loop") == 0) {
		evhttp_add_header(h, "Location", "/_fault/redirect-loop");
		reply_status(req, 302);
	} else if (strncmp(path, "redirect/", 9) == 0) {
		snprintf(loc, sizeof loc, "/%s", path + 9);
		evhttp_add_header(h, "Location", loc);
		reply_status(req, 302);
	} else if (sscanf(path, "redirect-code/%3d/%n", &i, &off) == 1 &&
	    off > 0 && (i == 301 || i == 302 || i == 303 || i == 307 ||
	    i == 308)) {
		snprintf(loc, sizeof loc, "/%s", path + off);
		evhttp_add_header(h, "Location", loc);
		reply_status(req, i);
	} else if (sscanf(path, "retry-after/%3d/%ld", &i, &n) == 2 &&
	    (i == 429 || i == 503)) {
		snprintf(loc, sizeof loc, "%ld", n);
		evhttp_add_header(h, "Retry-After", loc);
		reply_status(req, i);
	} else if (strcmp(path, "gone") == 0)
		reply_status(req, 410);
	else if (strcmp(path, "garbage") == 0) {
		out = evbuffer_new();
		srandom(42);
		for (i = 0; i < 65536; i++) {
			unsigned char c = (unsigned char)random();
			evbuffer_add(out, &c, 1);
		}
		evhttp_add_header(h, "Content-Type", "application/rss+xml");
		evhttp_send_reply(req, 200, "OK", out);
		evbuffer_free(out);
	} else if (strcmp(path, "hang") == 0) {
		/* never answer; the client must time out */
	} else
		reply_status(req, 404);
	return (1);
}

static const char *const gen_words[] = {
	"Astana", "summit", "cooperation", "Turkic", "states", "minister",
	"trade", "energy", "transport", "corridor", "digital", "agreement",
	"president", "delegation", "investment", "culture", "education",
	"Baku", "Tashkent", "Bishkek", "Ankara", "Budapest", "council",
	"meeting", "projects", "region", "development", "partners", "joint",
	"declaration", "railway", "logistics", "tourism", "youth", "media"
};

static void
gen_text(struct evbuffer *out, unsigned seed, int words)
{
	int	i;

	for (i = 0; i < words; i++) {
		seed = seed * 1103515245 + 12345;
		evbuffer_add_printf(out, "%s%s", i ? " " : "",
		    gen_words[(seed >> 16) % (sizeof gen_words /
		    sizeof gen_words[0])]);
	}
}

static int
serve_gen(struct evhttp_request *req, const char *path)
{
	struct evbuffer	*out;
	int		 s, k, i, n = 20, period = 0, first = 0;

	if (strncmp(path, "/_gen/", 6) != 0)
		return (0);
	out = evbuffer_new();
	if (sscanf(path, "/_gen/feed/%d/%d", &s, &n) >= 1 ||
	    sscanf(path, "/_gen/roll/%d/%d/%d", &s, &n, &period) == 3) {
		if (n < 0 || n > 1000)
			n = 20;
		if (period > 0)
			first = (int)((time(NULL) - started) / period) *
			    (n / 10);
		evbuffer_add_printf(out, "<?xml version=\"1.0\"?><rss "
		    "version=\"2.0\"><channel><title>gen %d</title>", s);
		for (k = first; k < first + n; k++)
			evbuffer_add_printf(out, "<item><title>Story %d-%d"
			    "</title><link>%s/_gen/article/%d-%d</link><pubDate>"
			    "Wed, 21 May 2025 %02d:%02d:00 +0000</pubDate>"
			    "</item>", s, k, base_url, s, k, k % 24, s % 60);
		evbuffer_add_printf(out, "</channel></rss>\n");
		evhttp_add_header(evhttp_request_get_output_headers(req),
		    "Content-Type", "application/rss+xml");
	} else if (sscanf(path, "/_gen/article/%d-%d", &s, &k) == 2) {
		evbuffer_add_printf(out, "<!DOCTYPE html><html lang=\"en\">"
		    "<head><meta charset=\"utf-8\"><title>Story %d-%d | Gen"
		    "</title></head><body><nav><a href=\"/\">Home</a> <a "
		    "href=\"/news\">News</a></nav><article><h1>Story %d-%d"
		    "</h1>", s, k, s, k);
		for (i = 0; i < 6; i++) {
			evbuffer_add_printf(out, "<p>");
			gen_text(out, (unsigned)(s * 7919 + k * 104729 + i), 60);
			evbuffer_add_printf(out, ".</p>");
		}
		evbuffer_add_printf(out, "</article><footer>All rights "
		    "reserved</footer></body></html>\n");
		evhttp_add_header(evhttp_request_get_output_headers(req),
		    "Content-Type", "text/html; charset=utf-8");
	} else {
		evbuffer_free(out);
		reply_status(req, 404);
		return (1);
	}
	evhttp_send_reply(req, 200, "OK", out);
	evbuffer_free(out);
	return (1);
}

static void
request_cb(struct evhttp_request *req, void *arg)
{
	const char	*uri = evhttp_request_get_uri(req), *inm;
	char		 path[1024], file[2048], etag[64];
	struct evbuffer	*out;
	struct evkeyvalq *h = evhttp_request_get_output_headers(req);
	char		*data;
	size_t		 len, i;
	unsigned long	 sum = 5381;

	snprintf(path, sizeof path, "%s", uri);
	path[strcspn(path, "?#")] = '\0';
	if (reqlog != NULL) {
		const char *ua = evhttp_find_header(
		    evhttp_request_get_input_headers(req), "User-Agent");

		fprintf(reqlog, "GET %s ua=%s%s\n", uri, ua != NULL ? ua : "-",
		    evhttp_find_header(evhttp_request_get_input_headers(req),
		    "If-None-Match") ? " if-none-match" : "");
		fflush(reqlog);
	}
	if (serve_fault(req, path) || serve_gen(req, path))
		return;
	if (strstr(path, "..") != NULL) {
		reply_status(req, 400);
		return;
	}
	if (path[strlen(path) - 1] == '/')
		strncat(path, "index.html", sizeof path - strlen(path) - 1);
	if ((data = world_read(path + 1, file, sizeof file, &len)) == NULL) {
		reply_status(req, 404);
		return;
	}
	for (i = 0; i < len; i++)
		sum = sum * 33 + (unsigned char)data[i];
	snprintf(etag, sizeof etag, "\"%lx\"", sum);
	evhttp_add_header(h, "ETag", etag);
	inm = evhttp_find_header(evhttp_request_get_input_headers(req),
	    "If-None-Match");
	if (inm != NULL && strcmp(inm, etag) == 0) {
		free(data);
		evhttp_send_reply(req, 304, "Not Modified", NULL);
		return;
	}
	evhttp_add_header(h, "Content-Type", content_type(file));
	out = evbuffer_new();
	add_replaced(out, data, len);
	free(data);
	evhttp_send_reply(req, 200, "OK", out);
	evbuffer_free(out);
}

static void
stop_cb(evutil_socket_t sig, short ev, void *arg)
{
	event_base_loopexit(base, NULL);
}

int
main(int argc, char **argv)
{
	struct evhttp			*http;
	struct evhttp_bound_socket	*sock;
	struct sockaddr_storage		 ss;
	socklen_t			 sl = sizeof ss;
	struct event			*sigev;
	const char			*portfile = NULL;
	FILE				*f;
	int				 ch, port = 0;

	while ((ch = getopt(argc, argv, "d:x:p:P:l:")) != -1) {
		switch (ch) {
		case 'd': root = optarg; break;
		case 'x': overlay = optarg; break;
		case 'p': port = atoi(optarg); break;
		case 'P': portfile = optarg; break;
		case 'l': reqlog = fopen(optarg, "a"); break;
		default:
			fprintf(stderr, "usage: worldd -d DIR [-x DIR] "
			    "[-p PORT] [-P PORTFILE] [-l LOGFILE]\n");
			return (1);
		}
	}
	if (root == NULL)
		return (1);
	signal(SIGPIPE, SIG_IGN);
	started = time(NULL);
	base = event_base_new();
	http = evhttp_new(base);
	evhttp_set_gencb(http, request_cb, NULL);
	evhttp_set_timeout(http, 120);
	if ((sock = evhttp_bind_socket_with_handle(http, "127.0.0.1",
	    (unsigned short)port)) == NULL) {
		fprintf(stderr, "worldd: cannot bind port %d\n", port);
		return (1);
	}
	getsockname(evhttp_bound_socket_get_fd(sock), (struct sockaddr *)&ss,
	    &sl);
	port = ntohs(((struct sockaddr_in *)&ss)->sin_port);
	snprintf(base_url, sizeof base_url, "http://127.0.0.1:%d", port);
	if (portfile != NULL && (f = fopen(portfile, "w")) != NULL) {
		fprintf(f, "%d\n", port);
		fclose(f);
	}
	sigev = evsignal_new(base, SIGTERM, stop_cb, NULL);
	evsignal_add(sigev, NULL);
	event_base_dispatch(base);
	event_free(sigev);
	evhttp_free(http);
	event_base_free(base);
	return (0);
}
