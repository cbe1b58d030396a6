#!/usr/bin/env bash
# Ladder's desktop start-up and memory beside an empty Tauri 2 window built the same way
# (benches/empty-window, release, same Tauri and lock file), on the same machine in the
# same run, as ratios (issue 9):
#   - start: process start to the "ready" signal the UI sends once its first screen (the
#     Dashboard) is interactive (LADDER_READY_EXIT: the app exits 0 on it), timed by hyperfine;
#   - memory: PSS once ready (LADDER_READY_FILE), summed from /proc/PID/smaps_rollup over
#     the app and every process under it (the WebKit web and network processes);
#   - the Team list of everyone scrolled frame by frame in the app, driven through
#     tauri-driver (benches/team-scroll.mjs): how long each frame takes.
# Run under a virtual display: `make bench-desktop` does (xvfb-run). Prints a table and
# replaces the "Desktop start-up and memory" section of BENCHMARKS.md (LADDER_BENCH_OUT).
#
#   LADDER_BENCH_DESKTOP_PEOPLE  organisation size for Ladder (default 10000)
#   LADDER_BENCH_DESKTOP_RUNS    hyperfine runs per app (default 15: one run is under a
#                                second, and the start's spread is tens of milliseconds),
#                                memory samples (3)
#   LADDER_BENCH_PROFILE         release (default) or debug, for a quick check of the script
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
profile=${LADDER_BENCH_PROFILE:-release}
people=${LADDER_BENCH_DESKTOP_PEOPLE:-10000}
runs=${LADDER_BENCH_DESKTOP_RUNS:-15}
out=${LADDER_BENCH_OUT:-$root/BENCHMARKS.md}
ladder_app=$root/target/$profile/ladder-desktop
ladder_cli=$root/target/$profile/ladder
empty_app=$root/target/$profile/empty-window
hyperfine=$(command -v hyperfine || echo "$HOME/.cargo/bin/hyperfine")
for f in "$ladder_app" "$ladder_cli" "$empty_app" "$hyperfine"; do
  [ -x "$f" ] || { echo "missing $f: run it through \`make bench-desktop\`" >&2; exit 1; }
done
[ -n "${DISPLAY:-}" ] || { echo "no DISPLAY: run under xvfb-run (make bench-desktop does)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export LADDER_DB=$work/org.db
export WEBKIT_DISABLE_COMPOSITING_MODE=1
# Ladder keeps its backups beside the database; nothing here touches the user's own.
export HOME=$work/home
mkdir -p "$HOME"

echo "generating an organisation of $people people…"
"$ladder_cli" demo --people "$people" --seed 1 >/dev/null

# Start-up: hyperfine, both apps in one run. `timeout` ends a run that never gets ready.
LADDER_READY_EXIT=1 "$hyperfine" --warmup 1 --runs "$runs" --export-json "$work/start.json" \
  --command-name "empty Tauri 2 window" "timeout 120 $empty_app" \
  --command-name "Ladder, team of $people" "timeout 120 $ladder_app"

# The PSS, in kB, of a process and every process under it.
pss_tree() {
  local pids=("$1") all=() next
  while [ ${#pids[@]} -gt 0 ]; do
    all+=("${pids[@]}")
    next=()
    for p in "${pids[@]}"; do
      next+=($(cat /proc/"$p"/task/*/children 2>/dev/null || true))
    done
    pids=("${next[@]}")
  done
  local total=0
  for p in "${all[@]}"; do
    kb=$(awk '/^Pss:/ {print $2}' /proc/"$p"/smaps_rollup 2>/dev/null || echo 0)
    total=$((total + ${kb:-0}))
  done
  echo "$total ${#all[@]}"
}

# Memory: start the app, wait for its ready signal, let it settle, sum the PSS, close it.
pss_of() {
  local app=$1 ready=$work/ready pid
  rm -f "$ready"
  LADDER_READY_FILE=$ready "$app" >/dev/null 2>&1 &
  pid=$!
  for _ in $(seq 1200); do [ -s "$ready" ] && break; sleep 0.1; done
  [ -s "$ready" ] || { kill "$pid"; echo "$app never got ready" >&2; exit 1; }
  sleep 2
  pss_tree "$pid"
  kill "$pid"
  wait "$pid" 2>/dev/null || true
}

samples=3
: >"$work/pss.txt"
for i in $(seq $samples); do
  echo "empty $(pss_of "$empty_app")" >>"$work/pss.txt"
  echo "ladder $(pss_of "$ladder_app")" >>"$work/pss.txt"
done

echo "scrolling the Team list…"
LADDER_APP=$ladder_app LADDER_E2E_DB=$LADDER_DB LADDER_E2E_OUT=$work/e2e \
  node "$root/benches/team-scroll.mjs" >"$work/scroll.json"

python3 - "$work/start.json" "$work/pss.txt" "$out" "$people" "$runs" "$profile" "$work/scroll.json" <<'PY'
import json, re, statistics, sys, datetime, os
start_json, pss_txt, out, people, runs, profile, scroll_json = sys.argv[1:]
scroll = json.loads(open(scroll_json).read().strip().splitlines()[-1])
res = json.load(open(start_json))["results"]
empty_s, ladder_s = (statistics.median(r["times"]) for r in res)
pss = {"empty": [], "ladder": []}
procs = {}
for line in open(pss_txt):
    who, kb, n = line.split()
    pss[who].append(int(kb)); procs[who] = n
empty_m, ladder_m = (statistics.median(pss[w]) / 1024 for w in ("empty", "ladder"))
rows = [
    ("start to the Dashboard, interactive (median of %s)" % runs, "%.2f s" % empty_s, "%.2f s" % ladder_s,
     ladder_s / empty_s, "≤ 1.5×"),
    ("PSS once ready, app and WebKit processes (median of 3)", "%.1f MiB" % empty_m, "%.1f MiB" % ladder_m,
     ladder_m / empty_m, "≤ 1.25×"),
]
table = ["| what | empty Tauri 2 window | Ladder, %s people | ratio | target |" % people,
         "|---|---:|---:|---:|---|"]
for what, e, l, ratio, target in rows:
    ok = "met" if ratio <= float(target.strip("≤ ×")) else "missed"
    table.append(f"| {what} | {e} | {l} | {ratio:.2f}× | {target} ({ok}) |")
# A frame at 60 Hz is 16.7 ms; the page's clock counts whole milliseconds.
for kind, what in (("wheel", "three rows a frame"), ("jump", "a jump anywhere each frame")):
    k = scroll[kind]
    ok = "met" if k["interval_p95_ms"] <= 17 else "missed"
    table.append(
        f"| Team list of {people}, scrolled {what}: frame time, median / 95th percentile "
        f"(work in the frame, 95th percentile) | | {k['interval_median_ms']:.0f} / "
        f"{k['interval_p95_ms']:.0f} ms ({k['work_p95_ms']:.0f} ms) | | one 16.7 ms frame "
        f"({ok}) |")
rest = scroll["rest"]
table.append(
    f"| Team list of {people}, not scrolled (the baseline: frames with nothing to do): frame "
    f"time, median / 95th percentile | | {rest['interval_median_ms']:.0f} / "
    f"{rest['interval_p95_ms']:.0f} ms | | |")
now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M")
section = "\n".join([
    "## Desktop start-up and memory",
    "",
    f"Written by `make bench-desktop` on {now} (UTC), {profile} builds, under Xvfb "
    f"(`WEBKIT_DISABLE_COMPOSITING_MODE=1`). Ladder opens an organisation generated by "
    f"`ladder demo --people {people} --seed 1`, signed in as its top manager, so its first screen, the "
    f"Dashboard, sums up all {people}; the empty window (benches/empty-window) is a Tauri 2 app with the same "
    "Tauri, lock file and build profile and a page that says it is ready at its first frame, as "
    "Ladder's UI does once its first screen is drawn.",
    "",
    "Start: hyperfine (one warm-up run, so the file cache is warm: not a cold boot), from process "
    "start to the exit that `LADDER_READY_EXIT` makes the app do when its UI calls `ready` "
    "(Ladder's once the Dashboard's figures are on screen). Memory: PSS from /proc/PID/smaps_rollup two "
    f"seconds after the ready signal, summed over the app and the processes under it "
    f"({procs['ladder']} for Ladder, {procs['empty']} for the empty window).",
    "",
    "Team list: benches/team-scroll.mjs opens the Team screen (its DOM holds "
    f"{scroll['rows_rendered']} rows for the {int(people) - 1} people listed) and scrolls it from "
    f"requestAnimationFrame, {scroll['frames']} frames of each kind after {scroll['warmup']} "
    "frames of warm-up that are not counted, then as many at rest; frame time is the interval "
    "between frames, the work is from a frame's start to the end of its scroll event, the list's "
    "update and a forced layout (painting not included). Frames whose view showed no person's "
    f"row: {scroll['wheel']['stale']} and {scroll['jump']['stale']}.",
    "",
    *table,
    "",
])
text = open(out).read() if os.path.exists(out) else "# Benchmarks\n"
text = re.sub(r"\n## Desktop start-up and memory\n.*?(?=\n## |\Z)", "", text, flags=re.S)
open(out, "w").write(text.rstrip("\n") + "\n\n" + section)
print("\n".join(table))
PY
