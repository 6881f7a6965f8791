# otsnewsd -- one non-recursive Makefile.  Outputs under $(BUILD)/.
#
#   make            build build/otsnewsd and build/otsnews
#   make deps       install the Debian packages the build and tests need
#   make run        deps, build, start a local redis-server if none answers,
#                   run the daemon with conf/otsnewsd.conf
#   make demo       the daemon over the replay world, offline
#   make test       deps, build, run every test; ends with "N passed, M failed"
#   make check      test + sanitizer (ASan/UBSan) build + valgrind of the units
#   make bench      extraction and pipeline benchmarks (bench/RESULTS.md)
#   make install    install programs, config, unit file and man pages
#                   (PREFIX, SYSCONFDIR, UNITDIR, DESTDIR); keeps a changed
#                   configuration or term list
#   make uninstall  remove what install put, except a changed configuration
#   make deb        the Debian package, built in $(BUILD)/deb (deb-deps:
#                   the packaging tools, kept out of make deps)

VERSION	 = 0.1.0
BUILD	?= build
PREFIX	?= /usr/local
SYSCONFDIR ?= /etc
DESTDIR	?=
UNITDIR	?= $(or $(shell pkg-config --variable=systemdsystemunitdir systemd \
	       2>/dev/null),/lib/systemd/system)

CC	?= cc
PKGS	 = libcurl libevent libxml-2.0 hiredis jansson inih libsystemd \
	   libutf8proc libcrypto zlib
TEST_PKGS = cmocka

DEB_PKGS = build-essential pkg-config libcurl4-openssl-dev libevent-dev \
	   libxml2-dev libhiredis-dev libjansson-dev libinih-dev \
	   libsystemd-dev libutf8proc-dev libssl-dev libcmocka-dev \
	   zlib1g-dev libjemalloc-dev redis-server redis-tools python3 \
	   python3-jsonschema valgrind curl
# make deb only: the Debian packaging tools.
DEB_BUILD_PKGS = dpkg-dev debhelper lintian

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
TEST_LIBS  := $(shell pkg-config --libs $(TEST_PKGS) 2>/dev/null)
TOOL_LIBS  := $(shell pkg-config --libs libevent zlib 2>/dev/null)

WARN	 = -Wall -Wextra -Wformat=2 -Wshadow -Wstrict-prototypes \
	   -Wmissing-prototypes -Wwrite-strings -Wno-unused-parameter
ifdef CI
WARN	+= -Werror
endif
OPT	?= -O2 -g
CFLAGS	?=
CPPFLAGS += -Iinclude -I$(BUILD)/gen -D_GNU_SOURCE -DOTSNEWS_VERSION=\"$(VERSION)\"
ALL_CFLAGS = -std=gnu11 $(OPT) $(WARN) $(PKG_CFLAGS) $(CFLAGS)
LDFLAGS	?=
LIBS	 = $(PKG_LIBS) -lm

# The programs' allocator: jemalloc (Debian's libjemalloc2, the one
# redis-server uses).  The daemon makes many small allocations that live
# for one article; glibc's malloc spent ~27% of its cycles on them, and
# jemalloc costs a quarter less CPU in all (bench/RESULTS.md, "Allocator,
# session 2026-12-01 e").  Only the two programs link it: the unit tests
# keep glibc's, whose allocations valgrind follows, and a sanitizer build
# brings its own.  ALLOC= builds the programs with glibc's malloc.
ALLOC	?= jemalloc

ifdef SANITIZE
ALL_CFLAGS += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer \
	      -fno-sanitize-recover=undefined
LDFLAGS	+= -fsanitize=$(SANITIZE)
ALLOC	:=
endif
ALLOC_LIBS := $(if $(ALLOC),$(shell pkg-config --libs $(ALLOC) 2>/dev/null))

MAINS	 = daemon/otsnewsd.c daemon/otsnews.c
LIB_SRCS = $(filter-out $(MAINS),$(wildcard daemon/*.c))
LIB_OBJS = $(LIB_SRCS:%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/gen/ots_terms.o
LIB	 = $(BUILD)/libotsnews.a

UNIT_SRCS  = $(wildcard tests/unit/test_*.c)
UNIT_BINS  = $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
TOOL_SRCS  = $(wildcard tests/tools/*.c)
TOOL_BINS  = $(TOOL_SRCS:tests/tools/%.c=$(BUILD)/tests/%)

FUZZ_SRCS  = $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_NAMES = $(FUZZ_SRCS:tests/fuzz/fuzz_%.c=%)
FUZZRUN_BINS = $(FUZZ_NAMES:%=$(BUILD)/tests/fuzzrun_%)
FUZZ_SECONDS ?= 60

PROGS	 = $(BUILD)/otsnewsd $(BUILD)/otsnews

# Keep the test objects make would otherwise delete as intermediates.
.SECONDARY:

.PHONY: all deps deb-deps demo run test test-unit test-integration check bench \
	install install-gen uninstall deb clean tools fuzz
all: $(PROGS)

tools: $(TOOL_BINS)

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

# The OTS term list is compiled in as the default (topic.c).
$(BUILD)/gen/ots_terms.c: conf/ots-terms.txt
	@mkdir -p $(dir $@)
	@{ echo '/* generated from conf/ots-terms.txt */'; \
	   echo '#include <stddef.h>'; \
	   echo 'const unsigned char topic_builtin_terms[] = {'; \
	   od -An -v -tx1 $< | sed -e 's/[0-9a-f][0-9a-f]/0x&,/g'; \
	   echo '0x00 };'; \
	   echo 'const size_t topic_builtin_terms_len = sizeof topic_builtin_terms - 1;'; \
	} > $@.tmp && mv $@.tmp $@

$(BUILD)/obj/gen/ots_terms.o: $(BUILD)/gen/ots_terms.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(LIB): $(LIB_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/otsnewsd: $(BUILD)/obj/daemon/otsnewsd.o $(LIB)
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS) $(ALLOC_LIBS)

$(BUILD)/otsnews: $(BUILD)/obj/daemon/otsnews.o $(LIB)
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS) $(ALLOC_LIBS)

$(BUILD)/tests/%: $(BUILD)/obj/tests/unit/%.o $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS) $(TEST_LIBS)

# Fuzz targets replayed over their corpora without libFuzzer (make test).
$(BUILD)/tests/fuzzrun_%: $(BUILD)/obj/tests/fuzz/fuzz_%.o \
    $(BUILD)/obj/tests/fuzz/driver.o $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

# The dedup-state loader of the benchmark: the daemon's own encoder.
$(BUILD)/bench/dedup_load: $(BUILD)/obj/bench/dedup_load.o $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

# Near copies of real texts found, for what the sketch keeps.
$(BUILD)/bench/near_copy: $(BUILD)/obj/bench/near_copy.o $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

# libxml2's parse alone, the floor of `otsnews extract` (-s: of what it
# parses, the script and style text dropped).
$(BUILD)/bench/parse_floor: $(BUILD)/obj/bench/parse_floor.o $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

# Instructions of one publication's dedup work, without Redis (callgrind).
$(BUILD)/bench/dedup_cpu: $(BUILD)/obj/bench/dedup_cpu.o $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

# Test tools (the loopback web server) stand alone: libevent and zlib.
$(BUILD)/tests/%: $(BUILD)/obj/tests/tools/%.o
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(TOOL_LIBS)

# Install only what is missing (a fresh Debian 12 needs all of it).
define apt_install
	@missing=""; for p in $(1); do \
	    dpkg-query -W -f='$${Status}' $$p 2>/dev/null | \
	        grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	    echo "installing:$$missing"; \
	    SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	    $$SUDO apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq \
	        --no-install-recommends $$missing; \
	fi
endef

deps:
	$(call apt_install,$(DEB_PKGS))

deb-deps: deps
	$(call apt_install,$(DEB_BUILD_PKGS))

demo: deps
	@$(MAKE) --no-print-directory all $(TOOL_BINS)
	@BUILD=$(BUILD) bash tests/demo.sh

run: deps
	@$(MAKE) --no-print-directory all
	@BUILD=$(BUILD) sh tests/run-local.sh conf/otsnewsd.conf

test: deps
	@$(MAKE) --no-print-directory all $(UNIT_BINS) $(TOOL_BINS) $(FUZZRUN_BINS) \
	    $(BUILD)/bench/dedup_load
	@BUILD=$(BUILD) bash tests/run.sh

test-unit: all $(UNIT_BINS)
	@BUILD=$(BUILD) bash tests/run.sh unit

# Sanitizers (ASan/UBSan) over every test, and the unit tests under valgrind.
check: deps
	@$(MAKE) --no-print-directory all $(UNIT_BINS) $(TOOL_BINS)
	@$(MAKE) --no-print-directory BUILD=build/san SANITIZE=address,undefined \
	    OPT="-O1 -g" all $(UNIT_SRCS:tests/unit/%.c=build/san/tests/%) \
	    $(TOOL_SRCS:tests/tools/%.c=build/san/tests/%) \
	    $(FUZZ_NAMES:%=build/san/tests/fuzzrun_%) build/san/bench/dedup_load
	@if [ "$${OTSNEWS_DEB:-0}" = 1 ]; then \
	    $(MAKE) --no-print-directory deb || exit 1; fi
	@BUILD=build/san SANITIZE=address,undefined OPT="-O1 -g" CHECK=1 \
	    bash tests/run.sh

# libFuzzer (clang): every parser for FUZZ_SECONDS each; new inputs go to
# build/fuzz/corpus-NAME, crashes to build/fuzz/crash-*.
fuzz: deps
	@command -v clang >/dev/null || { echo "make fuzz needs clang"; exit 1; }
	@$(MAKE) --no-print-directory BUILD=build/fuzz CC=clang \
	    SANITIZE=address,undefined CFLAGS=-fsanitize=fuzzer-no-link \
	    OPT="-O1 -g" build/fuzz/libotsnews.a \
	    $(FUZZ_NAMES:%=build/fuzz/obj/tests/fuzz/fuzz_%.o)
	@for n in $(FUZZ_NAMES); do \
	    clang -fsanitize=fuzzer,address,undefined -o build/fuzz/fuzz_$$n \
	        build/fuzz/obj/tests/fuzz/fuzz_$$n.o build/fuzz/libotsnews.a \
	        $(LIBS) || exit 1; \
	    mkdir -p build/fuzz/corpus-$$n; \
	    case $$n in \
	    feed) seeds=tests/data/feeds ;; \
	    extract) seeds=tests/world/www ;; \
	    raw) seeds="tests/world/www tests/data/raw" ;; \
	    config) seeds="conf tests/data/config" ;; \
	    *) seeds="tests/data/topic tests/data/dedup" ;; \
	    esac; \
	    echo "== fuzz_$$n for $(FUZZ_SECONDS) s"; \
	    timeout $$(($(FUZZ_SECONDS) + 120)) build/fuzz/fuzz_$$n \
	        -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=10 \
	        -artifact_prefix=build/fuzz/crash-$$n- \
	        build/fuzz/corpus-$$n $$seeds 2>&1 | tail -3 || exit 1; \
	done

bench: all $(BUILD)/bench/parse_floor
	@bash bench/run.sh

# The unit and the configuration as installed: system paths filled in, and
# [filter] terms pointing at the installed term list.
ETCDIR	 = $(SYSCONFDIR)/otsnewsd
GEN	 = $(BUILD)/install
install-gen:
	@mkdir -p $(GEN)
	@sed -e 's|@SBINDIR@|$(PREFIX)/sbin|g' -e 's|@SYSCONFDIR@|$(SYSCONFDIR)|g' \
	    systemd/otsnewsd.service > $(GEN)/otsnewsd.service
	@sed -e '/^terms[ 	]*=/d' \
	    -e '/^\[filter\]/a terms = $(ETCDIR)/ots-terms.txt' \
	    conf/otsnewsd.conf.example > $(GEN)/otsnewsd.conf

# The configuration and the term list are installed only where absent.
install: all install-gen
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/sbin \
	    $(DESTDIR)$(ETCDIR) $(DESTDIR)$(UNITDIR) \
	    $(DESTDIR)$(PREFIX)/share/man/man1 \
	    $(DESTDIR)$(PREFIX)/share/man/man5 $(DESTDIR)$(PREFIX)/share/man/man8
	install -m 755 $(BUILD)/otsnewsd $(DESTDIR)$(PREFIX)/sbin/otsnewsd
	install -m 755 $(BUILD)/otsnews $(DESTDIR)$(PREFIX)/bin/otsnews
	@for f in otsnewsd.conf:$(GEN)/otsnewsd.conf \
	    ots-terms.txt:conf/ots-terms.txt; do \
		dst=$(DESTDIR)$(ETCDIR)/$${f%%:*}; \
		if [ -e $$dst ]; then echo "keeping $$dst"; \
		else echo "install -m 644 $${f#*:} $$dst"; \
		    install -m 644 $${f#*:} $$dst || exit 1; fi; \
	done
	install -m 644 man/otsnews.1 $(DESTDIR)$(PREFIX)/share/man/man1/
	install -m 644 man/otsnewsd.8 $(DESTDIR)$(PREFIX)/share/man/man8/
	install -m 644 man/otsnewsd.conf.5 $(DESTDIR)$(PREFIX)/share/man/man5/
	install -m 644 $(GEN)/otsnewsd.service $(DESTDIR)$(UNITDIR)/otsnewsd.service

# A configuration or term list that differs from what install put stays.
uninstall: install-gen
	rm -f $(DESTDIR)$(PREFIX)/sbin/otsnewsd $(DESTDIR)$(PREFIX)/bin/otsnews \
	    $(DESTDIR)$(PREFIX)/share/man/man1/otsnews.1 \
	    $(DESTDIR)$(PREFIX)/share/man/man8/otsnewsd.8 \
	    $(DESTDIR)$(PREFIX)/share/man/man5/otsnewsd.conf.5 \
	    $(DESTDIR)$(UNITDIR)/otsnewsd.service
	@for f in otsnewsd.conf:$(GEN)/otsnewsd.conf \
	    ots-terms.txt:conf/ots-terms.txt; do \
		dst=$(DESTDIR)$(ETCDIR)/$${f%%:*}; \
		[ -e $$dst ] || continue; \
		if cmp -s $${f#*:} $$dst; then echo "rm -f $$dst"; rm -f $$dst; \
		else echo "keeping changed $$dst"; fi; \
	done
	-@rmdir $(DESTDIR)$(ETCDIR) 2>/dev/null || true

# dpkg-buildpackage writes beside the source tree, so build a copy of it
# in $(BUILD)/deb: the packages land in $(BUILD)/deb.
deb: deb-deps
	rm -rf $(BUILD)/deb && mkdir -p $(BUILD)/deb/otsnewsd-$(VERSION)
	tar -cf - --exclude-vcs --exclude=./build --exclude=./bench/out . | \
	    tar -C $(BUILD)/deb/otsnewsd-$(VERSION) -xf -
	cd $(BUILD)/deb/otsnewsd-$(VERSION) && dpkg-buildpackage -us -uc -b
	lintian --fail-on error $(BUILD)/deb/*.changes

clean:
	rm -rf build

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
