"""The daemon over the replay world: sources, records, once-only publication,
extraction, relevance, dedup and stories.  Real redis-server, real worldd."""
import json, os, re, signal, subprocess, sys, time, unicodedata
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import *

FEEDS = ["kt-en", "astanatimes", "aa-tr", "trend-en"]   # RSS and Atom


def ws(s):
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s or "")).strip()


def sh_tool(*args):
    p = subprocess.run([TOOL, *args], capture_output=True, text=True, timeout=30, cwd=ROOT)
    return p.returncode, p.stdout, p.stderr


def setup(t, tmp, topic="all", sources=None, **kw):
    world = World(tmp)
    redis = Redis(tmp).start()
    conf = os.path.join(tmp, "otsnewsd.conf")
    state = os.path.join(tmp, "state")
    write_config(conf, world, redis.port, state, topic=topic, sources=sources, **kw)
    return world, redis, conf


def expected_keys(world, sources, topic):
    """Article keys that must be published (a reprint and its original count once)."""
    arts = world.articles(sources)
    keys = set(a["key"] for a in arts if a["ots"] or topic == "all")
    return arts, keys


def check_set(t, world, recs, sources, topic):
    arts, want = expected_keys(world, sources, topic)
    got = by_article(world, recs)
    reach = set(a["key"] for a in arts)
    for a in arts:
        if a.get("reprint_of"):
            n = (a["key"] in got) + (a["reprint_of"] in got)
            if a["key"] in want:
                t.check(n == 1, "exactly one of %s and its reprint %s (got %d)" % (a["reprint_of"], a["key"], n))
            continue
        if any(b.get("reprint_of") == a["key"] for b in arts):
            continue
        t.check((a["key"] in got) == (a["key"] in want),
                "%s %s" % (a["key"], "missing" if a["key"] in want else "published but off-topic"))
    for k, rs in got.items():
        t.check(len(rs) == 1, "%s published %d times" % (k, len(rs)))
        t.check(k in reach, "%s published but not reachable from these sources" % k)
    t.check(len(recs) == len(set(r["id"] for r in recs)), "record ids unique")
    t.check(len(recs) == sum(len(v) for v in got.values()),
            "every record is a world article (%d records)" % len(recs))
    return got


def check_fields(t, key, r):
    missing = [f for f in FIELDS if f not in r]
    t.check(not missing, "%s lacks fields %s" % (key, missing))
    t.check(r.get("schema") == "1", "%s schema" % key)
    t.check(re.fullmatch(r"[0-9a-f]{8,64}", r.get("id", "")) is not None, "%s id not hex" % key)
    t.check(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", r.get("fetched_at", "")) is not None,
            "%s fetched_at" % key)
    pa = r.get("published_at", "")
    t.check(pa == "" or re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", pa) is not None,
            "%s published_at %r" % (key, pa))
    t.check(re.fullmatch(r"[0-9a-f]{64}", r.get("content_hash", "")) is not None, "%s content_hash" % key)
    # Issue 10: relevance and topics on every record.
    t.check(r.get("relevance") in ("subject", "mention", ""), "%s relevance %r" % (key, r.get("relevance")))
    t.check("topics" in r and "relevance_score" in r, "%s lacks topics/relevance_score" % key)
    rs = r.get("relevance_score", "")
    t.check(re.fullmatch(r"[01]\.\d{3}", rs) is not None, "%s relevance_score %r" % (key, rs))


def check_extract(t, key, a, r):
    t.check(ws(r.get("title")) == ws(a["title"]), "%s title %r" % (key, r.get("title", "")[:60]))
    pa = r.get("published_at", "")
    if a["machine_date"]:
        t.check(pa == a["published"], "%s published_at %r != %r" % (key, pa, a["published"]))
    else:
        t.check(pa[:10] == a["published"][:10], "%s published_at %r: date != %s" % (key, pa, a["published"][:10]))
    t.check(r.get("lang") == a["lang"], "%s lang %r != %r" % (key, r.get("lang"), a["lang"]))
    body = ws(r.get("body"))
    for s in a["must_contain"]:
        t.check(ws(s) in body, "%s body lacks %r" % (key, s[:50]))
    for s in a["must_not_contain"]:
        t.check(ws(s) not in body, "%s body has %r" % (key, s[:50]))
    t.check("\n\n" in r.get("body", ""), "%s body has no paragraph breaks" % key)


def test_feeds_topic_all_once(t, tmp):
    """Issue 2: the RSS and Atom sources, topic=all: one record per page, all
    fields, and a second --once run adds nothing."""
    world, redis, conf = setup(t, tmp, "all", FEEDS)
    rc, out, err = run_daemon(conf, "--once")
    t.check(rc == 0, "exit %d: %s" % (rc, err[-500:]))
    recs = redis.records()
    got = check_set(t, world, recs, FEEDS, "all")
    for k, rs in got.items():
        check_fields(t, k, rs[0])
        t.check(rs[0]["source"] in FEEDS, "%s source %r" % (k, rs[0]["source"]))
    rc, out, err = run_daemon(conf, "--once")
    t.check(rc == 0, "second run exit %d" % rc)
    t.check(len(redis.records()) == len(recs), "second --once run added records: %d -> %d"
            % (len(recs), len(redis.records())))
    # The consumer side: otsnews tail reads the same records back.
    rc, out, err = sh_tool("tail", "-c", conf, "--from-start", "--json", "--count", str(len(recs)))
    t.check(rc == 0, "otsnews tail exit %d: %s" % (rc, err))
    tailed = [json.loads(l) for l in out.splitlines() if l.strip()]
    t.check([r["id"] for r in tailed] == [r["id"] for r in recs], "otsnews tail disagrees with XRANGE")


def test_whole_world_topic_all(t, tmp):
    """Issue 3: all nine sources (HTML listings, sitemap, RSS, Atom): every
    article page found and published once."""
    world, redis, conf = setup(t, tmp, "all")
    rc, out, err = run_daemon(conf, "--once")
    t.check(rc == 0, "exit %d: %s" % (rc, err[-500:]))
    got = check_set(t, world, redis.records(), None, "all")
    akey = {a["key"]: a for a in world.manifest["articles"]}
    for k, rs in got.items():
        check_fields(t, k, rs[0])
        check_extract(t, k, akey[k], rs[0])


def check_ots_links(t, world, got):
    """topic=ots over the whole world: dup_of links s003 and s002 only;
    stories group the right records, across languages; each record's
    relevance is "subject"."""
    akey = {a["key"]: a for a in world.manifest["articles"]}
    one = {k: rs[0] for k, rs in got.items()}
    if "s002" in one and "s003" in one:
        r2, r3 = one["s002"], one["s003"]
        t.check(r3.get("dup_of") == r2["id"] or r2.get("dup_of") == r3["id"],
                "s003/s002 not linked by dup_of")
        sim = r3.get("similarity") or r2.get("similarity")
        t.check(sim not in (None, "") and 0 < float(sim) <= 1, "similarity %r" % sim)
    others = [k for k, r in one.items() if k not in ("s002", "s003") and r.get("dup_of")]
    t.check(not others, "dup_of on records that repeat nothing: %s" % others)
    stories = {}
    for k, r in one.items():
        stories.setdefault(akey[k]["story"], []).append((k, r.get("story_id")))
    for st, members in stories.items():
        en = set(sid for k, sid in members if akey[k]["lang"] == "en")
        t.check(len(en) <= 1, "story %s split over %s" % (st, en))
        t.check(all(sid for _, sid in members), "story %s: empty story_id" % st)
    ids = {}
    for st, members in stories.items():
        for k, sid in members:
            if akey[k]["lang"] == "en":
                ids.setdefault(sid, set()).add(st)
    for sid, sts in ids.items():
        t.check(len(sts) == 1, "story_id %s merges %s" % (sid, sorted(sts)))
    # Cross-language (issue 10): every non-English report of an event joins
    # its English story (Budapest in ru, kk, tr; Gabala and Tashkent in az,
    # uz, ky, tk, hu), and the events of one week stay apart (above).
    for st, members in stories.items():
        en = set(sid for k, sid in members if akey[k]["lang"] == "en")
        if not en:
            continue
        for k, sid in members:
            if akey[k]["lang"] != "en":
                t.check(sid in en, "%s (%s) story_id not the English story of %s" % (k, akey[k]["lang"], st))
    for st in ("fm-gabala-2025", "transport-tashkent-2025"):
        langs = set(akey[k]["lang"] for k, _ in stories.get(st, []))
        t.check(len(langs) >= 5, "story %s published in %s" % (st, sorted(langs)))
    # Issue 10: relevance on every record; the OTS is the subject of each.
    for k, r in one.items():
        t.check(r.get("relevance") == "subject", "%s relevance %r" % (k, r.get("relevance")))


def test_whole_world_topic_ots(t, tmp):
    """Issue 5: topic=ots publishes exactly the OTS articles, once; dup_of
    links s003 and s002 only; stories group the right records."""
    world, redis, conf = setup(t, tmp, "ots")
    rc, out, err = run_daemon(conf, "--once")
    t.check(rc == 0, "exit %d: %s" % (rc, err[-500:]))
    recs = redis.records()
    got = check_set(t, world, recs, None, "ots")
    akey = {a["key"]: a for a in world.manifest["articles"]}
    for k, rs in got.items():
        r = rs[0]
        t.check(r.get("topics") == "ots", "%s topics %r" % (k, r.get("topics")))
        t.check(r.get("matched", "") != "", "%s matched is empty" % k)
    check_ots_links(t, world, got)
    rc, _, _ = run_daemon(conf, "--once")
    t.check(rc == 0 and len(redis.records()) == len(recs), "rerun added records")


def test_index_of_older_format(t, tmp):
    """Issue 12, entry format 5: an index filed by the previous release
    (format 4) keeps deciding alike.  The world without kt-en is published,
    every entry rewritten in format 4 (bench/dedup_load rewrite4, through
    the daemon's own encoder), then the whole world: kt-en's s003 must still
    be found a copy of s002 and every story must hold, read through the
    lookup script's cut of both formats."""
    manifest = json.load(open(os.path.join(WORLD, "world.json"), encoding="utf-8"))
    first = [s["name"] for s in manifest["sources"] if s["name"] != "kt-en"]
    world, redis, conf = setup(t, tmp, "ots", first)
    rc, out, err = run_daemon(conf, "--once")
    t.check(rc == 0, "first run exit %d: %s" % (rc, err[-500:]))
    n = len(redis.records())
    p = subprocess.run([os.path.join(ROOT, BUILD, "bench", "dedup_load"), str(redis.port),
                        "rewrite4"], capture_output=True, text=True, timeout=60)
    t.check(p.returncode == 0 and p.stdout.startswith("rewritten "),
            "rewrite4: %s %s" % (p.stdout, p.stderr))
    entries = redis.cmd("KEYS", "otsnews:entry:*")
    t.check(len(entries) >= n > 0, "%d entries for %d records" % (len(entries), n))
    t.check(all(redis.cmd("GET", k, raw=True)[17:19] == b"4 " for k in entries),
            "an entry not in format 4 after rewrite4")
    write_config(conf, world, redis.port, os.path.join(tmp, "state"), topic="ots")
    rc, out, err = run_daemon(conf, "--once")
    t.check(rc == 0, "second run exit %d: %s" % (rc, err[-500:]))
    t.check("unreadable" not in err, "entries unreadable: %s" % err[-500:])
    recs = redis.records()
    t.check(len(recs) > n, "the second run added nothing (%d)" % n)
    got = check_set(t, world, recs, None, "ots")
    check_ots_links(t, world, got)


def test_dry_run_prints_json(t, tmp):
    """--dry-run prints one JSON object per record and writes nothing to Redis."""
    world, redis, conf = setup(t, tmp, "all", ["kt-en", "astanatimes"])
    rc, out, err = run_daemon(conf, "--once", "--dry-run")
    t.check(rc == 0, "exit %d: %s" % (rc, err[-300:]))
    lines = [l for l in out.splitlines() if l.strip()]
    recs = [json.loads(l) for l in lines]
    # kt-en: four pages, astanatimes: one.
    t.check(len(recs) == 5, "dry-run printed %d records" % len(recs))
    for r in recs:
        t.check(all(f in r for f in FIELDS), "dry-run record lacks fields")
    t.check(redis.cmd("EXISTS", "ots:articles") == 0, "dry-run wrote the stream")
    t.check(redis.cmd("DBSIZE") == 0, "dry-run wrote keys")


def test_redis_down_then_up(t, tmp):
    """Articles found while Redis is away are spooled and published once it
    is back; a restart publishes nothing again."""
    world = World(tmp)
    port = free_port()
    conf = os.path.join(tmp, "otsnewsd.conf")
    state = os.path.join(tmp, "state")
    write_config(conf, world, port, state, topic="all", sources=["kt-en", "trend-en"])
    log = os.path.join(tmp, "daemon.log")
    p = start_daemon(conf, log=log)
    spool = os.path.join(state, "spool")
    n = wait_for(lambda: os.path.isdir(spool) and len([f for f in os.listdir(spool) if f.endswith(".json")]) >= 6, 40)
    t.check(n, "records not spooled while Redis is down: %s" % open(log).read()[-800:])
    redis = Redis(tmp, port).start()
    t.check(wait_for(lambda: len(redis.records()) >= 6, 40), "spooled records not published")
    time.sleep(1)
    recs = redis.records()
    t.check(len(recs) == 6, "published %d records, want 6" % len(recs))
    t.check(len(set(r["id"] for r in recs)) == len(recs), "doubled records")
    t.check(wait_for(lambda: not [f for f in os.listdir(spool) if f.endswith(".json")], 10), "spool not emptied")
    p.send_signal(signal.SIGTERM)
    t.check(p.wait(30) == 0, "SIGTERM exit status %s" % p.returncode)
    rc, out, err = run_daemon(conf, "--once")
    t.check(rc == 0 and len(redis.records()) == 6, "restart published again: %d" % len(redis.records()))
    log_text = open(log).read()
    t.check("spooled" in log_text, "no log line for spooling")


def test_redis_never_reachable_exit_2(t, tmp):
    """--once with no Redis and nothing to deliver exits 2."""
    world = World(tmp)
    conf = os.path.join(tmp, "otsnewsd.conf")
    write_config(conf, world, free_port(), os.path.join(tmp, "state"), sources=["no-such-source"])
    rc, out, err = run_daemon(conf, "--once")
    t.check(rc == 2, "exit %d, want 2: %s" % (rc, err[-300:]))
    t.check("never reachable" in err, "no clear log line: %s" % err[-300:])


def test_redis_restart_midway(t, tmp):
    """Redis is killed while the daemon runs and comes back: nothing lost,
    nothing doubled."""
    world, redis, conf = setup(t, tmp, "all", ["kt-en", "trend-en", "astanatimes"])
    log = os.path.join(tmp, "daemon.log")
    redis.stop()
    p = start_daemon(conf, log=log)
    time.sleep(2)
    redis.start()
    t.check(wait_for(lambda: len(redis.records()) >= 7, 40), "not all published after restart")
    redis.stop()
    time.sleep(1)
    redis.start()   # empty again: no persistence; the daemon must not republish from memory
    time.sleep(2)
    t.check(len(redis.records()) == 0, "records reappeared in a fresh Redis without new work")
    t.check(p.poll() is None, "daemon died when Redis went away")
    p.send_signal(signal.SIGTERM)
    t.check(p.wait(30) == 0, "SIGTERM exit status %s" % p.returncode)
    t.check("redis: connection lost" in open(log).read(), "no log line for the lost connection")


def test_two_daemons_share_redis(t, tmp):
    """Two daemons over the same sources and Redis publish each article once."""
    world, redis, conf = setup(t, tmp, "all", ["kt-en", "trend-en", "astanatimes", "aa-tr"])
    conf2 = os.path.join(tmp, "second.conf")
    write_config(conf2, world, redis.port, os.path.join(tmp, "state2"), topic="all",
                 sources=["kt-en", "trend-en", "astanatimes", "aa-tr"])
    p1 = start_daemon(conf, "--once")
    p2 = start_daemon(conf2, "--once")
    t.check(p1.wait(120) == 0 and p2.wait(120) == 0, "exit codes %s %s" % (p1.returncode, p2.returncode))
    recs = redis.records()
    check_set(t, world, recs, ["kt-en", "trend-en", "astanatimes", "aa-tr"], "all")


def test_daemons_share_polling(t, tmp):
    """Two service daemons on one Redis take turns through the source
    lease: each round of polls is made once, not twice."""
    world, redis, conf = setup(t, tmp, "all", ["astanatimes", "trend-en"])
    text = open(conf).read().replace("interval = 300", "interval = 10")
    open(conf, "w").write(text)
    conf2 = os.path.join(tmp, "second.conf")
    open(conf2, "w").write(text.replace(os.path.join(tmp, "state"), os.path.join(tmp, "state2")))
    p1 = start_daemon(conf, log=os.path.join(tmp, "d1.log"))
    p2 = start_daemon(conf2, log=os.path.join(tmp, "d2.log"))
    time.sleep(24)
    for p in (p1, p2):
        p.send_signal(signal.SIGTERM)
        t.check(p.wait(30) == 0, "exit status %s" % p.returncode)
    polls = [l for l in world.requests() if "/astanatimes/feed/" in l]
    # 24 s at a 10 s interval (first poll within 5 s): 2 or 3 rounds, not 5-6.
    t.check(2 <= len(polls) <= 3, "astanatimes polled %d times by two daemons" % len(polls))
    recs = redis.records()
    t.check(len(recs) == 3 and len(set(r["id"] for r in recs)) == 3, "records %d" % len(recs))


def test_sigterm_drains(t, tmp):
    """Service mode: Prometheus metrics on metrics_listen; SIGTERM exits 0
    with a clear log line."""
    import urllib.request
    mport = free_port()
    world, redis, conf = setup(t, tmp, "all", ["astanatimes"],
                               extra_daemon="metrics_listen = 127.0.0.1:%d" % mport)
    log = os.path.join(tmp, "daemon.log")
    p = start_daemon(conf, log=log)
    t.check(wait_for(lambda: len(redis.records()) >= 1, 30), "nothing published")
    time.sleep(0.3)
    try:
        text = urllib.request.urlopen("http://127.0.0.1:%d/metrics" % mport, timeout=5).read().decode()
    except OSError as e:
        text = ""
        t.check(False, "GET /metrics: %s" % e)
    t.check("# TYPE otsnewsd_articles_published_total counter" in text, "metrics format")
    t.check('otsnewsd_articles_published_total{source="astanatimes"} 1\n' in text,
            "published counter: %s" % text[:300])
    t.check("otsnewsd_redis_connected 1\n" in text, "redis_connected gauge")
    p.send_signal(signal.SIGTERM)
    t.check(p.wait(30) == 0, "exit status %s" % p.returncode)
    t.check("stopping" in open(log).read(), "no stopping log line")


def test_crash_and_restart(t, tmp):
    """SIGKILL in the middle of a run (a feed that hangs keeps it busy), then
    a restart: every article published, none twice."""
    world = World(tmp)
    redis = Redis(tmp).start()
    conf = os.path.join(tmp, "otsnewsd.conf")
    srcs = ["kt-en", "trend-en", "astanatimes", "aa-tr"]
    write_config(conf, world, redis.port, os.path.join(tmp, "state"), topic="all",
                 sources=srcs, extra_sources=[("slow", world.base + "/_fault/slow/30", "rss")])
    p = start_daemon(conf, "--once", log=os.path.join(tmp, "first.log"))
    t.check(wait_for(lambda: len(redis.records()) >= 3, 30), "first run published nothing")
    p.kill()
    p.wait(10)
    first = len(redis.records())
    text = open(conf).read()
    open(conf, "w").write(text.replace(world.base + "/_fault/slow/30", world.base + "/_fault/status/404"))
    rc, out, err = run_daemon(conf, "--once")
    t.check(rc == 0, "restart exit %d" % rc)
    recs = redis.records()
    check_set(t, world, recs, srcs, "all")
    t.check(len(recs) >= first, "records lost")


def test_sighup_reload(t, tmp):
    """SIGHUP re-reads the configuration: a bad file is refused and the old
    one kept; a good file with a new source starts polling it."""
    world, redis, conf = setup(t, tmp, "all", ["astanatimes"])
    log = os.path.join(tmp, "daemon.log")
    p = start_daemon(conf, log=log)
    t.check(wait_for(lambda: len(redis.records()) == 1, 30), "astanatimes not published")
    good = open(conf).read()
    open(conf, "w").write(good + "\n[source broken]\nbogus = 1\n")
    p.send_signal(signal.SIGHUP)
    t.check(wait_for(lambda: "reload failed" in open(log).read(), 10), "bad reload not refused")
    write_config(conf, world, redis.port, os.path.join(tmp, "state"), topic="all",
                 sources=["astanatimes", "trend-en"])
    p.send_signal(signal.SIGHUP)
    t.check(wait_for(lambda: len(redis.records()) == 3, 30), "new source not polled after reload: %d"
            % len(redis.records()))
    t.check(p.poll() is None, "daemon died on reload")
    p.send_signal(signal.SIGTERM)
    p.wait(30)


def test_hostile_servers(t, tmp):
    """Gzip bombs, oversized pages, redirect loops, garbage, hangs, HTTP
    errors: each gives a log line and a metric, never a crash, and the good
    source is still published."""
    world = World(tmp)
    redis = Redis(tmp).start()
    conf = os.path.join(tmp, "otsnewsd.conf")
    b = world.base
    extra = [("bomb", b + "/_fault/gzip-bomb/64", "rss"),
             ("big", b + "/_fault/big/12", "rss"),
             ("loop", b + "/_fault/redirect-loop", "rss"),
             ("garbage", b + "/_fault/garbage", "auto"),
             ("hang", b + "/_fault/hang", "rss"),
             ("gone", b + "/_fault/status/500", "rss"),
             ("gzbomb", b + "/_fault/gz-bomb/64", "sitemap"),
             ("gzsitemap", b + "/_fault/gz/inform/sitemap-news.xml", "sitemap"),
             ("ftp", "http://127.0.0.1:1/nothing", "rss")]
    write_config(conf, world, redis.port, os.path.join(tmp, "state"), topic="all",
                 sources=["astanatimes"], extra_sources=extra,
                 extra_daemon="fetch_timeout = 3\nmax_feed_bytes = 4M")
    rc, out, err = run_daemon(conf, "--once", timeout=60)
    t.check(rc == 0, "exit %d: %s" % (rc, err[-800:]))
    recs = redis.records()
    # astanatimes (1) and the gzipped inform sitemap (3 pages) are good.
    t.check(len(recs) == 4, "good sources not published: %d records" % len(recs))
    t.check(sum(r["source"] == "gzsitemap" for r in recs) == 3, "gzipped sitemap not read")
    for name, what in [("gzbomb", "larger than"), ("bomb", "larger than the limit"), ("big", "larger than the limit"),
                       ("loop", "redirect"), ("garbage", "cannot parse"),
                       ("hang", "timed out"), ("gone", "HTTP 500"), ("ftp", "source ftp")]:
        t.check(re.search(r"source %s: .*%s" % (name, re.escape(what)), err, re.I) is not None
                or (name == "ftp" and "source ftp" in err),
                "no clear log line for %s (%s)" % (name, what))
    t.check("fetch_too_large_total=3" in err, "too-large metric: %s" % err[-400:])


def test_private_address_guard(t, tmp):
    """With allow_private_networks = no, the configured source's own origin
    is trusted (the operator named it) and its articles on that origin are
    fetched; a source reached as localhost:PORT whose feed links point to
    127.0.0.1:PORT (another origin, private) has its articles refused."""
    world = World(tmp)
    redis = Redis(tmp).start()
    conf = os.path.join(tmp, "otsnewsd.conf")
    write_config(conf, world, redis.port, os.path.join(tmp, "state"), sources=["astanatimes"])
    text = open(conf).read().replace("allow_private_networks = yes", "allow_private_networks = no")
    open(conf, "w").write(text)
    rc, out, err = run_daemon(conf, "--once")
    t.check(rc == 0, "exit %d" % rc)
    t.check(len(redis.records()) == 1, "trusted origin: %d records, want 1: %s" %
            (len(redis.records()), err[-400:]))
    redis.cmd("FLUSHALL")
    open(conf, "w").write(text.replace("url = http://127.0.0.1:", "url = http://localhost:"))
    state2 = os.path.join(tmp, "state")
    subprocess.run(["rm", "-rf", state2])
    before = len(world.requests())
    rc, out, err = run_daemon(conf, "--once")
    t.check(rc == 0, "exit %d" % rc)
    t.check("private or loopback address refused" in err, "no guard log line: %s" % err[-300:])
    t.check(len(redis.records()) == 0, "published through the guard")
    arts = [l for l in world.requests()[before:] if "/astanatimes/" in l and "feed" not in l]
    t.check(not arts, "an article request reached the server: %s" % arts)


def test_source_user_agent(t, tmp):
    """The daemon's User-Agent, and a source's own user_agent override."""
    world, redis, conf = setup(t, tmp, "all", ["astanatimes", "aa-tr"])
    text = open(conf).read().replace("[source aa-tr]", "[source aa-tr]\nuser_agent = Mozilla/5.0 (test)")
    open(conf, "w").write(text)
    rc, out, err = run_daemon(conf, "--once")
    t.check(rc == 0, "exit %d" % rc)
    reqs = world.requests()
    aa = [l for l in reqs if "/aa/" in l]
    at = [l for l in reqs if "/astanatimes/" in l]
    t.check(aa and all("ua=Mozilla/5.0 (test)" in l for l in aa), "aa-tr override not sent: %s" % aa)
    t.check(at and all("ua=otsnewsd/" in l for l in at), "default UA not sent: %s" % at)


def test_conditional_get(t, tmp):
    """A second poll sends If-None-Match and gets 304."""
    world, redis, conf = setup(t, tmp, "all", ["astanatimes"])
    text = open(conf).read()
    open(conf, "w").write(text.replace("interval = 300", "interval = 10"))
    log = os.path.join(tmp, "daemon.log")
    p = start_daemon(conf, log=log)
    feed = "/astanatimes/feed/index.xml"
    t.check(wait_for(lambda: sum(feed in l for l in world.requests()) >= 2, 30), "no second poll")
    time.sleep(0.5)
    p.send_signal(signal.SIGTERM)
    p.wait(30)
    polls = [l for l in world.requests() if feed in l]
    t.check("if-none-match" not in polls[0], "first poll was conditional")
    t.check(all(l.endswith("if-none-match") for l in polls[1:]), "later polls not conditional: %s" % polls)
    t.check(len(redis.records()) == 1, "records %d" % len(redis.records()))


TESTS = [test_feeds_topic_all_once, test_whole_world_topic_all, test_whole_world_topic_ots,
         test_index_of_older_format,
         test_dry_run_prints_json, test_redis_down_then_up, test_redis_never_reachable_exit_2,
         test_redis_restart_midway, test_two_daemons_share_redis, test_daemons_share_polling,
         test_sigterm_drains,
         test_crash_and_restart,
         test_sighup_reload, test_hostile_servers, test_private_address_guard, test_source_user_agent,
         test_conditional_get]

if __name__ == "__main__":
    main(TESTS)
