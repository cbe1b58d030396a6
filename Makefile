# Ladder: the two commands a new user needs are `make run` and `make test`.
# Each installs what is missing first (`make deps`), so both work on a fresh machine.

CARGO ?= cargo
NPM ?= npm
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
LADDER := target/debug/ladder
APP := target/debug/ladder-desktop
export PATH := $(HOME)/.cargo/bin:$(PATH)

# What the desktop app needs to build (WebKitGTK and friends), to be tested end to end
# (the WebDriver for WebKitGTK, a virtual X server) and to take screenshots; LibreOffice
# Calc (the workbook tests open every workbook in it); mount and chattr (the fault tests
# mount a small tmpfs and make files immutable); zip and unzip (the end-to-end workbook
# test edits an exported workbook's XML as a user would edit a cell); python3 (the
# end-to-end close test presses the window's close button through libX11).
APT_PACKAGES := gcc libwebkit2gtk-4.1-dev webkit2gtk-driver xvfb librsvg2-dev libssl-dev \
	pkg-config imagemagick xauth libreoffice-calc-nogui mount e2fsprogs zip unzip python3

UI_SOURCES := $(shell find ui/src ui/index.html ui/vite.config.ts ui/svelte.config.js ui/tsconfig.json -type f 2>/dev/null)

.PHONY: deps apt-deps node-deps tauri-driver ui run run-cli test build fmt lint types \
	ui-check ui-test e2e screenshots fuzz bench bench-python bench-desktop bench-desktop-smoke \
	hyperfine

## Install what is missing: Debian packages, rustfmt and clippy, node modules (npm ci),
## tauri-driver. Idempotent: a second run installs nothing.
deps: apt-deps node-deps tauri-driver
	@$(CARGO) fmt --version >/dev/null 2>&1 || rustup component add rustfmt
	@$(CARGO) clippy --version >/dev/null 2>&1 || rustup component add clippy

apt-deps:
	@command -v $(CARGO) >/dev/null || { echo "Ladder needs Rust (cargo): see https://rustup.rs"; exit 1; }
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing:" $$missing; \
		$(SUDO) apt-get update -qq && \
		$(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null && \
		$(SUDO) apt-get clean; \
	fi
	@command -v node >/dev/null || { echo "Ladder's UI needs Node.js 20.19 or newer with npm: see https://nodejs.org"; exit 1; }

node-deps: ui/node_modules/.package-lock.json

# npm writes node_modules/.package-lock.json on every install: newer than the lock file
# means the modules are current.
ui/node_modules/.package-lock.json: ui/package-lock.json ui/package.json
	cd ui && $(NPM) ci --no-audit --no-fund
	@touch $@

tauri-driver:
	@command -v tauri-driver >/dev/null || $(CARGO) install tauri-driver --locked

## The UI, built into ui/dist, which the desktop binary embeds.
ui: ui/dist/index.html

ui/dist/index.html: ui/node_modules/.package-lock.json $(UI_SOURCES)
	cd ui && $(NPM) run --silent build

build: deps ui
	$(CARGO) build --locked --workspace

## Build Ladder and open the desktop app on your own database (LADDER_DB overrides).
## The command line stays available as target/debug/ladder.
run: build
	$(APP)

## The command-line tour of your database, as before the desktop app.
run-cli: build
	$(LADDER) start

fmt:
	$(CARGO) fmt --all

lint: deps ui
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --locked --workspace --all-targets -- -D warnings
	@# The fuzz targets live outside the workspace; type-check them so they never rot.
	RUSTFLAGS="--cfg fuzzing" $(CARGO) check --quiet --manifest-path fuzz/Cargo.toml --bins

## Regenerate the TypeScript types in ui/src/lib/types from the Rust types.
types:
	LADDER_WRITE_TYPES=1 $(CARGO) test --locked -p ladder-desktop types

ui-check: node-deps
	cd ui && $(NPM) run --silent check

ui-test: node-deps
	cd ui && $(NPM) run --silent test

## The real app under a virtual display, driven through tauri-driver. --test-force-exit:
## a process left behind by a failed test must not keep the run waiting.
e2e: build
	LADDER_APP=$(APP) LADDER_E2E_OUT=$(CURDIR)/e2e-artifacts WEBKIT_DISABLE_COMPOSITING_MODE=1 \
		xvfb-run -a -s "-screen 0 1280x800x24" node --test --test-force-exit --test-reporter=spec tests/e2e/

## The README's screenshots of the desktop app, taken in the same run as the e2e test.
screenshots: build
	LADDER_APP=$(APP) LADDER_SCREENSHOTS=$(CURDIR)/docs LADDER_E2E_OUT=$(CURDIR)/e2e-artifacts \
		WEBKIT_DISABLE_COMPOSITING_MODE=1 \
		xvfb-run -a -s "-screen 0 1280x800x24" node --test --test-force-exit tests/e2e/

## Format check, lints, the UI type check and unit tests, every Rust test (unit, CLI,
## store, the shell's generated-types check), the app end to end, and a smoke run of the
## desktop bench, sharing one build.
test: lint ui-check ui-test build
	$(CARGO) test --locked --workspace --all-targets
	$(MAKE) --no-print-directory e2e
	$(MAKE) --no-print-directory bench-desktop-smoke

## Fuzz the workbook import and the command line, 60 s each (FUZZ_SECONDS to change it).
## Not part of `make test`: it needs a nightly toolchain and cargo-fuzz, which it installs
## when it can; when it cannot, it says why and fails.
fuzz: deps
	fuzz/run.sh

## Ladder at scale: generates organisations of 100 to 100,000 people (`ladder demo
## --people N`), times what a manager does with them (median of several runs), prints a
## table and rewrites BENCHMARKS.md. Not part of `make test`, which runs the same harness
## once at 30 people so it never rots.
bench: bench-python
	LADDER_BENCH_OUT=$(CURDIR)/BENCHMARKS.md $(CARGO) bench --locked --bench scale
	$(MAKE) --no-print-directory bench-desktop

## The Python spreadsheet libraries `make bench` compares Ladder's export and import with
## (benches/compare.py): a virtual environment in benches/.venv (git-ignored) with pinned
## XlsxWriter and openpyxl, and python3-venv first when it is missing.
PY_PACKAGES := XlsxWriter==3.3.1 openpyxl==3.1.5 et-xmlfile==2.0.0
bench-python: benches/.venv/.installed

benches/.venv/.installed: Makefile
	@command -v python3 >/dev/null || { $(SUDO) apt-get update -qq && \
		$(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3 >/dev/null; }
	@python3 -c 'import ensurepip, venv' 2>/dev/null || { $(SUDO) apt-get update -qq && \
		$(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-venv >/dev/null; }
	[ -x benches/.venv/bin/python ] || python3 -m venv benches/.venv
	benches/.venv/bin/pip install --quiet --disable-pip-version-check $(PY_PACKAGES)
	@touch $@

## The desktop app's start-up (to its first screen, the Dashboard, interactive) and
## memory at 10,000 people beside an empty Tauri 2 window built the same way
## (benches/empty-window, its own package outside the workspace), as ratios: release
## builds, hyperfine, PSS from /proc/*/smaps_rollup, under a virtual display. Replaces its section of BENCHMARKS.md.
bench-desktop: deps ui hyperfine
	$(CARGO) build --locked --release -p ladder-desktop --bin ladder-desktop
	$(CARGO) build --locked --release --bin ladder
	cd benches/empty-window && $(CARGO) build --locked --release --target-dir $(CURDIR)/target
	LADDER_BENCH_OUT=$(CURDIR)/BENCHMARKS.md xvfb-run -a -s "-screen 0 1280x800x24" benches/desktop.sh

## `make bench-desktop` in miniature, part of `make test` so that it never rots: the debug
## builds `make test` has made (and a debug empty window), 200 people, two starts of each
## app, 10 frames of each kind scrolled; its table goes to a temporary file, not
## BENCHMARKS.md. No timing is judged.
bench-desktop-smoke: build hyperfine
	cd benches/empty-window && $(CARGO) build --locked --target-dir $(CURDIR)/target
	@out=$$(mktemp) && trap 'rm -f "$$out"' EXIT && \
	LADDER_BENCH_PROFILE=debug LADDER_BENCH_DESKTOP_PEOPLE=200 LADDER_BENCH_DESKTOP_RUNS=2 \
		LADDER_SCROLL_FRAMES=10 LADDER_BENCH_OUT=$$out \
		xvfb-run -a -s "-screen 0 1280x800x24" benches/desktop.sh

## hyperfine 1.20 is the newest that builds with Rust 1.88 to 1.96.
hyperfine:
	@command -v hyperfine >/dev/null || $(CARGO) install hyperfine --version 1.20.0 --locked
