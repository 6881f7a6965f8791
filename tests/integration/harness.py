"""Integration-test harness: real redis-server, real loopback web server
(build/tests/worldd), the real daemon.  Nothing is mocked.

Every test gets a fresh temporary folder, its own redis-server on a free
loopback port and its own worldd serving tests/world/www with @BASE@
replaced.  Everything started is stopped at exit, whatever happens.
"""
import atexit, json, os, shutil, signal, socket, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.environ.get("BUILD", "build")
DAEMON = os.path.join(ROOT, BUILD, "otsnewsd")
TOOL = os.path.join(ROOT, BUILD, "otsnews")
WORLDD = os.path.join(ROOT, BUILD, "tests", "worldd")
WORLD = os.path.join(ROOT, "tests", "world")
_procs = []


def _cleanup():
    for p in _procs:
        if p.poll() is None:
            p.kill()
            p.wait()


atexit.register(_cleanup)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def wait_port(port, timeout=10.0):
    end = time.time() + timeout
    while time.time() < end:
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return True
        except OSError:
            time.sleep(0.05)
    return False


def _resp_encode(args):
    out = b"*%d\r\n" % len(args)
    for a in args:
        a = a if isinstance(a, bytes) else str(a).encode()
        out += b"$%d\r\n%s\r\n" % (len(a), a)
    return out


def resp(port, *args, raw=False, timeout=5, password=None):
    """A minimal RESP2 client: one command, one reply (after an AUTH when
    a password is given)."""
    s = socket.create_connection(("127.0.0.1", port), timeout)
    out = _resp_encode(args)
    if password is not None:
        out = _resp_encode(("AUTH", password)) + out
    s.sendall(out)
    f = s.makefile("rb")

    def rd():
        line = f.readline()
        t, rest = line[:1], line[1:-2]
        if t == b"+":
            return rest.decode()
        if t == b"-":
            raise RuntimeError(rest.decode())
        if t == b":":
            return int(rest)
        if t == b"$":
            n = int(rest)
            if n < 0:
                return None
            d = f.read(n + 2)[:-2]
            return d if raw else d.decode("utf-8")
        if t == b"*":
            n = int(rest)
            return None if n < 0 else [rd() for _ in range(n)]
        raise RuntimeError("bad reply %r" % line)
    if password is not None:
        rd()
    r = rd()
    s.close()
    return r


class Redis:
    """redis-server on a private port.  args: extra server options, which
    override the defaults (e.g. ("--appendonly", "yes"), ("--requirepass",
    "pw"), ("--maxmemory", "4mb")); password: what cmd() AUTHs with.
    start() after stop() or kill() restarts on the same port and dir."""

    def __init__(self, tmp, port=None, args=(), password=None):
        self.port = port or free_port()
        self.dir = os.path.join(tmp, "redis-%d" % self.port)
        os.makedirs(self.dir, exist_ok=True)
        self.proc = None
        self.args = [str(a) for a in args]
        self.password = password

    def start(self):
        self.proc = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1",
             "--dir", self.dir, "--save", "", "--appendonly", "no",
             "--daemonize", "no", "--logfile", os.path.join(self.dir, "log")]
            + self.args,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _procs.append(self.proc)
        if not wait_port(self.port):
            raise RuntimeError("redis-server did not start")
        return self

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)

    def kill(self):
        """SIGKILL: no shutdown, no final save."""
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)

    def pause(self):
        """SIGSTOP: the port still accepts connections, nothing answers."""
        self.proc.send_signal(signal.SIGSTOP)

    def resume(self):
        self.proc.send_signal(signal.SIGCONT)

    def cmd(self, *args, **kw):
        kw.setdefault("password", self.password)
        return resp(self.port, *args, **kw)

    def xlen(self, stream="ots:articles"):
        """XLEN, or -1 when Redis does not answer."""
        try:
            return self.cmd("XLEN", stream, timeout=1)
        except (OSError, RuntimeError):
            return -1

    def records(self, stream="ots:articles"):
        out = []
        for eid, fields in self.cmd("XRANGE", stream, "-", "+") or []:
            d = dict(zip(fields[::2], fields[1::2]))
            d["_eid"] = eid
            out.append(d)
        return out


def private_www(tmp, files=None, name="www"):
    """A private copy of tests/world/www under tmp, with files added or
    replaced ({relative path: str or bytes}); returns its path."""
    dst = os.path.join(tmp, name)
    shutil.copytree(os.path.join(WORLD, "www"), dst)
    for rel, data in (files or {}).items():
        path = os.path.join(dst, rel.lstrip("/"))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data.encode("utf-8") if isinstance(data, str) else data)
    return dst


class World:
    """worldd serving tests/world/www (or www, e.g. a private_www copy) on
    a free port.  Several may run in one tmp when each has its own tag."""

    def __init__(self, tmp, www=None, tag=""):
        self.log = os.path.join(tmp, "worldd%s.log" % tag)
        portfile = os.path.join(tmp, "worldd%s.port" % tag)
        self.proc = subprocess.Popen(
            [WORLDD, "-d", www or os.path.join(WORLD, "www"), "-P", portfile,
             "-l", self.log], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _procs.append(self.proc)
        end = time.time() + 10
        while not os.path.exists(portfile) or not open(portfile).read().strip():
            if time.time() > end:
                raise RuntimeError("worldd did not start")
            time.sleep(0.02)
        self.port = int(open(portfile).read())
        self.base = "http://127.0.0.1:%d" % self.port
        self.manifest = json.load(open(os.path.join(WORLD, "world.json"), encoding="utf-8"))

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)

    def requests(self):
        try:
            return open(self.log).read().splitlines()
        except FileNotFoundError:
            return []

    def url(self, article):
        return self.base + article["path"]

    def sources(self, names=None):
        return [s for s in self.manifest["sources"] if not names or s["name"] in names]

    def articles(self, names=None):
        keys = set(k for s in self.sources(names) for k in s["articles"])
        return [a for a in self.manifest["articles"] if a["key"] in keys]


def write_config(path, world, redis_port, state_dir, topic="all", sources=None,
                 extra_daemon="", extra_sources=(), stream="ots:articles",
                 extra_redis="", redis_url=None, interval=300):
    lines = ["[daemon]", "state_dir = " + state_dir, "allow_private_networks = yes",
             "log_level = info", "fetch_timeout = 10", "connect_timeout = 5",
             extra_daemon, "",
             "[redis]", "url = " + (redis_url or "redis://127.0.0.1:%d/0" % redis_port),
             "stream = " + stream, "timeout = 2", extra_redis, "",
             "[filter]", "topic = " + topic, ""]
    for s in world.sources(sources):
        lines += ["[source %s]" % s["name"], "url = " + world.base + s["path"],
                  "type = " + s["type"], "interval = %d" % interval, "lang = " + s["lang"]]
        if s.get("links"):
            lines.append("links = " + s["links"])
        if s["name"].startswith(("akorda", "kt", "inform")):
            lines.append("tz = Asia/Almaty")
        lines.append("")
    for name, url, typ in extra_sources:
        lines += ["[source %s]" % name, "url = " + url, "type = " + typ,
                  "interval = %d" % interval, ""]
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def run_daemon(conf, *args, timeout=120):
    p = subprocess.run([DAEMON, "-c", conf, *args], capture_output=True,
                       text=True, timeout=timeout, cwd=ROOT)
    return p.returncode, p.stdout, p.stderr


def start_daemon(conf, *args, log=None):
    out = open(log, "w") if log else subprocess.DEVNULL
    p = subprocess.Popen([DAEMON, "-c", conf, *args], stdout=out,
                         stderr=subprocess.STDOUT, cwd=ROOT)
    _procs.append(p)
    return p


def spool_files(state_dir):
    """The records waiting in state_dir/spool (NAME.json, not temp files)."""
    try:
        names = os.listdir(os.path.join(state_dir, "spool"))
    except OSError:
        return []
    return sorted(n for n in names if n.endswith(".json") and not n.startswith("."))


def mount_full_tmpfs(mnt):
    """A 1 MB tmpfs at mnt, filled to the last byte (a full disk for a
    state_dir).  Returns None, or why it cannot be had (not root, mount
    refused): the caller prints "skip: why"."""
    if os.geteuid() != 0:
        return "not root"
    os.makedirs(mnt, exist_ok=True)
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mnt],
                       capture_output=True, text=True, timeout=20)
    if r.returncode != 0:
        return "mount failed: " + r.stderr.strip()
    try:
        with open(os.path.join(mnt, "junk"), "wb") as f:
            while True:
                f.write(b"j" * 65536)
                f.flush()
    except OSError:
        pass
    return None


def umount(mnt):
    if subprocess.run(["umount", mnt], capture_output=True, timeout=20).returncode != 0:
        subprocess.run(["umount", "-l", mnt], capture_output=True, timeout=20)


def wait_for(pred, timeout=30.0, step=0.1):
    end = time.time() + timeout
    while time.time() < end:
        v = pred()
        if v:
            return v
        time.sleep(step)
    return pred()


def norm_url(u):
    return u.split("?")[0].split("#")[0]


def by_article(world, records):
    """article key -> records that are that article (by URL)."""
    urls = {}
    for r in records:
        for k in ("url", "canonical_url"):
            if r.get(k):
                urls.setdefault(norm_url(r[k]), []).append(r)
    out = {}
    for a in world.manifest["articles"]:
        rs = urls.get(world.url(a), [])
        if rs:
            out[a["key"]] = {id(r): r for r in rs}
    return {k: list(v.values()) for k, v in out.items()}


FIELDS = ["schema", "id", "source", "url", "canonical_url", "title", "published_at",
          "fetched_at", "lang", "author", "summary", "body", "topics", "matched",
          "content_hash", "dup_of", "similarity", "story_id"]


class Test:
    """A tiny runner: each test function gets a fresh tmp dir; checks are
    counted; a test passes when every check holds and nothing raised."""

    def __init__(self):
        self.results = []

    def run(self, fn):
        tmp = tempfile.mkdtemp(prefix="otsnews-it-")
        self.failures = []
        t0 = time.time()
        try:
            fn(self, tmp)
        except Exception as e:  # a crash of the test is a failure
            import traceback
            self.failures.append("exception: %s\n%s" % (e, traceback.format_exc()))
        finally:
            _cleanup()
            del _procs[:]
        ok = not self.failures
        print("%s %s (%.1fs)" % ("ok" if ok else "not ok", fn.__name__, time.time() - t0))
        for f in self.failures[:15]:
            print("    FAIL " + f.replace("\n", "\n    "))
        sys.stdout.flush()
        self.results.append(ok)
        if ok or os.environ.get("KEEP") is None:
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            print("    kept " + tmp)

    def check(self, cond, what):
        if not cond:
            self.failures.append(what)
        return cond

    def summary(self):
        passed = sum(self.results)
        failed = len(self.results) - passed
        return passed, failed


def main(tests):
    """Run the module's tests (or those named on the command line) and end
    with "integration: N passed, M failed"."""
    runner = Test()
    only = sys.argv[1:]
    for fn in tests:
        if not only or fn.__name__ in only:
            runner.run(fn)
    p, f = runner.summary()
    print("integration: %d passed, %d failed" % (p, f))
    sys.exit(1 if f else 0)
