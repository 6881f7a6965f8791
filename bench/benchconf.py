"""What the daemon benchmarks share: a configuration of N synthetic
sources (worldd's /_gen/ feeds) over one redis-server, and Redis's command
counts.  Imported by bench/pipeline.py, bench/dedup_state.py and
bench/service.py."""
import os, re


def write_gen_conf(path, tmp, redis_port, base, sources, path_of, interval, once=True,
                   redis_timeout=None):
    """A configuration of `sources` feeds [source genI] at base + path_of(I),
    all topics kept, state under tmp; `once`: a --once run's timeout;
    `redis_timeout`: [redis] timeout (seconds), else the default."""
    with open(path, "w") as f:
        f.write("[daemon]\nstate_dir = %s/state\nallow_private_networks = yes\nlog_level = warn\n"
                "max_connections = 64\nmax_host_connections = 16\n%s"
                "[redis]\nurl = redis://127.0.0.1:%d/0\n%s[filter]\ntopic = all\n"
                % (tmp, "once_timeout = 1800\n" if once else "", redis_port,
                   "timeout = %d\n" % redis_timeout if redis_timeout else ""))
        for i in range(sources):
            f.write("[source gen%d]\nurl = %s%s\ntype = rss\ninterval = %d\nlang = en\n"
                    % (i, base, path_of(i), interval))


def commandstats(redis):
    """{command: calls} from INFO commandstats (calls inside scripts too)."""
    text = redis.cmd("INFO", "commandstats")
    text = text.decode() if isinstance(text, bytes) else text
    return {m.group(1): int(m.group(2)) for m in re.finditer(r"cmdstat_(\w+):calls=(\d+)", text)}
