"""Several daemons over many sources on one Redis: three daemons, 1,000
synthetic sources, one daemon SIGKILLed after the first round.  Each source
is polled by one daemon at a time, no record appears twice, and the killed
daemon's sources are taken over once its leases run out.  And a burst of
new articles while publication stalls: the daemon fetches no more than
max_backlog beyond what it published, then publishes every one once."""
import os, re, signal, sys, threading, time, urllib.request
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import *

NSRC, NITEMS, INTERVAL = 1000, 2, 20


def config(path, world, port, state):
    lines = ["[daemon]", "state_dir = " + state, "allow_private_networks = yes",
             # 1,000 sources on one loopback origin stand for 1,000 sites:
             # lift the per-origin limit that would queue them all behind two.
             "log_level = warn", "max_connections = 32", "max_host_connections = 32", "",
             "[redis]", "url = redis://127.0.0.1:%d/0" % port, "timeout = 5", "",
             "[filter]", "topic = all", ""]
    for s in range(NSRC):
        lines += ["[source g%d]" % s, "url = %s/_gen/feed/%d/%d" % (world.base, s, NITEMS),
                  "type = rss", "interval = %d" % INTERVAL, "lang = en", ""]
    open(path, "w").write("\n".join(lines) + "\n")


def test_three_daemons_thousand_sources(t, tmp):
    world = World(tmp)
    redis = Redis(tmp).start()
    procs = []
    for i in range(3):
        conf = os.path.join(tmp, "d%d.conf" % i)
        config(conf, world, redis.port, os.path.join(tmp, "state%d" % i))
        procs.append(start_daemon(conf, log=os.path.join(tmp, "d%d.log" % i)))
    polls = {}          # source index -> [times of its feed requests]
    stop = threading.Event()
    t0 = time.time()

    def watch():
        seen = 0
        while not stop.is_set():
            lines = world.requests()
            now = time.time() - t0
            for l in lines[seen:]:
                if l.startswith("GET /_gen/feed/"):
                    s = int(l.split("/")[3])
                    polls.setdefault(s, []).append(now)
            seen = len(lines)
            time.sleep(0.2)
    w = threading.Thread(target=watch)
    w.start()
    try:
        want = NSRC * NITEMS
        t.check(wait_for(lambda: redis.cmd("XLEN", "ots:articles") >= want // 2, 60),
                "first round too slow: %d records" % redis.cmd("XLEN", "ots:articles"))
        killed_at = time.time() - t0
        procs[0].kill()
        procs[0].wait(10)
        t.check(wait_for(lambda: redis.cmd("XLEN", "ots:articles") >= want, 120),
                "records %d, want %d" % (redis.cmd("XLEN", "ots:articles"), want))
        # Two more lease periods: every source must be polled again.
        end = killed_at + 2 * INTERVAL + 8
        while time.time() - t0 < end:
            time.sleep(0.5)
    finally:
        stop.set()
        w.join()
    for p in procs[1:]:
        p.send_signal(signal.SIGTERM)
        t.check(p.wait(60) == 0, "exit %s" % p.returncode)
    recs = redis.records()
    ids = [r["id"] for r in recs]
    t.check(len(ids) == NSRC * NITEMS, "records %d, want %d" % (len(ids), NSRC * NITEMS))
    t.check(len(set(ids)) == len(ids), "%d records twice" % (len(ids) - len(set(ids))))
    t.check(len(polls) == NSRC, "%d sources polled, want %d" % (len(polls), NSRC))
    gaps = [b - a for ts in polls.values() for a, b in zip(ts, ts[1:])]
    # Gaps are between feed requests, and a request can wait in the
    # daemon's connection queue after its lease was taken (1,000 sources,
    # 32 connections; seconds under ASan on two loaded cores): allow 4 s.
    # Without leases the three daemons' phases are random and hundreds of
    # gaps fall far below this.
    close = [g for g in gaps if g < INTERVAL * 0.8 - 4]
    t.check(not close, "%d polls of a source less than a lease period apart (min %.1f s): "
            "two daemons polled it at once" % (len(close), min(close) if close else 0))
    stale = [s for s, ts in polls.items() if not any(x > killed_at for x in ts)]
    t.check(not stale, "%d sources never polled after the SIGKILL (e.g. g%s): the killed "
            "daemon's leases were not taken over" % (len(stale), stale[:3]))
    late = [s for s, ts in polls.items()
            if [x for x in ts if x > killed_at] and
            # The killed daemon may have renewed a lease just before the
            # SIGKILL without its request reaching worldd: count from the
            # kill, the latest a lease of it can have started.
            min(x for x in ts if x > killed_at) - killed_at
            > INTERVAL * 0.8 + INTERVAL * 1.1 + 3]
    t.check(not late, "%d sources taken over later than a lease period plus an interval "
            "(killed at %.1f s; e.g. %s)" % (len(late), killed_at,
            ["g%d: %s" % (s, ["%.1f" % x for x in polls[s]]) for s in late[:4]]))


BURST_SRC, BURST_ITEMS, BACKLOG = (7, 8), 300, 25


def article_fetches(world):
    return sum(1 for l in world.requests() if l.startswith("GET /_gen/article/"))


def gauge(mport, name):
    with urllib.request.urlopen("http://127.0.0.1:%d/metrics" % mport, timeout=5) as r:
        m = re.search(r"^otsnewsd_%s (\d+)" % name, r.read().decode(), re.M)
    return int(m.group(1)) if m else -1


def test_backlog_bound_redis_stopped(t, tmp):
    """600 new articles at once, Redis SIGSTOPped after the first records
    ([redis] timeout = 60: the connection is kept, publication just
    stalls).  With max_backlog = 25 the daemon then fetches at most 25
    pages beyond what was published and waits (worldd's request log stays
    still; otsnewsd_articles_queued <= 25, otsnewsd_articles_held > 0);
    after SIGCONT every article is published exactly once."""
    world = World(tmp)
    redis = Redis(tmp).start()
    conf, mport = os.path.join(tmp, "burst.conf"), free_port()
    lines = ["[daemon]", "state_dir = " + os.path.join(tmp, "state"),
             "allow_private_networks = yes", "log_level = info",
             "max_host_connections = 8", "max_backlog = %d" % BACKLOG,
             "metrics_listen = 127.0.0.1:%d" % mport, "",
             "[redis]", "url = redis://127.0.0.1:%d/0" % redis.port, "timeout = 60", "",
             "[filter]", "topic = all", ""]
    for s in BURST_SRC:
        lines += ["[source b%d]" % s, "url = %s/_gen/feed/%d/%d" % (world.base, s, BURST_ITEMS),
                  "type = rss", "interval = 300", "lang = en",
                  "max_articles = %d" % BURST_ITEMS, ""]
    open(conf, "w").write("\n".join(lines) + "\n")
    want = set("%s/_gen/article/%d-%d" % (world.base, s, k)
               for s in BURST_SRC for k in range(BURST_ITEMS))
    log = os.path.join(tmp, "daemon.log")
    p = start_daemon(conf, log=log)
    t.check(wait_for(lambda: redis.xlen() >= 1, 30, 0.005), "nothing published before SIGSTOP")
    before = redis.xlen()
    redis.pause()
    try:
        time.sleep(3)
        f1, queued, held = article_fetches(world), gauge(mport, "articles_queued"), \
            gauge(mport, "articles_held")
        time.sleep(3)
        f2 = article_fetches(world)
    finally:
        redis.resume()
    # One publication may have been on its way when Redis stopped.
    t.check(f1 <= before + 1 + BACKLOG, "Redis stopped at %d records, %d pages fetched: more "
            "than max_backlog = %d beyond" % (before, f1, BACKLOG))
    t.check(f2 == f1, "fetching went on while publication stalled: %d, then %d pages" % (f1, f2))
    t.check(0 < queued <= BACKLOG, "otsnewsd_articles_queued %d, want 1..%d" % (queued, BACKLOG))
    t.check(held > 0, "otsnewsd_articles_held %d while the backlog is full" % held)
    t.check(wait_for(lambda: redis.xlen() >= len(want), 120, 0.2),
            "after SIGCONT: %d records, want %d" % (redis.xlen(), len(want)))
    time.sleep(2)
    recs = redis.records()
    urls = [r.get("url") for r in recs]
    t.check(set(urls) == want and len(urls) == len(want),
            "%d records (%d distinct), want each of %d once" % (len(urls), len(set(urls)), len(want)))
    t.check(article_fetches(world) == len(want), "%d page fetches for %d articles: one each"
            % (article_fetches(world), len(want)))
    p.send_signal(signal.SIGTERM)
    t.check(p.wait(30) == 0, "exit %s" % p.returncode)


if __name__ == "__main__":
    main([test_three_daemons_thousand_sources, test_backlog_bound_redis_stopped])
