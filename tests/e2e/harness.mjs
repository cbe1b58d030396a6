// The end-to-end harness: the built ladder-desktop binary, driven through tauri-driver and
// WebKitWebDriver over plain WebDriver HTTP, on a fresh temporary database. Each test file
// starts its own app (`startApp` in `before`, `stopApp` in `after`); `make e2e` runs them
// under xvfb-run and needs no browser download.
//
// Environment: LADDER_APP (the binary), LADDER_E2E_OUT (where failure screenshots go),
// LADDER_SCREENSHOTS (optional: a folder to save the README screenshots into),
// LADDER_E2E_DB (optional: a database to open instead of a fresh one, for benches/).

import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, readlinkSync, existsSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

export const APP = resolve(process.env.LADDER_APP ?? "target/debug/ladder-desktop");
export const OUT = resolve(process.env.LADDER_E2E_OUT ?? "e2e-artifacts");
export const SHOTS = process.env.LADDER_SCREENSHOTS ? resolve(process.env.LADDER_SCREENSHOTS) : null;
// A port pair of our own (tauri-driver, then WebKitWebDriver) so that runs side by side
// on one machine do not meet.
const randomPort = () => 20000 + 2 * Math.floor(Math.random() * 10000);
let PORT = Number(process.env.LADDER_E2E_PORT ?? randomPort());
let DRIVER = `http://127.0.0.1:${PORT}`;
export const WAIT_MS = 20_000;

const dir = mkdtempSync(join(tmpdir(), "ladder-e2e-"));
export const DB = process.env.LADDER_E2E_DB ? resolve(process.env.LADDER_E2E_DB) : join(dir, "ladder.db");
let driver;
let driverLog = "";
let session;

// ---------------------------------------------------------------- WebDriver over HTTP

export async function wd(method, path, body) {
  const res = await fetch(`${DRIVER}${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(60_000),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) {
    const v = json.value ?? {};
    const err = new Error(`${method} ${path}: ${v.error ?? res.status}: ${v.message ?? ""}`);
    err.wdError = v.error;
    throw err;
  }
  return json.value;
}

const ELEMENT = "element-6066-11e4-a52e-4f735466cecf"; // the W3C element key
/** A path inside the current WebDriver session, for `wd`. */
export const s = (path) => `/session/${session}${path}`;

export async function findAll(css, root) {
  const path = root ? s(`/element/${root}/elements`) : s("/elements");
  const found = await wd("POST", path, { using: "css selector", value: css });
  return found.map((e) => e[ELEMENT]);
}

/** Waits for an element matching `css` (inside `root` if given). */
export async function find(css, root, what = css) {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const [el] = await findAll(css, root).catch(() => []);
    if (el) return el;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(150);
  }
}

/** Waits until `check()` is true. */
export async function until(what, check) {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(150);
  }
}

/** Whether `check` comes true within the wait: `until` that answers instead of failing,
 * for a test that gathers every place something went wrong before it says so. */
export const comesTrue = (what, check) => until(what, check).then(() => true, () => false);

export const run = (script, ...args) => wd("POST", s("/execute/sync"), { script, args });
export const click = (el) => wd("POST", s(`/element/${el}/click`), {});
export const text = (el) => wd("GET", s(`/element/${el}/text`));
export const attr = (el, name) => wd("GET", s(`/element/${el}/attribute/${name}`));
export async function type(el, value) {
  await wd("POST", s(`/element/${el}/clear`), {});
  await wd("POST", s(`/element/${el}/value`), { text: value });
}
/** Today plus `days`, as YYYY-MM-DD (UTC; a day either way changes nothing here). */
export const inDays = (days) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** A day as the app shows it: "2026-12-04" as "4 Dec 2026". */
export function written(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  return `${d} ${["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][m - 1]} ${y}`;
}

export const tid = (id) => `[data-testid="${id}"]`;

/** WebDriver's codes for keys that type no character. */
export const KEY = { tab: "\uE004", escape: "\uE00C" };

/** Presses a key `times` times, where the focus is, as one burst. */
export async function press(key, times = 1) {
  const strokes = [];
  for (let i = 0; i < times; i++) strokes.push({ type: "keyDown", value: key }, { type: "keyUp", value: key });
  await wd("POST", s("/actions"), { actions: [{ type: "key", id: "keyboard", actions: strokes }] });
}

/** Picks the option of a <select> whose text contains `label`. */
export async function choose(select, label) {
  for (const opt of await findAll("option", select)) {
    if ((await text(opt)).includes(label)) return click(opt);
  }
  throw new Error(`no option "${label}"`);
}

/** Picks an option of a <select> by its value. */
export async function chooseValue(select, value) {
  return click(await find(`option[value="${value}"]`, select));
}

// ---------------------------------------------------------------- screenshots

export function screenshot(path) {
  mkdirSync(join(path, ".."), { recursive: true });
  try {
    execFileSync("import", ["-window", "root", path], { stdio: "ignore", timeout: 20_000 });
    return path;
  } catch {
    return null;
  }
}

/** Runs a step; on failure saves a screenshot and says where in the error. */
export async function step(name, body) {
  try {
    await body();
  } catch (e) {
    const shot = screenshot(join(OUT, `${name.replace(/\W+/g, "-")}.png`));
    const log = join(OUT, "tauri-driver.log");
    mkdirSync(OUT, { recursive: true });
    writeFileSync(log, driverLog);
    e.message += `\n  screenshot: ${shot ?? "(could not take one)"}\n  driver log: ${log}`;
    throw e;
  }
}

export async function docShot(name, park) {
  if (!SHOTS) return;
  // WebKit keeps the hover where the last click was: click plain text to move it away.
  if (park) await click(await find(park));
  await sleep(400); // let transitions settle
  screenshot(join(SHOTS, name));
}

export function dbBytes() {
  return ["", "-wal"].map((suffix) => (existsSync(DB + suffix) ? readFileSync(DB + suffix) : Buffer.alloc(0)));
}

// ---------------------------------------------------------------- the app

/** Starts tauri-driver and the app on a fresh temporary database (again after `stopApp`). */
export async function startApp() {
  assert.ok(existsSync(APP), `the app is not built: ${APP} (run make build)`);
  mkdirSync(dir, { recursive: true });
  // A driver that does not answer (its port taken by another program, a slow start on a
  // busy machine) is stopped and started again on other ports, up to three times; the
  // last failure says what the drivers printed.
  for (let attempt = 1; ; attempt++) {
    startDriver();
    const answered = await comesTrue("tauri-driver answers", async () =>
      (await fetch(`${DRIVER}/status`, { signal: AbortSignal.timeout(2_000) })).ok,
    );
    if (answered) break;
    stopDriver();
    if (attempt === 3) throw new Error(`tauri-driver did not answer on three ports:\n${driverLog}`);
    PORT = randomPort();
    DRIVER = `http://127.0.0.1:${PORT}`;
  }
  const created = await wd("POST", "/session", {
    capabilities: { alwaysMatch: { "tauri:options": { application: APP } } },
  });
  session = created.sessionId;
}

function startDriver() {
  driver = spawn("tauri-driver", ["--port", String(PORT), "--native-port", String(PORT + 1)], {
    env: { ...process.env, LADDER_DB: DB, WEBKIT_DISABLE_COMPOSITING_MODE: "1" },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, so that stopping it also stops WebKitWebDriver and the app,
    // which would otherwise outlive it holding our pipes open.
    detached: true,
  });
  driver.stdout.on("data", (d) => (driverLog += d));
  driver.stderr.on("data", (d) => (driverLog += d));
}

function stopDriver() {
  if (!driver) return;
  try {
    process.kill(-driver.pid, "SIGTERM");
  } catch {
    driver.kill();
  }
  driver.stdout.destroy();
  driver.stderr.destroy();
  driver = null;
}

/** The app's process id: the one running APP on this test's database. */
export function appPid() {
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const env = readFileSync(`/proc/${pid}/environ`, "latin1").split("\0");
      if (readlinkSync(`/proc/${pid}/exe`) === APP && env.includes(`LADDER_DB=${DB}`)) return Number(pid);
    } catch {
      // A process that ended meanwhile, or another user's.
    }
  }
  throw new Error(`no process runs ${APP} on ${DB}`);
}

/** Presses the close button of the app's window, as a window manager does. */
export function pressClose(pid) {
  execFileSync("python3", [join(import.meta.dirname, "close_window.py"), String(pid)], { stdio: "pipe", timeout: 10_000 });
}

/** Whether a process has ended: gone, or ended and not yet reaped by its parent. */
export function ended(pid) {
  try {
    return readFileSync(`/proc/${pid}/stat`, "latin1").split(") ").at(-1).startsWith("Z");
  } catch {
    return true;
  }
}

/** Ends the WebDriver session, stops tauri-driver and removes the temporary database. */
export async function stopApp() {
  if (session) await wd("DELETE", s("")).catch(() => {});
  stopDriver();
  rmSync(dir, { recursive: true, force: true });
}
