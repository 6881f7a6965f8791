"""What operators see: the notify protocol, /metrics with labels and a
histogram, /healthz and /ready, otsnews status and tail --after against a
running daemon.  Real redis-server, real worldd, real daemon."""
import json, os, re, signal, socket, subprocess, sys, time, urllib.request
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import *
from harness import _procs as PROCS

SRC = ["kt-en", "astanatimes", "trend-en"]
SERIES = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)$')
LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(,|$)')


def parse_metrics(text):
    """Prometheus text format 0.0.4, checked as promtool would: every series
    belongs to a family declared by HELP and TYPE; labels and values parse.
    Returns {family: {"type": t, "series": [(name, {labels}, value)]}}."""
    fams, cur = {}, None
    for line in text.splitlines():
        if line.startswith("# HELP "):
            name = line.split(" ", 3)[2]
            assert name not in fams, "family %s declared twice" % name
            fams[name] = {"type": None, "series": []}
            cur = name
        elif line.startswith("# TYPE "):
            _, _, name, typ = line.split(" ", 3)
            assert name == cur, "TYPE %s without its HELP" % name
            assert typ in ("counter", "gauge", "histogram"), typ
            fams[name]["type"] = typ
        else:
            m = SERIES.match(line)
            assert m, "bad series line %r" % line
            name, labels, value = m.group(1), m.group(3) or "", m.group(4)
            base = re.sub(r"_(bucket|sum|count)$", "", name) \
                if fams.get(cur, {}).get("type") == "histogram" else name
            assert base == cur, "series %s outside its family %s" % (name, cur)
            got = dict((k, v) for k, v, _ in LABEL.findall(labels))
            assert ",".join('%s="%s"' % kv for kv in got.items()) == labels, \
                "bad labels %r" % labels
            fams[cur]["series"].append((name, got, float(value)))
    return fams


def scrape(port, path="/metrics", method="GET"):
    req = urllib.request.Request("http://127.0.0.1:%d%s" % (port, path), method=method)
    try:
        with urllib.request.urlopen(req, timeout=5) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def service(tmp, sources=SRC, **kw):
    world, redis = World(tmp), Redis(tmp).start()
    mport = free_port()
    conf = os.path.join(tmp, "otsnewsd.conf")
    state = os.path.join(tmp, "state")
    write_config(conf, world, redis.port, state, topic="all", sources=sources,
                 extra_daemon="metrics_listen = 127.0.0.1:%d" % mport, **kw)
    return world, redis, conf, state, mport


def test_metrics_labels_histogram_health(t, tmp):
    """/metrics parses; fetches_total{source,status}, articles_published_total
    {source}, duplicates_total{kind}, source_up and the last-success time per
    source, build_info, config_reload_success are there; the histogram's
    buckets are monotonic and +Inf equals _count; /healthz and /ready answer
    200 to GET and HEAD."""
    world, redis, conf, state, mport = service(tmp)
    log = os.path.join(tmp, "d.log")
    p = start_daemon(conf, log=log)
    t.check(wait_for(lambda: len(redis.records()) >= 7, 30), "not published: %s" %
            open(log).read()[-500:])
    time.sleep(0.5)
    code, text = scrape(mport)
    t.check(code == 200, "GET /metrics %d" % code)
    try:
        fams = parse_metrics(text)
    except AssertionError as e:
        t.check(False, "metrics do not parse: %s" % e)
        fams = {}
    fetches = fams.get("otsnewsd_fetches_total", {"series": []})["series"]
    for s in SRC:
        t.check(any(l.get("source") == s and l.get("status") == "ok" for _, l, _ in fetches),
                "no fetches_total{source=%s,status=ok}" % s)
        up = [v for n, l, v in fams.get("otsnewsd_source_up", {"series": []})["series"]
              if l.get("source") == s]
        t.check(up == [1.0], "source_up{%s} = %s" % (s, up))
        ts = [v for n, l, v in fams.get("otsnewsd_source_last_success_timestamp_seconds",
                                        {"series": []})["series"] if l.get("source") == s]
        t.check(ts and abs(ts[0] - time.time()) < 120, "last success of %s: %s" % (s, ts))
    pub = fams.get("otsnewsd_articles_published_total", {"series": []})["series"]
    t.check(sum(v for _, _, v in pub) == len(redis.records()),
            "published by source %s != %d records" % (pub, len(redis.records())))
    t.check(all("source" in l for _, l, _ in pub), "published_total without source label")
    dups = fams.get("otsnewsd_duplicates_total", {"series": []})["series"]
    t.check(all(l.get("kind") in ("url", "content", "near") for _, l, _ in dups),
            "duplicates kinds %s" % dups)
    t.check(fams.get("otsnewsd_fetch_duration_seconds", {}).get("type") == "histogram",
            "no fetch duration histogram")
    h = fams.get("otsnewsd_fetch_duration_seconds", {"series": []})["series"]
    buckets = [(float(l["le"]), v) for n, l, v in h if n.endswith("_bucket")]
    count = [v for n, _, v in h if n.endswith("_count")]
    t.check(buckets and all(a[1] <= b[1] for a, b in zip(buckets, buckets[1:])),
            "buckets not monotonic: %s" % buckets)
    t.check(buckets and count and buckets[-1][0] == float("inf") and buckets[-1][1] == count[0],
            "+Inf bucket != count")
    t.check(count and count[0] >= 10, "fetch count %s" % count)
    bi = fams.get("otsnewsd_build_info", {"series": []})["series"]
    t.check(bi and bi[0][1].get("version"), "build_info %s" % bi)
    t.check(fams.get("otsnewsd_config_reload_success", {"series": [(0, 0, 0)]})["series"][0][2] == 1,
            "config_reload_success not 1")
    for path in ("/healthz", "/ready"):
        code, body = scrape(mport, path)
        t.check(code == 200, "GET %s %d" % (path, code))
        code, body = scrape(mport, path, "HEAD")
        t.check(code == 200 and body == "", "HEAD %s %d %r" % (path, code, body))
    t.check(scrape(mport, "/nothing")[0] == 404, "unknown path not 404")
    # A refused reload turns config_reload_success to 0.
    good = open(conf).read()
    open(conf, "w").write(good + "\n[source broken]\nurl = not-a-url\n")
    p.send_signal(signal.SIGHUP)
    t.check(wait_for(lambda: "reload failed" in open(log).read(), 10), "no reload failure line")
    fams = parse_metrics(scrape(mport)[1])
    t.check(fams["otsnewsd_config_reload_success"]["series"][0][2] == 0,
            "config_reload_success still 1 after a refused reload")
    p.send_signal(signal.SIGTERM)
    t.check(p.wait(30) == 0, "exit %s" % p.returncode)


def test_ready_503_when_nothing_takes_records(t, tmp):
    """/ready is 503 while neither Redis nor the spool can take records
    (Redis down, state_dir on a full filesystem), /healthz stays 200, and
    /ready turns 200 once Redis is up.  Needs root for the tmpfs."""
    mnt = os.path.join(tmp, "mnt")
    why = mount_full_tmpfs(mnt)
    if why:
        print("    skip: %s (needs a full tmpfs)" % why)
        return
    p = None
    try:
        world = World(tmp)
        port, mport = free_port(), free_port()
        conf = os.path.join(tmp, "c.conf")
        write_config(conf, world, port, mnt, topic="all", sources=["kt-en"],
                     extra_daemon="metrics_listen = 127.0.0.1:%d\nspool_retry = 1" % mport)
        log = os.path.join(tmp, "d.log")
        p = start_daemon(conf, log=log)
        t.check(wait_for(lambda: "pausing new fetches" in open(log).read(), 30), "no pause")
        t.check(scrape(mport, "/ready")[0] == 503, "/ready not 503 while paused")
        t.check(scrape(mport, "/ready", "HEAD")[0] == 503, "HEAD /ready not 503")
        t.check(scrape(mport, "/healthz")[0] == 200, "/healthz not 200")
        fams = parse_metrics(scrape(mport)[1])
        t.check(fams["otsnewsd_fetch_paused"]["series"][0][2] == 1, "fetch_paused not 1")
        redis = Redis(tmp, port).start()
        t.check(wait_for(lambda: scrape(mport, "/ready")[0] == 200, 20), "/ready not 200 with Redis up")
        t.check(wait_for(lambda: len(redis.records()) == 4, 30), "records %d" % len(redis.records()))
        p.send_signal(signal.SIGTERM)
        t.check(p.wait(30) == 0, "exit %s" % p.returncode)
    finally:
        if p is not None and p.poll() is None:
            p.kill()
            p.wait()
        umount(mnt)


def test_notify_protocol(t, tmp):
    """Under a notify socket: READY=1, then STATUS= lines, WATCHDOG=1 at half
    of WATCHDOG_USEC, RELOADING=1 then READY=1 on SIGHUP, STOPPING=1."""
    world, redis, conf, state, mport = service(tmp, sources=["astanatimes"])
    path = os.path.join(tmp, "notify")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(path)
    sock.settimeout(0.5)
    env = dict(os.environ, NOTIFY_SOCKET=path, WATCHDOG_USEC="2000000")
    p = subprocess.Popen([DAEMON, "-c", conf], env=env, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, cwd=ROOT)
    PROCS.append(p)
    got = []

    def recv_until(pred, timeout):
        end = time.time() + timeout
        while time.time() < end:
            try:
                got.extend(sock.recv(4096).decode().splitlines())
            except socket.timeout:
                pass
            if pred():
                return True
        return False
    t.check(recv_until(lambda: "READY=1" in got, 10), "no READY=1: %s" % got)
    t.check(recv_until(lambda: sum(l == "WATCHDOG=1" for l in got) >= 2, 5),
            "WATCHDOG=1 not sent at half the interval: %s" % got)
    t.check(recv_until(lambda: any(l.startswith("STATUS=") for l in got), 12),
            "no STATUS= line: %s" % got)
    status = [l for l in got if l.startswith("STATUS=")]
    t.check(status and "sources" in status[-1] and "Redis up" in status[-1],
            "STATUS line: %s" % status[-1:])
    n = len(got)
    p.send_signal(signal.SIGHUP)
    t.check(recv_until(lambda: "RELOADING=1" in got[n:] and "READY=1" in
                       got[got.index("RELOADING=1", n):] if "RELOADING=1" in got[n:] else False, 10),
            "no RELOADING=1 then READY=1: %s" % got[n:])
    p.send_signal(signal.SIGTERM)
    t.check(recv_until(lambda: "STOPPING=1" in got, 10), "no STOPPING=1")
    t.check(p.wait(30) == 0, "exit %s" % p.returncode)


def test_status_and_tail_after(t, tmp):
    """otsnews status shows every source with its last poll, success, next
    poll, links found, records published and lease holder (also --json);
    otsnews tail --after ID resumes after an entry and prints entry ids."""
    world, redis, conf, state, mport = service(tmp)
    p = start_daemon(conf, log=os.path.join(tmp, "d.log"))
    t.check(wait_for(lambda: len(redis.records()) >= 7, 30), "not published")
    time.sleep(1)
    r = subprocess.run([TOOL, "status", "-c", conf, "--json"], capture_output=True,
                       text=True, timeout=30)
    t.check(r.returncode == 0, "status exit %d: %s" % (r.returncode, r.stderr))
    rows = json.loads(r.stdout or "[]")
    t.check(sorted(x["source"] for x in rows) == sorted(SRC), "sources %s" % rows)
    recs = redis.records()
    for x in rows:
        t.check(int(x["last_poll"] or 0) > 0 and int(x["last_success"] or 0) > 0,
                "%s: no poll times" % x["source"])
        t.check(int(x["next_poll"] or 0) > time.time(), "%s: next poll not ahead" % x["source"])
        t.check(x["lease_holder"] and ":" in x["lease_holder"], "%s: lease %s" %
                (x["source"], x["lease_holder"]))
        mine = len([r for r in recs if r["source"] == x["source"]])
        t.check(int(x["published"] or 0) == mine, "%s: published %s, stream has %d" %
                (x["source"], x["published"], mine))
    r = subprocess.run([TOOL, "status", "-c", conf], capture_output=True, text=True, timeout=30)
    lines = r.stdout.splitlines()
    t.check(len(lines) == len(SRC) and all("polled" in l and "lease" in l for l in lines),
            "status lines: %s" % lines)
    first = recs[0]["_eid"]
    r = subprocess.run([TOOL, "tail", "-c", conf, "--json", "--after", first, "--count",
                        str(len(recs) - 1)], capture_output=True, text=True, timeout=30)
    out = [json.loads(l) for l in r.stdout.splitlines()]
    t.check([o["stream_id"] for o in out] == [x["_eid"] for x in recs[1:]],
            "tail --after: %s" % [o.get("stream_id") for o in out])
    for bad in (["--count", "x"], ["--count", "-1"], ["--after", "abc"], ["--bogus"]):
        r = subprocess.run([TOOL, "tail", "-c", conf] + bad, capture_output=True, text=True,
                           timeout=10)
        t.check(r.returncode == 1 and r.stderr, "tail %s accepted" % bad)
    r = subprocess.run([TOOL, "tail", "--help"], capture_output=True, text=True, timeout=10)
    t.check(r.returncode == 0 and "--after" in r.stdout, "tail --help")
    p.send_signal(signal.SIGTERM)
    t.check(p.wait(30) == 0, "exit %s" % p.returncode)


def test_sighup_redis_keys(t, tmp):
    """SIGHUP with every [redis] key changed: url, stream, key_prefix,
    retention_days, timeout and databases are refused with one warning each
    and keep their running values (the new source's records land on the
    running stream, under the running prefix); restoring the original file
    warns about nothing."""
    world, redis, conf, state, mport = service(tmp, sources=["astanatimes"])
    log = os.path.join(tmp, "d.log")
    p = start_daemon(conf, log=log)
    t.check(wait_for(lambda: len(redis.records()) == 1, 30), "not published")
    orig = open(conf).read()
    write_config(conf, world, free_port(), state, topic="all", sources=["astanatimes", "trend-en"],
                 stream="other:articles",
                 extra_daemon="metrics_listen = 127.0.0.1:%d" % mport,
                 extra_redis="key_prefix = other:\nretention_days = 3\ndatabases = 32")
    text = open(conf).read().replace("timeout = 2", "timeout = 7")
    open(conf, "w").write(text)
    n0 = open(log).read().count("\n")
    p.send_signal(signal.SIGHUP)
    t.check(wait_for(lambda: len(redis.records()) == 3, 30), "new source not published on the "
            "running stream: %d" % len(redis.records()))
    lines = open(log).read().splitlines()[n0:]
    for key in ("url", "stream", "key_prefix", "retention_days", "timeout", "databases"):
        w = [l for l in lines if "reload: [redis] %s changed" % key in l]
        t.check(len(w) == 1, "%s: %d warnings: %s" % (key, len(w), w))
    t.check(not redis.cmd("KEYS", "other:*"), "keys under the refused prefix")
    t.check(redis.cmd("EXISTS", "otsnews:dedup") == 1, "dedup index not under the running prefix")
    open(conf, "w").write(orig)
    n1 = len(open(log).read().splitlines())
    p.send_signal(signal.SIGHUP)
    t.check(wait_for(lambda: "reloaded" in "".join(open(log).read().splitlines()[n1:]), 10),
            "no reload line")
    again = [l for l in open(log).read().splitlines()[n1:] if "reload: [redis]" in l]
    t.check(not again, "restoring the running values warned: %s" % again)
    p.send_signal(signal.SIGTERM)
    t.check(p.wait(30) == 0, "exit %s" % p.returncode)


if __name__ == "__main__":
    from harness import _procs as PROCS
    main([test_metrics_labels_histogram_health, test_ready_503_when_nothing_takes_records,
          test_notify_protocol, test_status_and_tail_after, test_sighup_redis_keys])
