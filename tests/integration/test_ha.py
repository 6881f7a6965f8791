"""Redis high availability: sentinels, failover, WAIT for replicas.

Real processes on loopback: a master and a replica (appendonly, fsync
always), three sentinels (redis-server --sentinel; quorum 2,
down-after-milliseconds 1000, failover-timeout 3000), worldd, the daemon.
Each test judges the stream exactly (every expected article once, nothing
else).

    BUILD=build python3 tests/integration/test_ha.py [test_name ...]
"""
import os, re, socketserver, subprocess, sys, threading, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness
from harness import *
from test_faults import (GENS, SRC4, alive, check_exact, check_once, gen_sources, once,
                         readf, sigterm, slots_for, tail)

NAME = "otsmaster"
AOF = ["--appendonly", "yes", "--appendfsync", "always"]


def info(msg):
    print("    " + msg)
    sys.stdout.flush()


class Sentinel:
    """redis-server --sentinel on a free port, its config file in tmp
    (sentinel rewrites it)."""

    def __init__(self, tmp, master_port):
        self.port = free_port()
        self.dir = os.path.join(tmp, "sentinel-%d" % self.port)
        os.makedirs(self.dir, exist_ok=True)
        self.conf = os.path.join(self.dir, "sentinel.conf")
        with open(self.conf, "w") as f:
            f.write("\n".join([
                "port %d" % self.port, "bind 127.0.0.1", "daemonize no",
                "dir %s" % self.dir, "logfile %s" % os.path.join(self.dir, "log"),
                "sentinel monitor %s 127.0.0.1 %d 2" % (NAME, master_port),
                "sentinel down-after-milliseconds %s 1000" % NAME,
                "sentinel failover-timeout %s 3000" % NAME,
                "sentinel parallel-syncs %s 1" % NAME, ""]))
        self.proc = None

    def start(self):
        self.proc = subprocess.Popen(["redis-server", self.conf, "--sentinel"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        harness._procs.append(self.proc)
        if not wait_port(self.port):
            raise RuntimeError("sentinel did not start")
        return self

    def cmd(self, *args, **kw):
        return resp(self.port, *args, **kw)

    def master(self):
        """The port this sentinel names for the master, or None."""
        try:
            r = self.cmd("SENTINEL", "get-master-addr-by-name", NAME, timeout=1)
            return int(r[1]) if r else None
        except (OSError, RuntimeError, ValueError, TypeError):
            return None

    def ready(self, nreplicas, nsentinels):
        try:
            return (len(self.cmd("SENTINEL", "replicas", NAME, timeout=1) or []) >= nreplicas and
                    len(self.cmd("SENTINEL", "sentinels", NAME, timeout=1) or []) >= nsentinels)
        except (OSError, RuntimeError):
            return False

    def log(self):
        return readf(os.path.join(self.dir, "log"))


def role(redis):
    """ROLE of a server: ("master", n replicas) / ("slave", link state), or None."""
    try:
        r = redis.cmd("ROLE", timeout=1)
    except (OSError, RuntimeError):
        return None
    if r[0] == "master":
        return ("master", len(r[2]))
    return (r[0], r[3] if len(r) > 3 else None)


def replica_synced(redis):
    try:
        text = redis.cmd("INFO", "replication", timeout=1)
    except (OSError, RuntimeError):
        return False
    return "role:slave" in text and "master_link_status:up" in text


def redis_lines(log, n=14):
    """The daemon's log lines about Redis and WAIT (shown with VERBOSE=1)."""
    if not os.environ.get("VERBOSE"):
        return
    lines = [l for l in readf(log).splitlines() if "redis:" in l or "WAIT" in l]
    for l in lines[:n]:
        info("| " + l.split(" ", 1)[-1][:150])
    if len(lines) > n:
        info("| ... (+%d)" % (len(lines) - n))


def sentinel_config(conf, world, sentinels, state, wait=1, sources=None, extra_sources=()):
    write_config(conf, world, 0, state, sources=sources, extra_sources=extra_sources,
                 redis_url="redis://127.0.0.1/0", extra_daemon="spool_retry = 2",
                 extra_redis="sentinels = %s\nmaster_name = %s\nwait_replicas = %d"
                 % (",".join("127.0.0.1:%d" % s.port for s in sentinels), NAME, wait))


def ha_setup(t, tmp):
    """A master, its replica in sync, three sentinels that see both and
    each other.  Returns (master, replica, sentinels) or None."""
    master = Redis(tmp, args=AOF).start()
    replica = Redis(tmp, args=AOF + ["--replicaof", "127.0.0.1", str(master.port)]).start()
    if not t.check(wait_for(lambda: replica_synced(replica), 20), "setup: the replica never synced"):
        return None
    sentinels = [Sentinel(tmp, master.port).start() for _ in range(3)]
    ok = wait_for(lambda: all(s.ready(1, 2) for s in sentinels), 30, 0.2)
    if not t.check(ok, "setup: the sentinels did not find the replica and each other in 30 s: %s"
                   % tail(sentinels[0].log())):
        return None
    return master, replica, sentinels


def test_failover_sigkill_master(t, tmp):
    """Service mode, wait_replicas = 1, the master found through three
    sentinels.  The master is SIGKILLed after the first records; the
    sentinels promote the replica; the daemon follows; the old master comes
    back and is turned into a replica of the new one.  The new master's
    stream holds every article of the world exactly once and the spool is
    empty."""
    world = World(tmp)
    ha = ha_setup(t, tmp)
    if ha is None:
        return
    master, replica, sentinels = ha
    conf = os.path.join(tmp, "otsnewsd.conf")
    state = os.path.join(tmp, "state")
    sentinel_config(conf, world, sentinels, state, extra_sources=gen_sources(world))
    want = slots_for(world, None, GENS)
    log = os.path.join(tmp, "daemon.log")
    t0 = time.time()
    p = start_daemon(conf, log=log)
    if not t.check(wait_for(lambda: master.xlen() >= 10 or p.poll() is not None, 60, 0.005)
                   and p.poll() is None, "fewer than 10 records on the master within 60 s: %s"
                   % tail(readf(log))):
        return
    before = master.xlen()
    master.kill()
    t_kill = time.time()
    info("killed the master (port %d) at %d of %d records, %.1f s after start; replica had %d"
         % (master.port, before, len(want), t_kill - t0, replica.xlen()))
    promoted = wait_for(lambda: sum(s.master() == replica.port for s in sentinels) >= 2, 30, 0.1)
    t_prom = time.time()
    if not t.check(promoted, "the sentinels did not promote the replica within 30 s: %s"
                   % tail(sentinels[0].log())):
        return
    info("sentinels named the replica (port %d) master after %.1f s" % (replica.port, t_prom - t_kill))
    pat = "redis: connected to 127.0.0.1:%d, master %s" % (replica.port, NAME)
    followed = wait_for(lambda: pat in readf(log) or p.poll() is not None, 30, 0.05)
    t_follow = time.time()
    t.check(followed and p.poll() is None, "the daemon did not connect to the new master within 30 s "
            "of the promotion: %s" % tail(readf(log), 1500))
    info("the daemon connected to the new master %.1f s after the kill; %d records there"
         % (t_follow - t_kill, replica.xlen()))
    alive(t, p, log, "daemon during the failover")
    master.start()          # the old master comes back: a replica now
    rejoined = wait_for(lambda: replica_synced(master), 60, 0.1)
    t.check(rejoined, "the old master was not turned into a replica within 60 s: %s"
            % tail(sentinels[0].log()))
    info("the old master was a synced replica %.1f s after its restart" % (time.time() - t_follow))
    done = wait_for(lambda: (replica.xlen() >= len(want) and not spool_files(state))
                    or p.poll() is not None, 90, 0.2)
    t_done = time.time()
    time.sleep(2)           # late doubles
    recs = replica.records()
    info("%d records on the new master, %d in the spool, %.1f s after the kill"
         % (len(recs), len(spool_files(state)), t_done - t_kill))
    t.check(done, "not every record delivered within 90 s: %d of %d, %d spooled: %s"
            % (replica.xlen(), len(want), len(spool_files(state)), tail(readf(log), 1500)))
    check_exact(t, recs, want, "new master's stream after a failover at %d records" % before)
    t.check(not spool_files(state), "spool not empty: %d records" % len(spool_files(state)))
    t.check(re.search(r"WAIT: 0 of 1 replicas|redis: cannot connect|connection lost", readf(log)),
            "no log line about the lost master: %s" % tail(readf(log)))
    if "+switch-master" in readf(log):
        info("the daemon saw +switch-master")
    t.check(wait_for(lambda: master.xlen() == len(recs), 20),
            "the old master (now a replica) has %d records, the new master %d"
            % (master.xlen(), len(recs)))
    redis_lines(log)
    alive(t, p, log)
    sigterm(t, p, log)


def test_manual_failover_readonly(t, tmp):
    """SENTINEL FAILOVER while the daemon publishes: the master is demoted
    under it (+switch-master, or READONLY), the daemon moves to the new master;
    the stream there is exact and the spool empty."""
    world = World(tmp)
    ha = ha_setup(t, tmp)
    if ha is None:
        return
    master, replica, sentinels = ha
    conf = os.path.join(tmp, "otsnewsd.conf")
    state = os.path.join(tmp, "state")
    sentinel_config(conf, world, sentinels, state, extra_sources=gen_sources(world))
    want = slots_for(world, None, GENS)
    log = os.path.join(tmp, "daemon.log")
    p = start_daemon(conf, log=log)
    if not t.check(wait_for(lambda: master.xlen() >= 10 or p.poll() is not None, 60, 0.005)
                   and p.poll() is None, "fewer than 10 records within 60 s: %s" % tail(readf(log))):
        return
    before = master.xlen()
    t0 = time.time()
    sentinels[0].cmd("SENTINEL", "FAILOVER", NAME)
    t.check(wait_for(lambda: sum(s.master() == replica.port for s in sentinels) >= 2, 30, 0.1),
            "SENTINEL FAILOVER did not promote the replica within 30 s")
    pat = "redis: connected to 127.0.0.1:%d, master %s" % (replica.port, NAME)
    t.check(wait_for(lambda: pat in readf(log), 30, 0.05),
            "the daemon did not move to the new master: %s" % tail(readf(log), 1500))
    info("manual failover at %d records: the daemon on the new master after %.1f s"
         % (before, time.time() - t0))
    done = wait_for(lambda: (replica.xlen() >= len(want) and not spool_files(state))
                    or p.poll() is not None, 90, 0.2)
    time.sleep(2)
    t.check(done, "not every record delivered within 90 s: %d of %d, %d spooled: %s"
            % (replica.xlen(), len(want), len(spool_files(state)), tail(readf(log), 1500)))
    check_exact(t, replica.records(), want, "new master's stream after SENTINEL FAILOVER")
    t.check(not spool_files(state), "spool not empty: %d records" % len(spool_files(state)))
    redis_lines(log)
    alive(t, p, log)
    sigterm(t, p, log)


def test_wait_replicas_without_replica(t, tmp):
    """wait_replicas = 1 on a Redis without replicas: --once keeps every
    record in the spool (none removed) and says why (WAIT: 0 of 1).  With a
    replica attached, a second --once delivers them: the stream is exact
    (the retry of a record already in the stream WAITs again), the spool
    empty."""
    world = World(tmp)
    redis = Redis(tmp, args=AOF).start()
    conf = os.path.join(tmp, "otsnewsd.conf")
    state = os.path.join(tmp, "state")
    write_config(conf, world, redis.port, state, sources=SRC4, extra_redis="wait_replicas = 1")
    want = slots_for(world, SRC4)
    rc, out, err = once(conf)
    check_once(t, rc, err, "--once with wait_replicas = 1 and no replica")
    t.check(len(spool_files(state)) == len(want), "%d records in the spool, want all %d: %s"
            % (len(spool_files(state)), len(want), tail(err)))
    t.check(re.search(r"WAIT: 0 of 1 replicas acknowledged", err),
            "no log line saying WAIT found no replica: %s" % tail(err))
    t.check("published " not in err, "a record was logged as published without a replica")
    info("without a replica: %d spooled, %d in the stream unconfirmed" % (len(spool_files(state)), redis.xlen()))
    replica = Redis(tmp, args=["--replicaof", "127.0.0.1", str(redis.port)]).start()
    t.check(wait_for(lambda: replica_synced(replica), 20), "setup: the replica never synced")
    rc, out, err = once(conf)
    check_once(t, rc, err, "--once with a replica")
    check_exact(t, redis.records(), want, "stream after the replica came")
    t.check(not spool_files(state), "spool not empty with a replica: %d" % len(spool_files(state)))


class FakeSentinel:
    """A sentinel of our own: answers SENTINEL get-master-addr-by-name with
    whatever port the test sets (self.port_of_master), confirms SUBSCRIBE
    and never announces anything.  Lets a test point the daemon at a
    replica, or keep naming a demoted master."""

    def __init__(self, master_port):
        self.port_of_master = master_port
        self.queries = 0
        fake = self

        class H(socketserver.StreamRequestHandler):
            def handle(self):
                while True:
                    line = self.rfile.readline()
                    if not line.startswith(b"*"):
                        return
                    args = []
                    for _ in range(int(line[1:])):
                        n = int(self.rfile.readline()[1:])
                        args.append(self.rfile.read(n + 2)[:-2].decode())
                    cmd = [a.lower() for a in args[:2]]
                    if cmd == ["sentinel", "get-master-addr-by-name"]:
                        fake.queries += 1
                        port = str(fake.port_of_master)
                        self.wfile.write(b"*2\r\n$9\r\n127.0.0.1\r\n$%d\r\n%s\r\n"
                                         % (len(port), port.encode()))
                    elif cmd[:1] == ["subscribe"]:
                        ch = args[1].encode()
                        self.wfile.write(b"*3\r\n$9\r\nsubscribe\r\n$%d\r\n%s\r\n:1\r\n"
                                         % (len(ch), ch))
                    else:
                        self.wfile.write(b"-ERR not this fake\r\n")
                    self.wfile.flush()

        class S(socketserver.ThreadingTCPServer):
            daemon_threads = True
            allow_reuse_address = True

        self.srv = S(("127.0.0.1", 0), H)
        self.port = self.srv.server_address[1]
        threading.Thread(target=self.srv.serve_forever, daemon=True).start()

    def stop(self):
        self.srv.shutdown()
        self.srv.server_close()


def test_readonly_and_role(t, tmp):
    """The master is demoted by hand (REPLICAOF) under a running daemon while
    a sentinel of our own keeps naming it: the daemon's write gets READONLY
    (or its WAIT UNBLOCKED, or its connection closed),
    it asks the sentinel again, ROLE says "slave" and the connection is
    refused; once the sentinel names the new master the daemon moves there.
    wait_replicas = 1 keeps what the demotion caught in the spool: the new
    master's stream is exact and the spool empty."""
    world = World(tmp)
    a = Redis(tmp, args=AOF).start()
    b = Redis(tmp, args=AOF + ["--replicaof", "127.0.0.1", str(a.port)]).start()
    if not t.check(wait_for(lambda: replica_synced(b), 20), "setup: the replica never synced"):
        return
    fake = FakeSentinel(a.port)
    try:
        conf = os.path.join(tmp, "otsnewsd.conf")
        state = os.path.join(tmp, "state")
        sentinel_config(conf, world, [fake], state, extra_sources=gen_sources(world))
        want = slots_for(world, None, GENS)
        log = os.path.join(tmp, "daemon.log")
        p = start_daemon(conf, log=log)
        if not t.check(wait_for(lambda: a.xlen() >= 10 or p.poll() is not None, 60, 0.005)
                       and p.poll() is None, "fewer than 10 records within 60 s: %s" % tail(readf(log))):
            return
        before = a.xlen()
        b.cmd("REPLICAOF", "NO", "ONE")
        a.cmd("REPLICAOF", "127.0.0.1", str(b.port))
        t0 = time.time()
        # How the demotion reaches the daemon depends on what was in flight:
        # a script gets READONLY; a WAIT blocked at that moment is answered
        # UNBLOCKED and the connection closed (Redis 7 does that to blocked
        # clients of a master turned replica); an idle connection is closed.
        seen = ("READONLY", "UNBLOCKED", "redis: connection lost")
        t.check(wait_for(lambda: any(w in readf(log) for w in seen), 30, 0.05),
                "the demotion was not noticed (no READONLY, UNBLOCKED or lost connection logged): %s"
                % tail(readf(log), 1500))
        t.check(wait_for(lambda: re.search(r"127\.0\.0\.1:%d is not a master \(ROLE says slave\)"
                                           % a.port, readf(log)), 30, 0.05),
                "the demoted master was not refused on ROLE: %s" % tail(readf(log), 1500))
        info("demoted at %d records: %s and the ROLE refusal logged within %.1f s"
             % (before, "/".join(w for w in seen if w in readf(log)), time.time() - t0))
        alive(t, p, log, "daemon pointed at a replica")
        fake.port_of_master = b.port
        pat = "redis: connected to 127.0.0.1:%d, master %s" % (b.port, NAME)
        t.check(wait_for(lambda: pat in readf(log), 60, 0.05),
                "the daemon did not move to the new master: %s" % tail(readf(log), 1500))
        done = wait_for(lambda: (b.xlen() >= len(want) and not spool_files(state))
                        or p.poll() is not None, 90, 0.2)
        time.sleep(2)
        t.check(done, "not every record delivered within 90 s: %d of %d, %d spooled: %s"
                % (b.xlen(), len(want), len(spool_files(state)), tail(readf(log), 1500)))
        check_exact(t, b.records(), want, "new master's stream after a hand-made demotion")
        t.check(not spool_files(state), "spool not empty: %d records" % len(spool_files(state)))
        redis_lines(log)
        alive(t, p, log)
        sigterm(t, p, log)
    finally:
        fake.stop()


def test_sentinel_config_errors(t, tmp):
    """-t refuses sentinels without master_name, master_name without
    sentinels and a bad host:port, each at its line."""
    world = World(tmp)
    conf = os.path.join(tmp, "otsnewsd.conf")
    state = os.path.join(tmp, "state")
    for extra, want in (("sentinels = 127.0.0.1:26379", r":(\d+): sentinels: needs master_name"),
                        ("master_name = m", r":(\d+): master_name: needs sentinels"),
                        ("sentinels = 127.0.0.1:1,nohost\nmaster_name = m",
                         r':(\d+): sentinels: expected HOST:PORT, got "nohost"')):
        write_config(conf, world, 6379, state, sources=SRC4, extra_redis=extra)
        rc, out, err = run_daemon(conf, "-t", timeout=20)
        m = re.search(want, err)
        line = [i for i, l in enumerate(open(conf).read().splitlines(), 1)
                if l.startswith(extra.split()[0])]
        t.check(rc != 0 and m and int(m.group(1)) == line[0],
                "-t with %r: exit %s, want an error at line %s: %s" % (extra, rc, line, tail(err)))


def test_sentinel_down_then_up(t, tmp):
    """The first sentinel listed is dead: the daemon asks the next ones in
    turn; the records reach the master exactly once."""
    world = World(tmp)
    master = Redis(tmp, args=AOF).start()
    live = [Sentinel(tmp, master.port).start() for _ in range(2)]
    dead = Sentinel(tmp, master.port)       # never started
    conf = os.path.join(tmp, "otsnewsd.conf")
    state = os.path.join(tmp, "state")
    sentinel_config(conf, world, [dead] + live, state, wait=0, sources=SRC4)
    want = slots_for(world, SRC4)
    rc, out, err = once(conf)
    check_once(t, rc, err, "--once with the first sentinel down")
    check_exact(t, master.records(), want, "stream through the second sentinel")
    t.check("master %s is at 127.0.0.1:%d" % (NAME, master.port) in err,
            "no log line naming the master found: %s" % tail(err))


TESTS = [test_sentinel_config_errors, test_wait_replicas_without_replica, test_sentinel_down_then_up,
         test_readonly_and_role, test_failover_sigkill_master, test_manual_failover_readonly]

if __name__ == "__main__":
    main(TESTS)
