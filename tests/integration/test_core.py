"""The event core under load and at its edges: no recursion that grows with
the queue, no stall when the last article is filtered out, a clean teardown
with Redis replies still outstanding.  Real redis-server, real worldd."""
import json, os, resource, signal, subprocess, sys, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import *
from harness import _procs as PROCS


def gen_config(path, world, redis_port, state, nsources, interval=300, extra="", topic="all"):
    lines = ["[daemon]", "state_dir = " + state, "allow_private_networks = yes",
             "log_level = info", "max_connections = 16", extra, "",
             "[redis]", "url = redis://127.0.0.1:%d/0" % redis_port, "timeout = 2", "",
             "[filter]", "topic = " + topic, ""]
    for s in range(nsources):
        lines += ["[source gen%d]" % s, "url = %s/_gen/feed/%d" % (world.base, s),
                  "type = rss", "interval = %d" % interval, "lang = en", ""]
    open(path, "w").write("\n".join(lines) + "\n")


def test_dry_run_deep_queue_small_stack(t, tmp):
    """2,000 articles through --dry-run on a 96 KiB stack: finishing a job
    never re-enters publication on the same stack, so depth stays flat."""
    world = World(tmp)
    conf = os.path.join(tmp, "c.conf")
    gen_config(conf, world, free_port(), os.path.join(tmp, "state"), 100)

    def small_stack():
        resource.setrlimit(resource.RLIMIT_STACK, (96 * 1024, 96 * 1024))
    p = subprocess.run([DAEMON, "-c", conf, "--once", "--dry-run"], capture_output=True,
                       text=True, timeout=300, cwd=ROOT, preexec_fn=small_stack)
    lines = [l for l in p.stdout.splitlines() if l.startswith("{")]
    t.check(p.returncode == 0, "exit %d (signal means stack overflow): %s" %
            (p.returncode, p.stderr[-500:]))
    t.check(len(lines) == 2000, "printed %d records, want 2000" % len(lines))


def off_topic_feed(tmp, world):
    """A second web server with one RSS feed that lists only the world's
    articles that are not about the OTS; returns its feed URL."""
    www = os.path.join(tmp, "www2")
    os.makedirs(www)
    items = "".join("<item><title>%s</title><link>%s</link></item>" % (a["key"], world.url(a))
                    for a in world.manifest["articles"] if not a["ots"])
    open(os.path.join(www, "off.xml"), "w").write(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>off</title>%s'
        '</channel></rss>' % items)
    portfile = os.path.join(tmp, "www2.port")
    p = subprocess.Popen([WORLDD, "-d", www, "-P", portfile], stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    PROCS.append(p)
    wait_for(lambda: os.path.exists(portfile) and open(portfile).read().strip(), 10, 0.02)
    return "http://127.0.0.1:%s/off.xml" % open(portfile).read().strip()


def test_once_ends_when_last_article_off_topic(t, tmp):
    """topic = ots over a feed whose articles are all off topic: the last
    work of the run is a bookkeeping write to Redis, and --once must end
    when it is answered, never at once_timeout (three runs)."""
    world = World(tmp)
    redis = Redis(tmp).start()
    url = off_topic_feed(tmp, world)
    conf = os.path.join(tmp, "c.conf")
    state = os.path.join(tmp, "state")
    write_config(conf, world, redis.port, state, topic="ots", sources=["none"],
                 extra_daemon="once_timeout = 40", extra_sources=[("off", url, "rss")])
    n = len([a for a in world.manifest["articles"] if not a["ots"]])
    for i in range(3):
        redis.cmd("FLUSHALL")
        subprocess.run(["rm", "-rf", state])
        rc, out, err = run_daemon(conf, "--once", timeout=100)
        t.check(rc == 0, "run %d: exit %d" % (i, rc))
        t.check("still busy" not in err, "run %d waited for once_timeout" % i)
        t.check(len(redis.records()) == 0, "run %d published off-topic articles" % i)
        skipped = len(redis.cmd("KEYS", "otsnews:url:*"))
        t.check(skipped >= n, "run %d: %d skip marks, want %d" % (i, skipped, n))


def test_teardown_with_replies_outstanding(t, tmp):
    """Redis stops answering (SIGSTOP) while the daemon has commands in
    flight; two SIGTERMs make it exit at once: the pending replies are
    cancelled in order, nothing is used after it is freed (checked under
    ASan in make check), the exit is clean."""
    world = World(tmp)
    redis = Redis(tmp).start()
    conf = os.path.join(tmp, "c.conf")
    gen_config(conf, world, redis.port, os.path.join(tmp, "state"), 4, interval=10)
    text = open(conf).read().replace("timeout = 2", "timeout = 60")
    open(conf, "w").write(text)
    log = os.path.join(tmp, "d.log")
    p = start_daemon(conf, log=log)
    t.check(wait_for(lambda: len(redis.records()) >= 80, 60), "first round not published")
    os.kill(redis.proc.pid, signal.SIGSTOP)
    try:
        time.sleep(12)          # the next polls send their lease requests
        p.send_signal(signal.SIGTERM)
        time.sleep(0.5)
        p.send_signal(signal.SIGTERM)
        rc = p.wait(30)
    finally:
        os.kill(redis.proc.pid, signal.SIGCONT)
    text = open(log).read()
    t.check(rc == 0, "exit %d: %s" % (rc, text[-800:]))
    t.check("AddressSanitizer" not in text and "runtime error" not in text,
            "sanitizer report: %s" % text[-1500:])
    t.check("second signal" in text, "no line for the second signal")


def test_nothing_takes_records_once(t, tmp):
    """--once with Redis down and state_dir on a full filesystem: articles
    are kept until once_timeout, then each is listed ("not delivered:") and
    the exit status is 3.  The source's validators were not saved, so the
    next run (Redis up, disk freed) finds and publishes every article once."""
    mnt = os.path.join(tmp, "mnt")
    why = mount_full_tmpfs(mnt)
    if why:
        print("    skip: %s" % why)
        return
    try:
        world = World(tmp)
        port = free_port()
        conf = os.path.join(tmp, "c.conf")
        srcs = ["kt-en", "astanatimes"]
        write_config(conf, world, port, mnt, topic="all", sources=srcs,
                     extra_daemon="once_timeout = 8")
        rc, out, err = run_daemon(conf, "--once", timeout=60)
        lost = [l for l in err.splitlines() if "not delivered:" in l]
        t.check(rc == 3, "exit %d, want 3: %s" % (rc, err[-600:]))
        t.check("pausing new fetches" in err, "no pause line")
        t.check(len(lost) == 5, "%d 'not delivered' lines, want 5: %s" % (len(lost), err[-600:]))
        os.unlink(os.path.join(mnt, "junk"))
        redis = Redis(tmp, port).start()
        rc, out, err = run_daemon(conf, "--once", timeout=60)
        t.check(rc == 0, "second run exit %d: %s" % (rc, err[-400:]))
        recs = redis.records()
        t.check(len(recs) == 5 and len(set(r["id"] for r in recs)) == 5,
                "second run published %d records, want 5" % len(recs))
    finally:
        umount(mnt)


def test_sigterm_while_paused(t, tmp):
    """Service mode, Redis down, state_dir full: fetching pauses; SIGTERM
    lists every article held in memory and the daemon exits (3)."""
    mnt = os.path.join(tmp, "mnt")
    why = mount_full_tmpfs(mnt)
    if why:
        print("    skip: %s" % why)
        return
    p = None
    try:
        world = World(tmp)
        conf = os.path.join(tmp, "c.conf")
        write_config(conf, world, free_port(), mnt, topic="all", sources=["kt-en"])
        log = os.path.join(tmp, "d.log")
        p = start_daemon(conf, log=log)
        t.check(wait_for(lambda: "pausing new fetches" in open(log).read(), 30),
                "no pause line: %s" % open(log).read()[-500:])
        time.sleep(1)
        p.send_signal(signal.SIGTERM)
        rc = p.wait(30)
        text = open(log).read()
        lost = [l for l in text.splitlines() if "not delivered:" in l]
        t.check(rc == 3, "exit %d, want 3" % rc)
        t.check(len(lost) == 4, "%d 'not delivered' lines, want 4: %s" % (len(lost), text[-600:]))
    finally:
        if p is not None and p.poll() is None:
            p.kill()
            p.wait()
        umount(mnt)


def test_validators_kept_only_when_round_safe(t, tmp):
    """A poll whose article could not be fetched does not keep the feed's
    validators: the next run asks for the whole feed again (no
    If-None-Match) and retries the article; a poll whose articles are all
    safe keeps them across a restart."""
    bad = '<?xml version="1.0"?><rss version="2.0"><channel><title>b</title>' \
          '<item><title>x</title><link>@BASE@/_fault/status/500</link></item>' \
          '<item><title>y</title><link>@BASE@/astanatimes/en/news/tokayev-calls-for-' \
          'stronger-unity-among-turkic-states-at-buda-610207.html</link></item>' \
          '</channel></rss>'
    www = private_www(tmp, {"b/feed.xml": bad})
    world = World(tmp, www=www)
    redis = Redis(tmp).start()
    conf = os.path.join(tmp, "c.conf")
    write_config(conf, world, redis.port, os.path.join(tmp, "state"), topic="all",
                 sources=["astanatimes"],
                 extra_sources=[("bad", world.base + "/b/feed.xml", "rss")])
    for i in range(2):
        rc, out, err = run_daemon(conf, "--once")
        t.check(rc == 0, "run %d exit %d" % (i, rc))
    feed = lambda p: [l for l in world.requests() if l.startswith("GET " + p + " ")]
    bad_polls, good_polls = feed("/b/feed.xml"), feed("/astanatimes/feed/index.xml")
    t.check(len(bad_polls) == 2 and "if-none-match" not in bad_polls[1],
            "feed with a failed article: second poll was conditional: %s" % bad_polls)
    t.check(len(good_polls) == 2 and "if-none-match" in good_polls[1],
            "feed whose articles are safe: second poll not conditional: %s" % good_polls)
    t.check(len([l for l in world.requests() if "/_fault/status/500" in l]) == 2,
            "the failed article was not retried")
    t.check(len(redis.records()) == 1, "records %d, want 1" % len(redis.records()))


def test_two_daemons_near_copies_at_once(t, tmp):
    """Two daemons publish an article and its near-copy at the same moment
    (one each): the publication script's compare-and-set on the shared
    index makes the later one see the earlier, so exactly one record
    carries dup_of, pointing at the other; eight runs in a row."""
    arts = {a["key"]: a for a in json.load(open(os.path.join(WORLD, "world.json")))["articles"]}
    feed = lambda a: ('<?xml version="1.0"?><rss version="2.0"><channel><title>f</title>'
                      '<item><title>%s</title><link>@BASE@%s</link></item></channel></rss>'
                      % (a["key"], a["path"]))
    www = private_www(tmp, {"f/a.xml": feed(arts["s002"]), "f/b.xml": feed(arts["s003"])})
    world = World(tmp, www=www)
    redis = Redis(tmp).start()
    confs = []
    for name in ("a", "b"):
        c = os.path.join(tmp, "%s.conf" % name)
        write_config(c, world, redis.port, os.path.join(tmp, "state-" + name), topic="all",
                     sources=["none"], extra_sources=[(name, world.base + "/f/%s.xml" % name, "rss")])
        confs.append(c)
    for i in range(8):
        redis.cmd("FLUSHALL")
        for name in ("a", "b"):
            subprocess.run(["rm", "-rf", os.path.join(tmp, "state-" + name)])
        ps = [start_daemon(c, "--once") for c in confs]
        rcs = [p.wait(60) for p in ps]
        recs = redis.records()
        t.check(rcs == [0, 0], "run %d: exits %s" % (i, rcs))
        t.check(len(recs) == 2, "run %d: %d records" % (i, len(recs)))
        if len(recs) == 2:
            ids = [r["id"] for r in recs]
            dups = [r.get("dup_of", "") for r in recs]
            t.check(dups[0] == "" and dups[1] == ids[0],
                    "run %d: dup_of %s for ids %s (the later must point at the earlier)"
                    % (i, dups, ids))


def test_stop_timeout_bounds_drain(t, tmp):
    """SIGTERM while an article page never answers (fetch_timeout = 60):
    the drain ends at stop_timeout = 2, the daemon says so and exits 0 well
    before the transfer's own timeout; the two good pages are in the
    stream once.  The old code waited for fetch_timeout (a trickling page
    with a long timeout outlasted TimeoutStopSec and was SIGKILLed)."""
    from test_faults import NONE, page, rss, readf, tail, check_exact
    www = private_www(tmp, {
        "st/feed.xml": rss([("Good one", "@BASE@/st/good1.html"), ("Hangs", "@BASE@/_fault/hang"),
                            ("Good two", "@BASE@/st/good2.html")]),
        "st/good1.html": page("Good Page One", 1),
        "st/good2.html": page("Good Page Two", 2)})
    world = World(tmp, www=www)
    redis = Redis(tmp).start()
    conf = os.path.join(tmp, "otsnewsd.conf")
    write_config(conf, world, redis.port, os.path.join(tmp, "state"), sources=NONE,
                 extra_daemon="stop_timeout = 2",
                 extra_sources=[("st", world.base + "/st/feed.xml", "rss")])
    text = open(conf).read().replace("fetch_timeout = 10", "fetch_timeout = 60")
    open(conf, "w").write(text)
    log = os.path.join(tmp, "daemon.log")
    p = start_daemon(conf, log=log)
    if not t.check(wait_for(lambda: redis.xlen() >= 2, 30, 0.05), "the good pages were not published: %s"
                   % tail(readf(log))):
        return
    time.sleep(0.5)
    t0 = time.time()
    p.send_signal(signal.SIGTERM)
    try:
        rc = p.wait(20)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
        rc = None
    took = time.time() - t0
    print("    exit %s %.1f s after SIGTERM" % (rc, took))
    t.check(rc == 0 and took < 10, "exit %s %.1f s after SIGTERM, want 0 within stop_timeout: %s"
            % (rc, took, tail(readf(log))))
    t.check("still draining after stop_timeout = 2 s" in readf(log),
            "no line saying the drain was cut short: %s" % tail(readf(log)))
    check_exact(t, redis.records(), [{world.base + "/st/good1.html"}, {world.base + "/st/good2.html"}],
                "stream after a stop cut short")


if __name__ == "__main__":
    main([test_dry_run_deep_queue_small_stack, test_once_ends_when_last_article_off_topic,
          test_teardown_with_replies_outstanding, test_nothing_takes_records_once,
          test_sigterm_while_paused, test_validators_kept_only_when_round_safe,
          test_two_daemons_near_copies_at_once, test_stop_timeout_bounds_drain])
