"""The record contract for consumers (docs/records.md): every record of the
replay world, as the stream holds it, as `otsnews tail --json` prints it
and as `otsnewsd --dry-run` prints it, validates against
docs/records.schema.json.  Real redis-server, real worldd, real daemon.

python3-jsonschema is a declared dependency (Makefile DEB_PKGS): without it
every test here fails and says so."""
import json, os, re, subprocess, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import *

try:
    import jsonschema
    JSONSCHEMA_ERROR = None
except ImportError as e:  # a declared dependency: fail, do not skip
    jsonschema = None
    JSONSCHEMA_ERROR = ("cannot import jsonschema (%s): install the Debian "
                        "package python3-jsonschema (make deps)" % e)

SCHEMA_PATH = os.path.join(ROOT, "docs", "records.schema.json")
DOC_PATH = os.path.join(ROOT, "docs", "records.md")


def validator(t):
    """The schema's validator, or None after a failed check saying why."""
    if not t.check(jsonschema is not None, JSONSCHEMA_ERROR or ""):
        return None
    with open(SCHEMA_PATH, encoding="utf-8") as f:
        schema = json.load(f)
    cls = jsonschema.Draft202012Validator
    cls.check_schema(schema)
    return cls(schema)


def check_valid(t, v, what, rec):
    errs = sorted(v.iter_errors(rec), key=lambda e: list(e.path))
    t.check(not errs, "%s (id %s): %s" % (what, rec.get("id"), "; ".join(
        "%s: %s" % ("/".join(map(str, e.path)) or "record", e.message[:200])
        for e in errs[:5])))


def setup(tmp):
    world = World(tmp)
    redis = Redis(tmp).start()
    conf = os.path.join(tmp, "otsnewsd.conf")
    write_config(conf, world, redis.port, os.path.join(tmp, "state"), topic="all")
    return world, redis, conf


def tool(*args):
    p = subprocess.run([TOOL, *args], capture_output=True, text=True,
                       timeout=60, cwd=ROOT)
    return p.returncode, p.stdout, p.stderr


def xrange_ordered(redis, stream="ots:articles"):
    """[(entry id, [(field, value), ...])] in stream order, field order kept."""
    out = []
    for eid, fv in redis.cmd("XRANGE", stream, "-", "+") or []:
        out.append((eid, list(zip(fv[::2], fv[1::2]))))
    return out


def sample_record():
    return {
        "schema": "1", "id": "a02e1e3eb16f381edea91c59e4901cb8",
        "source": "turkicstates",
        "url": "http://127.0.0.1:1/turkicstates/en/news/x.html?utm_source=rss",
        "canonical_url": "http://127.0.0.1:1/turkicstates/en/news/x.html",
        "title": "OTS Secretary General Discusses Turkic World Vision 2040",
        "published_at": "2025-11-10T07:45:00Z", "fetched_at": "2026-12-01T09:55:27Z",
        "lang": "en", "author": "", "summary": "Secretary General ...",
        "body": "First paragraph.\n\nSecond paragraph.", "topics": "ots",
        "matched": "ots,organization of turkic states",
        "content_hash": "65e9322e8e0db01ad5f26128e528a27d63ef5717fb800ebad4c7ba5da2d829e9",
        "dup_of": "", "similarity": "", "story_id": "a02e1e3eb16f381e"}


def test_schema_accepts_and_refuses(t, tmp):
    """The schema is well-formed, accepts a record with fields it does not
    know (the version policy), and refuses what schema 1 rules out; the
    field table of docs/records.md lists the fields in stream order."""
    v = validator(t)
    if v is None:
        return
    good = sample_record()
    check_valid(t, v, "sample record", good)
    check_valid(t, v, "sample with an unknown field", dict(good, relevance_x="0.9"))
    check_valid(t, v, "sample with stream_id", dict(good, stream_id="1796118927500-0"))
    check_valid(t, v, "sample with dup_of", dict(
        good, dup_of="ed526d2104782e182f3e87f8d707f14e", similarity="0.874"))
    bad = {
        "null value": {"published_at": None},
        "schema 2": {"schema": "2"},
        "upper-case id": {"id": "A02E1E3EB16F381EDEA91C59E4901CB8"},
        "short id": {"id": "a02e1e3e"},
        "date with offset": {"published_at": "2025-11-10T12:45:00+05:00"},
        "date with fraction": {"fetched_at": "2026-12-01T09:55:27.5Z"},
        "empty fetched_at": {"fetched_at": ""},
        "three-letter lang": {"lang": "eng"},
        "similarity without dup_of": {"similarity": "0.900"},
        "similarity above 1": {"dup_of": "ed526d2104782e182f3e87f8d707f14e",
                               "similarity": "1.200"},
        "dup_of without similarity": {"dup_of": "ed526d2104782e182f3e87f8d707f14e"},
        "list with spaces": {"matched": "ots, tdt"},
        "short content_hash": {"content_hash": "65e9322e"},
        "number instead of string": {"similarity": 1},
        "empty body": {"body": ""},
        "bad stream_id": {"stream_id": "$"},
    }
    for what, change in bad.items():
        t.check(not v.is_valid(dict(good, **change)), "schema accepts a record with " + what)
    for field in FIELDS:
        rec = dict(good)
        del rec[field]
        t.check(not v.is_valid(rec), "schema accepts a record without " + field)
    with open(DOC_PATH, encoding="utf-8") as f:
        doc = f.read()
    rows = re.findall(r"^\| (\d+) \| `([a-z_]+)` \|", doc, re.M)
    t.check([name for _, name in rows] == FIELDS,
            "docs/records.md field table %s != stream order %s" % ([n for _, n in rows], FIELDS))
    t.check([int(n) for n, _ in rows] == list(range(1, len(rows) + 1)),
            "docs/records.md field table is not numbered 1..N")


def test_stream_and_tail_records_validate(t, tmp):
    """The whole world with topic=all: every record XRANGE returns has the
    fields in the documented order and validates; `otsnews tail --json
    --from-start --count N` prints the same records plus stream_id, and
    they validate too."""
    v = validator(t)
    world, redis, conf = setup(tmp)
    rc, out, err = run_daemon(conf, "--once")
    t.check(rc == 0, "--once exit %d: %s" % (rc, err[-500:]))
    entries = xrange_ordered(redis)
    t.check(len(entries) >= 10, "only %d records from the world" % len(entries))
    seen = set()
    for eid, fv in entries:
        names = [k for k, _ in fv]
        t.check(names[:len(FIELDS)] == FIELDS, "entry %s field order %s" % (eid, names))
        t.check(len(names) == len(set(names)), "entry %s repeats a field" % eid)
        rec = dict(fv)
        if v is not None:
            check_valid(t, v, "stream entry " + eid, rec)
        seen.add(rec.get("dup_of") or "")
    t.check(len(seen) > 1, "no record of the world has dup_of: the dup_of/similarity "
            "branch of the schema went untested")
    if not entries:
        return
    rc, out, err = tool("tail", "-c", conf, "--json", "--from-start",
                        "--count", str(len(entries)))
    t.check(rc == 0, "otsnews tail exit %d: %s" % (rc, err))
    lines = [l for l in out.splitlines() if l.strip()]
    t.check(len(lines) == len(entries), "tail printed %d lines for %d records"
            % (len(lines), len(entries)))
    for line, (eid, fv) in zip(lines, entries):
        rec = json.loads(line)
        t.check(rec.get("stream_id") == eid, "tail stream_id %r != %s" % (rec.get("stream_id"), eid))
        t.check(list(rec) == sorted(rec), "tail keys not sorted: %s" % list(rec))
        t.check(dict(rec) == dict(fv, stream_id=eid), "tail record %s differs from XRANGE" % eid)
        if v is not None:
            check_valid(t, v, "tail --json line " + eid, rec)


def test_dry_run_lines_validate(t, tmp):
    """--once --dry-run over the whole world: stdout is one JSON object per
    line, fields in stream order, every value a string ("" when empty, never
    null), each validating; nothing is written to Redis."""
    v = validator(t)
    world, redis, conf = setup(tmp)
    rc, out, err = run_daemon(conf, "--once", "--dry-run")
    t.check(rc == 0, "--dry-run exit %d: %s" % (rc, err[-500:]))
    lines = [l for l in out.splitlines() if l.strip()]
    t.check(len(lines) >= 10, "only %d --dry-run lines" % len(lines))
    for i, line in enumerate(lines):
        try:
            rec = json.loads(line)
        except ValueError as e:
            t.check(False, "--dry-run line %d is not JSON: %s: %r" % (i + 1, e, line[:120]))
            continue
        t.check(list(rec)[:len(FIELDS)] == FIELDS, "line %d field order %s" % (i + 1, list(rec)))
        t.check(all(isinstance(x, str) for x in rec.values()),
                "line %d has a value that is not a string: %s" % (i + 1, {
                    k: x for k, x in rec.items() if not isinstance(x, str)}))
        if v is not None:
            check_valid(t, v, "--dry-run line %d" % (i + 1), rec)
    t.check(redis.xlen() == 0, "--dry-run wrote %d records to Redis" % redis.xlen())


if __name__ == "__main__":
    main([test_schema_accepts_and_refuses, test_stream_and_tail_records_validate,
          test_dry_run_lines_validate])
