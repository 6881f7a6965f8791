#!/usr/bin/env python3
"""The dedup index's buckets in a real redis-server: the lookup and filing
scripts as the daemon sends them (read from daemon/dedup-store.c and
include/dedup-store.h), against the sorted-set scripts of the builds
before the packed buckets (frozen below), and across an upgrade from
those to these."""
import os, random, re, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import ROOT, Redis, main

# The scripts of the builds that filed sorted sets (lsh:, sk:, src:).
OLD_FILE_LUA = """local function file(ttl)
  local n = redis.call('INCR', KEYS[5])
  redis.call('SET', ARGV[7] .. n, ARGV[4], 'EX', ttl)
  local function put(key, check, cap)
    redis.call('ZADD', key, string.format('%.0f', n * 1048576 + check), n)
    redis.call('ZREMRANGEBYRANK', key, 0, -cap - 1)
    redis.call('EXPIRE', key, ttl)
  end
  put(KEYS[6], 0, tonumber(ARGV[9]))
  for i = 7, #KEYS do put(KEYS[i], tonumber(ARGV[i + 3]), tonumber(ARGV[8])) end
  local u = #KEYS + 4
  for i = 1, tonumber(ARGV[u]) do
    local k = ARGV[7] .. ARGV[u + 2 * i - 1]
    if redis.call('EXISTS', k) == 1 then
      redis.call('SETRANGE', k, 0, ARGV[u + 2 * i])
    end
  end
  return n
end
"""
OLD_LOOKUP_LUA = """local v = redis.call('GET', KEYS[1]) or '0'
local ids, from, full = {}, {}, {}
local function take(key, check, count, sketch)
  if count <= 0 then return end
  local m = redis.call('ZREVRANGE', key, 0, count - 1, 'WITHSCORES')
  for i = 1, #m, 2 do
    if check < 0 or tonumber(m[i + 1]) % 1048576 == check then
      local id = tonumber(m[i])
      if not from[id] then from[id] = {}; ids[#ids + 1] = id end
      table.insert(from[id], key)
      if sketch then full[id] = true end
    end
  end
end
take(KEYS[2], -1, tonumber(ARGV[4]), true)
local nl = tonumber(ARGV[5])
for i = 3, #KEYS do
  take(KEYS[i], tonumber(ARGV[i + 3]), tonumber(ARGV[2]), i - 2 <= nl)
end
table.sort(ids, function(a, b) return a > b end)
local out, n = {v}, 0
for _, id in ipairs(ids) do
  if n >= tonumber(ARGV[3]) then break end
  local s = string.format('%d', id)
  local e = redis.call('GET', ARGV[1] .. s)
  if e then
    if not full[id] then
      local p = string.find(e, ' [^ ]*$')
      if p then e = string.sub(e, 1, p) .. '.' end
    end
    out[#out + 1] = s; out[#out + 1] = e; n = n + 1
  else
    for _, k in ipairs(from[id]) do redis.call('ZREM', k, s) end
  end
end
return out
"""


def c_strings(path, start, end):
    """The concatenated C string literals from start up to the regex end."""
    text = open(os.path.join(ROOT, path)).read()
    i = text.index(start)
    j = re.compile(end).search(text, i).start()
    out, body = [], text[i:j]
    # DEDUP_STORE_BUCKET_LUA, the one macro the scripts are made of
    if "DEDUP_STORE_BUCKET_LUA" in body.split("\n", 1)[1]:
        out.append(c_strings("include/dedup-store.h", "#define DEDUP_STORE_BUCKET_LUA", r"\n\n"))
    for m in re.finditer(r'"((?:[^"\\]|\\.)*)"', body.split("\n", 1)[1]):
        out.append(m.group(1).encode().decode("unicode_escape"))
    return "".join(out)


NEW_FILE_LUA = c_strings("include/dedup-store.h", "#define DEDUP_STORE_FILE_LUA", r"\n\n")
NEW_LOOKUP_LUA = c_strings("daemon/dedup-store.c", "dedup_store_lookup_script[] =", r";\n")
TTL, CAP, SRCCAP, MAXCAND = 3600, 8, 4, 12
NAMES = {"old": ("lsh:", "sk:", "src:"), "new": ("L:", "K:", "S:")}


def key_names(style, prefix, source, buckets):
    """The source's bucket and the buckets' keys; buckets: (kind, h16, check),
    kind 0 for a sketch hash, 1 for a story key (the L:/lsh: ones first)."""
    n = NAMES[style]
    return ([prefix + n[2] + source] +
            [prefix + n[kind] + "%04x" % h for kind, h, _ in buckets])


def file(redis, style, prefix, value, source, buckets, cap=CAP):
    """The filing part of the publication script, as publish.c calls it."""
    script = (OLD_FILE_LUA if style == "old" else NEW_FILE_LUA) + "return file(tonumber(ARGV[1]))\n"
    keys = ["%sunused:%d" % (prefix, i) for i in range(4)] + [prefix + "dedup"] + \
        key_names(style, prefix, source, buckets)
    args = [TTL, "id", 0, value, 0, 0, prefix + "entry:", cap, SRCCAP] + \
        [c for _, _, c in buckets] + [0]
    return redis.cmd("EVAL", script, len(keys), *keys, *args)


def lookup(redis, style, prefix, source, buckets, srccount=SRCCAP):
    """The lookup script, as dedup_store_lookup builds it."""
    script = OLD_LOOKUP_LUA if style == "old" else NEW_LOOKUP_LUA
    buckets = sorted(buckets, key=lambda b: b[0])
    keys = [prefix + "dedup"] + key_names(style, prefix, source, buckets)
    args = [prefix + "entry:", CAP, MAXCAND, srccount, sum(1 for b in buckets if b[0] == 0)] + \
        [c for _, _, c in buckets]
    return redis.cmd("EVAL", script, len(keys), *keys, *args)


def random_buckets(rnd):
    """A few buckets out of few keys and checks, so that keys fill, checks
    collide and an entry now and then files two buckets under one key."""
    out = set()
    for _ in range(rnd.randint(1, 5)):
        out.add((rnd.randint(0, 1), rnd.randint(0, 5), rnd.randint(0, 3)))
    return sorted(out)


def run(redis, styles, prefix, steps, seed, expire_after=40):
    """File `steps` entries (styles[i] says with which scripts) and look up
    after each; entries older than expire_after are deleted (what one TTL
    for all does: the oldest go first).  Returns every lookup's reply."""
    rnd = random.Random(seed)
    replies = []
    for i in range(steps):
        src = "s%d" % rnd.randint(0, 2)
        value = "%016x v%d w%d" % (i, i, i)
        n = file(redis, styles[i], prefix, value, src, random_buckets(rnd))
        if n > expire_after:
            redis.cmd("DEL", "%sentry:%d" % (prefix, n - expire_after))
        probe = random_buckets(rnd)
        replies.append(lookup(redis, "new" if styles[i] == "new" else "old", prefix,
                              "s%d" % rnd.randint(0, 2), probe))
    return replies


def test_same_candidates_as_sorted_sets(t, tmp):
    """The same random filings and lookups through the sorted-set scripts
    and through the packed buckets: every lookup answers the same entries
    in the same order (checks filtered, caps, expired entries skipped, an
    entry filed twice under one key counted once with its last check)."""
    redis = Redis(tmp).start()
    old = run(redis, ["old"] * 300, "o:", 300, 1)
    new = run(redis, ["new"] * 300, "n:", 300, 1)
    found = sum(len(r) // 2 for r in old)
    t.check(found > 300, "setup: the lookups found only %d entries" % found)
    for i, (a, b) in enumerate(zip(old, new)):
        if not t.check(a == b, "lookup %d: sorted sets %s, packed %s" % (i, a, b)):
            break
    types = {redis.cmd("TYPE", k) for k in redis.cmd("KEYS", "n:[LKS]:*")}
    t.check(types == {"string"}, "packed buckets of types %s" % types)
    t.check(redis.cmd("KEYS", "n:lsh:*") == [] and redis.cmd("KEYS", "n:src:*") == [],
            "the new scripts wrote old names")
    # Each bucket is exactly its records: 6 bytes (S: 4) a record, the cap.
    for k in redis.cmd("KEYS", "n:[LKS]:*"):
        w = 4 if k.startswith("n:S:") else 6
        n = redis.cmd("STRLEN", k)
        t.check(n % w == 0 and 0 < n <= w * (SRCCAP if w == 4 else CAP), "%s: %d bytes" % (k, n))
        t.check(0 < redis.cmd("TTL", k) <= TTL, "%s: no TTL" % k)


def test_upgrade_from_sorted_sets(t, tmp):
    """A Redis filed by the sorted-set scripts, then by the packed ones
    (the daemon upgraded after 150 entries): every lookup after the upgrade
    answers what the sorted-set scripts would have answered had they gone
    on, the old sets are read until their bucket is filed again, then
    converted and deleted, and no string command meets a sorted set
    (WRONGTYPE would fail the whole script)."""
    redis = Redis(tmp).start()
    ref = run(redis, ["old"] * 300, "o:", 300, 2)
    got = run(redis, ["old"] * 150 + ["new"] * 150, "u:", 300, 2)
    for i in range(150, 300):
        if not t.check(ref[i] == got[i], "lookup %d after the upgrade: sorted sets %s, upgraded %s"
                       % (i, ref[i], got[i])):
            break
    # Some were found through old sets (read, not yet converted) or converted.
    left = redis.cmd("KEYS", "u:lsh:*") + redis.cmd("KEYS", "u:sk:*") + redis.cmd("KEYS", "u:src:*")
    for k in left:
        new = "u:" + {"lsh": "L", "sk": "K", "src": "S"}[k.split(":")[1]] + ":" + k.split(":", 2)[2]
        t.check(redis.cmd("EXISTS", new) == 0, "%s and %s both exist" % (k, new))
    t.check(len(redis.cmd("KEYS", "u:[LKS]:*")) > 0, "no packed bucket after the upgrade")


def test_upgrade_reads_old_sets(t, tmp):
    """By hand: entries 1-3 filed into sorted sets are found by the new
    lookup (the one with another check is not); filing entry 4 converts the
    set into a packed bucket of 1, 2, 3, 4 and deletes it; an expired entry
    is skipped and its record left in place."""
    redis = Redis(tmp).start()
    b = [(0, 0xabcd, 5)]
    file(redis, "old", "t:", "0000000000000000 a x", "s", b)
    file(redis, "old", "t:", "0000000000000000 b x", "s", [(0, 0xabcd, 6)])
    file(redis, "old", "t:", "0000000000000000 c x", "s", b)
    t.check(redis.cmd("TYPE", "t:lsh:abcd") == "zset", "setup: no sorted set")
    r = lookup(redis, "new", "t:", "s", b, srccount=0)
    t.check(r == ["3", "3", "0000000000000000 c x", "1", "0000000000000000 a x"],
            "through the old set: %s" % r)
    r = lookup(redis, "new", "t:", "s", [], srccount=SRCCAP)
    t.check(r[1::2] == ["3", "2", "1"], "the source's old set: %s" % r)
    file(redis, "new", "t:", "0000000000000000 d x", "s", b)
    t.check(redis.cmd("EXISTS", "t:lsh:abcd") == 0, "the old set is still there")
    t.check(redis.cmd("EXISTS", "t:src:s") == 0, "the source's old set is still there")
    raw = redis.cmd("GET", "t:L:abcd", raw=True)
    t.check(raw == bytes.fromhex("000000010005" "000000020006" "000000030005" "000000040005"),
            "packed bucket %s" % raw.hex())
    t.check(redis.cmd("GET", "t:S:s", raw=True) == bytes.fromhex("00000001000000020000000300000004"),
            "packed source bucket")
    redis.cmd("DEL", "t:entry:3")
    r = lookup(redis, "new", "t:", "s", b, srccount=0)
    t.check(r[1::2] == ["4", "1"], "expired entry 3 not skipped: %s" % r)
    t.check(redis.cmd("STRLEN", "t:L:abcd") == 24, "the expired entry's record was cut out")


def test_numbers_past_2_32(t, tmp):
    """Entry numbers are written modulo 2^32 and read back against the
    counter: across 2^32 they stay whole and newest first."""
    redis = Redis(tmp).start()
    redis.cmd("SET", "t:dedup", str(2 ** 32 - 2))
    b = [(1, 0x0001, 9)]
    for i in range(4):
        file(redis, "new", "t:", "0000000000000000 e%d x" % i, "s", b)
    raw = redis.cmd("GET", "t:K:0001", raw=True)
    t.check(raw == bytes.fromhex("ffffffff0009" "000000000009" "000000010009" "000000020009"),
            "records %s" % raw.hex())
    r = lookup(redis, "new", "t:", "s", b, srccount=0)
    want = [str(2 ** 32 + 2), str(2 ** 32 + 1), str(2 ** 32), str(2 ** 32 - 1)]
    t.check(r[1::2] == want, "numbers %s, not %s" % (r[1::2], want))
    t.check(r[2] == "0000000000000000 e3 .", "a K:-only entry keeps its sketch: %s" % r[2])
    r = lookup(redis, "new", "t:", "s", [])
    t.check(r[1::2] == want, "the source's numbers %s, not %s" % (r[1::2], want))


def test_bucket_written_at_its_size(t, tmp):
    """A bucket keeps its newest 120 records (DEDUP_STORE_CAP); one of 71
    (the mean at 300,000 articles) costs what a SET of its 426 bytes costs
    (MEMORY USAGE): the script writes it whole.  The same records APPENDed
    one at a time, which preallocates, would cost more."""
    redis = Redis(tmp).start()
    for i in range(130):
        file(redis, "new", "t:", "0000000000000000 f%d x" % i, "s", [(0, 0x0042, 1)], cap=120)
    raw = redis.cmd("GET", "t:L:0042", raw=True)
    want = b"".join(bytes.fromhex("%08x0001" % n) for n in range(11, 131))
    t.check(raw == want, "not the newest 120 records: %d bytes" % len(raw))
    for i in range(71):
        file(redis, "new", "t:", "0000000000000000 g%d x" % i, "s", [(0, 0x0045, 1)], cap=120)
    want = redis.cmd("GET", "t:L:0045", raw=True)
    t.check(len(want) == 426, "71 records in %d bytes" % len(want))
    # keys of the same length: a key's own bytes count too
    for n in range(71):
        redis.cmd("APPEND", "t:L:0044", want[6 * n:6 * n + 6])
    redis.cmd("SET", "t:L:0043", want)
    filed, setb, app = (redis.cmd("MEMORY", "USAGE", k, "SAMPLES", "0")
                        for k in ("t:L:0045", "t:L:0043", "t:L:0044"))
    print("    MEMORY USAGE of 71 records: filed %d B, SET %d B, APPENDed %d B" % (filed, setb, app))
    t.check(filed == setb, "the filed bucket costs %d B, a SET of its bytes %d B" % (filed, setb))
    t.check(app > setb, "APPEND cost no more than SET (%d, %d)" % (app, setb))


TESTS = [test_same_candidates_as_sorted_sets, test_upgrade_from_sorted_sets,
         test_upgrade_reads_old_sets, test_numbers_past_2_32, test_bucket_written_at_its_size]

if __name__ == "__main__":
    main(TESTS)
