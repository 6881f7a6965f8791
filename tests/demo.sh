#!/usr/bin/env bash
# make demo: the daemon over the replay world (tests/world), offline.
# Starts the loopback web server and a throwaway redis-server, runs
# `otsnewsd --once` with [filter] topic = ots, prints the stream with
# `otsnews tail`, and stops what it started.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
tmp=$(mktemp -d /tmp/otsnews-demo-XXXXXX)
cleanup() {
	[ -n "${wpid:-}" ] && kill "$wpid" 2>/dev/null || true
	redis-cli -p "$rport" shutdown nosave >/dev/null 2>&1 || true
	rm -rf "$tmp"
}
trap cleanup EXIT
"$BUILD/tests/worldd" -d tests/world/www -P "$tmp/port" -l "$tmp/requests" &
wpid=$!
for i in $(seq 50); do [ -s "$tmp/port" ] && break; sleep 0.1; done
base="http://127.0.0.1:$(cat "$tmp/port")"
rport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
redis-server --port "$rport" --bind 127.0.0.1 --save "" --daemonize yes \
    --dir "$tmp" --logfile "$tmp/redis.log"
for i in $(seq 50); do redis-cli -p "$rport" ping >/dev/null 2>&1 && break; sleep 0.1; done
conf="$tmp/demo.conf"
{
	printf '[daemon]\nstate_dir = %s/state\nallow_private_networks = yes\n' "$tmp"
	printf '[redis]\nurl = redis://127.0.0.1:%s/0\n[filter]\ntopic = ots\n' "$rport"
	python3 - "$base" <<'PY'
import json, sys
base = sys.argv[1]
for s in json.load(open("tests/world/world.json"))["sources"]:
    print("[source %s]\nurl = %s%s\ntype = %s\nlang = %s" % (s["name"], base, s["path"], s["type"], s["lang"]))
    if s.get("links"):
        print("links = " + s["links"])
    if s["name"].startswith(("akorda", "kt", "inform")):
        print("tz = Asia/Almaty")
PY
} > "$conf"
echo "== otsnewsd --once over $base (topic = ots)"
"$BUILD/otsnewsd" -c "$conf" --once
n=$(redis-cli -p "$rport" xlen ots:articles)
echo "== $n records on ots:articles (otsnews tail --from-start)"
"$BUILD/otsnews" tail -c "$conf" --from-start --count "$n"
