// End to end in the real app: the Dashboard on the demo team, a meeting that is
// scheduled rather than overdue, and the history of an edited record.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startApp, stopApp, step, docShot, find, findAll, until, run, click, text, attr, type, choose, chooseValue, inDays, tid } from "./harness.mjs";

before(startApp);
after(stopApp);

/** The dashboard's meeting rows in one list, as [name, status, when]. */
async function meetingsIn(list) {
  const rows = [];
  for (const li of await findAll(`${tid(list)} ${tid("dash-meeting")}`)) {
    rows.push([await attr(li, "data-person"), await attr(li, "data-status"), await text(await find(tid("dash-meeting-when"), li))]);
  }
  return rows;
}

async function openDashboard() {
  await click(await find(tid("nav-dashboard")));
  await find(tid("dash-meetings"));
}

test("the dashboard shows the team's real figures, and a scheduled meeting is not overdue", async () => {
  await step("demo-team", async () => {
    await click(await find(tid("open-demo")));
    await until("the demo team is listed", async () => (await findAll(tid("team-row"))).length >= 3);
    await openDashboard();
  });

  await step("figures", async () => {
    assert.match(await text(await find(tid("dash-summary"))), /Your team · 7 people/);
    const overdue = await meetingsIn("dash-overdue");
    assert.deepEqual(
      overdue.map(([name, status]) => [name, status]),
      [["Tom Okafor", "overdue"], ["Luis Ortega", "overdue"]],
      "most overdue first",
    );
    assert.equal(overdue[0][2], "Overdue 17 days");
    const week = await meetingsIn("dash-week");
    assert.deepEqual(week.map(([name]) => name), ["Aisha Bello", "Priya Raman", "Hannah Weber"]);
    assert.equal(week[1][1], "scheduled");
    assert.match(week[1][2], /^Scheduled \d+ \w+ \d{4}$/);

    // Plan health: eight findings of the demo's plan checks, two overdue activities.
    assert.equal(await text(await find(tid("dash-overdue-activities"))), "2");
    const counts = {};
    for (const bar of await findAll(tid("dash-finding"))) counts[await attr(bar, "data-code")] = Number(await attr(bar, "data-count"));
    assert.deepEqual(counts, {
      missing_phase: 2, manager_only_resources: 1, feedback_before_practice: 1, overdue_activity: 2, meeting_overdue: 2,
    });

    // Rating trends, readiness counts and the active change with its barrier chart.
    assert.equal((await findAll(tid("dash-rating"))).length, 8);
    const verdicts = {};
    for (const v of await findAll(tid("dash-verdict"))) verdicts[await attr(v, "data-verdict")] = (await text(v)).trim().split(/\s+/).pop();
    assert.deepEqual(verdicts, { ready_now: "1", ready_1_2_years: "3", ready_3_plus_years: "1", not_assessed: "2" });
    const change = await find(`${tid("dash-change")}[data-change="On-call redesign"]`);
    let stakeholders = 0;
    for (const bar of await findAll(tid("barrier-bar"), change)) stakeholders += Number(await attr(bar, "data-count"));
    assert.equal(stakeholders, 6);
    assert.equal(await text(await find(tid("dash-change-barrier"), change)), "Knowledge");

    await run("document.querySelector('main.work').scrollTop = 0; document.activeElement?.blur();");
    await docShot("desktop-dashboard.png", "h1");
  });

  await step("change-link", async () => {
    await click(await find(tid("dash-change-open")));
    await until("the change opens", async () => (await findAll(`${tid("change-item")}[data-change="On-call redesign"]`)).length === 1);
    // Who scored the stakeholders, and when: the demo's scores are in the change's history.
    await click(await find(tid("audit-toggle")));
    await until("the scores' history shows", async () => (await findAll(tid("audit-entry"))).length >= 6);
    const entry = (await findAll(tid("audit-entry")))[0];
    assert.equal(await attr(entry, "data-action"), "added");
    assert.match(await text(entry), /On-call redesign, .*: A [\d.]+ D [\d.]+ K/);
    await openDashboard();
  });

  await step("schedule-luis", async () => {
    // Luis is overdue; setting his meeting for three days from now makes him scheduled.
    let luis = null;
    for (const li of await findAll(`${tid("dash-overdue")} ${tid("dash-meeting")}`)) {
      if ((await attr(li, "data-person")) === "Luis Ortega") luis = li;
    }
    assert.ok(luis, "Luis is overdue");
    await click(await find(tid("dash-meeting-prepare"), luis));
    await until("Luis's agenda is prepared", async () => (await text(await find(tid("meeting-person-name")))) === "Luis Ortega");
    await type(await find(tid("schedule-date")), inDays(3));
    await click(await find(tid("schedule-save")));
    await find(tid("meeting-notes"));

    await openDashboard();
    await until("Luis left the overdue list", async () => (await text(await find(tid("dash-overdue-count")))) === "1");
    const week = await meetingsIn("dash-week");
    const row = week.find(([name]) => name === "Luis Ortega");
    assert.ok(row, "Luis is due this week");
    assert.equal(row[1], "scheduled");
    assert.match(row[2], /^Scheduled /);

    // The Team screen says the same.
    await click(await find(tid("nav-team")));
    await until("the team is listed", async () => (await findAll(tid("team-row"))).length >= 3);
    const cell = await run(
      "const r = [...document.querySelectorAll('[data-testid=team-row]')].find((r) => r.textContent.includes('Luis Ortega'));" +
        "return r.querySelector('[data-testid=row-meeting]').textContent.trim();",
    );
    assert.match(cell, /^Scheduled /);
  });
});

test("an edited activity shows who changed what, and when, in its goal's history", async () => {
  const description = "Read 'Talk Like TED' and outline my next update with it";
  let goal = null;

  await step("open-marcus", async () => {
    await openDashboard();
    let marcus = null;
    for (const b of await findAll(tid("dash-attention-person"))) if ((await text(b)) === "Marcus Chen") marcus = b;
    assert.ok(marcus, "Marcus needs attention: an overdue activity");
    await click(marcus);
    await find(tid("person-screen"));
    await until("his goal shows", async () => {
      for (const g of await findAll(tid("goal"))) if ((await text(g)).includes(description)) goal = g;
      return goal !== null;
    });
  });

  await step("edit-activity", async () => {
    const activity = await run(
      "return [...document.querySelectorAll('[data-testid=activity]')].find((a) => a.textContent.includes(arguments[0]));",
      description,
    );
    await click(await find(tid("activity-edit"), Object.values(activity)[0]));
    const editor = await find(tid("activity-editor"), goal);
    await type(await find(tid("activity-target-date"), editor), inDays(10));
    await click(await find(tid("activity-save"), editor));
    await until("the editor closes", async () => (await findAll(tid("activity-editor"), goal)).length === 0);
  });

  await step("history", async () => {
    await click(await find(tid("audit-toggle"), goal));
    let entry = null;
    await until("the change of target date is in the history", async () => {
      for (const e of await findAll(tid("audit-entry"), goal)) if ((await attr(e, "data-field")) === "target_date") entry = e;
      return entry !== null;
    });
    assert.equal(await attr(entry, "data-actor"), "Jordan Avery");
    const said = await text(entry);
    assert.match(said, new RegExp(`target date \\d{4}-\\d{2}-\\d{2} → ${inDays(10)}`));
    assert.match(said, /Talk Like TED/);
  });
});

test("a readiness decision shows who changed its rationale, and when", async () => {
  const rationale = "Led the incident review across three teams";

  await step("decide", async () => {
    await click(await find(tid("nav-readiness")));
    await click(await find(tid("readiness-open"), await find(`${tid("readiness-row")}[data-person="Aisha Bello"]`)));
    const decision = await find(tid("decision"));
    await chooseValue(await find(tid("decide-verdict"), decision), "ready_now");
    await type(await find(tid("decide-rationale"), decision), rationale);
    await click(await find(tid("decide-save"), decision));
    assert.equal(await text(await find(tid("decided-verdict"))), "Ready now");
  });

  await step("history", async () => {
    const decision = await find(tid("decision"));
    await click(await find(tid("audit-toggle"), decision));
    let entry = null;
    await until("the new rationale is in the history", async () => {
      // Newest first: the first rationale entry is the one just written.
      for (const e of await findAll(tid("audit-entry"), decision)) {
        if ((await attr(e, "data-field")) === "rationale") return (entry = e);
      }
      return false;
    });
    assert.equal(await attr(entry, "data-actor"), "Jordan Avery");
    assert.match(await text(entry), new RegExp(`rationale .* → ${rationale}`));
  });
});

test("a new rating shows in the history under the competency's ratings", async () => {
  await step("rate", async () => {
    await click(await find(tid("nav-competencies")));
    const form = await find(tid("rating-form"));
    await choose(await find(tid("rating-person"), form), "Marcus Chen");
    await choose(await find(tid("rating-competency"), form), "Customer focus");
    await chooseValue(await find(tid("rating-level"), form), "current");
    await chooseValue(await find(tid("rating-rater"), form), "manager");
    await click(await find(tid("rating-score-3"), form));
    await type(await find(tid("rating-date"), form), inDays(0));
    await click(await find(tid("rating-save"), form));
    await until("the rating is listed", async () => (await findAll(tid("history-row"))).length >= 1);
  });

  await step("history", async () => {
    const ratings = await find(tid("rating-history"));
    await click(await find(tid("audit-toggle"), ratings));
    let entry = null;
    await until("the rating is in the history", async () => (entry = (await findAll(tid("audit-entry"), ratings))[0]) !== undefined);
    assert.equal(await attr(entry, "data-action"), "added");
    assert.equal(await attr(entry, "data-actor"), "Jordan Avery");
    assert.match(await text(entry), new RegExp(`added Customer focus at the current level: 3/5 by manager on ${inDays(0)}`));
  });
});
