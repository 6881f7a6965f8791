#!/usr/bin/env bash
# run.sh -- extraction benchmark: accuracy (the benchmark's own metric,
# bench/score.py) and speed of `otsnews extract` next to the floor, libxml2's
# HTML parser alone (bench/parse_floor.c).  Run from the repository root;
# `make bench` calls it after building.
#
#   BUILD=build  OTSNEWS=$BUILD/otsnews  RUNS=5  bash bench/run.sh
set -euo pipefail

BUILD=${BUILD:-build}
OTSNEWS=${OTSNEWS:-$BUILD/otsnews}
RUNS=${RUNS:-5}
SET=bench/extraction
OUT=$BUILD/bench
PAGES=$OUT/pages

mkdir -p "$PAGES"
for f in "$SET"/html/*.html.gz; do
	b=$(basename "$f" .gz)
	[ -s "$PAGES/$b" ] || gzip -dc "$f" > "$PAGES/$b"
done
cc -O2 -o "$OUT/parse_floor" bench/parse_floor.c \
    $(pkg-config --cflags --libs libxml-2.0)

npages=$(ls "$PAGES"/*.html | wc -l)
bytes=$(cat "$PAGES"/*.html | wc -c)

# accuracy
"$OTSNEWS" extract "$PAGES"/*.html > "$OUT/extract.jsonl"
python3 bench/score.py "$SET/ground-truth.json" "$OUT/extract.jsonl" \
    > "$OUT/score.txt"

now() { date +%s.%N; }
calc() { awk "BEGIN { printf \"%.6f\", $1 }"; }
best() { sort -g | head -1; }

# speed: best of $RUNS, each a single process over every page
ext=$(for i in $(seq "$RUNS"); do
	t0=$(now); "$OTSNEWS" extract "$PAGES"/*.html > /dev/null
	t1=$(now); calc "$t1 - $t0"; echo
done | best)
flo=$(for i in $(seq "$RUNS"); do
	t0=$(now); "$OUT/parse_floor" "$PAGES"/*.html > /dev/null
	t1=$(now); calc "$t1 - $t0"; echo
done | best)

rate() { printf "%.0f pages/s %.1f MB/s" "$(calc "$npages / $1")" \
    "$(calc "$bytes / 1000000 / $1")"; }

echo "extraction benchmark: $npages pages, $(calc "$bytes / 1000000" | xargs printf '%.1f') MB"
echo "accuracy: $(cat "$OUT/score.txt")"
echo "otsnews extract: $(printf '%.3f' "$ext") s  $(rate "$ext")"
echo "libxml2 parse:   $(printf '%.3f' "$flo") s  $(rate "$flo")  (floor)"
echo "extract speed / floor speed: $(calc "$flo / $ext" | xargs printf '%.2f')"

# pipeline: the daemon over N synthetic sources (20 articles each) with a
# real redis-server; CPU per article and the steady-state share of a core.
make --no-print-directory "$BUILD/tests/worldd" >/dev/null
echo "pipeline benchmark: ${PIPELINE_SOURCES:-1000} sources"
BUILD=$BUILD python3 bench/pipeline.py "${PIPELINE_SOURCES:-1000}"
