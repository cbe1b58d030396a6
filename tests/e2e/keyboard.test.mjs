// End to end in the real app, on the demo team: on every screen each control that Tab
// reaches shows that it has the focus (the theme draws the focus as a ring of its own,
// and a control drawn by the system may not take it); Escape closes every form that has
// a Cancel button; and a question asked before archiving, retiring, moving a status or
// removing has the focus on Keep, and Escape keeps. Either way the focus then goes back
// to the button that opened the form or asked the question. Leaving a form from the
// sidebar, or closing it with Escape, asks first once something was typed in it, and
// only then.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { startApp, stopApp, step, find, findAll, until, comesTrue, run, click, press, screenshot, tid, KEY, OUT } from "./harness.mjs";
import { AISHA, DEMO_SCREENS, visit } from "./screens.mjs";

// Both tests work on the demo team.
before(async () => {
  await startApp();
  await click(await find(tid("open-demo")));
  await until("the demo team is listed", async () => (await findAll(tid("team-row"))).length >= 3);
});
after(stopApp);

/** How many presses of Tab go round a screen at most, where 80 are too few. */
const TABS = { Change: 150 };

/** Records each element the focus moves to, until it comes round to the first again,
 * and which of them show nothing of it. */
const WATCH = `
  window.tabbed = { first: null, round: false, seen: new Set(), unmarked: [] };
  window.onFocus ??= (ev) => {
    const t = window.tabbed, el = ev.target;
    if (t.round) return;
    if (el === t.first) return void (t.round = true);
    t.first ??= el;
    t.seen.add(el);
    // A control hidden inside its label (a score's radio) shows the focus on the label.
    const shows = (e) => {
      const cs = e && getComputedStyle(e);
      return cs && ((cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) > 0) || cs.boxShadow !== "none");
    };
    if (shows(el) || shows(el.closest("label"))) return;
    const what = el.getAttribute("data-testid") || el.getAttribute("aria-label") || el.textContent.trim().slice(0, 30);
    t.unmarked.push(el.tagName.toLowerCase() + (el.type ? "[" + el.type + "]" : "") + " " + what);
  };
  document.addEventListener("focusin", window.onFocus);
  document.activeElement?.blur();`;

const REPORT = `
  const t = window.tabbed;
  return { round: t.round, work: [...t.seen].filter((el) => el.closest("main.work")).length, unmarked: [...new Set(t.unmarked)] };`;

test("every control Tab reaches shows the focus", async () => {
  await step("tab-through", async () => {
    const unmarked = {};
    for (const screen of DEMO_SCREENS) {
      await visit(screen);
      await run(WATCH);
      const tabs = TABS[screen.name] ?? 80;
      await press(KEY.tab, tabs);
      const { round, work, unmarked: missing } = await run(REPORT);
      // Every control was reached: Tab came round to where it started.
      assert.ok(round, `Tab did not come round on ${screen.name} in ${tabs} presses`);
      assert.ok(work > 0, `Tab reached nothing on ${screen.name} itself`);
      if (missing.length > 0) unmarked[screen.name] = missing;
    }
    assert.deepEqual(unmarked, {});
  });
});

const PLAN = `${tid("team-row")} ${tid("open-person")}`;

/** Whether the focus is on the first control a selector finds: the one `visit` opened.
 * It may take a frame to come back. */
const focusedOn = (css) =>
  comesTrue(`the focus on ${css}`, async () => run("return document.activeElement === document.querySelector(arguments[0])", css));

/** Each form with a Cancel button: the screen, what opens it, and the form. (Turning a
 * meeting's action item into an activity is in meetings.test.mjs: the demo team has no
 * open action item.) */
const FORMS = [
  { nav: "team", open: [tid("add-person")], form: "person-form" },
  { nav: "team", open: [PLAN, tid("profile-edit")], form: "person-form" },
  { nav: "team", open: [PLAN, tid("add-goal")], form: "goal-form" },
  { nav: "team", open: [PLAN, tid("goal-edit")], form: "goal-edit-form" },
  { nav: "team", open: [PLAN, tid("add-activity-learn")], form: "activity-editor" },
  { nav: "team", open: [PLAN, tid("activity-edit")], form: "activity-editor" },
  { nav: "competencies", open: [tid("add-competency")], form: "competency-form" },
  { nav: "competencies", open: [tid("competency-edit")], form: "competency-edit-form" },
  { nav: "change", open: [tid("change-new")], form: "change-form" },
  { nav: "change", open: [tid("change-edit")], form: "change-form" },
  { nav: "change", open: [tid("plan-add")], form: "plan-action-form" },
  { nav: "change", open: [tid("influencer-add")], form: "influencer-form" },
  { nav: "readiness", open: [AISHA, tid("readiness-reassess")], form: "readiness-open-form" },
  { nav: "readiness", open: [AISHA, tid("req-edit")], form: "req-form" },
  { nav: "readiness", open: [AISHA, tid("advocate-add")], form: "advocate-form" },
  { nav: "readiness", open: [AISHA, tid("advocacy-action-add")], form: "advocacy-action-form" },
  { nav: "readiness", open: [AISHA, tid("advocacy-action-plan")], form: "advocacy-plan-form" },
];

test("every form that has a Cancel button takes the focus as it opens, and Escape closes it, back to what opened it", async () => {
  await step("escape", async () => {
    const stayed = [];
    const lost = [];
    const unfocused = [];
    for (const { nav, open, form } of FORMS) {
      await visit({ nav, open, ready: tid(form) });
      // The form opened takes the focus, so typing goes into it.
      const inside = "return document.querySelector(arguments[0]).contains(document.activeElement)";
      if (!(await comesTrue(`${form} has the focus`, () => run(inside, tid(form))))) {
        unfocused.push(`${form} (${open.at(-1)})`);
      }
      // From a field, as a person typing in the form would.
      await run(`const form = document.querySelector(arguments[0]);
        (form.querySelector("input:not([type=checkbox]):not([type=radio]), textarea") ?? form.querySelector("select, button")).focus();`, tid(form));
      await press(KEY.escape);
      const closed = await comesTrue(`${form} closes`, async () => (await findAll(tid(form))).length === 0);
      if (!closed) stayed.push(`${form} (${open.at(-1)})`);
      else if (!(await focusedOn(open.at(-1)))) lost.push(`${form} (${open.at(-1)})`);
    }
    assert.deepEqual(stayed, []);
    assert.deepEqual(unfocused, [], "these forms did not take the focus as they opened");
    assert.deepEqual(lost, [], "the focus did not go back to what opened these forms");
  });
});

/** One character typed into a form's first text field, or another choice in a form of
 * choices alone; returns what the field then holds. */
const TYPE_INTO = `const form = document.querySelector(arguments[0]);
  const field = form.querySelector("input:not([type=checkbox]):not([type=radio]), textarea");
  if (field) {
    field.focus();
    document.execCommand("insertText", false, "x");
    return field.value;
  }
  const select = [...form.querySelectorAll("select")].find((s) => s.options.length > 1);
  select.focus();
  select.selectedIndex = (select.selectedIndex + 1) % select.options.length;
  select.dispatchEvent(new Event("change", { bubbles: true }));
  return select.value;`;

test("leaving a form from the sidebar asks first only once something was typed in it", async () => {
  await step("leave", async () => {
    const asked = [];
    const unasked = [];
    for (const { nav, open, form } of FORMS) {
      // Just opened, prefilled or not, it holds nothing: Settings opens at once.
      await visit({ nav, open, ready: tid(form) });
      await click(await find(tid("nav-settings")));
      await find(`${tid("settings-screen")}, ${tid("leave-question")}`);
      if ((await findAll(tid("leave-question"))).length > 0) {
        asked.push(form);
        await click(await find(tid("leave-discard")));
        await find(tid("settings-screen"));
      }
      // One character typed into its first text field, or another choice in a form of
      // choices alone, and leaving asks.
      await visit({ nav, open, ready: tid(form) });
      await run(TYPE_INTO, tid(form));
      await click(await find(tid("nav-settings")));
      await find(`${tid("settings-screen")}, ${tid("leave-question")}`);
      if ((await findAll(tid("leave-question"))).length === 0) unasked.push(form);
      else await click(await find(tid("leave-discard")));
      await find(tid("settings-screen"));
    }
    assert.deepEqual(asked, [], "these forms asked before anything was typed in them");
    assert.deepEqual(unasked, [], "these forms dropped what was typed without asking");
  });
});

test("Escape asks before closing a form that holds typing, and keeps it on Keep editing", async () => {
  await step("escape-typed", async () => {
    const unasked = [];
    const lost = [];
    const stayed = [];
    for (const { nav, open, form } of FORMS) {
      await visit({ nav, open, ready: tid(form) });
      const typed = await run(TYPE_INTO, tid(form));
      await press(KEY.escape);
      const asked = await comesTrue(`Escape on ${form} asks`, async () => (await findAll(tid("leave-question"))).length > 0);
      if (!asked) {
        unasked.push(form);
        continue;
      }
      assert.equal(await run(`return document.querySelector(arguments[0]).querySelector("h2").textContent`, tid("leave-question")), "Discard changes?");
      if (form === FORMS[0].form) await screenshot(join(OUT, "discard-question.png"));
      // Keep editing: the form and what was typed stay, the focus back in the field.
      await click(await find(tid("leave-stay")));
      const kept = `const a = document.activeElement;
        return document.querySelector(arguments[0])?.contains(a) ? a.value : null`;
      if (!(await comesTrue(`${form} kept`, async () => (await run(kept, tid(form))) === typed))) {
        lost.push(form);
      }
      // Escape again, and Discard: the form closes.
      await press(KEY.escape);
      await click(await find(tid("leave-discard")));
      if (!(await comesTrue(`${form} closes`, async () => (await findAll(tid(form))).length === 0))) {
        stayed.push(form);
      }
    }
    assert.deepEqual(unasked, [], "Escape dropped what was typed in these forms without asking");
    assert.deepEqual(lost, [], "Keep editing did not keep these forms' typing, with the focus in it");
    assert.deepEqual(stayed, [], "Discard did not close these forms");
  });
});

test("forms that stay filled after a save ask only for what was typed since", async () => {
  await step("stay-filled", async () => {
    // Readiness: a rationale typed for Aisha over the one stored, then Tom asked for.
    await visit({ nav: "readiness", open: [AISHA], ready: tid("decide-rationale") });
    await run(`const f = document.querySelector(arguments[0]); f.focus(); f.select(); document.execCommand("insertText", false, "Ready once the platform move lands");`, tid("decide-rationale"));
    // Saving a skill elsewhere reads the assessment again, and the typing in the role's
    // notes, a form that shows what is stored, stays.
    await run(`document.querySelector(arguments[0]).focus(); document.execCommand("insertText", false, " Scope: two teams.");`, tid("role-notes"));
    const notes = await run("return document.querySelector(arguments[0]).value", tid("role-notes"));
    await run(`document.querySelector(arguments[0]).focus(); document.execCommand("insertText", false, "Budgeting");`, tid("skill-name"));
    await click(await find(tid("skill-add")));
    await find(`${tid("skill")}[data-skill="Budgeting"]`);
    assert.equal(await run("return document.querySelector(arguments[0]).value", tid("role-notes")), notes);
    assert.equal(await run("return document.querySelector(arguments[0]).value", tid("decide-rationale")), "Ready once the platform move lands");
    await click(await find(`${tid("readiness-row")}[data-person="Tom Okafor"] ${tid("readiness-open")}`));
    await find(tid("leave-question"), undefined, "leaving typed role notes asks");
    await click(await find(tid("leave-discard")));
    // The rationale alone asks too.
    await visit({ nav: "readiness", open: [AISHA], ready: tid("decide-rationale") });
    await run(`const f = document.querySelector(arguments[0]); f.focus(); f.select(); document.execCommand("insertText", false, "Ready once the platform move lands");`, tid("decide-rationale"));
    await click(await find(`${tid("readiness-row")}[data-person="Tom Okafor"] ${tid("readiness-open")}`));
    await find(tid("leave-question"), undefined, "leaving a typed rationale asks");
    await click(await find(tid("leave-discard")));

    // Meetings: a next-meeting date typed, then the cadence saved: the date stays, and
    // leaving still asks about it.
    // Priya's next meeting is scheduled: the form that records it as held shows.
    await visit({ nav: "meetings", ready: tid("meeting-person") });
    await run(`[...document.querySelectorAll(arguments[0])].find((b) => b.textContent.includes("Priya Raman")).click();`, tid("meeting-person"));
    await find(tid("next-meeting-date"));
    await run(`const f = document.querySelector(arguments[0]); f.focus(); f.select(); document.execCommand("insertText", false, "2027-01-21");`, tid("next-meeting-date"));
    await run(`const f = document.querySelector(arguments[0]); f.focus(); f.select(); document.execCommand("insertText", false, "30");`, tid("cadence-input"));
    await click(await find(tid("cadence-save")));
    await find(tid("cadence-saved"));
    assert.equal(await run("return document.querySelector(arguments[0]).value", tid("next-meeting-date")), "2027-01-21");
    await click(await find(tid("nav-settings")));
    await find(tid("leave-question"), undefined, "leaving a typed next-meeting date asks");
    await click(await find(tid("leave-discard")));

    // Change: the last row saved with a score written 3.0, read back as 3: nothing is
    // unsaved, and leaving asks nothing.
    await visit({ nav: "change", ready: tid("score-grid") });
    const last = (await findAll(tid("score-row"))).length - 1;
    await run(`const cell = document.querySelector("[data-grid-cell='${last}-0']"); cell.focus(); cell.select(); document.execCommand("insertText", false, "3.0");`);
    await press("\uE007");
    await until("the row is read back", async () => (await run(`return document.querySelector("[data-grid-cell='${last}-0']").value`)) === "3");
    await click(await find(tid("nav-settings")));
    await find(tid("settings-screen"));
    assert.equal((await findAll(tid("leave-question"))).length, 0, "a saved row asks nothing");

    // Change: a score typed into the grid and not saved.
    await visit({ nav: "change", ready: tid("score-grid") });
    await run(`const cell = document.querySelector("[data-grid-cell='0-0']"); cell.focus(); cell.select(); document.execCommand("insertText", false, "1.5");`);
    await click(await find(tid("nav-settings")));
    await find(tid("leave-question"), undefined, "leaving a typed score asks");
    await click(await find(tid("leave-discard")));

    // Competencies: another competency's Edit while one holds typing.
    await visit({ nav: "competencies", open: [tid("competency-edit")], ready: tid("competency-edit-form") });
    await run(`const f = document.querySelector(arguments[0]).querySelector("input"); f.focus(); document.execCommand("insertText", false, " and more");`, tid("competency-edit-form"));
    await click((await findAll(tid("competency-edit")))[0]);
    await find(tid("leave-question"), undefined, "opening another competency's edit asks");
    await click(await find(tid("leave-stay")));
    await click(await find(tid("competency-edit-cancel")));
  });
});

/** Each question asked before a change is made: the screen, what asks it, the question
 * and its Keep button. */
const QUESTIONS = [
  { nav: "team", ask: tid("archive-person"), question: "archive-confirm", keep: "archive-no" },
  { nav: "competencies", ask: tid("competency-retire"), question: "retire-confirm", keep: "retire-no" },
  { nav: "change", ask: tid("change-status-move"), question: "change-status-confirm", keep: "change-status-no" },
  { nav: "change", ask: tid("stakeholder-remove"), question: "stakeholder-remove-confirm", keep: "stakeholder-remove-no" },
  { nav: "change", ask: tid("raci-remove"), question: "raci-remove-confirm", keep: "raci-remove-no" },
];

test("a question before archiving, retiring, moving a status or removing waits on Keep, and Escape keeps, back to what asked it", async () => {
  await step("questions", async () => {
    for (const { nav, ask, question, keep } of QUESTIONS) {
      await visit({ nav, open: [ask], ready: tid(question) });
      // Enter or Space, pressed straight away, does not archive, retire, move or remove.
      assert.equal(await run("return document.activeElement?.getAttribute('data-testid')"), keep, `the focus after ${ask}`);
      await press(KEY.escape);
      await until(`Escape puts the ${question} away`, async () => (await findAll(tid(question))).length === 0);
      await find(ask);
      assert.ok(await focusedOn(ask), `the focus after Escape on ${question}`);
    }
  });
});
