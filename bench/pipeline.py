#!/usr/bin/env python3
"""Pipeline benchmark: otsnewsd --once over N synthetic sources (worldd's
/_gen/ world: 20 articles a feed), against a real redis-server.

Round 1: every article is new (fetch, extract, filter, dedup, publish).
Round 2: nothing is new (the steady state of a daemon polling N sources):
its CPU time / interval is the share of one core that N sources cost.

usage: bench/pipeline.py [N]   (default 1000); prints a Markdown table row.
"""
import os, resource, subprocess, sys, tempfile, time
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "integration"))
from harness import Redis, World, DAEMON
from benchconf import write_gen_conf

N = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
INTERVAL = 300


def run(conf):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.time()
    p = subprocess.run([DAEMON, "-c", conf, "--once"], capture_output=True, text=True, timeout=1800)
    wall = time.time() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if p.returncode != 0:
        sys.exit("otsnewsd exit %d: %s" % (p.returncode, p.stderr[-500:]))
    return wall, cpu, after.ru_maxrss


tmp = tempfile.mkdtemp(prefix="otsnews-bench-")
world = World(tmp)
redis = Redis(tmp).start()
conf = os.path.join(tmp, "bench.conf")
write_gen_conf(conf, tmp, redis.port, world.base, N, lambda i: "/_gen/feed/%d" % i, INTERVAL)
try:
    w1, c1, rss1 = run(conf)
    n1 = redis.cmd("XLEN", "ots:articles")
    w2, c2, rss2 = run(conf)
    n2 = redis.cmd("XLEN", "ots:articles")
finally:
    redis.stop()
    world.stop()
print("| sources | articles | round 1 wall s | round 1 CPU s | articles/s | CPU ms/article "
      "| round 2 (nothing new) CPU s | core share at %ds interval | max RSS MiB |" % INTERVAL)
print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
print("| %d | %d | %.2f | %.2f | %.0f | %.2f | %.2f | %.2f%% | %.0f |" % (
    N, n1, w1, c1, n1 / w1 if w1 else 0, 1000 * c1 / max(n1, 1), c2,
    100 * c2 / INTERVAL, max(rss1, rss2) / 1024))
if n2 != n1:
    print("WARNING: round 2 published %d more records" % (n2 - n1))
