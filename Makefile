# Ladder: the two commands a new user needs are `make run` and `make test`.
# Each installs what is missing first (`make deps`), so both work on a fresh machine.

CARGO ?= cargo
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
LADDER := target/debug/ladder

.PHONY: deps run test build fmt lint fuzz

## Install what is missing: rustfmt and clippy, a C compiler (bundled SQLite),
## LibreOffice Calc (the workbook tests open every workbook in it), and mount and chattr
## (the fault tests mount a small tmpfs and make files immutable). Idempotent.
deps:
	@command -v $(CARGO) >/dev/null || { echo "Ladder needs Rust (cargo): see https://rustup.rs"; exit 1; }
	@command -v cc >/dev/null || { echo "installing a C compiler (for the bundled SQLite)"; $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq gcc; }
	@$(CARGO) fmt --version >/dev/null 2>&1 || rustup component add rustfmt
	@$(CARGO) clippy --version >/dev/null 2>&1 || rustup component add clippy
	@command -v mount >/dev/null || { echo "installing mount (fault tests)"; $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq mount; }
	@command -v chattr >/dev/null || { echo "installing e2fsprogs for chattr (fault tests)"; $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq e2fsprogs; }
	@command -v soffice >/dev/null || { echo "installing LibreOffice Calc (headless)"; $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libreoffice-calc-nogui >/dev/null; }

build: deps
	$(CARGO) build --locked

## Build Ladder and open your own database: the team overview and the plan checks.
run: build
	$(LADDER) start

fmt:
	$(CARGO) fmt --all

lint: deps
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --locked --all-targets -- -D warnings
	@# The fuzz targets live outside the workspace; type-check them so they never rot.
	RUSTFLAGS="--cfg fuzzing" $(CARGO) check --quiet --manifest-path fuzz/Cargo.toml --bins

## Format check, lints, and every test (unit, CLI, store), sharing one debug build.
test: lint
	$(CARGO) test --locked --all-targets

## Fuzz the workbook import and the command line, 60 s each (FUZZ_SECONDS to change it).
## Not part of `make test`: it needs a nightly toolchain and cargo-fuzz, which it installs
## when it can; when it cannot, it says why and fails.
fuzz: deps
	fuzz/run.sh
