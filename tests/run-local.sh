#!/bin/sh
# `make run`: a local redis-server if none answers (stopped again when the
# daemon exits, if this script started it), then the daemon in the
# foreground with the given configuration.  Ctrl-C stops both.
conf=${1:-conf/otsnewsd.conf}
BUILD=${BUILD:-build}
pidfile=$PWD/build/redis/redis.pid
started=""

rm -f "$pidfile"
sh tests/ensure-redis.sh "$conf" "$pidfile" || exit 1
[ -s "$pidfile" ] && started=$(cat "$pidfile")

stop_redis() {
	if [ -n "$started" ] && kill -0 "$started" 2>/dev/null; then
		echo "stopping the redis-server make run started (pid $started)"
		kill "$started"
	fi
}
trap 'stop_redis' EXIT
trap 'exit 130' INT TERM

# Offline, the outlets cannot answer: say so once, before the daemon's
# own lines about each source.
host=$(sed -n 's|^[[:space:]]*url[[:space:]]*=[[:space:]]*https\{0,1\}://\([^/:]*\).*|\1|p' "$conf" |
    grep -v '^127\.\|^localhost$' | head -1)
if [ -n "$host" ] && ! getent hosts "$host" >/dev/null 2>&1; then
	echo "note: $host does not resolve: this machine seems to be offline, so"
	echo "      the outlets in $conf cannot be reached; \`make demo\` runs the"
	echo "      daemon over the replay world in tests/world instead."
fi
[ -n "$started" ] && echo "redis-server started by make run (pid $started); it stops when the daemon exits"
"$BUILD/otsnewsd" -c "$conf"
