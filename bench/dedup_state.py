#!/usr/bin/env python3
"""Dedup state benchmark (issue 12): a daemon's memory must not grow with
the articles the retention window holds.

1. bench/dedup_load (the daemon's own dedup_store_evaluate and filing
   script) files the dedup/story state of N synthetic articles of the
   sources gen0..gen999 in a throw-away redis-server;
2. 45 of the 50 items of each source are marked seen (url:ID = x), so a
   poll of /_gen/feed/S/50 finds 10% new;
3. otsnewsd --once over the 1,000 sources: peak RSS, Redis commands per
   published article (INFO commandstats before/after), and MEMORY USAGE of
   the dedup keys by kind, per entry.

usage: bench/dedup_state.py [N]   (default 60000; DEDUP_LOAD in make bench)
  DEDUP_SOURCES=S   sources instead of 1,000 (a smaller run)
  DEDUP_WRAP="valgrind --tool=callgrind --callgrind-out-file=F"
                    run the daemon under a tool: instructions, not time,
                    which a shared machine's load does not move (the
                    Redis timeout is then 120 s, not 5)
"""
import os, re, subprocess, sys, tempfile, time
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "integration"))
from harness import Redis, World, DAEMON
from benchconf import commandstats, write_gen_conf

N = int(sys.argv[1]) if len(sys.argv) > 1 else 60000
SOURCES, ITEMS, SEEN = int(os.environ.get("DEDUP_SOURCES", "1000")), 50, 45
WRAP = os.environ.get("DEDUP_WRAP", "").split()
LOADER = os.path.join(os.path.dirname(DAEMON), "bench", "dedup_load")


tmp = tempfile.mkdtemp(prefix="otsnews-bench-")
world = World(tmp)
redis = Redis(tmp).start()
conf = os.path.join(tmp, "bench.conf")
# Under a tool the daemon runs ~50 times slower: the 5 s watchdog would
# drop the connection (and spool, replay) when the machine is busy.
write_gen_conf(conf, tmp, redis.port, world.base, SOURCES,
               lambda i: "/_gen/feed/%d/%d" % (i, ITEMS), 300,
               redis_timeout=120 if WRAP else None)
try:
    t0 = time.time()
    subprocess.run([LOADER, str(redis.port), "load", str(N), str(SOURCES)], check=True)
    tload = time.time() - t0
    subprocess.run([LOADER, str(redis.port), "seen", world.base, str(SOURCES), str(SEEN)], check=True)
    mem0 = subprocess.run([LOADER, str(redis.port), "measure"], check=True, capture_output=True,
                          text=True).stdout
    before = commandstats(redis)
    t0 = time.time()
    log = open(os.path.join(tmp, "daemon.log"), "w+")
    p = subprocess.Popen(WRAP + [DAEMON, "-c", conf, "--once"], stdout=subprocess.DEVNULL,
                         stderr=log)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.time() - t0
    after = commandstats(redis)
    published = int(redis.cmd("XLEN", "ots:articles"))
    mem1 = subprocess.run([LOADER, str(redis.port), "measure"], check=True, capture_output=True,
                          text=True).stdout
finally:
    redis.stop()
    world.stop()
calls = {k: after.get(k, 0) - before.get(k, 0) for k in after}
calls.pop("info", None)
total = sum(calls.values())
print("dedup state: %d entries loaded in %.0f s (%.0f/s)" % (N, tload, N / tload))
print("daemon --once: exit %d, %d published in %.1f s (CPU %.1f s), peak RSS %.1f MiB"
      % (os.waitstatus_to_exitcode(status), published, wall, ru.ru_utime + ru.ru_stime,
         ru.ru_maxrss / 1024))
print("Redis commands per published article: %.1f (%s)" % (
    total / max(published, 1), ", ".join("%s %.1f" % (k, v / max(published, 1))
                                          for k, v in sorted(calls.items(), key=lambda kv: -kv[1]) if v)))
print("dedup keys before the run:\n" + mem0 + "dedup keys after the run:\n" + mem1)
log.seek(0)
err = log.read().strip().splitlines()
if err:
    print("daemon log (last lines):\n" + "\n".join(err[-8:]))
if published != SOURCES * (ITEMS - SEEN):
    print("WARNING: %d published, not the %d new items" % (published, SOURCES * (ITEMS - SEEN)))
