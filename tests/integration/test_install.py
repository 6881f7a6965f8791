"""make install / uninstall into a DESTDIR, the installed systemd unit
(systemd-analyze verify and security), the daemon's system calls against
the unit's SystemCallFilter=, and the .deb of `make deb` when one exists.
A test whose tool is missing prints "skip: why" and passes."""
import os, re, shutil, subprocess, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import *

MAX_EXPOSURE = 1.5
UNIT = os.path.join(ROOT, "systemd", "otsnewsd.service")


def skip(why):
    print("    skip: " + why)


def sh(*args, env=None, timeout=120):
    p = subprocess.run(list(args), capture_output=True, text=True, cwd=ROOT,
                       env=env, timeout=timeout)
    return p.returncode, p.stdout, p.stderr


def make(*args):
    """make in the tree, away from the jobserver of a calling make."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    return sh("make", "--no-print-directory", "BUILD=" + BUILD, *args, env=env)


def unit_dir():
    rc, out, _ = sh("sh", "-c", "pkg-config --variable=systemdsystemunitdir systemd 2>/dev/null")
    return out.strip() or "/lib/systemd/system"


def tree(root):
    out = set()
    for d, dirs, files in os.walk(root):
        for n in files:
            out.add(os.path.relpath(os.path.join(d, n), root))
    return out


def install(t, dest, *extra):
    rc, out, err = make("install", "DESTDIR=" + dest, "PREFIX=/usr", *extra)
    t.check(rc == 0, "make install: exit %d: %s%s" % (rc, out[-2000:], err[-2000:]))
    return out


def unit_copy(t, dest, path):
    """The installed unit with its programs under dest, so that
    systemd-analyze finds them."""
    text = open(os.path.join(dest, unit_dir().lstrip("/"), "otsnewsd.service")).read()
    with open(path, "w") as f:
        f.write(text.replace("=/usr/sbin/", "=%s/usr/sbin/" % dest))
    return path


def test_install_uninstall(t, tmp):
    """make install DESTDIR puts every file in place; a second install keeps
    a changed configuration and term list; uninstall removes the rest."""
    dest = os.path.join(tmp, "root")
    install(t, dest)
    unit = os.path.join(unit_dir(), "otsnewsd.service").lstrip("/")
    want = {"usr/sbin/otsnewsd", "usr/bin/otsnews", "etc/otsnewsd/otsnewsd.conf",
            "etc/otsnewsd/ots-terms.txt", "usr/share/man/man8/otsnewsd.8",
            "usr/share/man/man5/otsnewsd.conf.5", "usr/share/man/man1/otsnews.1", unit}
    t.check(tree(dest) == want, "installed %s, want %s" % (sorted(tree(dest)), sorted(want)))
    etc = os.path.join(dest, "etc", "otsnewsd")
    conf = open(os.path.join(etc, "otsnewsd.conf")).read()
    t.check(re.search(r"^\[filter\]\nterms = /etc/otsnewsd/ots-terms.txt$", conf, re.M),
            "installed [filter] terms:\n" + conf[:800])
    t.check(open(os.path.join(etc, "ots-terms.txt")).read() ==
            open(os.path.join(ROOT, "conf", "ots-terms.txt")).read(), "term list differs")
    u = open(os.path.join(dest, unit)).read()
    for line in ("ExecStart=/usr/sbin/otsnewsd -c /etc/otsnewsd/otsnewsd.conf",
                 "ExecReload=/usr/sbin/otsnewsd -t -c /etc/otsnewsd/otsnewsd.conf\n"
                 "ExecReload=/bin/kill -HUP $MAINPID"):
        t.check(line in u, "unit lacks %r" % line)
    t.check("@" not in re.sub(r"(?m)^SystemCallFilter=.*$", "", u), "unsubstituted @VAR@ in the unit")
    t.check(oct(os.stat(os.path.join(dest, "usr/sbin/otsnewsd")).st_mode & 0o777) == "0o755",
            "otsnewsd mode")

    # The installed file checks, with its paths moved under tmp.
    check = os.path.join(tmp, "check.conf")
    with open(check, "w") as f:
        f.write(conf.replace("/etc/otsnewsd/", etc + "/")
                .replace("/var/lib/otsnewsd", os.path.join(tmp, "state")))
    rc, out, err = sh(os.path.join(dest, "usr/sbin/otsnewsd"), "-t", "-c", check)
    t.check(rc == 0 and "configuration OK" in err, "installed config -t: %d %s" % (rc, err))

    # Changed files survive a second install and the uninstall.
    with open(os.path.join(etc, "otsnewsd.conf"), "a") as f:
        f.write("# changed\n")
    with open(os.path.join(etc, "ots-terms.txt"), "a") as f:
        f.write("name Local Extra Term\n")
    os.remove(os.path.join(dest, "usr/bin/otsnews"))
    out = install(t, dest)
    t.check("keeping" in out, "install did not say it keeps files: " + out[-600:])
    t.check(open(os.path.join(etc, "otsnewsd.conf")).read().endswith("# changed\n"),
            "second install overwrote the changed configuration")
    t.check(open(os.path.join(etc, "ots-terms.txt")).read().endswith("Local Extra Term\n"),
            "second install overwrote the changed term list")
    t.check(tree(dest) == want, "second install: %s" % sorted(tree(dest)))

    rc, out, err = make("uninstall", "DESTDIR=" + dest, "PREFIX=/usr")
    t.check(rc == 0, "make uninstall: exit %d: %s" % (rc, err[-1000:]))
    left = {"etc/otsnewsd/otsnewsd.conf", "etc/otsnewsd/ots-terms.txt"}
    t.check(tree(dest) == left, "after uninstall: %s" % sorted(tree(dest)))

    # Unchanged files go, and so does the emptied directory.
    fresh = os.path.join(tmp, "fresh")
    install(t, fresh)
    rc, out, err = make("uninstall", "DESTDIR=" + fresh, "PREFIX=/usr")
    t.check(rc == 0 and tree(fresh) == set(), "fresh uninstall left %s" % sorted(tree(fresh)))
    t.check(not os.path.exists(os.path.join(fresh, "etc", "otsnewsd")), "/etc/otsnewsd left")


def test_unit_verify_and_security(t, tmp):
    """systemd-analyze verify is silent on the installed unit and its
    offline security exposure is at most MAX_EXPOSURE."""
    if shutil.which("systemd-analyze") is None:
        return skip("no systemd-analyze")
    dest = os.path.join(tmp, "root")
    install(t, dest)
    unit = unit_copy(t, dest, os.path.join(tmp, "otsnewsd.service"))
    env = dict(os.environ, MANPATH=os.path.join(dest, "usr/share/man"))
    rc, out, err = sh("systemd-analyze", "verify", unit, env=env)
    t.check(rc == 0 and not (out + err).strip(), "verify: exit %d: %s%s" % (rc, out, err))
    rc, out, err = sh("systemd-analyze", "security", "--offline=yes", unit)
    m = re.search(r"Overall exposure level for \S+: ([0-9.]+)", out)
    t.check(m is not None, "no exposure level: %d %s %s" % (rc, out[-500:], err))
    if m:
        print("    exposure %s" % m.group(1))
        t.check(float(m.group(1)) <= MAX_EXPOSURE, "exposure %s > %s:\n%s" % (
            m.group(1), MAX_EXPOSURE,
            "\n".join(l for l in out.splitlines() if l.startswith("\u2717"))))


def syscall_groups():
    """{"@group": [members]} from systemd-analyze syscall-filter."""
    rc, out, _ = sh("systemd-analyze", "syscall-filter")
    groups, cur = {}, None
    for line in out.splitlines():
        if line.startswith("@"):
            cur = groups.setdefault(line.strip(), [])
        elif cur is not None and line.strip() and not line.strip().startswith("#"):
            cur.append(line.strip())
    return groups


def expand(groups, names, seen=None):
    out = set()
    seen = set() if seen is None else seen
    for n in names:
        if n.startswith("@"):
            if n not in seen:
                seen.add(n)
                out |= expand(groups, groups.get(n, []), seen)
        else:
            out.add(n)
    return out


def unit_filter(groups):
    """What the unit's SystemCallFilter= lines allow: the first is the allow
    list, "~" lines take calls out of it."""
    allowed = None
    for line in open(UNIT).read().splitlines():
        if not line.startswith("SystemCallFilter="):
            continue
        v = line.split("=", 1)[1].strip()
        if v.startswith("~"):
            allowed -= expand(groups, v[1:].split())
        else:
            allowed = (allowed or set()) | expand(groups, v.split())
    return allowed or set()


def test_syscalls_within_filter(t, tmp):
    """A --once run over the world, publishing to Redis and talking to a
    notify socket, makes only system calls the unit's filter allows."""
    if shutil.which("strace") is None or shutil.which("systemd-analyze") is None:
        return skip("needs strace and systemd-analyze")
    import socket
    groups = syscall_groups()
    allowed = unit_filter(groups)
    t.check(len(allowed) > 200, "filter expands to %d calls" % len(allowed))
    world = World(tmp)
    redis = Redis(tmp).start()
    conf = os.path.join(tmp, "d.conf")
    # One source by name, so that the resolver (a thread of libcurl) runs
    # too; libcurl answers "localhost" itself, the host name goes to NSS.
    src = [s for s in world.sources() if not s.get("links")][0]
    host = socket.gethostname()
    try:
        if socket.gethostbyname(host) != "127.0.0.1":
            host = "localhost"
    except OSError:
        host = "localhost"
    write_config(conf, world, redis.port, os.path.join(tmp, "state"), topic="ots",
                 extra_daemon="metrics_listen = 127.0.0.1:%d" % free_port(),
                 extra_sources=[("by-name", "http://%s:%d%s" % (host, world.port, src["path"]),
                                 src["type"])])
    sock = os.path.join(tmp, "notify")
    s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    s.bind(sock)
    trace = os.path.join(tmp, "trace")
    # LeakSanitizer cannot run under ptrace: off for this run (make check).
    env = dict(os.environ, NOTIFY_SOCKET=sock, WATCHDOG_USEC="1000000",
               ASAN_OPTIONS="detect_leaks=0")
    rc, out, err = sh("strace", "-f", "-qq", "-c", "-S", "name", "-o", trace, DAEMON, "-c", conf, "--once",
                      env=env, timeout=300)
    s.settimeout(1)
    notes = []
    try:
        while True:
            notes.append(s.recv(4096).decode())
    except OSError:
        pass
    s.close()
    t.check(rc == 0, "daemon exit %d: %s" % (rc, err[-1500:]))
    t.check(redis.xlen() > 0, "nothing published")
    t.check(any("READY=1" in n for n in notes), "no READY=1 on the notify socket: %s" % notes)
    used = set()
    for line in open(trace):
        f = line.split()
        if len(f) >= 5 and re.match(r"^[0-9.]+$", f[0]) and f[-1] != "total":
            used.add(f[-1])
    t.check(len(used) > 20, "strace saw %d calls" % len(used))
    print("    %d system calls, all in the filter: %s" % (len(used), " ".join(sorted(used))))
    t.check(used <= allowed, "outside SystemCallFilter=: %s" % sorted(used - allowed))


def test_deb_contents(t, tmp):
    """The .deb of `make deb` (when one was built) holds the programs, the
    unit, the man pages and the two conffiles."""
    if shutil.which("dpkg-deb") is None:
        return skip("no dpkg-deb")
    d = os.path.join(ROOT, "build", "deb")
    debs = sorted(n for n in os.listdir(d) if re.match(r"otsnewsd_.*\.deb$", n)) \
        if os.path.isdir(d) else []
    if not debs:
        return skip("no build/deb/otsnewsd_*.deb (make deb)")
    deb = os.path.join(d, debs[-1])
    rc, out, err = sh("dpkg-deb", "-c", deb)
    t.check(rc == 0, "dpkg-deb -c: %s" % err)
    paths = set(l.split()[-1].lstrip(".") for l in out.splitlines() if l.strip())
    for p in ("/usr/sbin/otsnewsd", "/usr/bin/otsnews", "/etc/otsnewsd/otsnewsd.conf",
              "/etc/otsnewsd/ots-terms.txt", "/lib/systemd/system/otsnewsd.service",
              "/usr/share/man/man8/otsnewsd.8.gz", "/usr/share/man/man5/otsnewsd.conf.5.gz",
              "/usr/share/man/man1/otsnews.1.gz"):
        t.check(p in paths, "%s not in %s" % (p, debs[-1]))
    rc, out, err = sh("dpkg-deb", "-I", deb, "conffiles")
    t.check(out.split() == ["/etc/otsnewsd/ots-terms.txt", "/etc/otsnewsd/otsnewsd.conf"],
            "conffiles: %r %s" % (out, err))
    rc, out, err = sh("dpkg-deb", "-I", deb, "postinst")
    t.check("deb-systemd-helper enable 'otsnewsd.service'" in out, "postinst does not enable the unit")


TESTS = [test_install_uninstall, test_unit_verify_and_security, test_syscalls_within_filter,
         test_deb_contents]

if __name__ == "__main__":
    main(TESTS)
