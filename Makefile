# A thin front door over meson/ninja. The two commands a newcomer needs:
#   make run    install what is missing, build, start kam on a demo database
#   make test   build (-Werror), run every test, then again under ASan+UBSan,
#               then again on PostgreSQL (a private cluster, started and stopped)
# The last line of `make test` is "N passed, N failed".

BUILD      ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 60
KAM_DB     ?= kam.db
KAM_LISTEN ?= 127.0.0.1:8080
KAM        := $(BUILD)/kam

.PHONY: all run test test-fast test-pg bench fuzz clean bootstrap format configure configure-asan $(KAM)

all: $(KAM)

bootstrap:
	@sh scripts/bootstrap

# scripts/configure sets a build directory up, and again when files were added.
configure: bootstrap
	@sh scripts/configure $(BUILD) -Dwerror=true

configure-asan: bootstrap
	@sh scripts/configure $(ASAN_BUILD) -Dwerror=true -Db_sanitize=address,undefined -Dbuildtype=debug

$(KAM): configure
	ninja -C $(BUILD)

run: $(KAM)
	@KAM_LISTEN="$(KAM_LISTEN)" sh scripts/run "$(KAM)" "$(KAM_DB)"

# The three passes (SQLite, SQLite under ASan+UBSan, PostgreSQL) are counted
# together; the script exits non-zero on any failure.
test: configure configure-asan
	ninja -C $(BUILD)
	ninja -C $(ASAN_BUILD)
	@sh tests/run.sh $(BUILD) $(ASAN_BUILD) --pg $(BUILD)

# One pass, no sanitizers: for the edit-compile-test loop.
test-fast: $(KAM)
	@sh tests/run.sh $(BUILD)

# One pass on PostgreSQL only.
test-pg: $(KAM)
	@sh tests/run.sh --pg $(BUILD)

bench: $(KAM)
	@for b in bench/*.sh; do echo "== $$b"; sh $$b $(KAM) || exit 1; done

# Search for new inputs with libFuzzer (clang, ASan+UBSan), FUZZ_SECONDS per
# target (tests/fuzz). `make test` replays the committed corpus on every build.
fuzz:
	@KAM_BOOTSTRAP_EXTRA=clang sh scripts/bootstrap
	@CC=clang sh scripts/configure $(FUZZ_BUILD) -Dfuzz=true -Db_sanitize=address,undefined \
		-Db_lundef=false -Dc_args=-fsanitize=fuzzer-no-link
	ninja -C $(FUZZ_BUILD)
	@sh tests/fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS)

format:
	clang-format -i src/*/*.c src/*/*.h src/*.c tests/unit/*.c

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
