#!/usr/bin/env python3
"""Service benchmark (issue 12): the daemon as it runs in production, over
a retention window already full, for ten minutes.

1. bench/dedup_load fill puts the dedup/story state of N articles
   (default 300,000) of the sources gen0..gen999 in a throw-away
   redis-server (N / 10 evaluated by the daemon's own code, each filed ten
   times with its text scrambled: see bench/dedup_load.c);
2. the 1,000 sources are worldd's /_gen/roll/S/50/300 feeds: 50 items, of
   which 5 are new every 300 s; the first 45 are marked seen, so that each
   poll finds 10% new;
3. otsnewsd runs as a service (interval = 300) for RUN seconds (default
   600), then gets SIGTERM.  Every 5 s: its RSS (/proc/PID/status) and
   CPU time (/proc/PID/stat).

Printed: articles published; CPU in all, as a share of one core over the
run, and per article published; RSS peak (wait4), and over the run after
its first minute (least, most, first and last sample); Redis bytes by key
kind at the end (MEMORY USAGE of every dedup key), per entry; Redis
commands per published article.

usage: bench/service.py [N [RUN]]   (make bench: SERVICE_LOAD, SERVICE_RUN)
  SERVICE_PERF=FILE  perf record -g the daemon over the run into FILE
                     (cycles, the kernel and libc included: what
                     callgrind's instruction counts do not show)
"""
import os, re, signal, subprocess, sys, tempfile, time
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "integration"))
from harness import Redis, World, DAEMON
from benchconf import commandstats, write_gen_conf

N = int(sys.argv[1]) if len(sys.argv) > 1 else 300000
RUN = int(sys.argv[2]) if len(sys.argv) > 2 else 600
SOURCES, ITEMS, SEEN, INTERVAL, COPIES = 1000, 50, 45, 300, 10
LOADER = os.path.join(os.path.dirname(DAEMON), "bench", "dedup_load")
TICK = os.sysconf("SC_CLK_TCK")


def sample(pid):
    """(RSS in KiB, CPU seconds) of a live process, or None."""
    try:
        with open("/proc/%d/status" % pid) as f:
            rss = int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1))
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return rss, (int(fields[11]) + int(fields[12])) / TICK
    except (OSError, AttributeError, IndexError):
        return None


tmp = tempfile.mkdtemp(prefix="otsnews-bench-")
world = World(tmp)
redis = Redis(tmp).start()
conf = os.path.join(tmp, "bench.conf")
write_gen_conf(conf, tmp, redis.port, world.base, SOURCES,
               lambda i: "/_gen/roll/%d/%d/%d" % (i, ITEMS, INTERVAL), INTERVAL, once=False)
samples = []
try:
    t0 = time.time()
    subprocess.run([LOADER, str(redis.port), "fill", str(N), str(SOURCES), str(COPIES)], check=True)
    tload = time.time() - t0
    subprocess.run([LOADER, str(redis.port), "seen", world.base, str(SOURCES), str(SEEN)], check=True)
    mem0 = subprocess.run([LOADER, str(redis.port), "measure"], check=True, capture_output=True,
                          text=True).stdout
    before = commandstats(redis)
    log = open(os.path.join(tmp, "daemon.log"), "w+")
    p = subprocess.Popen([DAEMON, "-c", conf], stdout=subprocess.DEVNULL, stderr=log)
    perf = None
    if os.environ.get("SERVICE_PERF"):    # perf record the daemon (a probe)
        perf = subprocess.Popen(["perf", "record", "-F", "499", "-g", "-o", os.environ["SERVICE_PERF"],
                                 "-p", str(p.pid)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    t0 = time.time()
    while time.time() - t0 < RUN and p.poll() is None:
        s = sample(p.pid)
        if s is not None:
            samples.append((time.time() - t0, s[0], s[1], int(redis.cmd("XLEN", "ots:articles"))))
        time.sleep(5)
    last = sample(p.pid)
    wall = time.time() - t0
    if perf is not None:
        perf.send_signal(signal.SIGINT)
        perf.wait()
    p.send_signal(signal.SIGTERM)
    _, status, ru = os.wait4(p.pid, 0)
    log.seek(0)
    err = log.read()
    after = commandstats(redis)
    published = int(redis.cmd("XLEN", "ots:articles"))
    mem1 = subprocess.run([LOADER, str(redis.port), "measure"], check=True, capture_output=True,
                          text=True).stdout
finally:
    redis.stop()
    world.stop()

calls = {k: after.get(k, 0) - before.get(k, 0) for k in after}
for k in ("info", "xlen"):
    calls.pop(k, None)
total = sum(calls.values())
cpu = last[1] if last else ru.ru_utime + ru.ru_stime
late = [s for s in samples if s[0] >= 60] or samples
rss = [s[1] / 1024 for s in late]
print("service benchmark: %d entries filled in %.0f s; %d sources, interval %d s, %d%% new a poll"
      % (N, tload, SOURCES, INTERVAL, 100 * (ITEMS - SEEN) // ITEMS))
print("run: %.0f s, exit %d after SIGTERM, %d published" % (wall, os.waitstatus_to_exitcode(status),
                                                           published))
print("CPU: %.1f s in all, %.2f%% of one core, %.2f ms per published article (idle polls included)"
      % (cpu, 100 * cpu / wall, 1000 * cpu / max(published, 1)))
print("CPU at exit: user %.1f s, system %.1f s" % (ru.ru_utime, ru.ru_stime))
print("RSS: peak %.1f MiB (wait4); after the first minute least %.1f, most %.1f, first %.1f, last %.1f MiB"
      % (ru.ru_maxrss / 1024, min(rss), max(rss), rss[0], rss[-1]))
print("RSS and published, every minute: " + ", ".join(
    "%.0fs %.1f MiB %d" % (s[0], s[1] / 1024, s[3]) for s in samples if int(s[0]) % 60 < 5))
print("Redis commands per published article: %.1f (%s)" % (
    total / max(published, 1), ", ".join("%s %.1f" % (k, v / max(published, 1))
                                          for k, v in sorted(calls.items(), key=lambda kv: -kv[1]) if v)))
print("dedup keys before the run:\n" + mem0 + "dedup keys after the run:\n" + mem1, end="")
if err.strip():
    print("daemon stderr (last lines):\n" + "\n".join(err.strip().splitlines()[-5:]))
