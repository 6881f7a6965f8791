"""Several daemons over many sources on one Redis: three daemons, 1,000
synthetic sources, one daemon SIGKILLed after the first round.  Each source
is polled by one daemon at a time, no record appears twice, and the killed
daemon's sources are taken over once its leases run out."""
import os, signal, sys, threading, time
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


if __name__ == "__main__":
    main([test_three_daemons_thousand_sources])
