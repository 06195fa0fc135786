# dyad: plain GNU Makefile.
#
#   make                 libdyad.a, libdyad.so and ./dyad
#   make test            unit + golden tests (+ peer suite when ../shared
#                        is present)
#   make check           test, then the sanitizer build's tests and fuzz
#                        corpus replay
#   make fuzz            libFuzzer harnesses in build-fuzz/ (clang)
#   make bench           throughput/memory figures (needs ../shared)
#   make SANITIZE=address,undefined test    sanitizer build in build-san/
#   make WERROR=1        warnings are errors (CI)
#   make DEVELOPER=1     stricter warnings, -Werror

CC ?= cc
PKG_CONFIG ?= pkg-config
PREFIX ?= /usr/local
SHARED ?= ../shared

PKGS := icu-uc icu-i18n sqlite3 link-grammar libmicrohttpd
PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS))
PKG_LIBS := $(shell $(PKG_CONFIG) --libs $(PKGS))

WARN := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	-Wno-unused-parameter
ifeq ($(DEVELOPER),1)
WARN += -Wconversion -Wno-sign-conversion -Werror
endif
ifeq ($(WERROR),1)
WARN += -Werror
endif

OPT ?= -O2
BUILD := build
ifneq ($(SANITIZE),)
BUILD := build-san
OPT := -O1 -fno-omit-frame-pointer -fsanitize=$(SANITIZE) \
	-fno-sanitize-recover=all
LDSAN := -fsanitize=$(SANITIZE)
endif

KBDIR ?= $(CURDIR)/data
CPPFLAGS += -Iinclude -Isrc -I$(BUILD) -D_GNU_SOURCE \
	-DDY_KB_DIR='"$(KBDIR)"'
CFLAGS += -std=c17 $(OPT) -g -fPIC -fvisibility=hidden $(WARN) $(PKG_CFLAGS)
LDLIBS += $(PKG_LIBS) -lm -lpthread $(LDSAN)

# Library sources, bottom-up: base, text, parse front-ends, dictionaries,
# coder, context, output, store, server.
SRCS := \
	src/base/mem.c \
	src/base/arena.c \
	src/base/buf.c \
	src/base/str.c \
	src/base/hash.c \
	src/base/file.c \
	src/ctx.c \
	src/dates.c \
	src/geo.c \
	src/text.c \
	src/json.c \
	src/xml.c \
	src/sent.c \
	src/story.c \
	src/tree.c \
	src/lg.c \
	src/shallow.c \
	src/raw.c \
	src/dict.c \
	src/actors.c \
	src/coref.c \
	src/match.c \
	src/context.c \
	src/code.c \
	src/dictcheck.c \
	src/output.c \
	src/input.c \
	src/store.c \
	src/query.c \
	src/serve.c \
	src/validate.c

OBJS := $(SRCS:%.c=$(BUILD)/%.o)
GEN_OBJS := $(BUILD)/gazetteer.o
OBJS += $(GEN_OBJS)
LIB_A := $(BUILD)/libdyad.a
LIB_SO := $(BUILD)/libdyad.so
BIN := dyad

UNIT_SRCS := $(wildcard tests/unit/test_*.c)
UNIT_BINS := $(UNIT_SRCS:%.c=$(BUILD)/%)

# ./dyad is the plain build's; a sanitizer build keeps its own binary in
# its build folder
ifeq ($(SANITIZE),)
all: $(LIB_A) $(LIB_SO) $(BIN)
else
all: $(LIB_A) $(LIB_SO) $(BUILD)/cli/dyad
endif

# The shallow front-end's word table, generated from WordNet (Debian
# wordnet-base) by tools/mklex.c; never committed.
WORDNET_DIR ?= /usr/share/wordnet

$(BUILD)/tools/mklex: tools/mklex.c
	@mkdir -p $(dir $@)
	$(CC) -std=c17 -O2 $(WARN) -o $@ $<

$(BUILD)/shallow_lex.h: $(BUILD)/tools/mklex
	$(BUILD)/tools/mklex $(WORDNET_DIR) > $@.tmp && mv $@.tmp $@

$(BUILD)/src/shallow.o: $(BUILD)/shallow_lex.h

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c $< -o $@

$(LIB_A): $(OBJS) Makefile
	@rm -f $@
	ar rcs $@ $(OBJS)

$(LIB_SO): $(OBJS)
	$(CC) -shared -o $@ $^ $(LDFLAGS) $(LDLIBS)

# The gazetteer table: tools/gen_gazetteer reads GeoNames' cities from
# Debian's libgeonames (only this tool links it, libdyad gets the data),
# iso-codes, WordNet and data/src/, and writes $(BUILD)/gazetteer.c.  The
# tool folds names with the library's own src/text.c.  In a sanitizer build
# the tool is instrumented too; leak checking is off for it, as glib may
# keep one-time allocations to the end.
ISO_3166_JSON ?= /usr/share/iso-codes/json/iso_3166-1.json
WORDNET_DIR ?= /usr/share/wordnet
GAZ_TOOL := $(BUILD)/tools/gen_gazetteer
GAZ_TOOL_OBJS := $(BUILD)/tools/gen_gazetteer.o $(BUILD)/src/text.o \
	$(BUILD)/src/base/str.o $(BUILD)/src/base/arena.o \
	$(BUILD)/src/base/mem.o $(BUILD)/src/base/hash.o \
	$(BUILD)/src/base/file.o
GAZ_DATA := data/src/country-points.tsv data/src/place-aliases.tsv
GEONAMES_MISSING := libgeonames (pkg-config geonames) not found: \
	install the Debian package libgeonames-dev (tools/install-deps)

$(BUILD)/tools/gen_gazetteer.o: tools/gen_gazetteer.c
	@$(PKG_CONFIG) --exists geonames || \
		{ echo "error: $(GEONAMES_MISSING)" >&2; exit 1; }
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) \
		$$($(PKG_CONFIG) --cflags geonames | sed 's/-I/-isystem /g') \
		-MMD -MP -c $< -o $@

$(GAZ_TOOL): $(GAZ_TOOL_OBJS)
	$(CC) -o $@ $(GAZ_TOOL_OBJS) $(LDFLAGS) \
		$$($(PKG_CONFIG) --libs geonames) $(LDLIBS)

$(BUILD)/gazetteer.c: $(GAZ_TOOL) $(GAZ_DATA)
	ASAN_OPTIONS=detect_leaks=0 ./$(GAZ_TOOL) --iso $(ISO_3166_JSON) \
		--wordnet $(WORDNET_DIR) \
		--points data/src/country-points.tsv \
		--aliases data/src/place-aliases.tsv -o $@.tmp
	mv $@.tmp $@

$(BUILD)/gazetteer.o: $(BUILD)/gazetteer.c
	$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c $< -o $@

CLI_SRCS := $(wildcard cli/*.c)
CLI_OBJS := $(CLI_SRCS:%.c=$(BUILD)/%.o)

$(BUILD)/cli/dyad: $(CLI_OBJS) $(LIB_A)
	$(CC) -o $@ $(CLI_OBJS) $(LIB_A) $(LDFLAGS) $(LDLIBS)

# rm first: a running ./dyad cannot be overwritten ("text file busy")
$(BIN): $(BUILD)/cli/dyad
	rm -f $@ && cp $< $@

$(BUILD)/tests/unit/%: tests/unit/%.c $(LIB_A) tests/unit/test.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -Itests/unit -o $@ $< $(LIB_A) \
		$(LDFLAGS) $(LDLIBS)

unit: $(UNIT_BINS)
	@set -e; for t in $(UNIT_BINS); do ./$$t; done

# the suite after the unit tests: golden stories, the dictionary check,
# the peer suite, the store (docs examples, server, SIGKILL resume)
suite: all
	@./tests/run-golden.sh $(BUILD)/cli/dyad $(SHARED)
	@$(BUILD)/cli/dyad code -q | grep -q '"source":"IGOCSTO"' \
		&& echo "dyad code (built-in example)  ok" \
		|| { echo "dyad code: the built-in example codes no CSTO" \
			"event" >&2; exit 1; }
	@$(BUILD)/cli/dyad dict check -q | tail -n 1 | grep -q '^0 problems' \
		&& echo "dict check                   0 problems" \
		|| { $(BUILD)/cli/dyad dict check; exit 1; }
	@./tests/run-peer.sh $(BUILD)/cli/dyad $(SHARED)
	@./tests/store/docs.sh $(BUILD)/cli/dyad
	@./tests/store/serve.sh $(BUILD)/cli/dyad
	@./tests/store/kill.sh $(BUILD)/cli/dyad

test: all unit suite

# Fuzz harnesses (tests/fuzz/fuzz_*.c).  `make check` replays each over its
# corpus with deterministic mutations (tests/fuzz/replay.c) under the
# sanitizers; `make fuzz` builds libFuzzer binaries with clang in
# build-fuzz/ for long runs (see tests/fuzz/README).
FUZZERS := story input dict text dates
FUZZ_REPLAY := $(FUZZERS:%=$(BUILD)/fuzz/replay-%)
FUZZ_ROUNDS ?= 200

$(BUILD)/fuzz/replay-%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(LIB_A)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $< tests/fuzz/replay.c $(LIB_A) \
		$(LDFLAGS) $(LDLIBS)

fuzz-replay: $(FUZZ_REPLAY)
	@set -e; for f in $(FUZZERS); do \
		printf '%-28s ' "fuzz $$f"; \
		(cd $(BUILD)/fuzz && ./replay-$$f -m $(FUZZ_ROUNDS) \
			$(CURDIR)/tests/fuzz/corpus/$$f); \
	done

# test, then everything again under AddressSanitizer and UBSan, with the
# fuzz corpora replayed
check: test
	$(MAKE) SANITIZE=address,undefined all unit suite fuzz-replay

FUZZ_CC ?= clang
FUZZ_FLAGS := -g -O1 -fno-omit-frame-pointer \
	-fsanitize=fuzzer-no-link,address,undefined
fuzz:
	$(MAKE) BUILD=build-fuzz CC=$(FUZZ_CC) OPT="$(FUZZ_FLAGS)" \
		LDSAN="-fsanitize=address,undefined" build-fuzz/libdyad.a
	@set -e; for f in $(FUZZERS); do \
		echo "$(FUZZ_CC) ... -o build-fuzz/fuzz-$$f"; \
		$(FUZZ_CC) $(CPPFLAGS) -Ibuild-fuzz $(FUZZ_FLAGS) \
			-fsanitize=fuzzer -o build-fuzz/fuzz-$$f \
			tests/fuzz/fuzz_$$f.c build-fuzz/libdyad.a \
			$(PKG_LIBS) -lm -lpthread \
			-fsanitize=address,undefined; \
	done

$(BUILD)/bench/bench: bench/bench.c $(LIB_A)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $< $(LIB_A) $(LDFLAGS) $(LDLIBS)

bench: all $(BUILD)/bench/bench
	@./bench/run.sh ./$(BIN) $(BUILD)/bench/bench $(SHARED)

clean:
	rm -rf build build-san build-fuzz $(BIN)

.PHONY: all unit suite test check bench clean fuzz fuzz-replay

-include $(OBJS:.o=.d) $(CLI_OBJS:.o=.d) $(BUILD)/tools/gen_gazetteer.d
