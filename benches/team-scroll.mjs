// The Team list scrolled in the real app (issue 9: a team of 10,000 people is virtualised
// and scrolling renders within a 16 ms frame). benches/desktop.sh runs it under Xvfb on
// its generated organisation; it prints one JSON object.
//
// The page scrolls the list itself, from requestAnimationFrame, once per frame: first
// three rows a frame (a flick of the wheel) from the top of the list, then to a random
// place in it each frame (dragging the scroll bar), then not at all (the page at rest:
// how evenly this machine's frames come with nothing to do, the baseline for the
// others). Before them, a warm-up of the wheel kind that is not counted, as hyperfine's
// warm-up runs are not: the first frames after the screen opens run code not yet
// compiled. For each frame it records:
//   - the work of the frame: from the frame's start (the rAF timestamp) to the end of a
//     forced style, layout and hit test in its callback, which covers the scroll event,
//     the list's update of its rows and laying them out (painting is not included);
//   - the interval since the previous frame, which a frame that overruns stretches;
//   - whether the view shows people's rows (a stale frame if it shows a spacer).
//
//   LADDER_APP      the built app; LADDER_E2E_DB  the database to open
//   LADDER_SCROLL_FRAMES  frames of each kind (default 300)

import { startApp, stopApp, find, findAll, until, click, tid, wd, s } from "../tests/e2e/harness.mjs";

const frames = Number(process.env.LADDER_SCROLL_FRAMES ?? 300);
const warmup = Math.min(60, frames);

// Runs in the page (WebDriver "execute async": the last argument is the callback).
const SCROLL = `
const [frames, warmup, rowHeight] = arguments;
const done = arguments[arguments.length - 1];
const list = document.querySelector('[data-testid="team-scroller"]');
const max = list.scrollHeight - list.clientHeight;
// A fixed pseudo-random sequence, so every run jumps to the same places.
let seed = 12345;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const wheel = (y) => Math.min(max, y + 3 * rowHeight);
const kinds = [
  { name: "warmup", frames: warmup, next: wheel },
  { name: "wheel", frames, next: wheel },
  { name: "jump", frames, next: () => Math.floor(random() * max) },
  { name: "rest", frames, next: (y) => y },
];
const out = { rows: document.querySelectorAll('[data-testid="team-row"]').length, max, kinds: {} };
let k = 0, i = 0, last = null;
let record = { work: [], intervals: [], stale: 0 };
list.scrollTop = 0;
function frame(ts) {
  try {
    step(ts);
  } catch (e) {
    done({ error: String(e && e.stack || e) });
  }
}
function step(ts) {
  // Style, layout and a hit test now, so that the time below includes them: the view is
  // stale if, below the header, its top, middle or bottom shows no person's row.
  const box = list.getBoundingClientRect();
  const x = box.left + box.width / 2;
  const showing = [box.top + rowHeight + 8, (box.top + box.bottom) / 2, box.bottom - 8].every(
    (y) => document.elementFromPoint(x, y)?.closest('[data-testid="team-row"]'),
  );
  const end = performance.now();
  if (last !== null) {
    record.work.push(end - ts);
    record.intervals.push(ts - last);
    if (!showing) record.stale++;
  }
  last = ts;
  if (i++ === kinds[k].frames) {
    if (kinds[k].name !== "warmup") out.kinds[kinds[k].name] = record;
    record = { work: [], intervals: [], stale: 0 };
    i = 0;
    last = null;
    if (++k === kinds.length) return done(out);
    // The wheel starts from the top of the list, as a person who opens the screen does.
    if (kinds[k].name === "wheel") list.scrollTop = 0;
  }
  list.scrollTop = kinds[k].next(list.scrollTop);
  requestAnimationFrame(frame);
}
requestAnimationFrame(frame);
`;

const quantile = (xs, q) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};

await startApp();
try {
  await click(await find(tid("nav-team")));
  await until("the team is listed", async () => (await findAll(tid("team-row"))).length > 0);
  await wd("POST", s("/timeouts"), { script: 300_000 });
  const raw = await wd("POST", s("/execute/async"), { script: SCROLL, args: [frames, warmup, 56] });
  if (raw.error) throw new Error(`the scroll script failed: ${raw.error}`);
  const summary = { rows_rendered: raw.rows, scroll_height: raw.max, frames, warmup };
  for (const [name, r] of Object.entries(raw.kinds)) {
    summary[name] = {
      work_median_ms: quantile(r.work, 0.5),
      work_p95_ms: quantile(r.work, 0.95),
      work_max_ms: Math.max(...r.work),
      interval_median_ms: quantile(r.intervals, 0.5),
      interval_p95_ms: quantile(r.intervals, 0.95),
      over_16ms: r.work.filter((w) => w > 16).length,
      stale: r.stale,
    };
  }
  console.log(JSON.stringify(summary));
} finally {
  await stopApp();
}
