#!/usr/bin/env bash
# `make fuzz`: fuzz the workbook import and the command line for a bounded time each.
# Installs what cargo fuzz needs (a nightly toolchain, cargo-fuzz) when it can; when it
# cannot, says why and fails, so nothing is ever reported as fuzzed that was not.
#   FUZZ_SECONDS   seconds per target (default 60)
#   FUZZ_TARGETS   which targets (default: import_preview cli)
set -euo pipefail
cd "$(dirname "$0")"

seconds="${FUZZ_SECONDS:-60}"
targets="${FUZZ_TARGETS:-import_preview cli}"
toolchain="${FUZZ_TOOLCHAIN:-nightly}"

cannot() {
    echo "make fuzz: cannot fuzz here: $*" >&2
    echo "make fuzz: nothing was fuzzed." >&2
    exit 1
}

command -v rustup >/dev/null || cannot "cargo fuzz needs rustup to provide a nightly toolchain, and rustup is not installed"
if ! rustup run "$toolchain" rustc --version >/dev/null 2>&1; then
    echo "installing the $toolchain toolchain (cargo fuzz instruments code with nightly-only flags)"
    rustup toolchain install "$toolchain" --profile minimal \
        || cannot "the $toolchain Rust toolchain is not installed and rustup could not install it (no access to the toolchain server?)"
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "installing cargo-fuzz"
    cargo install cargo-fuzz --locked || cannot "cargo-fuzz is not installed and 'cargo install cargo-fuzz --locked' failed"
fi
command -v c++ >/dev/null || cannot "libFuzzer is built from C++ source and no C++ compiler (c++) is installed"

# Seeds: real workbooks from the demo team, and real command lines.
mkdir -p corpus/import_preview corpus/cli
ladder="../target/debug/ladder"
(cd .. && cargo build --quiet --locked)
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
LADDER_DB="$scratch/demo.db" "$ladder" --today 2026-11-23 demo >/dev/null
for kind in plan ratings meeting change; do
    LADDER_DB="$scratch/demo.db" "$ladder" export "$kind" --output "corpus/import_preview/$kind.xlsx" >/dev/null
    LADDER_DB="$scratch/demo.db" "$ladder" export "$kind" --blank --output "corpus/import_preview/$kind-blank.xlsx" >/dev/null
done
n=0
while IFS= read -r line; do
    n=$((n + 1))
    printf '%s' "$line" | tr '\t' '\0' > "corpus/cli/seed-$n"
done < cli-seeds.tsv

status=0
for target in $targets; do
    echo "== fuzzing $target for ${seconds}s"
    extra=()
    [ "$target" = cli ] && extra=(-dict="$PWD/cli.dict" -max_len=512)
    before="$(ls "artifacts/$target" 2>/dev/null | wc -l)"
    # Absolute corpus path: the cli target works in a scratch folder of its own.
    # -close_fd_mask=3: the commands print a lot; libFuzzer keeps its own report.
    if ! cargo "+$toolchain" fuzz run "$target" "$PWD/corpus/$target" -- \
        -max_total_time="$seconds" -close_fd_mask=3 -rss_limit_mb=4096 -timeout=20 "${extra[@]}"; then
        status=1
        after="$(ls "artifacts/$target" 2>/dev/null | wc -l)"
        if [ "$after" -gt "$before" ]; then
            echo "make fuzz: $target found a crash; the input is in fuzz/artifacts/$target/." >&2
            echo "make fuzz: reproduce with 'cd fuzz && cargo +$toolchain fuzz run $target ARTIFACT', then add it as a regression test." >&2
        else
            echo "make fuzz: cargo fuzz failed on $target without finding a crash (see above)." >&2
        fi
    fi
done
exit $status
