#!/usr/bin/env bash
# feeds.sh -- speed of `otsnews parse-feed` on large feeds, whole processes,
# beside `xmllint --noout` (libxml2's parse alone, the floor) and Python's
# feedparser.  The corpus (bench/gen_feeds.py: RSS 2.0, Atom 1.0, a
# WordPress-shaped and a news-agency-shaped feed, 1,000 items each) is
# written under $BUILD/bench/feeds at bench time.  Run from the repository
# root; bench/run.sh calls it.
#
#   BUILD=build  OTSNEWS=$BUILD/otsnews  RUNS=5  FP_RUNS=3  ITEMS=1000  CALLGRIND=0 \
#       bash bench/feeds.sh
#
# Per file: best of $RUNS wall-clock seconds of each process, then the
# ratios otsnews / xmllint (target <= 2) and feedparser / otsnews (target
# >= 20).  CALLGRIND=1 adds instruction counts of otsnews and xmllint
# (valgrind --tool=callgrind), which do not move with the machine's load.
set -euo pipefail

BUILD=${BUILD:-build}
OTSNEWS=${OTSNEWS:-$BUILD/otsnews}
RUNS=${RUNS:-5}
# feedparser, ~2 s a file, is timed best of FP_RUNS: the slow reference
# whose best of three is its best of five within noise, and make bench
# must stay under 15 minutes
FP_RUNS=${FP_RUNS:-3}
ITEMS=${ITEMS:-1000}
CALLGRIND=${CALLGRIND:-0}
OUT=$BUILD/bench/feeds

mkdir -p "$OUT"
python3 bench/gen_feeds.py "$OUT" "$ITEMS"

# feedparser: Debian's python3-feedparser lives in the system interpreter
fp_py=
for py in python3 /usr/bin/python3; do
	if command -v "$py" >/dev/null 2>&1 &&
	    "$py" -c 'import feedparser' 2>/dev/null; then
		fp_py=$py
		break
	fi
done

now() { date +%s.%N; }
calc() { awk "BEGIN { printf \"%.6f\", $1 }"; }
best() { sort -g | head -1; }

# timeit CMD...: best of $RUNS (or $N), output discarded
timeit() {
	for i in $(seq "${N:-$RUNS}"); do
		t0=$(now); "$@" > /dev/null 2>&1 || true
		t1=$(now); calc "$t1 - $t0"; echo
	done | best
}

# irs CMD...: instructions of one run under callgrind
irs() {
	valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" \
	    2>&1 >/dev/null | awk '/refs:/ { gsub(",", "", $NF); print $NF }'
}

echo "feed benchmark: $ITEMS items per feed, best of $RUNS (feedparser $FP_RUNS), whole processes"
printf '  %-14s %6s %9s %9s %10s %8s %8s\n' file MB otsnews xmllint \
    feedparser ots/xml fp/ots
for f in "$OUT"/*.xml "$OUT"/*.atom; do
	mb=$(calc "$(wc -c < "$f") / 1000000")
	o=$(timeit "$OTSNEWS" parse-feed "$f")
	x=$(timeit xmllint --noout "$f")
	if [ -n "$fp_py" ]; then
		p=$(N=$FP_RUNS timeit "$fp_py" -c 'import sys, feedparser
feedparser.parse(open(sys.argv[1], "rb").read())' "$f")
		pr=$(calc "$p / $o" | xargs printf '%.1f')
		p=$(printf '%.3f' "$p")
	else
		p=n/a
		pr=n/a
	fi
	printf '  %-14s %6.2f %9.3f %9.3f %10s %8.2f %8s\n' "$(basename "$f")" \
	    "$mb" "$o" "$x" "$p" "$(calc "$o / $x")" "$pr"
done
[ -n "$fp_py" ] ||
    echo "  feedparser: not installed (apt-get install python3-feedparser)"

if [ "$CALLGRIND" = 1 ] && command -v valgrind >/dev/null 2>&1; then
	echo "instructions (callgrind):"
	printf '  %-14s %14s %14s %8s\n' file otsnews xmllint ots/xml
	for f in "$OUT"/*.xml "$OUT"/*.atom; do
		o=$(irs "$OTSNEWS" parse-feed "$f")
		x=$(irs xmllint --noout "$f")
		printf '  %-14s %14s %14s %8.2f\n' "$(basename "$f")" "$o" "$x" \
		    "$(calc "$o / $x")"
	done
fi
