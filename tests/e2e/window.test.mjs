// End to end in the real app: every screen of the demo team, with one person of a very
// long name added, fits the window, at the default size and at Ladder's smallest
// (tauri.conf.json's minWidth): nothing scrolls sideways but the grids meant to, no card
// is wider than its place, no field is too narrow for its placeholder, no word is split
// across lines that a line could hold, and every row of the Team list keeps its buttons
// in view. And every date on those screens reads as people write it ("7 Dec 2026").

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startApp, stopApp, step, find, findAll, until, run, click, type, choose, attr, text, tid, wd, s } from "./harness.mjs";
import { DEMO_SCREENS, visit } from "./screens.mjs";

before(startApp);
after(stopApp);

// Over 600 characters, one word of them longer than any line (a name may have 20,000).
const LONG_NAME = "Hubert Blaine Wolfeschlegelsteinhausenbergerdorffwelchevoralternwarengewissenhaftschaferswessenschafewarenwohlgepflegeundsorgfaltigkeitbeschutzenvonangreifendurchihrraubgierigfeindewelchevoralternzwolfhunderttausendjahresvorandieerscheinenvanderersteerdemenschderraumschiffgebrauchlichtalsseinursprungvonkraftgestartseinlangefahrthinzwischensternartigraumaufdersuchenachdiesternwelchegehabtbewohnbarplanetenkreisedrehensichundwohinderneurassevonverstandigmenschlichkeitkonntefortpflanzenundsicherfreuenanlebenslanglichfreudeundruhemitnichteinfurchtvorangreifenvonandererintelligentgeschopfsvonhinzwischensternartigraum Sr.";
// A goal with a web address in it, and a change of a long name.
const LONG_OUTCOME =
  "Publish the on-call runbook at https://wiki.example.org/engineering/platform/on-call/runbooks/follow-the-sun/payments-and-platform/escalation-paths-and-paging-tool-configuration-for-the-new-rota and walk every engineer through it";
const LONG_CHANGE =
  "Unify the Platform, Payments and Customer Support on-call rotas, paging tools, runbooks, escalation paths and hand-over rituals into one follow-the-sun rota across three time zones";

/** The demo's screens, and the long-named person's and change's; `long`: the person's id. */
const screens = (long) => [
  ...DEMO_SCREENS,
  {
    name: "the long-named person's plan",
    nav: "team",
    open: [`${tid("team-row")}[data-person-id="${long}"] ${tid("open-person")}`],
    ready: tid("goal"),
  },
  {
    name: "the long-named person's goal, edited",
    nav: "team",
    open: [`${tid("team-row")}[data-person-id="${long}"] ${tid("open-person")}`, tid("goal-edit")],
    ready: tid("goal-edit-form"),
  },
  {
    name: "the long-named person's meeting",
    nav: "team",
    open: [`${tid("team-row")}[data-person-id="${long}"] ${tid("row-prepare-meeting")}`],
    ready: tid("meeting-panel"),
  },
  {
    name: "the long-named person's readiness",
    nav: "readiness",
    open: [`${tid("readiness-row")}[data-person="${LONG_NAME}"] ${tid("readiness-open")}`],
    ready: tid("readiness-assessment"),
  },
  { name: "Change, consulting an associate", nav: "change", open: [tid("influencer-add")], ready: tid("influencer-form") },
  { name: "Change, registering one", nav: "change", open: [tid("change-new")], ready: tid("change-form") },
  {
    name: "the long-named change",
    nav: "change",
    open: [`${tid("change-item")}[data-change="${LONG_CHANGE}"]`],
    ready: tid("change-detail"),
  },
];

/** What does not fit on the screen in view, each named so a failure says where. */
const MISFITS = `
  const work = document.querySelector("main.work");
  const name = (el) => el.querySelector("h2, h3")?.textContent.trim()
    || el.getAttribute("data-testid") || el.className || el.tagName;
  // The stakeholder score grid and the RACI matrix grow with the people in them, and the
  // change register in a narrow window with the changes: they scroll sideways by design.
  const meant = ".grid-wrap, .matrix-wrap, [data-testid=change-list]";
  const scrolls = (el) => ["auto", "scroll"].includes(getComputedStyle(el).overflowX);
  const sideways = [document.scrollingElement, work, ...work.querySelectorAll("*")]
    .filter((el) => (el === document.scrollingElement || scrolls(el)) && !el.matches(meant))
    .filter((el) => el.scrollWidth > el.clientWidth + 1)
    .map(name);
  const cards = [...work.querySelectorAll("article, .card")]
    .filter((el) => !scrolls(el) && el.scrollWidth > el.clientWidth + 1)
    .map(name);
  const ctx = document.createElement("canvas").getContext("2d");
  const fields = [...work.querySelectorAll("input[placeholder]")]
    .filter((f) => f.offsetParent !== null && f.placeholder)
    .filter((f) => {
      const cs = getComputedStyle(f);
      ctx.font = cs.fontStyle + " " + cs.fontWeight + " " + cs.fontSize + " " + cs.fontFamily;
      const room = f.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
      return ctx.measureText(f.placeholder).width > room + 0.5;
    })
    .map((f) => f.placeholder);
  // A word split across two lines, where a line could hold it: of a run of up to 40
  // letters, no part between hyphens, slashes or dots may be split. A longer run (the
  // long name, an address) may break anywhere.
  const broken = [];
  const texts = document.createTreeWalker(work, NodeFilter.SHOW_TEXT);
  for (let n; (n = texts.nextNode()); ) {
    if (n.parentElement.offsetParent === null) continue;
    for (const run of n.data.matchAll(/\\S{2,40}(?!\\S)/g)) {
      if (run.index > 0 && /\\S/.test(n.data[run.index - 1])) continue;
      for (const part of run[0].matchAll(/[^\\-–—\\/·.,]{2,}/g)) {
        const range = document.createRange();
        range.setStart(n, run.index + part.index);
        range.setEnd(n, run.index + part.index + part[0].length);
        // A range that starts a line also has an empty box at the end of the line before.
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (lines.size > 1) broken.push(part[0] + " in " + JSON.stringify(n.data.trim().slice(0, 60)));
      }
    }
  }
  // A table row whose cells do not end on one line: a cell laid out as something else.
  const rows = [...work.querySelectorAll("tr")]
    .filter((tr) => tr.offsetParent !== null)
    .filter((tr) => {
      const ends = [...tr.children].filter((c) => c.rowSpan === 1).map((c) => c.getBoundingClientRect().bottom);
      return ends.length > 1 && Math.max(...ends) - Math.min(...ends) > 1;
    })
    .map((tr) => (tr.closest("table").getAttribute("data-testid") || "table") + ": " + tr.textContent.trim().slice(0, 40));
  return { sideways, cards, fields, broken, rows };`;

/** Sets the window's size and waits for the page to be laid out at it. */
async function resize(width, height) {
  const rect = await wd("POST", s("/window/rect"), { width, height });
  assert.ok(rect.width <= width, `the window is ${rect.width} px wide, asked for ${width}`);
  await until(`the page is laid out at ${width} px`, async () => (await run("return window.innerWidth")) <= width);
}

/** What does not fit in the state the screen is in now, only the kinds that have any. */
async function misfitsNow() {
  return Object.fromEntries(Object.entries(await run(MISFITS)).filter(([, misfit]) => misfit.length > 0));
}

/** Says what does not fit in the state the screen is in now. */
async function fitsNow(what) {
  assert.deepEqual(await misfitsNow(), {}, what);
}

/** Visits every screen, then says what did not fit on each, so one run shows them all. */
async function everyScreenFits(width) {
  const misfits = {};
  for (const screen of screens(longId)) {
    await visit(screen);
    const found = await misfitsNow();
    if (Object.keys(found).length > 0) misfits[screen.name] = found;
  }
  assert.deepEqual(misfits, {}, `at ${width} px`);
}

let longId;

test("every screen fits the window at its default size and at Ladder's smallest", async () => {
  await step("demo-team", async () => {
    await click(await find(tid("open-demo")));
    await until("the demo team is listed", async () => (await findAll(tid("team-row"))).length >= 3);
    // Names are listed in full wherever they appear, so a long one must wrap, not widen.
    await click(await find(tid("add-person")));
    const form = await find(tid("person-form"));
    await type(await find(tid("person-name"), form), LONG_NAME);
    await type(await find(tid("person-job-title"), form), "Senior Principal Customer Experience Operations Programme Manager");
    await choose(await find(tid("person-manager"), form), "Jordan Avery");
    await click(await find(tid("person-save"), form));
    // The notice that names them, while it shows.
    await find(tid("added-notice"));
    await fitsNow("Team with the added notice");
    await until("the long-named person is listed", async () => {
      longId = await run(
        `return [...document.querySelectorAll('[data-testid="team-row"]')]
          .find((r) => r.querySelector('[data-testid="open-person"] .name').textContent === arguments[0])?.dataset.personId`,
        LONG_NAME,
      );
      return Boolean(longId);
    });
    const longRow = `${tid("team-row")}[data-person-id="${longId}"]`;
    // Archived, the notice names them beside its Undo button.
    await click(await find(`${longRow} ${tid("archive-person")}`));
    await click(await find(`${longRow} ${tid("archive-yes")}`));
    await find(tid("archived-notice"));
    await fitsNow("Team with the archived notice");
    await click(await find(tid("undo-archive")));
    // Their plan has a goal with a web address in it.
    await click(await find(`${longRow} ${tid("open-person")}`));
    await click(await find(tid("add-goal")));
    await choose(await find(tid("goal-competency-select")), "Communication");
    await type(await find(tid("goal-outcome-input")), LONG_OUTCOME);
    await click(await find(tid("goal-save")));
    await find(tid("goal"));
    // A change of a long name is registered (listed after the demo's, which stays the one
    // the Change screen opens on).
    await click(await find(tid("nav-change")));
    await click(await find(tid("change-new")));
    const change = await find(tid("change-form"));
    await type(await find(tid("change-name"), change), LONG_CHANGE);
    await choose(await find(tid("change-owner"), change), "Jordan Avery");
    await click(await find(tid("change-save"), change));
    await until("the new change is open", async () => (await text(await find(tid("change-title")))) === LONG_CHANGE);
    // Asked to confirm a move, the question names the change beside its buttons.
    await click(await find(tid("change-status-move")));
    await find(tid("change-status-confirm"));
    await fitsNow("the long-named change, confirming a move");
    await click(await find(tid("change-status-no")));
    await click(await find(`${tid("change-item")}[data-change="On-call redesign"]`));
    // And on the Change screen, where they are consulted for Desire and scored.
    await click(await find(tid("influencer-add")));
    await choose(await find(tid("influencer-person")), LONG_NAME);
    await type(await find(tid("influencer-concerns")), "Weekend pages");
    await click(await find(tid("influencer-save")));
    await until("the influencer is listed", async () => (await findAll(`${tid("influencer")}[data-person="${LONG_NAME}"]`)).length === 1);
    await choose(await find(tid("stakeholder-person")), LONG_NAME);
    await click(await find(tid("stakeholder-add")));
    await until("the stakeholder is listed", async () => (await findAll(`${tid("score-row")}[data-stakeholder="${LONG_NAME}"]`)).length === 1);
    await choose(await find(tid("raci-person-pick")), LONG_NAME);
    await click(await find(tid("raci-person-add")));
    await until("the RACI matrix has their column", async () => (await findAll(`${tid("raci-cell")}[data-person="${LONG_NAME}"]`)).length > 0);
    // And their readiness is assessed.
    await click(await find(tid("nav-readiness")));
    await click(await find(`${tid("readiness-row")}[data-person="${LONG_NAME}"] ${tid("readiness-open")}`));
    await find(tid("readiness-open-form"));
    await fitsNow("Readiness, opening an assessment of the long-named person");
    await type(await find(tid("readiness-target-input")), "Director of Customer Experience Operations");
    await click(await find(tid("readiness-open-save")));
    await find(tid("readiness-assessment"));
  });

  await step("default-window", async () => {
    await resize(1280, 800);
    await everyScreenFits(1280);
  });

  await step("smallest-window", async () => {
    // tauri.conf.json's minWidth; asking for less gets this.
    await resize(960, 700);
    try {
      await everyScreenFits(960);
      // The sidebar shows its icons only; each still says where it goes.
      assert.equal(await attr(await find(tid("nav-team")), "title"), "Team");
      // Every row of the Team list keeps its Meeting and Archive buttons in view.
      await click(await find(tid("nav-team")));
      await find(tid("team-table"));
      const rows = await run(`
        const list = document.querySelector('[data-testid="team-scroller"]');
        const edge = list.getBoundingClientRect().right;
        const buttons = [...list.querySelectorAll('[data-testid="archive-person"], [data-testid="row-prepare-meeting"]')];
        return { buttons: buttons.length, cut: buttons.filter((b) => b.getBoundingClientRect().right > edge).length };`);
      assert.ok(rows.buttons > 0, "no row has buttons to check");
      assert.equal(rows.cut, 0, `${rows.cut} of ${rows.buttons} row buttons are out of view`);
    } finally {
      await wd("POST", s("/window/rect"), { width: 1280, height: 800 });
    }
  });
});

/** Text on the screen that holds a date as stored (2026-12-07), but in a file's name
 * (ladder-2026-12-07.db), a field or the page's own hidden parts. */
const STORED_DATES = `
  const out = [];
  const walk = document.createTreeWalker(document.querySelector("main.work"), NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    if (n.parentElement.closest("[hidden], script, style, textarea")) continue;
    if (/(?<![\\w-])\\d{4}-\\d{2}-\\d{2}(?![\\w.-])/.test(n.textContent)) {
      const where = n.parentElement.closest("[data-testid]")?.dataset.testid ?? n.parentElement.tagName;
      out.push(where + ": " + n.textContent.trim().slice(0, 100));
    }
  }
  return [...new Set(out)];`;

test("every screen writes its dates as 7 Dec 2026, its findings included", async () => {
  await step("dates", async () => {
    // On its own (the test above not run), the demo team is opened first.
    const up = `${tid("open-demo")}, ${tid("nav-dashboard")}`;
    await until("the app is up", async () => (await findAll(up)).length > 0);
    if ((await findAll(tid("open-demo"))).length > 0) {
      await click(await find(tid("open-demo")));
      await until("the demo team is listed", async () => (await findAll(tid("team-row"))).length >= 3);
    }
    const stored = {};
    for (const screen of DEMO_SCREENS) {
      await visit(screen);
      const found = await run(STORED_DATES);
      if (found.length > 0) stored[screen.name] = found;
    }
    assert.deepEqual(stored, {});
  });
});
