#!/bin/sh
# bench/stories: pairwise precision/recall of "same story" (bench/RESULTS.md).
#   sh bench/stories/run.sh        (after make; regenerate texts with make.py)
set -e
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
PKGS="libcurl libevent libxml-2.0 hiredis jansson inih libsystemd libutf8proc libcrypto zlib"
${CC:-cc} -std=gnu11 -O2 -Iinclude -D_GNU_SOURCE $(pkg-config --cflags $PKGS) \
    -o "$BUILD/bench-stories-group" bench/stories/group.c "$BUILD/libotsnews.a" \
    $(pkg-config --libs $PKGS) -lm
python3 bench/stories/score.py "$BUILD/bench-stories-group" bench/stories/texts "$@"
