# dyad: plain GNU Makefile.
#
#   make                 libdyad.a, libdyad.so and ./dyad
#   make test            unit + golden tests (+ peer suite when ../shared
#                        is present)
#   make check           test, then the sanitizer build's tests and fuzz
#                        corpus replay
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
	src/text.c \
	src/json.c \
	src/xml.c \
	src/sent.c \
	src/story.c \
	src/tree.c \
	src/raw.c \
	src/dict.c \
	src/actors.c \
	src/coref.c \
	src/match.c \
	src/code.c \
	src/dictcheck.c \
	src/output.c \
	src/input.c \
	src/validate.c

OBJS := $(SRCS:%.c=$(BUILD)/%.o)
LIB_A := $(BUILD)/libdyad.a
LIB_SO := $(BUILD)/libdyad.so
BIN := dyad

UNIT_SRCS := $(wildcard tests/unit/test_*.c)
UNIT_BINS := $(UNIT_SRCS:%.c=$(BUILD)/%)

all: $(LIB_A) $(LIB_SO) $(BIN)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c $< -o $@

$(LIB_A): $(OBJS) Makefile
	@rm -f $@
	ar rcs $@ $(OBJS)

$(LIB_SO): $(OBJS)
	$(CC) -shared -o $@ $^ $(LDFLAGS) $(LDLIBS)

CLI_SRCS := $(wildcard cli/*.c)
CLI_OBJS := $(CLI_SRCS:%.c=$(BUILD)/%.o)

$(BUILD)/cli/dyad: $(CLI_OBJS) $(LIB_A)
	$(CC) -o $@ $(CLI_OBJS) $(LIB_A) $(LDFLAGS) $(LDLIBS)

$(BIN): $(BUILD)/cli/dyad
	cp $< $@

$(BUILD)/tests/unit/%: tests/unit/%.c $(LIB_A) tests/unit/test.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -Itests/unit -o $@ $< $(LIB_A) \
		$(LDFLAGS) $(LDLIBS)

unit: $(UNIT_BINS)
	@set -e; for t in $(UNIT_BINS); do ./$$t; done

test: all unit
	@./tests/run-golden.sh $(BUILD)/cli/dyad
	@./tests/run-peer.sh $(BUILD)/cli/dyad $(SHARED)

check: test
	$(MAKE) SANITIZE=address,undefined unit
	@./tests/run-golden.sh build-san/cli/dyad

$(BUILD)/bench/bench: bench/bench.c $(LIB_A)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $< $(LIB_A) $(LDFLAGS) $(LDLIBS)

bench: all $(BUILD)/bench/bench
	@./bench/run.sh ./$(BIN) $(BUILD)/bench/bench $(SHARED)

clean:
	rm -rf build build-san $(BIN)

.PHONY: all unit test check bench clean

-include $(OBJS:.o=.d) $(CLI_OBJS:.o=.d)
