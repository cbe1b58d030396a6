// End to end in the real app: the Change screen (ADKAR register, scores, barrier, heat
// map, RACI) and user text that looks like markup.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  startApp, stopApp, step, docShot, find, findAll, until, run, click, text, attr, type,
  choose, chooseValue, inDays, written, tid, press, screenshot, KEY, OUT,
} from "./harness.mjs";

before(startApp);
after(stopApp);

const ENTER = "\uE007";

async function openDemo() {
  await find(tid("first-run"));
  await click(await find(tid("open-demo")));
  await until("the demo team is listed", async () => (await findAll(tid("team-row"))).length >= 3);
}

async function registerChange(name, owner) {
  await click(await find(tid("nav-change")));
  await find(tid("change-screen"));
  await click(await find(tid("change-new")));
  const form = await find(tid("change-form"));
  await type(await find(tid("change-name"), form), name);
  await choose(await find(tid("change-owner"), form), owner);
  await click(await find(tid("change-save"), form));
  await until(`"${name}" is open`, async () => (await text(await find(tid("change-title")))) === name);
}

async function addStakeholder(name) {
  await choose(await find(tid("stakeholder-person")), name);
  await click(await find(tid("stakeholder-add")));
  await find(`${tid("score-row")}[data-stakeholder="${name}"]`, undefined, `the score row of ${name}`);
}

/** Types five scores into a stakeholder's row, cell by cell, and presses Enter. */
async function score(name, values) {
  const row = await find(`${tid("score-row")}[data-stakeholder="${name}"]`);
  const cells = await findAll("input", row);
  for (let i = 0; i < 5; i++) await type(cells[i], String(values[i]));
  await type(cells[4], `${values[4]}${ENTER}`);
}

test("create a change with one owner, score three stakeholders and see the barrier and the heat map", async () => {
  const name = "Move support to a follow-the-sun rota";
  await step("demo", openDemo);
  await step("register", async () => {
    await registerChange(name, "Jordan Avery");
    assert.equal(await text(await find(tid("change-owner-name"))), "Jordan Avery");
  });
  await step("stakeholders", async () => {
    for (const who of ["Priya Raman", "Tom Okafor", "Sofia Alvarez"]) await addStakeholder(who);
  });
  await step("a score with two decimals is refused on its cell", async () => {
    const row = await find(`${tid("score-row")}[data-stakeholder="Priya Raman"]`);
    const cells = await findAll("input", row);
    for (let i = 0; i < 5; i++) await type(cells[i], "4");
    await type(cells[1], `3.25${ENTER}`);
    const error = await find(tid("score-error"));
    assert.match(await text(error), /more than one decimal/);
    assert.equal(await attr(cells[1], "aria-invalid"), "true");
    assert.equal(await text(await find(tid("change-barrier-point"))), "Not assessed");
  });
  await step("score", async () => {
    await score("Priya Raman", [4, 2, 4, 4, 4]);
    await until("Priya is scored", async () => (await findAll(tid("score-error"))).length === 0);
    await score("Tom Okafor", [5, 4, 2, 3, 4]);
    await score("Sofia Alvarez", [4, 3, 4, 4, 4.5]);
    await until("the barrier point shows", async () => (await text(await find(tid("change-barrier-point")))) === "Desire");
  });
  await step("barrier distribution and heat map", async () => {
    const counts = {};
    for (const bar of await findAll(tid("barrier-bar"))) counts[await attr(bar, "data-barrier")] = Number(await attr(bar, "data-count"));
    assert.deepEqual(counts, { awareness: 0, desire: 2, knowledge: 1, ability: 0, reinforcement: 0, none: 0 });
    const heat = await find(tid("heat-map"));
    // Three stakeholders and the average, five elements each.
    assert.equal((await findAll("td", heat)).length, 20);
    const barriers = await findAll("td.barrier", heat);
    assert.equal(barriers.length, 4, "one barrier cell per stakeholder and one for the average");
    await docShot("desktop-change.png", tid("change-title"));
  });
  await step("a click in a scored cell and a digit replace the score; Escape puts it back", async () => {
    const cell = `${tid("score-row")}[data-stakeholder="Priya Raman"] ${tid("score-ability")}`;
    const value = () => run("return document.querySelector(arguments[0]).value", cell);
    assert.equal(await value(), "4");
    await click(await find(cell));
    await press("3");
    assert.equal(await value(), "3");
    await press(KEY.escape);
    assert.equal(await value(), "4");
  });
  await step("a stakeholder is taken off the change only after the question, scores and all", async () => {
    const remove = `${tid("score-row")}[data-stakeholder="Sofia Alvarez"] ${tid("stakeholder-remove")}`;
    await click(await find(remove));
    const question = await find(tid("stakeholder-remove-confirm"));
    assert.match(await text(question), /Take Sofia Alvarez off this change, with every score of theirs\?/);
    await screenshot(join(OUT, "stakeholder-remove-question.png"));
    await press(KEY.escape);
    await until("Escape keeps her", async () => (await findAll(tid("stakeholder-remove-confirm"))).length === 0);
    assert.equal((await findAll(`${tid("score-row")}[data-stakeholder="Sofia Alvarez"]`)).length, 1);

    await click(await find(remove));
    await click(await find(tid("stakeholder-remove-yes")));
    const notice = await find(tid("stakeholder-removed"));
    assert.equal(await text(notice), "Sofia Alvarez is no longer a stakeholder of this change, with 1 assessment.");
    // The focus, gone with her row, is on what was done.
    await until("the notice has the focus", async () => (await run("return document.activeElement?.dataset.testid")) === "stakeholder-removed");
    await until("her row is gone", async () => (await findAll(`${tid("score-row")}[data-stakeholder="Sofia Alvarez"]`)).length === 0);
    const counts = {};
    for (const bar of await findAll(tid("barrier-bar"))) counts[await attr(bar, "data-barrier")] = Number(await attr(bar, "data-count"));
    assert.deepEqual(counts, { awareness: 0, desire: 1, knowledge: 1, ability: 0, reinforcement: 0, none: 0 });
    assert.equal((await findAll("td", await find(tid("heat-map")))).length, 15);
  });
  await step("the person's page shows the change and their barrier", async () => {
    await click(await find(tid("nav-team")));
    const search = await find(tid("team-search"));
    await type(search, "Tom");
    await until("one row matches", async () => (await findAll(tid("team-row"))).length === 1);
    await click(await find(tid("open-person")));
    const row = await find(`${tid("person-change-row")}[data-change="${name}"]`);
    assert.equal(await text(await find(tid("person-change-barrier"), row)), "Knowledge");
  });
  await step("a change on the person's page opens that change, not the register's first", async () => {
    const other = "On-call redesign";
    await click(await find(tid("person-change-open"), await find(`${tid("person-change-row")}[data-change="${other}"]`)));
    await until(`"${other}" is open`, async () => (await findAll(tid("change-title"))).length === 1 && (await text(await find(tid("change-title")))) === other);
  });
});

test("a second Accountable on one RACI activity is refused with the message", async () => {
  await step("raci", async () => {
    await click(await find(tid("nav-change")));
    await click(await find(`${tid("change-item")}[data-change="Move support to a follow-the-sun rota"]`));
    await find(tid("raci"));
    await type(await find(tid("raci-activity-name")), "Approve the rota");
    await click(await find(tid("raci-activity-add")));
    const row = await find(`${tid("raci-row")}[data-activity="Approve the rota"]`);
    for (const who of ["Priya Raman", "Tom Okafor"]) {
      await choose(await find(tid("raci-person-pick")), who);
      await click(await find(tid("raci-person-add")));
    }
    await click(await find(`option[value="a"]`, await find(`${tid("raci-cell")}[data-person="Priya Raman"]`, row)));
    await until("Priya is accountable", async () =>
      (await run(`return document.querySelector('[data-activity="Approve the rota"] [data-person="Priya Raman"]').value`)) === "a");
    await click(await find(`option[value="a"]`, await find(`${tid("raci-cell")}[data-person="Tom Okafor"]`, row)));
    const error = await find(tid("raci-error"), row, "the refusal beside the activity");
    assert.match(await text(error), /Priya Raman is already accountable for "Approve the rota"; exactly one person is accountable/);
    assert.equal(
      await run(`return document.querySelector('[data-activity="Approve the rota"] [data-person="Tom Okafor"]').value`),
      "",
      "Tom's cell went back to no role",
    );
    // With the keys, Tom's cell steps past the A that is taken (R, A, C) and keeps the C
    // chosen with Enter: no step in between is saved, or refused.
    const tom = `[data-activity="Approve the rota"] [data-person="Tom Okafor"]`;
    await run(`document.querySelector('${tom}').focus()`);
    await press("\uE015", 3);
    await press(ENTER);
    await until("Tom is consulted", async () => (await run(`return document.querySelector('${tom}').value`)) === "c");
    assert.equal((await findAll(tid("raci-error"), row)).length, 0, "no refusal on the way");
    await click(await find(tid("raci-activity-name")));
    await until("C is what is stored", async () =>
      (await run(`return document.querySelector('${tom}').value`)) === "c" && (await findAll(tid("raci-error"), row)).length === 0);
  });
  await step("raci-remove", async () => {
    await type(await find(tid("raci-activity-name")), "Order pizza");
    await click(await find(tid("raci-activity-add")));
    const row = `${tid("raci-row")}[data-activity="Order pizza"]`;
    await click(await find(tid("raci-remove"), await find(row)));
    await click(await find(tid("raci-remove-yes"), await find(row)));
    await until("the activity is gone", async () => (await findAll(row)).length === 0);
    assert.equal((await findAll(`${tid("raci-row")}[data-activity="Approve the rota"]`)).length, 1);
  });
  await step("raci-review", async () => {
    assert.equal(await text(await find(tid("raci-reviewed"))), "Never reviewed");
    await click(await find(tid("raci-review")));
    await until("the review is recorded", async () => /^Reviewed \d{1,2} \w{3} \d{4}$/.test(await text(await find(tid("raci-reviewed")))));
  });
});

/** Empties a field the way a user does, so the page sees the input. */
const empty = (el) => type(el, "x\uE003");

const findingCodes = async () => {
  const codes = [];
  for (const f of await findAll(tid("change-finding"))) codes.push(await attr(f, "data-code"));
  return codes;
};

test("edit the register, move the status, and work the phase plan and its influential associates", async () => {
  const name = "Move support to a follow-the-sun rota";
  const action = `${tid("plan-action")}[data-action="Train the rota leads on the handover"]`;
  await step("open the change", async () => {
    await click(await find(tid("nav-change")));
    await click(await find(`${tid("change-item")}[data-change="${name}"]`));
    await until(`"${name}" is open`, async () => (await text(await find(tid("change-title")))) === name);
  });

  await step("typing for one change, and its error, stay behind when another is opened", async () => {
    await type(await find(tid("group-name")), "Ops");
    await type(await find(tid("group-count")), "abc");
    await click(await find(tid("group-add")));
    assert.match(await text(await find(tid("stakeholder-error"))), /head count abc is not a whole number/);
    const other = "On-call redesign";
    await click(await find(`${tid("change-item")}[data-change="${other}"]`));
    await click(await find(tid("leave-discard")));
    await until(`"${other}" is open`, async () => (await findAll(tid("change-title"))).length === 1 && (await text(await find(tid("change-title")))) === other);
    assert.equal(await run("return document.querySelector(arguments[0]).value", tid("group-name")), "");
    assert.equal(await run("return document.querySelector(arguments[0]).value", tid("group-count")), "");
    assert.equal((await findAll(tid("stakeholder-error"))).length, 0);
    await click(await find(`${tid("change-item")}[data-change="${name}"]`));
    await until(`"${name}" is open again`, async () => (await findAll(tid("change-title"))).length === 1 && (await text(await find(tid("change-title")))) === name);
  });

  await step("edit the register: an empty name is refused beside it, then a new owner and training", async () => {
    await click(await find(tid("change-edit")));
    const form = await find(tid("change-form"));
    await empty(await find(tid("change-name"), form));
    await click(await find(tid("change-save"), form));
    assert.match(await text(await find(tid("change-name-error"), form)), /name must not be empty/);
    await type(await find(tid("change-name"), form), name);
    await choose(await find(tid("change-owner"), form), "Priya Raman");
    await chooseValue(await find(tid("change-impact"), form), "high");
    await click(await find(tid("change-training"), form));
    await click(await find(tid("change-save"), form));
    await until("the new owner shows", async () => (await text(await find(tid("change-owner-name")))) === "Priya Raman");
    await until("training without a Knowledge action is flagged", async () =>
      (await findingCodes()).includes("training_without_knowledge_action"));
  });

  await step("move the status forward, only after the confirmation", async () => {
    await chooseValue(await find(tid("change-status-select")), "announced");
    await click(await find(tid("change-status-move")));
    await find(tid("change-status-confirm"));
    await click(await find(tid("change-status-no")));
    assert.equal(await attr(await find(tid("change-status-badge")), "data-status"), "draft");
    await click(await find(tid("change-status-move")));
    await click(await find(tid("change-status-yes")));
    await until("the change is announced", async () =>
      (await attr(await find(tid("change-status-badge")), "data-status")) === "announced");
    const offered = [];
    for (const o of await findAll("option", await find(tid("change-status-select")))) offered.push(await attr(o, "value"));
    assert.deepEqual(offered, ["in_progress", "reinforcing", "closed"], "a status is never taken back");
  });

  await step("add a Knowledge action: a date that does not exist is refused beside it", async () => {
    await click(await find(`${tid("plan-add")}[data-element="knowledge"]`));
    const form = await find(tid("plan-action-form"));
    await type(await find(tid("plan-action-description"), form), "Train the rota leads on the handover");
    await choose(await find(tid("plan-action-owner"), form), "Tom Okafor");
    await type(await find(tid("plan-action-due"), form), "2026-02-30");
    await click(await find(tid("plan-action-save"), form));
    assert.match(await text(await find(tid("plan-action-due-error"), form)), /2026-02-30 is not a date/);
    assert.equal((await findAll(action)).length, 0, "nothing was added");
    await type(await find(tid("plan-action-due"), form), inDays(14));
    await click(await find(tid("plan-action-save"), form));
    const row = await find(action, undefined, "the new action");
    assert.equal(await attr(row, "data-status"), "planned");
    assert.equal(await text(await find(tid("plan-action-owner-name"), row)), "Tom Okafor");
    assert.equal(await text(await find(tid("plan-action-due-date"), row)), `due ${written(inDays(14))}`);
    await until("the training finding is gone", async () => !(await findingCodes()).includes("training_without_knowledge_action"));
  });

  await step("edit the action, then tick it done", async () => {
    await click(await find(tid("plan-action-edit"), await find(action)));
    const form = await find(tid("plan-action-form"));
    await chooseValue(await find(tid("plan-action-status"), form), "in_progress");
    await empty(await find(tid("plan-action-due"), form));
    await click(await find(tid("plan-action-save"), form));
    await until("the action is in progress with no due date", async () => {
      const row = await find(action);
      return (await attr(row, "data-status")) === "in_progress" && (await findAll(tid("plan-action-due-date"), row)).length === 0;
    });
    await click(await find(tid("plan-action-done"), await find(action)));
    await until("the action is done", async () => (await attr(await find(action), "data-status")) === "done");
  });

  await step("consult an influential associate for the Desire barrier, then edit what they said", async () => {
    assert.ok((await findingCodes()).includes("desire_barrier_without_influencers"));
    await click(await find(tid("influencer-add")));
    const form = await find(tid("influencer-form"));
    await choose(await find(tid("influencer-person"), form), "Sofia Alvarez");
    await type(await find(tid("influencer-concerns"), form), "Night shifts for parents");
    await type(await find(tid("influencer-reactions"), form), "Seniors will ask for a rota bonus");
    await click(await find(tid("influencer-save"), form));
    const row = await find(`${tid("influencer")}[data-person="Sofia Alvarez"]`, undefined, "Sofia as an influencer");
    assert.equal(await text(await find(tid("influencer-concerns-text"), row)), "Night shifts for parents");
    await until("the Desire finding is gone", async () => !(await findingCodes()).includes("desire_barrier_without_influencers"));
    await click(await find(tid("influencer-edit"), row));
    await type(await find(tid("influencer-questions")), "Who covers public holidays?");
    await click(await find(tid("influencer-save")));
    await until("the question shows", async () =>
      (await text(await find(tid("influencer-questions-text"), await find(`${tid("influencer")}[data-person="Sofia Alvarez"]`)))) === "Who covers public holidays?");
    assert.equal(
      await text(await find(tid("influencer-reactions-text"), await find(`${tid("influencer")}[data-person="Sofia Alvarez"]`))),
      "Seniors will ask for a rota bonus",
    );
    // One consulted by mistake is removed after a question, and the check comes back.
    await click(await find(tid("influencer-remove"), await find(`${tid("influencer")}[data-person="Sofia Alvarez"]`)));
    assert.match(await text(await find(tid("influencer-remove-confirm"))), /Stop consulting Sofia Alvarez\?/);
    await click(await find(tid("influencer-remove-yes")));
    await until("Sofia is no longer consulted", async () => (await findAll(`${tid("influencer")}[data-person="Sofia Alvarez"]`)).length === 0);
    await until("the Desire finding is back", async () => (await findingCodes()).includes("desire_barrier_without_influencers"));
  });

  await step("now announced, the change and Tom's barrier are on his meeting agenda", async () => {
    await click(await find(tid("nav-meetings")));
    await find(tid("meetings-screen"));
    let tom = null;
    await until("Tom is in the list", async () => {
      tom = await run(
        "return [...document.querySelectorAll('[data-testid=meeting-person]')].find((b) => b.textContent.includes('Tom Okafor')) ?? null;",
      );
      return tom !== null;
    });
    await click(Object.values(tom)[0]);
    await until("Tom's agenda is prepared", async () => (await text(await find(tid("meeting-person-name")))) === "Tom Okafor");
    const row = await find(`${tid("agenda-change")}[data-change="${name}"]`, undefined, "the change on the agenda");
    assert.equal(await text(await find(tid("agenda-change-barrier"), row)), "Barrier: Knowledge");
  });
});

test("a name with markup renders as text", async () => {
  const name = "<img src=x onerror=window.__pwned=1>";
  await step("markup", async () => {
    await registerChange(name, "Jordan Avery");
    assert.equal(await text(await find(tid("change-title"))), name);
    assert.equal(await text(await find(`${tid("change-item")}[data-change="${name}"] .name`)), name);
    assert.equal(await run("return document.querySelectorAll('img[src=x]').length"), 0);
    assert.equal(await run("return typeof window.__pwned"), "undefined");
  });
});
