// End to end in the real app: the built ladder-desktop binary, driven through
// tauri-driver and WebKitWebDriver over plain WebDriver HTTP, on a fresh temporary
// database. Run by `make e2e` under xvfb-run; needs no browser download.
//
// Environment: LADDER_APP (the binary), LADDER_E2E_OUT (where failure screenshots go),
// LADDER_SCREENSHOTS (optional: a folder to save the README screenshots into).

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, existsSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

const APP = resolve(process.env.LADDER_APP ?? "target/debug/ladder-desktop");
const OUT = resolve(process.env.LADDER_E2E_OUT ?? "e2e-artifacts");
const SHOTS = process.env.LADDER_SCREENSHOTS ? resolve(process.env.LADDER_SCREENSHOTS) : null;
// A port pair of our own (tauri-driver, then WebKitWebDriver) so that runs side by side
// on one machine do not meet.
const PORT = Number(process.env.LADDER_E2E_PORT ?? 20000 + 2 * Math.floor(Math.random() * 10000));
const DRIVER = `http://127.0.0.1:${PORT}`;
const WAIT_MS = 20_000;

const dir = mkdtempSync(join(tmpdir(), "ladder-e2e-"));
const DB = join(dir, "ladder.db");
let driver;
let driverLog = "";
let session;

// ---------------------------------------------------------------- WebDriver over HTTP

async function wd(method, path, body) {
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
const s = (path) => `/session/${session}${path}`;

async function findAll(css, root) {
  const path = root ? s(`/element/${root}/elements`) : s("/elements");
  const found = await wd("POST", path, { using: "css selector", value: css });
  return found.map((e) => e[ELEMENT]);
}

/** Waits for an element matching `css` (inside `root` if given). */
async function find(css, root, what = css) {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const [el] = await findAll(css, root).catch(() => []);
    if (el) return el;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(150);
  }
}

/** Waits until `check()` is true. */
async function until(what, check) {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(150);
  }
}

const run = (script, ...args) => wd("POST", s("/execute/sync"), { script, args });
const click = (el) => wd("POST", s(`/element/${el}/click`), {});
const text = (el) => wd("GET", s(`/element/${el}/text`));
const attr = (el, name) => wd("GET", s(`/element/${el}/attribute/${name}`));
async function type(el, value) {
  await wd("POST", s(`/element/${el}/clear`), {});
  await wd("POST", s(`/element/${el}/value`), { text: value });
}
/** Today plus `days`, as YYYY-MM-DD (UTC; a day either way changes nothing here). */
const inDays = (days) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

const tid = (id) => `[data-testid="${id}"]`;

/** Picks the option of a <select> whose text contains `label`. */
async function choose(select, label) {
  for (const opt of await findAll("option", select)) {
    if ((await text(opt)).includes(label)) return click(opt);
  }
  throw new Error(`no option "${label}"`);
}

/** Picks an option of a <select> by its value. */
async function chooseValue(select, value) {
  return click(await find(`option[value="${value}"]`, select));
}

// ---------------------------------------------------------------- screenshots

function screenshot(path) {
  mkdirSync(join(path, ".."), { recursive: true });
  try {
    execFileSync("import", ["-window", "root", path], { stdio: "ignore", timeout: 20_000 });
    return path;
  } catch {
    return null;
  }
}

/** Runs a step; on failure saves a screenshot and says where in the error. */
async function step(name, body) {
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

async function docShot(name, park) {
  if (!SHOTS) return;
  // WebKit keeps the hover where the last click was: click plain text to move it away.
  if (park) await click(await find(park));
  await sleep(400); // let transitions settle
  screenshot(join(SHOTS, name));
}

function dbBytes() {
  return ["", "-wal"].map((suffix) => (existsSync(DB + suffix) ? readFileSync(DB + suffix) : Buffer.alloc(0)));
}

// ---------------------------------------------------------------- the app

before(async () => {
  assert.ok(existsSync(APP), `the app is not built: ${APP} (run make build)`);
  driver = spawn("tauri-driver", ["--port", String(PORT), "--native-port", String(PORT + 1)], {
    env: { ...process.env, LADDER_DB: DB, WEBKIT_DISABLE_COMPOSITING_MODE: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  driver.stdout.on("data", (d) => (driverLog += d));
  driver.stderr.on("data", (d) => (driverLog += d));
  await until("tauri-driver answers", async () => (await fetch(`${DRIVER}/status`)).ok);
  const created = await wd("POST", "/session", {
    capabilities: { alwaysMatch: { "tauri:options": { application: APP } } },
  });
  session = created.sessionId;
});

after(async () => {
  if (session) await wd("DELETE", s("")).catch(() => {});
  if (driver) driver.kill();
  rmSync(dir, { recursive: true, force: true });
});

test("first run, the demo team, and a Learn–Practice–Feedback goal built in the plan", async () => {
  let goalCard;
  const outcome = "Run the quarterly planning review end to end";

  await step("first-run", async () => {
    await find(tid("first-run"));
    await find(tid("open-demo"));
    await docShot("desktop-first-run.png");
    await click(await find(tid("open-demo")));
    await find(tid("team-table"));
    await until("the demo team is listed", async () => (await findAll(tid("team-row"))).length >= 3);
    await docShot("desktop-team.png");
  });

  await step("open-person", async () => {
    const search = await find(tid("team-search"));
    await type(search, "Tom");
    await until("one row matches", async () => (await findAll(tid("team-row"))).length === 1);
    await click(await find(tid("open-person")));
    await find(tid("person-screen"));
    await find(tid("goals"));
  });

  await step("add-goal", async () => {
    await click(await find(tid("add-goal")));
    await choose(await find(tid("goal-competency-select")), "Communication");
    await type(await find(tid("goal-outcome-input")), outcome);
    await click(await find(tid("goal-save")));
    await until("the new goal shows", async () => {
      for (const g of await findAll(tid("goal"))) {
        if ((await text(await find(tid("goal-outcome"), g))) === outcome) {
          goalCard = g;
          return true;
        }
      }
      return false;
    });
    const finding = await find(`${tid("finding")}[data-code="missing_phase"]`, goalCard, "the missing_phase warning");
    assert.match(await text(finding), /has no learn or practice or feedback activity/);
  });

  const addActivity = async (phase, description, kind, resource, date) => {
    const column = await find(tid(`phase-${phase}`), goalCard);
    if ((await findAll(tid("activity-editor"), column)).length === 0) {
      await click(await find(tid(`add-activity-${phase}`), column));
    }
    const editor = await find(tid("activity-editor"), column);
    await type(await find(tid("activity-description"), editor), description);
    await chooseValue(await find(tid("activity-resource-kind"), editor), kind);
    if (kind === "person") await chooseValue(await find(tid("activity-resource-person"), editor), "__other__");
    await type(await find(tid("activity-resource-name"), editor), resource);
    await type(await find(tid("activity-target-date"), editor), date);
    await click(await find(tid("activity-save"), editor));
    return column;
  };

  await step("bad-date", async () => {
    // The form for Learn opens with the new goal. A date that does not exist is refused
    // beside the field, and the database file is not touched.
    const before = dbBytes();
    const column = await addActivity("learn", "Read a book on facilitation", "material", "The Art of Gathering", "2026-13-01");
    const error = await find(tid("activity-target-date-error"), column, "the error beside the target date");
    assert.match(await text(error), /target date 2026-13-01 is not a date/);
    assert.equal(await attr(await find(tid("activity-target-date"), column), "aria-invalid"), "true");
    assert.equal((await findAll(tid("activity"), column)).length, 0, "no activity was added");
    const after = dbBytes();
    assert.ok(before[0].equals(after[0]), "ladder.db changed after a refused date");
    assert.ok(before[1].equals(after[1]), "ladder.db-wal changed after a refused date");
  });

  await step("three-phases", async () => {
    const learn = await addActivity("learn", "Read a book on facilitation", "material", "The Art of Gathering", inDays(14));
    await until("the learn activity is saved", async () => (await findAll(tid("activity"), learn)).length === 1);
    assert.ok((await findAll(`${tid("finding")}[data-code="missing_phase"]`, goalCard)).length === 1, "still missing two phases");

    const practice = await addActivity("practice", "Facilitate the Q3 planning review", "event", "Q3 planning review", inDays(30));
    await until("the practice activity is saved", async () => (await findAll(tid("activity"), practice)).length === 1);

    const feedback = await addActivity("feedback", "Debrief with a senior facilitator", "person", "Priya Nair", inDays(32));
    await until("the feedback activity is saved", async () => (await findAll(tid("activity"), feedback)).length === 1);

    await until("missing_phase disappears from the goal", async () =>
      (await findAll(`${tid("finding")}[data-code="missing_phase"]`, goalCard)).length === 0,
    );
    // Completing an activity is one click, and it stays done.
    const done = await find(tid("activity-done"), learn);
    await click(done);
    await until("the learn activity is done", async () => (await attr(await find(tid("activity-done"), learn), "aria-checked")) === "true");

    // The README shows the top of the page: the profile, the reporting line and the plan.
    await run("document.querySelector('main.work').scrollTop = 0; document.activeElement?.blur();");
    await docShot("desktop-person-plan.png", tid("person-name"));
  });
});
