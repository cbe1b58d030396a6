// End to end in the real app: on every screen of the demo team, each control that Tab
// reaches shows that it has the focus. The theme draws the focus as a ring of its own,
// and a control drawn by the system may not take it.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startApp, stopApp, step, find, findAll, until, run, click, tid, wd, s } from "./harness.mjs";

before(startApp);
after(stopApp);

/** Screens, each with what to open first; `tabs`: how far to walk with Tab. */
const SCREENS = [
  { nav: "dashboard" },
  { nav: "team", open: [tid("add-person")] },
  { nav: "team", open: [`${tid("team-row")} ${tid("open-person")}`], ready: tid("activity") },
  { nav: "meetings", open: [tid("meeting-person")], ready: tid("meeting-panel") },
  { nav: "competencies", open: [tid("add-competency")] },
  { nav: "change", ready: tid("raci-matrix"), tabs: 120 },
  { nav: "readiness", open: [`${tid("readiness-row")}[data-person="Aisha Bello"] ${tid("readiness-open")}`], ready: tid("readiness-assessment") },
  { nav: "workbooks" },
  { nav: "settings" },
];

/** Records, for each element the focus moves to, whether anything shows it. */
const WATCH = `
  window.unmarked = [];
  window.reached = 0;
  window.onFocus ??= (ev) => {
    const el = ev.target;
    window.reached += 1;
    // A control hidden inside its label (a score's radio) shows the focus on the label.
    const shows = (e) => {
      const cs = e && getComputedStyle(e);
      return cs && ((cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) > 0) || cs.boxShadow !== "none");
    };
    if (shows(el) || shows(el.closest("label"))) return;
    const what = el.getAttribute("data-testid") || el.getAttribute("aria-label") || el.textContent.trim().slice(0, 30);
    window.unmarked.push(el.tagName.toLowerCase() + (el.type ? "[" + el.type + "]" : "") + " " + what);
  };
  document.addEventListener("focusin", window.onFocus);
  document.activeElement?.blur();`;

const TAB = "\uE004";

test("every control Tab reaches shows the focus", async () => {
  await step("demo-team", async () => {
    await click(await find(tid("open-demo")));
    await until("the demo team is listed", async () => (await findAll(tid("team-row"))).length >= 3);
  });

  await step("tab-through", async () => {
    const unmarked = {};
    for (const screen of SCREENS) {
      await click(await find(tid(`nav-${screen.nav}`)));
      await find(tid(`${screen.nav}-screen`));
      for (const css of screen.open ?? []) await click(await find(css));
      if (screen.ready) await find(screen.ready);
      await run(WATCH);
      const presses = [];
      for (let i = 0; i < (screen.tabs ?? 60); i++) presses.push({ type: "keyDown", value: TAB }, { type: "keyUp", value: TAB });
      await wd("POST", s("/actions"), { actions: [{ type: "key", id: "keyboard", actions: presses }] });
      const { reached, missing } = await run("return { reached: window.reached, missing: window.unmarked }");
      assert.ok(reached > 5, `Tab reached only ${reached} controls on ${screen.nav}`);
      if (missing.length > 0) unmarked[screen.nav] = [...new Set(missing)];
    }
    assert.deepEqual(unmarked, {});
  });
});
