// End to end in the real app: preparing a development meeting and turning one of its
// action items into a plan activity; adding a person, archiving them, and undoing it.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startApp, stopApp, step, docShot, find, findAll, until, run, click, press, text, attr, type, choose, chooseValue, inDays, tid, KEY } from "./harness.mjs";

before(startApp);
after(stopApp);

/** The row of a list whose `field` text equals `want`, or null. */
async function rowWith(rowId, field, want, root) {
  for (const r of await findAll(tid(rowId), root)) {
    const f = await findAll(tid(field), r);
    if (f.length > 0 && (await text(f[0])).includes(want)) return r;
  }
  return null;
}

test("prepare a meeting and turn an action item into an activity", async () => {
  const action = "Lead the cross-team design review";

  await step("demo-team", async () => {
    await click(await find(tid("open-demo")));
    await until("the demo team is listed", async () => (await findAll(tid("team-row"))).length >= 3);
  });

  /** Opens Tom's meeting from the Meetings screen. */
  const openTom = async () => {
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
  };

  await step("prepare", async () => {
    await openTom();
    // The prepared agenda pulls in his open goals and his recent ratings.
    const goals = await find(tid("agenda-goals"));
    assert.doesNotMatch(await text(goals), /No open goals/);
    assert.match(await text(await find(tid("agenda-ratings"))), /Teamwork/);
    await find(tid("print-agenda"));
  });

  await step("schedule", async () => {
    // Tom has no meeting scheduled: notes wait for one. A bad date is refused beside the field.
    const date = await find(tid("schedule-date"));
    await type(date, "2026-02-30");
    await click(await find(tid("schedule-save")));
    assert.match(await text(await find(tid("schedule-error"))), /not a date/);
    await type(await find(tid("schedule-date")), inDays(2));
    await click(await find(tid("schedule-save")));
    await find(tid("meeting-notes"));
  });

  await step("notes", async () => {
    await type(await find(tid("notes-input-career_goals")), "Wants to lead a team within two years.");
    await type(await find(tid("notes-input-behavioural_feedback")), "Speaks up more in planning; still quiet across teams.");
    await click(await find(tid("notes-save")));
    await find(tid("notes-saved"));
  });

  await step("move, not cancel", async () => {
    // The notes would be hidden with a cancelled meeting: it is not offered, moving is.
    await click(await find(tid("meeting-cancel")));
    assert.match(await text(await find(tid("cancel-confirm"))), /holds notes or action items.*Move it to another day instead/);
    assert.equal((await findAll(tid("cancel-yes"))).length, 0);
    await click(await find(tid("cancel-move")));
    await type(await find(tid("move-date")), "2026-02-30");
    await click(await find(tid("move-save")));
    assert.match(await text(await find(tid("move-error"))), /not a date/);
    await type(await find(tid("move-date")), inDays(4));
    await click(await find(tid("move-save")));
    await until("the meeting is moved", async () => (await attr(await find(tid("meeting-on")), "data-on")) === inDays(4));
    const notes = await run("return document.querySelector(arguments[0]).value", tid("notes-input-career_goals"));
    assert.equal(notes, "Wants to lead a team within two years.");
  });

  await step("action-item", async () => {
    await type(await find(tid("action-input")), action);
    await type(await find(tid("action-due")), inDays(21));
    await click(await find(tid("action-add")));
    let item = null;
    await until("the action item is listed", async () => (item = await rowWith("action-item", "action-description", action)) !== null);
    assert.equal(await attr(item, "data-status"), "open");

    // Escape closes the form, as its Cancel button does (the demo team has no open action
    // item, so tests/e2e/keyboard.test.mjs cannot reach this form).
    await click(await find(tid("action-convert"), item));
    await run(`document.querySelector('[data-testid="convert-target-date"]').focus()`);
    await press(KEY.escape);
    await until("Escape closes the form", async () => (await findAll(tid("convert-form"))).length === 0);
    await click(await find(tid("action-convert"), item));
    const form = await find(tid("convert-form"));
    // The form fits beside the meeting list: the goal can be read and chosen, and no
    // button label wraps. (On one row of five, the goal was 18 px wide.)
    const fit = await run(`const form = document.querySelector(arguments[0]);
      return { goal: form.querySelector('[data-testid="convert-goal"]').getBoundingClientRect().width,
        over: form.scrollWidth - form.clientWidth,
        wrapped: [...form.querySelectorAll("button")].filter((b) => b.getClientRects().length && b.offsetHeight > 40).map((b) => b.textContent) };`, tid("convert-form"));
    assert.ok(fit.goal >= 200, `the goal is ${fit.goal} px wide`);
    assert.deepEqual([fit.over, fit.wrapped], [0, []]);
    await chooseValue(await find(tid("convert-phase"), form), "practice");
    await type(await find(tid("convert-resource-name"), form), "Aisha Bello");
    await click(await find(tid("convert-save"), form));
    await until("the action item is in the plan", async () => {
      const r = await rowWith("action-item", "action-description", action);
      return r !== null && (await attr(r, "data-status")) === "converted";
    });
    await run("document.querySelector('main.work .detail').scrollTop = 0; document.activeElement?.blur();");
    await docShot("desktop-meeting.png", tid("meeting-person-name"));
  });

  await step("in-the-plan", async () => {
    const item = await rowWith("action-item", "action-description", action);
    await click(await find(tid("action-open-plan"), item));
    await find(tid("person-screen"));
    await until("the activity shows in Tom's plan", async () => {
      for (const a of await findAll(tid("activity"))) if ((await text(a)).includes(action)) return true;
      return false;
    });
  });

  await step("held", async () => {
    // Once the meeting is recorded as held, what was said stays readable under Past
    // meetings while the next one is prepared.
    await openTom();
    const before = (await findAll(tid("past-meeting"))).length;
    // Held yesterday, recorded today.
    await type(await find(tid("held-on-date")), inDays(-1));
    await click(await find(tid("hold-meeting")));
    await until("the meeting is listed as held", async () => (await findAll(tid("past-meeting"))).length === before + 1);
    // Latest first, and open.
    const past = await find(tid("past-meeting"));
    assert.equal(await attr(past, "data-held"), inDays(-1));
    assert.match(await text(await find(tid("held-notice"))), /recorded as held; its notes and action items are under Past meetings/);
    // The next meeting's form offers today again.
    assert.equal(await run("return document.querySelector(arguments[0]).value", tid("held-on-date")), inDays(0));
    assert.equal(await text(await find(`${tid("past-notes")}[data-section="career_goals"]`, past)), "Wants to lead a team within two years.");
    assert.match(await text(await find(tid("past-action"), past)), new RegExp(action));
  });
});

test("add a person, archive them, undo", async () => {
  const name = "Nadia Kowalski";

  await step("add-person", async () => {
    await click(await find(tid("nav-team")));
    await find(tid("team-table"));
    await click(await find(tid("add-person")));
    const form = await find(tid("person-form"));
    // A name is required, and the error sits beside the field.
    await click(await find(tid("person-save"), form));
    await find(tid("person-name-error"), form);
    assert.equal(await attr(await find(tid("person-name"), form), "aria-invalid"), "true");
    await type(await find(tid("person-name"), form), name);
    await type(await find(tid("person-job-title"), form), "Product Designer");
    await type(await find(tid("person-start-date"), form), "2026-13-40");
    await click(await find(tid("person-save"), form));
    assert.match(await text(await find(tid("person-start-date-error"), form)), /not a date/);
    await type(await find(tid("person-start-date"), form), "2026-03-02");
    await choose(await find(tid("person-manager"), form), "Jordan Avery");
    await click(await find(tid("person-save"), form));
    await find(tid("added-notice"));
    await until("the new person is listed", async () => (await rowWith("team-row", "open-person", name)) !== null);
  });

  await step("archive-undo", async () => {
    const row = await rowWith("team-row", "open-person", name);
    await click(await find(tid("archive-person"), row));
    const confirm = await find(tid("archive-confirm"), row);
    assert.match(await text(confirm), new RegExp(`Archive ${name}`));
    await click(await find(tid("archive-yes"), row));
    await find(tid("archived-notice"));
    await until("the archived person leaves the team", async () => (await rowWith("team-row", "open-person", name)) === null);
    await click(await find(tid("undo-archive")));
    await until("Undo brings them back", async () => (await rowWith("team-row", "open-person", name)) !== null);
    assert.equal((await findAll(tid("archived-notice"))).length, 0);
  });

  await step("edit-person", async () => {
    await click(await find(tid("open-person"), await rowWith("team-row", "open-person", name)));
    await click(await find(tid("profile-edit")));
    let form = await find(tid("person-form"));
    // Another person's name is refused beside the field, and nothing changes.
    await type(await find(tid("person-name"), form), "tom okafor");
    await click(await find(tid("person-save"), form));
    assert.match(await text(await find(tid("person-name-error"), form)), /Tom Okafor .*is already in Ladder/);
    await type(await find(tid("person-name"), form), `${name}-Nowak`);
    await type(await find(tid("person-job-title"), form), "Senior Product Designer");
    await choose(await find(tid("person-manager"), form), "Aisha Bello");
    await click(await find(tid("person-save"), form));
    await until("the form closes", async () => (await findAll(tid("person-form"))).length === 0);
    assert.equal(await text(await find(`h1${tid("person-name")}`)), `${name}-Nowak`);
    assert.match(await text(await find(tid("profile"))), /Senior Product Designer/);
    assert.equal(await text(await find(tid("open-manager"))), "Aisha Bello");
  });
});
