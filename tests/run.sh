#!/usr/bin/env bash
# Run every test and end with one line "N passed, M failed".
#
#   tests/run.sh            unit + integration
#   tests/run.sh unit       unit tests only
#   CHECK=1 BUILD=build/san tests/run.sh
#                           the same against the sanitizer build, plus the
#                           unit tests under valgrind (from build/)
#
# Unit tests are cmocka programs (build/tests/test_*); each cmocka test case
# counts.  Integration tests are tests/integration/test_*.py (real
# redis-server, real loopback web server, the real daemon); each test
# function counts.
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
what=${1:-all}
passed=0
failed=0
failures=()

count_cmocka() {	# name, output file, exit status
	local p f
	p=$(awk '/^\[  PASSED  \] [0-9]+/ { s += $4 } END { print s + 0 }' "$2")
	f=$(awk '/^\[  FAILED  \] [0-9]+/ { s += $4 } END { print s + 0 }' "$2")
	p=${p:-0}; f=${f:-0}
	if [ "$3" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1	# crashed or failed outside a test case
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	[ "$f" -eq 0 ] || failures+=("$1")
}

run_units() {
	local t out rc
	for t in "$BUILD"/tests/test_*; do
		[ -x "$t" ] || continue
		out=$(mktemp)
		timeout 300 "$t" >"$out" 2>&1
		rc=$?
		count_cmocka "$(basename "$t")" "$out" "$rc"
		if [ "$rc" -ne 0 ]; then
			echo "--- $(basename "$t") (exit $rc)"
			grep -E 'FAIL|ERROR|error|Assert|Sanitizer|runtime error' "$out" | head -30
		fi
		rm -f "$out"
	done
}

run_valgrind() {	# the unit tests of the plain build under valgrind
	local t out rc
	command -v valgrind >/dev/null || { echo "valgrind missing"; failed=$((failed + 1)); return; }
	for t in build/tests/test_*; do
		[ -x "$t" ] || continue
		out=$(mktemp)
		OTSNEWS_TEST_SMALL=1 timeout 900 valgrind -q --leak-check=full --errors-for-leak-kinds=definite \
		    --error-exitcode=99 "$t" >"$out" 2>&1
		rc=$?
		if [ "$rc" -eq 0 ]; then
			passed=$((passed + 1))
		else
			failed=$((failed + 1))
			failures+=("valgrind:$(basename "$t")")
			echo "--- valgrind $(basename "$t") (exit $rc)"
			grep -E '==[0-9]+==' "$out" | head -30
		fi
		rm -f "$out"
	done
}

run_fuzz_replay() {	# every fuzz target over its seed corpus
	local name bin out rc soup
	# fuzz_raw also reads 20,000 pages of token soup (tests/fuzz/raw_soup.py)
	soup=$(mktemp -d)
	python3 tests/fuzz/raw_soup.py "$soup" 20000
	for bin in "$BUILD"/tests/fuzzrun_*; do
		[ -x "$bin" ] || continue
		name=${bin##*/fuzzrun_}
		out=$(mktemp)
		case $name in
		feed) find tests/data/feeds -type f -print0 ;;
		extract) find tests/world/www -name '*.html' -print0 ;;
		raw) find tests/world/www tests/data/raw "$soup" \
		    -name '*.html' -print0 ;;
		config) find conf tests/data/config -type f -name '*.conf*' \
		    -print0 ;;
		*) find tests/data/topic tests/data/dedup tests/data/seeds -type f -print0 ;;
		esac | xargs -0 timeout 600 "$bin" >"$out" 2>&1
		rc=$?
		if [ "$rc" -eq 0 ]; then
			passed=$((passed + 1))
		else
			failed=$((failed + 1))
			failures+=("fuzz-replay:$name")
			echo "--- fuzz replay $name (exit $rc)"
			tail -20 "$out"
		fi
		rm -f "$out"
	done
	rm -rf "$soup"
}

run_integration() {
	local t out rc p f
	for t in tests/integration/test_*.py; do
		out=$(mktemp)
		BUILD=$BUILD timeout 900 python3 "$t" 2>&1 | tee "$out"
		rc=${PIPESTATUS[0]}
		p=$(grep -Eo '^integration: [0-9]+ passed' "$out" | grep -Eo '[0-9]+' || echo 0)
		f=$(grep -Eo ', [0-9]+ failed' "$out" | tail -1 | grep -Eo '[0-9]+' || echo 0)
		p=${p:-0}; f=${f:-0}
		if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
		passed=$((passed + p))
		failed=$((failed + f))
		[ "$f" -eq 0 ] || failures+=("$(basename "$t")")
		rm -f "$out"
	done
}

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
echo "== unit tests ($BUILD)"
run_units
echo "== fuzz targets over their corpora ($BUILD)"
run_fuzz_replay
if [ "$what" = all ]; then
	echo "== integration tests ($BUILD)"
	run_integration
fi
if [ "${CHECK:-0}" = 1 ]; then
	echo "== valgrind (build)"
	run_valgrind
fi
[ "${#failures[@]}" -eq 0 ] || echo "failing: ${failures[*]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
