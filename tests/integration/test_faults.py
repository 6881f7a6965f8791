"""The fault matrix: each case starts its own redis-server and worldd, breaks
the system at one point (Redis down, killed, stopped, out of memory or
refusing the password; the daemon killed or stopped; a full or unusable
state_dir; odd spool entries; hostile pages; private addresses; HTTP
status codes, redirects, robots.txt), and judges the stream exactly: every
expected article once, nothing else, no id twice, no canonical URL twice.

    BUILD=build python3 tests/integration/test_faults.py [test_name ...]
"""
import collections, http.client, http.server, os, random, re, signal, subprocess
import sys, threading, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import *

SRC4 = ["kt-en", "astanatimes", "trend-en", "aa-tr"]    # 8 articles, no reprint pairs
NONE = ["-none-"]       # write_config(sources=NONE): no world source at all
GENS = (1, 2, 3)        # /_gen/feed/S: 20 articles each


# --- expectations and the exact judge ---------------------------------------

def slots_for(world, sources=None, gens=(), extra=(), drop=()):
    """The articles that must be published, one set of acceptable URLs each
    (an original and its reprint are one article)."""
    arts = [a for a in world.articles(sources) if world.url(a) not in drop]
    keys = set(a["key"] for a in arts)
    slots = []
    for a in arts:
        if a.get("reprint_of") in keys:
            continue
        slots.append({world.url(a)} | {world.url(b) for b in arts if b.get("reprint_of") == a["key"]})
    for g in gens:
        slots += [{"%s/_gen/article/%d-%d" % (world.base, g, k)} for k in range(20)]
    slots += [{u} for u in extra]
    return slots


def short(urls, n=6):
    urls = [re.sub(r"^https?://[^/]+", "", u or "") for u in urls]
    return ", ".join(urls[:n]) + (" ... (+%d)" % (len(urls) - n) if len(urls) > n else "")


def check_exact(t, recs, slots, what="stream"):
    """Every slot published exactly once, no other record, ids and
    canonical URLs unique.  Returns True when all of that holds."""
    index = {}
    for i, s in enumerate(slots):
        for u in s:
            index[u] = i
    count = [0] * len(slots)
    stray = []
    for r in recs:
        hit = set(index[norm_url(r[k])] for k in ("url", "canonical_url")
                  if r.get(k) and norm_url(r[k]) in index)
        if not hit:
            stray.append(r.get("url", "?"))
        for i in hit:
            count[i] += 1
    missing = [sorted(slots[i])[0] for i, c in enumerate(count) if c == 0]
    doubled = ["%s x%d" % (short([sorted(slots[i])[0]]), c) for i, c in enumerate(count) if c > 1]
    ids = collections.Counter(r.get("id") for r in recs)
    canon = collections.Counter(norm_url(r.get("canonical_url") or r.get("url", "")) for r in recs)
    dup_ids = ["%s x%d" % (k, c) for k, c in ids.items() if c > 1]
    dup_canon = ["%s x%d" % (short([k]), c) for k, c in canon.items() if c > 1]
    ok = True
    ok &= t.check(not missing, "%s: %d of %d expected articles missing: %s"
                  % (what, len(missing), len(slots), short(missing)))
    ok &= t.check(not doubled, "%s: articles published more than once: %s" % (what, ", ".join(doubled[:6])))
    ok &= t.check(not stray, "%s: %d records that are no expected article: %s"
                  % (what, len(stray), short(stray)))
    ok &= t.check(not dup_ids, "%s: record ids twice: %s" % (what, ", ".join(dup_ids[:6])))
    ok &= t.check(not dup_canon, "%s: canonical URLs twice: %s" % (what, ", ".join(dup_canon[:6])))
    ok &= t.check(len(recs) == len(slots), "%s: %d records, want exactly %d" % (what, len(recs), len(slots)))
    return ok


# --- running things ---------------------------------------------------------

def readf(path):
    try:
        with open(path, errors="replace") as f:
            return f.read()
    except OSError:
        return ""


def tail(text, n=700):
    text = text or ""
    return ("..." + text[-n:]) if len(text) > n else text


def once(conf, *args, timeout=90):
    """--once under a hard timeout: (rc, stdout, stderr); rc None = hung."""
    try:
        return run_daemon(conf, "--once", *args, timeout=timeout)
    except subprocess.TimeoutExpired as e:
        dec = lambda b: b.decode("utf-8", "replace") if isinstance(b, bytes) else (b or "")
        return None, dec(e.stdout), dec(e.stderr) + "\n[killed after %d s: hung]" % timeout


def check_once(t, rc, err, what="--once", timeout=90):
    if rc is None:
        return t.check(False, "%s did not finish within %d s: %s" % (what, timeout, tail(err)))
    return t.check(rc == 0, "%s exited %s, want 0: %s" % (what, rc, tail(err)))


def settle(redis, want, timeout=40, quiet=2.0, procs=()):
    """Wait for at least want records (or until every daemon in procs has
    died), then a quiet spell (to catch late doubles); return the records."""
    dead = lambda: procs and all(p.poll() is not None for p in procs)
    wait_for(lambda: redis.xlen() >= want or dead(), timeout, 0.2)
    time.sleep(quiet)
    return redis.records()


def alive(t, p, log, what="daemon"):
    return t.check(p.poll() is None, "%s died (exit %s): %s" % (what, p.returncode, tail(readf(log))))


def sigterm(t, p, log, what="daemon", timeout=30):
    if p.poll() is not None:
        return t.check(False, "%s not running at SIGTERM (exit %s): %s" % (what, p.returncode, tail(readf(log))))
    p.send_signal(signal.SIGTERM)
    try:
        rc = p.wait(timeout)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
        return t.check(False, "%s still running %d s after SIGTERM: %s" % (what, timeout, tail(readf(log))))
    return t.check(rc == 0, "%s exited %s after SIGTERM, want 0: %s" % (what, rc, tail(readf(log))))


def setup(tmp, sources=SRC4, redis_args=(), www=None, **kw):
    world = World(tmp, www=www)
    redis = Redis(tmp, args=redis_args).start()
    conf = os.path.join(tmp, "otsnewsd.conf")
    state = os.path.join(tmp, "state")
    write_config(conf, world, redis.port, state, sources=sources, **kw)
    return world, redis, conf, state


def gen_sources(world, gens=GENS):
    return [("gen%d" % g, "%s/_gen/feed/%d" % (world.base, g), "rss") for g in gens]


def edit(conf, old, new):
    text = open(conf).read()
    assert old in text, "%r not in %s" % (old, conf)
    open(conf, "w").write(text.replace(old, new))


def conf_line(conf, prefix):
    for i, l in enumerate(open(conf).read().splitlines(), 1):
        if l.startswith(prefix):
            return i
    return 0


def daemon_requests(world, path=None, since=0):
    """worldd's request-log lines made by the daemon (not by a probe)."""
    out = [l for l in world.requests()[since:] if "ua=otsnewsd" in l]
    return [l for l in out if path is None or l.startswith("GET %s " % path)
            or l.startswith("GET %s?" % path)]


def probe(world, path):
    """One GET without following redirects: (status, headers)."""
    c = http.client.HTTPConnection("127.0.0.1", world.port, timeout=5)
    try:
        c.request("GET", path, headers={"User-Agent": "probe"})
        r = c.getresponse()
        r.read()
        return r.status, {k.lower(): v for k, v in r.getheaders()}
    finally:
        c.close()


# --- synthetic pages --------------------------------------------------------

WORDS = ("ministry council delegation railway corridor harvest festival museum "
         "university reform budget parliament hydropower pipeline satellite startup "
         "exhibition orchestra theatre library hospital vaccine airport tunnel bridge "
         "highway port container freight tariff customs border visa tourism hotel "
         "cuisine carpet silk caravan steppe mountain glacier river lake forest "
         "drought irrigation cotton wheat livestock dairy solar wind uranium copper "
         "gold lithium battery factory assembly export import bank bond currency "
         "inflation wages pension school teacher student scholarship research "
         "laboratory archive manuscript poet novel film award champion wrestling "
         "football marathon olympiad chess robotics software cloud network fibre "
         "broadband telecom postal courier logistics warehouse market bazaar").split()


def page(title, seed, cls="article-body", canonical=None):
    rnd = random.Random(seed)
    paras = "".join("<p>%s.</p>\n" % " ".join(rnd.choice(WORDS) for _ in range(70)).capitalize()
                    for _ in range(6))
    canon = '<link rel="canonical" href="%s">' % canonical if canonical else ""
    return ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>%s | Site</title>%s'
            '<meta property="article:published_time" content="2025-05-21T10:00:00Z"></head>'
            '<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>'
            '<article class="%s"><h1>%s</h1>\n%s</article>'
            '<footer>All rights reserved</footer></body></html>\n' % (title, canon, cls, title, paras))


def rss(items):
    body = "".join("<item><title>%s</title><link>%s</link><pubDate>Wed, 21 May 2025 10:0%d:00 +0000"
                   "</pubDate></item>" % (title, link, i % 10) for i, (title, link) in enumerate(items))
    return ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>t</title>'
            '<link>@BASE@/</link><description>d</description>%s</channel></rss>\n' % body)


class TinyServer:
    """A loopback origin of our own: routes {path: (status, headers, body)}."""

    def __init__(self, routes):
        self.hits = []
        srv = self

        class H(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                srv.hits.append(self.path)
                status, headers, body = routes.get(self.path, (404, {}, "not found\n"))
                body = body.replace("@BASE@", srv.base).encode()
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v.replace("@BASE@", srv.base))
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *a):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.base = "http://127.0.0.1:%d" % self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


# --- the spool --------------------------------------------------------------

def spool_from_earlier_run(t, tmp, world, sources=SRC4):
    """A --once run while Redis is down fills state/spool; returns (port, state)."""
    port = free_port()
    state = os.path.join(tmp, "state")
    conf = os.path.join(tmp, "first.conf")
    write_config(conf, world, port, state, sources=sources)
    rc, out, err = once(conf)
    n = len(slots_for(world, sources))
    t.check(rc == 0 and len(spool_files(state)) == n,
            "precondition: a --once run with Redis down exited %s and spooled %d records, want 0 and %d: %s"
            % (rc, len(spool_files(state)), n, tail(err)))
    return port, state


def replay_conf(tmp, world, port, state):
    """A configuration whose only source finds nothing: what gets published
    can only come from the spool."""
    conf = os.path.join(tmp, "replay.conf")
    write_config(conf, world, port, state, sources=NONE,
                 extra_sources=[("empty", world.base + "/_fault/status/404", "rss")])
    return conf


def test_spool_replay_once(t, tmp):
    """--once starting with a spool left by an earlier run: exit 0, every
    spooled record published once, the spool empty."""
    world = World(tmp)
    port, state = spool_from_earlier_run(t, tmp, world)
    redis = Redis(tmp, port).start()
    conf = replay_conf(tmp, world, port, state)
    rc, out, err = once(conf)
    check_once(t, rc, err, "--once with a non-empty spool")
    check_exact(t, redis.records(), slots_for(world, SRC4), "stream from the spool")
    left = spool_files(state)
    t.check(not left, "spool not empty after --once: %d records left (%s)" % (len(left), ", ".join(left[:4])))


def test_spool_replay_service(t, tmp):
    """Service mode starting with a spool: no crash, every record published
    once, spool empty, keeps running until SIGTERM, then exits 0."""
    world = World(tmp)
    port, state = spool_from_earlier_run(t, tmp, world)
    redis = Redis(tmp, port).start()
    conf = replay_conf(tmp, world, port, state)
    log = os.path.join(tmp, "daemon.log")
    p = start_daemon(conf, log=log)
    recs = settle(redis, len(slots_for(world, SRC4)), 40, procs=[p])
    alive(t, p, log, "service daemon with a non-empty spool")
    check_exact(t, recs, slots_for(world, SRC4), "stream from the spool")
    t.check(wait_for(lambda: not spool_files(state) or p.poll() is not None, 10) and not spool_files(state),
            "spool not empty in service mode: %d records left" % len(spool_files(state)))
    time.sleep(1)
    alive(t, p, log, "service daemon after replaying the spool")
    sigterm(t, p, log)


def test_redis_down_whole_once_then_up(t, tmp):
    """Redis down for a whole --once run: exit 0, the records in the spool,
    a log line saying they wait there.  Redis up, a second --once: exact."""
    world = World(tmp)
    port = free_port()
    state = os.path.join(tmp, "state")
    conf = os.path.join(tmp, "otsnewsd.conf")
    write_config(conf, world, port, state, sources=SRC4)
    want = slots_for(world, SRC4)
    rc, out, err = once(conf)
    check_once(t, rc, err, "--once with Redis down")
    t.check(len(spool_files(state)) == len(want), "%d records spooled, want %d"
            % (len(spool_files(state)), len(want)))
    t.check(re.search(r"records? wait in the spool", err) is not None,
            "no log line saying the records wait in the spool: %s" % tail(err))
    redis = Redis(tmp, port).start()
    rc, out, err = once(conf)
    check_once(t, rc, err, "second --once with Redis up")
    check_exact(t, redis.records(), want, "stream after Redis came up")
    t.check(not spool_files(state), "spool not empty after the second run: %d" % len(spool_files(state)))
    rc, out, err = once(conf)
    t.check(rc == 0 and redis.xlen() == len(want), "third --once: exit %s, %d records (want %d)"
            % (rc, redis.xlen(), len(want)))


# --- Redis breaking under a running daemon ----------------------------------

def test_redis_sigkill_and_restart(t, tmp):
    """Redis (appendonly, fsync always) SIGKILLed after the first records and
    restarted on the same port and dir: the stream ends exact, the daemon
    stays up."""
    world = World(tmp)
    redis = Redis(tmp, args=["--appendonly", "yes", "--appendfsync", "always"]).start()
    conf = os.path.join(tmp, "otsnewsd.conf")
    write_config(conf, world, redis.port, os.path.join(tmp, "state"), extra_sources=gen_sources(world))
    want = slots_for(world, None, GENS)
    log = os.path.join(tmp, "daemon.log")
    p = start_daemon(conf, log=log)
    t.check(wait_for(lambda: redis.xlen() >= 1, 30, 0.005), "nothing published before the kill: %s"
            % tail(readf(log)))
    before = redis.xlen()
    redis.kill()
    time.sleep(2)
    alive(t, p, log, "daemon while Redis is dead")
    redis.start()
    t.check(redis.xlen() >= before, "setup: Redis lost acknowledged records over the restart (%d -> %d)"
            % (before, redis.xlen()))
    recs = settle(redis, len(want), 60, procs=[p])
    check_exact(t, recs, want, "stream after Redis was SIGKILLed at %d records" % before)
    alive(t, p, log)
    sigterm(t, p, log)


def test_redis_sigstop_20s(t, tmp):
    """Redis SIGSTOPped for 20 s after the first records ([redis] timeout =
    2), then SIGCONT: the stream ends exact, the daemon stays up."""
    world = World(tmp)
    redis = Redis(tmp).start()
    conf = os.path.join(tmp, "otsnewsd.conf")
    write_config(conf, world, redis.port, os.path.join(tmp, "state"), extra_sources=gen_sources(world))
    want = slots_for(world, None, GENS)
    log = os.path.join(tmp, "daemon.log")
    p = start_daemon(conf, log=log)
    t.check(wait_for(lambda: redis.xlen() >= 1, 30, 0.005), "nothing published before SIGSTOP")
    before = redis.xlen()
    redis.pause()
    try:
        time.sleep(20)
        alive(t, p, log, "daemon while Redis is stopped")
    finally:
        redis.resume()
    recs = settle(redis, len(want), 60, procs=[p])
    check_exact(t, recs, want, "stream after a 20 s SIGSTOP at %d records" % before)
    alive(t, p, log)
    sigterm(t, p, log)


def test_index_behind_after_rollback(t, tmp):
    """Redis loses the newest entries of the shared dedup index while the
    daemon runs (what a failover to a replica that was behind, or a restore
    from an older snapshot, does): the daemon is SIGSTOPped after some
    records, the index's version goes back by three and its three newest
    entries are deleted, SIGCONT.  With the old local copy of the index its
    compare-and-set refused every publication forever without a word (and
    SIGTERM could not stop it); now each publication reads its view afresh,
    the daemon says once that Redis went back, and the stream ends exact."""
    world = World(tmp)
    redis = Redis(tmp).start()
    conf = os.path.join(tmp, "otsnewsd.conf")
    write_config(conf, world, redis.port, os.path.join(tmp, "state"), extra_sources=gen_sources(world))
    want = slots_for(world, None, GENS)
    log = os.path.join(tmp, "daemon.log")
    p = start_daemon(conf, log=log)
    t.check(wait_for(lambda: redis.xlen() >= 10, 30, 0.005), "fewer than 10 records within 30 s: %s"
            % tail(readf(log)))
    p.send_signal(signal.SIGSTOP)
    try:
        before = redis.xlen()
        version = int(redis.cmd("GET", "otsnews:dedup"))
        for n in range(version - 2, version + 1):
            redis.cmd("DEL", "otsnews:entry:%d" % n)
        redis.cmd("SET", "otsnews:dedup", str(version - 3))
    finally:
        p.send_signal(signal.SIGCONT)
    if not t.check(before < len(want), "setup: every record was out before the rollback"):
        return
    recs = settle(redis, len(want), 60, procs=[p])
    check_exact(t, recs, want, "stream after the index lost its newest entries at %d records" % before)
    t.check("going on with what Redis holds" in readf(log),
            "no log line saying Redis's index went back: %s" % tail(readf(log)))
    alive(t, p, log)
    sigterm(t, p, log)


def test_redis_oom_then_freed(t, tmp):
    """maxmemory + noeviction, filled with a junk key: the daemon gets OOM
    replies; the junk is deleted while it runs (spool_retry = 2): every
    article delivered without a restart."""
    world = World(tmp)
    redis = Redis(tmp, args=["--maxmemory-policy", "noeviction"]).start()
    redis.cmd("SET", "junk", b"x" * (8 << 20))
    redis.cmd("CONFIG", "SET", "maxmemory", "4mb")
    try:
        redis.cmd("XADD", "probe", "*", "a", "b")
        t.check(False, "setup: XADD did not fail with OOM under maxmemory 4mb")
    except RuntimeError as e:
        t.check("OOM" in str(e), "setup: XADD failed with %s, not OOM" % e)
    conf = os.path.join(tmp, "otsnewsd.conf")
    write_config(conf, world, redis.port, os.path.join(tmp, "state"), sources=SRC4,
                 extra_daemon="spool_retry = 2")
    want = slots_for(world, SRC4)
    log = os.path.join(tmp, "daemon.log")
    p = start_daemon(conf, log=log)
    t.check(wait_for(lambda: "OOM" in readf(log) or p.poll() is not None, 30),
            "no OOM error reply logged within 30 s: %s" % tail(readf(log)))
    if not alive(t, p, log, "daemon under OOM"):
        return
    t.check(redis.xlen() <= 0, "records published while Redis was out of memory: %d" % redis.xlen())
    redis.cmd("DEL", "junk")
    recs = settle(redis, len(want), 40, procs=[p])
    check_exact(t, recs, want, "stream after the junk key was deleted")
    alive(t, p, log)
    sigterm(t, p, log)


def test_state_dir_full_filesystem(t, tmp):
    """state_dir on a full 1 MB tmpfs, Redis down: a spool write failure and
    "pausing new fetches" are logged, the daemon stays up and loses nothing;
    Redis starts: the stream is exact.  Skipped unless root can mount."""
    mnt = os.path.join(tmp, "mnt")
    why = mount_full_tmpfs(mnt)
    if why:
        print("    skip: %s (state_dir on a full tmpfs)" % why)
        return
    p = None
    try:
        world = World(tmp)
        port = free_port()
        conf = os.path.join(tmp, "otsnewsd.conf")
        write_config(conf, world, port, mnt, sources=SRC4)
        want = slots_for(world, SRC4)
        log = os.path.join(tmp, "daemon.log")
        p = start_daemon(conf, log=log)
        spool_err = lambda: re.search(r"spool.*(No space left|ENOSPC|cannot write|write fail)", readf(log), re.I)
        wait_for(lambda: spool_err() or p.poll() is not None, 30)
        wait_for(lambda: "pausing new fetches" in readf(log) or p.poll() is not None, 5)
        t.check(spool_err() is not None, "no spool write failure logged: %s" % tail(readf(log)))
        t.check("pausing new fetches" in readf(log), "no \"pausing new fetches\" line: %s" % tail(readf(log)))
        if not alive(t, p, log, "daemon with a full state_dir"):
            return
        redis = Redis(tmp, port).start()
        recs = settle(redis, len(want), 60, procs=[p])
        check_exact(t, recs, want, "stream after Redis started (state_dir full)")
        alive(t, p, log)
        sigterm(t, p, log)
    finally:
        if p is not None and p.poll() is None:
            p.kill()
            p.wait()
        umount(mnt)


def test_check_config_unusable_state_dir(t, tmp):
    """-t with a state_dir under a regular file: exit 1, the path named."""
    world = World(tmp)
    plain = os.path.join(tmp, "plain")
    open(plain, "w").write("not a directory\n")
    state = os.path.join(plain, "state")
    conf = os.path.join(tmp, "otsnewsd.conf")
    write_config(conf, world, free_port(), state, sources=["astanatimes"])
    rc, out, err = run_daemon(conf, "-t", timeout=20)
    t.check(rc == 1, "-t with state_dir %s exited %s, want 1: %s" % (state, rc, tail(err)))
    t.check(state in err or plain in err, "-t message does not name the state_dir path: %s" % tail(err))


# --- Redis refusing us ------------------------------------------------------

def _auth_case(t, tmp, url_fmt, pattern, what):
    world = World(tmp)
    redis = Redis(tmp, args=["--requirepass", "s3cret"], password="s3cret").start()
    state = os.path.join(tmp, "state")
    conf = os.path.join(tmp, "otsnewsd.conf")
    write_config(conf, world, redis.port, state, sources=SRC4, redis_url=url_fmt % redis.port)
    want = slots_for(world, SRC4)
    rc, out, err = once(conf)
    check_once(t, rc, err, "--once with %s" % what)
    t.check(re.search(pattern, err) is not None, "%s: no log line matching /%s/: %s" % (what, pattern, tail(err)))
    t.check("redis: connected" not in err, "%s: logged \"redis: connected\"" % what)
    t.check(redis.xlen() == 0, "%s: %d records reached the stream" % (what, redis.xlen()))
    t.check(len(spool_files(state)) == len(want), "%s: %d records spooled, want %d"
            % (what, len(spool_files(state)), len(want)))
    write_config(conf, world, redis.port, state, sources=SRC4,
                 redis_url="redis://:s3cret@127.0.0.1:%d/0" % redis.port)
    rc, out, err = once(conf)
    check_once(t, rc, err, "--once with the right password")
    check_exact(t, redis.records(), want, "stream after the right password")
    t.check(not spool_files(state), "spool not empty after the right password: %d" % len(spool_files(state)))


def test_redis_wrong_password(t, tmp):
    """requirepass, wrong password: "redis: AUTH failed", never "redis:
    connected", nothing in the stream, records spooled; the right password
    later publishes exactly."""
    _auth_case(t, tmp, "redis://:wrong@127.0.0.1:%d/0", r"redis: AUTH failed", "a wrong password")


def test_redis_missing_password(t, tmp):
    """requirepass, no password configured: an error naming NOAUTH or
    authentication, never "redis: connected", records spooled; the right
    password later publishes exactly."""
    _auth_case(t, tmp, "redis://127.0.0.1:%d/0", r"(?i)NOAUTH|authenticat", "no password")


def test_redis_db_out_of_range(t, tmp):
    """-t: /99 and /?db=-3 exit 1 with FILE:LINE:; with databases = 32,
    /20 passes and /32 does not."""
    world = World(tmp)
    port = free_port()
    conf = os.path.join(tmp, "otsnewsd.conf")
    cases = [("redis://127.0.0.1:%d/99" % port, "", 1),
             ("redis://127.0.0.1:%d/?db=-3" % port, "", 1),
             ("redis://127.0.0.1:%d/20" % port, "databases = 32", 0),
             ("redis://127.0.0.1:%d/32" % port, "databases = 32", 1)]
    for url, extra, want in cases:
        write_config(conf, world, port, os.path.join(tmp, "state"), sources=["astanatimes"],
                     redis_url=url, extra_redis=extra)
        rc, out, err = run_daemon(conf, "-t", timeout=20)
        label = "-t with url %s%s" % (url, " and " + extra if extra else "")
        t.check(rc == want, "%s exited %s, want %d: %s" % (label, rc, want, tail(err, 300)))
        if want == 1:
            t.check(re.search(r"(?m)^%s:\d+: " % re.escape(conf), err) is not None,
                    "%s: no FILE:LINE: message: %s" % (label, tail(err, 300)))


# --- the daemon dying -------------------------------------------------------

def _sigkill_after(n):
    def test(t, tmp):
        world = World(tmp)
        redis = Redis(tmp).start()
        conf = os.path.join(tmp, "otsnewsd.conf")
        write_config(conf, world, redis.port, os.path.join(tmp, "state"), extra_sources=gen_sources(world))
        want = slots_for(world, None, GENS)
        log = os.path.join(tmp, "first.log")
        p = start_daemon(conf, "--once", log=log)
        wait_for(lambda: redis.xlen() >= n or p.poll() is not None, 60, 0.002)
        p.kill()
        p.wait(10)
        at = redis.xlen()
        t.check(p.returncode == -signal.SIGKILL, "first run ended by itself (exit %s) before %d records: %s"
                % (p.returncode, n, tail(readf(log))))
        t.check(at >= n, "first run published only %d records, not %d, before the kill" % (at, n))
        rc, out, err = once(conf)
        check_once(t, rc, err, "--once after SIGKILL at %d records" % at)
        check_exact(t, redis.records(), want, "stream after SIGKILL at %d records (aimed at %d)" % (at, n))
    test.__name__ = "test_daemon_sigkill_after_%d" % n
    test.__doc__ = "SIGKILL of a --once daemon once %d records are on the stream, then --once: exact." % n
    return test


def test_sigterm_midrun(t, tmp):
    """Service mode, SIGTERM soon after the first record: exit 0 within 30 s;
    a restart with --once completes the stream exactly."""
    world = World(tmp)
    redis = Redis(tmp).start()
    conf = os.path.join(tmp, "otsnewsd.conf")
    write_config(conf, world, redis.port, os.path.join(tmp, "state"), extra_sources=gen_sources(world))
    want = slots_for(world, None, GENS)
    log = os.path.join(tmp, "daemon.log")
    p = start_daemon(conf, log=log)
    t.check(wait_for(lambda: redis.xlen() >= 1, 30, 0.005), "nothing published: %s" % tail(readf(log)))
    at = redis.xlen()
    sigterm(t, p, log, "daemon (SIGTERM at %d records)" % at)
    rc, out, err = once(conf)
    check_once(t, rc, err, "--once after SIGTERM")
    check_exact(t, redis.records(), want, "stream after SIGTERM at %d records and --once" % at)


def test_spool_fifo_and_stale_temp(t, tmp):
    """A FIFO named x.json and a stale temp file of a dead pid in the spool:
    --once does not hang, the stale temp is removed, the stream is exact."""
    world, redis, conf, state = setup(tmp)
    spool = os.path.join(state, "spool")
    os.makedirs(spool)
    os.mkfifo(os.path.join(spool, "x.json"))
    stale = os.path.join(spool, ".deadbeef.json.999999.1.tmp")
    open(stale, "w").write('{"id": "deadbeef"')
    try:
        os.kill(999999, 0)
        t.check(False, "setup: pid 999999 is running")
    except ProcessLookupError:
        pass
    except PermissionError:
        t.check(False, "setup: pid 999999 is running")
    rc, out, err = once(conf, timeout=60)
    check_once(t, rc, err, "--once with a FIFO x.json in the spool", 60)
    t.check(not os.path.exists(stale), "stale temp file %s not removed" % os.path.basename(stale))
    check_exact(t, redis.records(), slots_for(world, SRC4), "stream with a FIFO in the spool")


def test_three_daemons_one_killed(t, tmp):
    """Three service daemons (interval = 10, own state_dirs) on one Redis,
    one SIGKILLed after the first records: after ~25 s the stream is exact."""
    world = World(tmp)
    redis = Redis(tmp).start()
    gens = gen_sources(world, (1,))
    want = slots_for(world, SRC4, (1,))
    ps = []
    for i in range(3):
        conf = os.path.join(tmp, "d%d.conf" % i)
        write_config(conf, world, redis.port, os.path.join(tmp, "state%d" % i), sources=SRC4,
                     extra_sources=gens, interval=10)
        log = os.path.join(tmp, "d%d.log" % i)
        ps.append((start_daemon(conf, log=log), log))
    t0 = time.time()
    t.check(wait_for(lambda: redis.xlen() >= 1, 30, 0.005), "nothing published by three daemons")
    at = redis.xlen()
    ps[1][0].kill()
    ps[1][0].wait(10)
    time.sleep(max(0, 25 - (time.time() - t0)))
    recs = settle(redis, len(want), 20, procs=[ps[0][0], ps[2][0]])
    check_exact(t, recs, want, "stream of three daemons, one SIGKILLed at %d records" % at)
    for i in (0, 2):
        alive(t, ps[i][0], ps[i][1], "daemon %d" % i)
        sigterm(t, ps[i][0], ps[i][1], "daemon %d" % i)


def test_restart_polls_every_source(t, tmp):
    """interval = 300: after a clean stop (leases released on SIGTERM) a
    restarted daemon fetches every source's feed again within 10 s."""
    world, redis, conf, state = setup(tmp, sources=None)
    want = slots_for(world, None)
    log = os.path.join(tmp, "first.log")
    p = start_daemon(conf, log=log)
    recs = settle(redis, len(want), 40, procs=[p])
    check_exact(t, recs, want, "stream of the first daemon")
    sigterm(t, p, log, "first daemon")
    n0 = len(world.requests())
    log2 = os.path.join(tmp, "second.log")
    p2 = start_daemon(conf, log=log2)
    paths = [s["path"] for s in world.sources()]
    missing = lambda: [x for x in paths if not daemon_requests(world, x, n0)]
    wait_for(lambda: not missing(), 10, 0.2)
    t.check(not missing(), "restarted daemon did not fetch within 10 s: %s (leases not released on SIGTERM?)"
            % ", ".join(missing()))
    sigterm(t, p2, log2, "second daemon")
    check_exact(t, redis.records(), want, "stream after the restart")


# --- hostile pages ----------------------------------------------------------

def test_control_chars_in_class(t, tmp):
    """A page with CR, form feed and vertical tab inside class attributes
    next to two good pages: --once finishes, the good pages are published."""
    bad = page("Odd Markup Page", 3, cls="article\r\x0cbody\x0bmain").replace(
        "<p>", '<p class="lead\x0b\x0c\rtext">', 2).replace("<h1>", '<h1 class="\r\x0b\x0c">')
    www = private_www(tmp, {
        "ctl/feed.xml": rss([("Odd", "@BASE@/ctl/bad.html"), ("Good one", "@BASE@/ctl/good1.html"),
                             ("Good two", "@BASE@/ctl/good2.html")]),
        "ctl/bad.html": bad,
        "ctl/good1.html": page("Good Page One", 1),
        "ctl/good2.html": page("Good Page Two", 2)})
    world = World(tmp, www=www)
    redis = Redis(tmp).start()
    conf = os.path.join(tmp, "otsnewsd.conf")
    write_config(conf, world, redis.port, os.path.join(tmp, "state"), sources=NONE,
                 extra_sources=[("ctl", world.base + "/ctl/feed.xml", "rss")])
    rc, out, err = once(conf, timeout=60)
    check_once(t, rc, err, "--once with control characters in class attributes", 60)
    recs = redis.records()
    badu = world.base + "/ctl/bad.html"
    nbad = sum(norm_url(r.get("url", "")) == badu for r in recs)
    t.check(nbad <= 1, "the odd page published %d times" % nbad)
    check_exact(t, [r for r in recs if norm_url(r.get("url", "")) != badu],
                [{world.base + "/ctl/good1.html"}, {world.base + "/ctl/good2.html"}], "good pages")


# --- private addresses ------------------------------------------------------

def _no_private(conf):
    edit(conf, "allow_private_networks = yes", "allow_private_networks = no")


def test_private_trusted_origin(t, tmp):
    """allow_private_networks = no: a configured source on 127.0.0.1 is a
    trusted origin; its articles are fetched and published."""
    world, redis, conf, state = setup(tmp)
    _no_private(conf)
    rc, out, err = once(conf)
    check_once(t, rc, err, "--once")
    t.check("refused" not in err, "the configured loopback origin was refused: %s"
            % tail("\n".join(l for l in err.splitlines() if "refused" in l)))
    check_exact(t, redis.records(), slots_for(world, SRC4), "stream from a configured loopback origin")


def test_private_other_origin_links(t, tmp):
    """allow_private_networks = no: feed items linking to a different loopback
    origin (another worldd) are not fetched, with a log line; the item on
    the trusted origin is published."""
    other = World(tmp, tag="-other")
    target = other.url(other.articles(["astanatimes"])[0])
    www = private_www(tmp, {
        "x/feed.xml": rss([("Local", "@BASE@/x/a1.html"), ("Elsewhere", target)]),
        "x/a1.html": page("Local Story", 11)})
    world = World(tmp, www=www)
    redis = Redis(tmp).start()
    conf = os.path.join(tmp, "otsnewsd.conf")
    write_config(conf, world, redis.port, os.path.join(tmp, "state"), sources=NONE,
                 extra_sources=[("x", world.base + "/x/feed.xml", "rss")])
    _no_private(conf)
    rc, out, err = once(conf)
    check_once(t, rc, err, "--once")
    t.check(not daemon_requests(other), "fetched from another loopback origin: %s" % daemon_requests(other)[:3])
    t.check(re.search(r"(?i)private.*refused", err) is not None, "no \"private ... refused\" log line: %s" % tail(err))
    check_exact(t, redis.records(), [{world.base + "/x/a1.html"}], "stream (trusted origin only)")


def test_private_redirect_other_origin(t, tmp):
    """allow_private_networks = no: redirects from the trusted origin (feed
    and article) to another loopback origin are refused; the trusted
    origin's own article is published."""
    other = World(tmp, tag="-other")
    target = other.url(other.articles(["astanatimes"])[0])
    srv = TinyServer({
        "/feed.xml": (302, {"Location": other.base + "/astanatimes/feed/index.xml"}, ""),
        "/feed2.xml": (200, {"Content-Type": "application/rss+xml"},
                       rss([("Here", "@BASE@/art1"), ("Away", "@BASE@/go")])),
        "/art1": (200, {"Content-Type": "text/html; charset=utf-8"}, page("Trusted Story", 21)),
        "/go": (302, {"Location": target}, "")})
    try:
        redis = Redis(tmp).start()
        conf = os.path.join(tmp, "otsnewsd.conf")
        write_config(conf, other, redis.port, os.path.join(tmp, "state"), sources=NONE,
                     extra_sources=[("redir", srv.base + "/feed.xml", "rss"),
                                    ("p2", srv.base + "/feed2.xml", "rss")])
        _no_private(conf)
        rc, out, err = once(conf)
        check_once(t, rc, err, "--once")
        t.check("/feed2.xml" in srv.hits and "/art1" in srv.hits,
                "the trusted origin was not fetched: %s" % srv.hits)
        t.check(not daemon_requests(other), "followed a redirect to another loopback origin: %s"
                % daemon_requests(other)[:3])
        t.check(re.search(r"(?i)(private|loopback).*refused|refused.*redirect", err) is not None,
                "no log line for the refused redirect: %s" % tail(err))
        check_exact(t, redis.records(), [{srv.base + "/art1"}], "stream (trusted origin only)")
    finally:
        srv.stop()


# --- HTTP etiquette ---------------------------------------------------------

def _watch(world, path, seconds, p):
    """Times (since start) at which the daemon requested path."""
    t0, seen, times = time.time(), 0, []
    while time.time() - t0 < seconds and p.poll() is None:
        n = len(daemon_requests(world, path))
        times += [time.time() - t0] * (n - seen)
        seen = n
        time.sleep(0.2)
    return times


def test_http_410_not_polled_again(t, tmp):
    """A source answering 410 is polled once, then not again (interval = 10,
    25 s), with a warning naming 410."""
    world = World(tmp)
    path = "/_fault/gone"
    if probe(world, path)[0] != 410:
        path = "/_fault/status/410"
    redis = Redis(tmp).start()
    conf = os.path.join(tmp, "otsnewsd.conf")
    write_config(conf, world, redis.port, os.path.join(tmp, "state"), sources=["astanatimes"],
                 extra_sources=[("gone", world.base + path, "rss")], interval=10)
    log = os.path.join(tmp, "daemon.log")
    p = start_daemon(conf, log=log)
    times = _watch(world, path, 25, p)
    sigterm(t, p, log)
    t.check(len(times) == 1, "%s polled %d times in 25 s at interval 10 (at %s s), want once"
            % (path, len(times), ", ".join("%.1f" % x for x in times)))
    t.check(len(daemon_requests(world, "/astanatimes/feed/index.xml")) >= 2,
            "sanity: astanatimes not polled twice in 25 s at interval 10")
    t.check(re.search(r"source gone:.*410", readf(log)) is not None, "no warning naming 410: %s"
            % tail(readf(log)))
    check_exact(t, redis.records(), slots_for(world, ["astanatimes"]))


def test_http_429_retry_after(t, tmp):
    """A source answering 429 with Retry-After: 20 is not polled again
    within 20 s (interval = 10)."""
    world = World(tmp)
    path = "/_fault/retry-after/429/20"
    status, headers = probe(world, path)
    if not t.check(status == 429 and headers.get("retry-after") == "20",
                   "worldd does not serve %s yet (answered %s, Retry-After %r): the test needs it"
                   % (path, status, headers.get("retry-after"))):
        return
    redis = Redis(tmp).start()
    conf = os.path.join(tmp, "otsnewsd.conf")
    # Retry-After holds the whole origin: the busy source is on another
    # origin (localhost) than the good one (127.0.0.1), as two sites would be.
    busy = world.base.replace("127.0.0.1", "localhost") + path
    write_config(conf, world, redis.port, os.path.join(tmp, "state"), sources=["astanatimes"],
                 extra_sources=[("busy", busy, "rss")], interval=10)
    log = os.path.join(tmp, "daemon.log")
    p = start_daemon(conf, log=log)
    times = _watch(world, path, 26, p)
    sigterm(t, p, log)
    t.check(times, "the 429 source was never polled")
    early = [x for x in times[1:] if x - times[0] < 19.5]
    t.check(not early, "polled again %s s after a 429 with Retry-After: 20"
            % ", ".join("%.1f" % (x - times[0]) for x in early))
    check_exact(t, redis.records(), slots_for(world, ["astanatimes"]))


def _redirect_runs(t, tmp, world, old):
    redis = Redis(tmp).start()
    conf = os.path.join(tmp, "otsnewsd.conf")
    write_config(conf, world, redis.port, os.path.join(tmp, "state"), sources=NONE,
                 extra_sources=[("moved", world.base + old, "rss")])
    rc, out, err = once(conf)
    check_once(t, rc, err, "first --once")
    n0 = len(world.requests())
    rc, out, err = once(conf)
    check_once(t, rc, err, "second --once")
    check_exact(t, redis.records(), slots_for(world, ["astanatimes"]), "stream over two runs")
    return world, n0


def test_redirect_301_remembered(t, tmp):
    """A source URL answering 301: after a restart the daemon requests the
    new URL directly."""
    world = World(tmp)
    old = "/_fault/redirect-code/301/astanatimes/feed/index.xml"
    status, headers = probe(world, old)
    if not t.check(status == 301, "worldd does not serve %s yet (answered %s): the test needs it" % (old, status)):
        return
    world, n0 = _redirect_runs(t, tmp, world, old)
    t.check(not daemon_requests(world, old, n0), "second run requested the 301 URL again")
    t.check(daemon_requests(world, "/astanatimes/feed/index.xml", n0), "second run did not request the new URL")


def test_redirect_302_not_remembered(t, tmp):
    """A source URL answering 302: after a restart the old URL is requested
    again."""
    world = World(tmp)
    old = "/_fault/redirect-code/302/astanatimes/feed/index.xml"
    if probe(world, old)[0] != 302:
        old = "/_fault/redirect/astanatimes/feed/index.xml"
    world, n0 = _redirect_runs(t, tmp, world, old)
    t.check(daemon_requests(world, old, n0), "second run did not request the 302 URL %s again" % old)


def test_conditional_get_after_restart(t, tmp):
    """After a restart the first feed request carries If-None-Match exactly
    when worldd sent an ETag (worldd logs only If-None-Match, and sends no
    Last-Modified, so If-Modified-Since is not judged)."""
    world = World(tmp)
    feeds = {path: "etag" in probe(world, path)[1] for path in ("/astanatimes/feed/index.xml", "/_gen/feed/1")}
    redis = Redis(tmp).start()
    conf = os.path.join(tmp, "otsnewsd.conf")
    write_config(conf, world, redis.port, os.path.join(tmp, "state"), sources=["astanatimes"],
                 extra_sources=gen_sources(world, (1,)))
    rc, out, err = once(conf)
    check_once(t, rc, err, "first --once")
    n0 = len(world.requests())
    rc, out, err = once(conf)
    check_once(t, rc, err, "second --once")
    for path, has_etag in feeds.items():
        reqs = daemon_requests(world, path, n0)
        if not t.check(reqs, "second run did not request %s" % path):
            continue
        cond = reqs[0].endswith(" if-none-match")
        t.check(cond == has_etag, "%s: after a restart the request %s If-None-Match, but worldd %s an ETag"
                % (path, "carries" if cond else "lacks", "sends" if has_etag else "sends no"))
    check_exact(t, redis.records(), slots_for(world, ["astanatimes"], (1,)))


# --- robots.txt -------------------------------------------------------------

SNOW = "/kt/en/news/heavy-snow-and-blizzards-expected-in-northern-kazakhstan-951366.html"


def _robots_world(tmp):
    www = private_www(tmp, {"robots.txt": "User-agent: *\nDisallow: %s\n" % SNOW})
    return setup(tmp, sources=["kt-en", "astanatimes"], www=www)


def test_robots_disallow(t, tmp):
    """robots.txt disallows one article for User-agent: *: it is neither
    fetched nor published; the others are."""
    world, redis, conf, state = _robots_world(tmp)
    rc, out, err = once(conf)
    check_once(t, rc, err, "--once")
    t.check(daemon_requests(world, "/robots.txt"), "robots.txt never requested")
    t.check(not daemon_requests(world, SNOW), "the disallowed article was fetched")
    check_exact(t, redis.records(), slots_for(world, ["kt-en", "astanatimes"], drop={world.base + SNOW}),
                "stream under robots.txt")


def test_robots_no_override(t, tmp):
    """robots = no in the [source]: the disallowed article is fetched and
    published."""
    world, redis, conf, state = _robots_world(tmp)
    edit(conf, "[source kt-en]", "[source kt-en]\nrobots = no")
    rc, out, err = once(conf)
    check_once(t, rc, err, "--once with robots = no")
    t.check(daemon_requests(world, SNOW), "robots = no: the disallowed article was not fetched")
    check_exact(t, redis.records(), slots_for(world, ["kt-en", "astanatimes"]), "stream with robots = no")


TESTS = [test_spool_replay_once, test_spool_replay_service, test_redis_down_whole_once_then_up,
         test_redis_sigkill_and_restart, test_redis_sigstop_20s, test_index_behind_after_rollback,
         test_redis_oom_then_freed,
         test_state_dir_full_filesystem, test_check_config_unusable_state_dir,
         test_redis_wrong_password, test_redis_missing_password, test_redis_db_out_of_range,
         _sigkill_after(1), _sigkill_after(2), _sigkill_after(3), _sigkill_after(5),
         test_sigterm_midrun, test_spool_fifo_and_stale_temp, test_three_daemons_one_killed,
         test_restart_polls_every_source, test_control_chars_in_class,
         test_private_trusted_origin, test_private_other_origin_links, test_private_redirect_other_origin,
         test_http_410_not_polled_again, test_http_429_retry_after,
         test_redirect_301_remembered, test_redirect_302_not_remembered,
         test_conditional_get_after_restart, test_robots_disallow, test_robots_no_override]

if __name__ == "__main__":
    main(TESTS)
