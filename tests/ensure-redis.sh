#!/bin/sh
# Start a local redis-server when none answers at the configured address.
# Used by `make run`.  Reads [redis] url from the configuration given.
conf=${1:-conf/otsnewsd.conf}
pidfile=${2:-}	# where to write the pid of a redis-server started here
url=$(sed -n '/^\[redis\]/,/^\[/{s/^[[:space:]]*url[[:space:]]*=[[:space:]]*\([^[:space:]#;]*\).*/\1/p}' "$conf" | head -1)
url=${url:-redis://127.0.0.1:6379/0}
case "$url" in
unix://*)
	sock=${url#unix://}
	redis-cli -s "$sock" ping >/dev/null 2>&1 && exit 0
	echo "starting redis-server on $sock"
	exec redis-server --unixsocket "$sock" --port 0 --daemonize yes \
	    --save "" --dir /tmp ${pidfile:+--pidfile "$pidfile"} >/dev/null ;;
esac
hostport=${url#redis://}
hostport=${hostport#*@}
hostport=${hostport%%/*}
host=${hostport%:*}
port=${hostport##*:}
[ "$port" = "$hostport" ] && port=6379
[ -n "$host" ] || host=127.0.0.1
if redis-cli -h "$host" -p "$port" ping >/dev/null 2>&1; then
	echo "redis answers on $host:$port"
	exit 0
fi
case "$host" in
127.*|localhost) ;;
*) echo "redis at $host:$port does not answer; not starting one elsewhere" >&2; exit 1 ;;
esac
echo "starting redis-server on $host:$port"
mkdir -p build/redis
redis-server --bind "$host" --port "$port" --daemonize yes --dir "$PWD/build/redis" \
    --logfile "$PWD/build/redis/redis.log" --appendonly yes \
    --maxmemory-policy noeviction ${pidfile:+--pidfile "$pidfile"}
for i in 1 2 3 4 5 6 7 8 9 10; do
	redis-cli -h "$host" -p "$port" ping >/dev/null 2>&1 && exit 0
	sleep 0.3
done
echo "redis-server did not start; see build/redis/redis.log" >&2
exit 1
