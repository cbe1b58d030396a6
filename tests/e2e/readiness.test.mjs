// End to end in the real app: a promotion readiness assessment, from opening it to a
// suggested and a decided verdict, a skills gap that becomes a goal in the plan, and the
// team view.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  startApp, stopApp, step, docShot, find, findAll, until, run, click, text, attr, type,
  choose, chooseValue, inDays, written, tid,
} from "./harness.mjs";

before(startApp);
after(stopApp);

const card = (req) => find(tid(`req-${req}`));

async function setRequirement(req, status, reason) {
  const c = await card(req);
  await click(await find(tid("req-edit"), c));
  await chooseValue(await find(tid("req-status-select"), c), status);
  if (reason) await type(await find(tid("req-reason"), c), reason);
  await click(await find(tid("req-save"), c));
  await until(`${req} is saved`, async () => (await findAll(tid("req-save"), await card(req))).length === 0);
}

test("a readiness assessment reaches a suggested verdict and a skills gap becomes a goal (seen in the plan)", async () => {
  const target = "Senior engineer";
  await step("demo", async () => {
    await find(tid("first-run"));
    await click(await find(tid("open-demo")));
    await until("the demo team is listed", async () => (await findAll(tid("team-row"))).length >= 3);
  });

  await step("team readiness", async () => {
    await click(await find(tid("nav-readiness")));
    await find(tid("readiness-table"));
    const luis = await find(`${tid("readiness-row")}[data-person="Luis Ortega"]`);
    assert.equal(await attr(await find(tid("readiness-flag"), luis), "data-flag"), "never_assessed");
    const hannah = await find(`${tid("readiness-row")}[data-person="Hannah Weber"]`);
    assert.equal(await attr(await find(tid("readiness-flag"), hannah), "data-flag"), "older_than_12_months");
    const counts = await findAll(tid("verdict-count"));
    assert.equal(counts.length, 4);
  });

  await step("open an assessment", async () => {
    const luis = await find(`${tid("readiness-row")}[data-person="Luis Ortega"]`);
    await click(await find(tid("readiness-open"), luis));
    await type(await find(tid("readiness-target-input")), target);
    await click(await find(tid("readiness-open-save")));
    assert.equal(await text(await find(tid("readiness-target"))), target);
    assert.equal(await attr(await find(tid("suggested-verdict")), "data-verdict"), "not_assessed");
    assert.match(await text(await find(tid("suggestion-missing"))), /results in the current role/);
  });

  await step("requirements", async () => {
    await setRequirement("results", "met");
    await setRequirement("competencies", "partly", "Strong on delivery, influencing still to rate");
    const skills = await card("skills");
    await type(await find(tid("skill-name"), skills), "Public speaking");
    await click(await find(tid("skill-add"), skills));
    const skill = await find(`${tid("skill")}[data-skill="Public speaking"]`, skills);
    await click(await find(tid("skill-make-goal"), skill));
    await find(tid("skill-goal"), await find(`${tid("skill")}[data-skill="Public speaking"]`));
    // A skill the library does not pair with a competency: the goal asks which one first.
    const own = "Facilitating cross-team design reviews";
    await type(await find(tid("skill-name"), skills), own);
    await click(await find(tid("skill-add"), skills));
    await click(await find(tid("skill-make-goal"), await find(`${tid("skill")}[data-skill="${own}"]`)));
    await click(await find(tid("skill-goal-save")));
    assert.match(await text(await find(tid("skill-goal-error"))), /competency is required/);
    await choose(await find(tid("skill-goal-competency")), "Influencing others");
    await click(await find(tid("skill-goal-save")));
    await find(tid("skill-goal"), await find(`${tid("skill")}[data-skill="${own}"]`));
    // Taken off the assessment after a question; its goal stays in the plan.
    await click(await find(tid("skill-remove"), await find(`${tid("skill")}[data-skill="${own}"]`)));
    assert.match(await text(await find(tid("skill-remove-confirm"))), /Take Facilitating cross-team design reviews off this assessment\? Its goal stays in the plan\./);
    await click(await find(tid("skill-remove-yes")));
    await until("the skill is gone", async () => (await findAll(`${tid("skill")}[data-skill="${own}"]`)).length === 0);
    await setRequirement("skills", "partly");
    await setRequirement("advocates", "not_yet");
    await until("the suggestion is ready in 1–2 years", async () =>
      (await attr(await find(tid("suggested-verdict")), "data-verdict")) === "ready_1_2_years");
    assert.equal(await text(await find(tid("suggested-verdict"))), "Ready in 1–2 years");
  });

  await step("decide", async () => {
    await chooseValue(await find(tid("decide-verdict")), "ready_now");
    await click(await find(tid("decide-save")));
    assert.match(await text(await find(tid("decide-rationale-error"))), /rationale is required/);
    await type(await find(tid("decide-rationale")), "Carried the on-call redesign; ready for the next opening");
    await click(await find(tid("decide-save")));
    assert.equal(await text(await find(tid("decided-verdict"))), "Ready now");
    // The team list says so at once, without leaving the screen.
    const row = `${tid("readiness-row")}[data-person="Luis Ortega"] ${tid("readiness-row-verdict")}`;
    await until("Luis's row shows the decision", async () => /Ready now.*decided/s.test(await text(await find(row))));
  });

  await step("the gap's goal is in the plan", async () => {
    await click(await find(tid("skill-goal")));
    await find(tid("person-screen"));
    await until("the goal shows", async () => {
      for (const o of await findAll(tid("goal-outcome"))) {
        if ((await text(o)) === `Build the skill 'Public speaking' for day one as ${target}`) return true;
      }
      return false;
    });
  });

  await step("a full assessment for the screenshot", async () => {
    await click(await find(tid("nav-readiness")));
    await click(await find(tid("readiness-open"), await find(`${tid("readiness-row")}[data-person="Aisha Bello"]`)));
    await find(tid("readiness-assessment"));
    await run(`document.querySelector('[data-testid="readiness-person"]').scrollIntoView(); document.querySelector(".work").scrollTop -= 14`);
    await docShot("desktop-readiness.png", tid("readiness-target"));
  });
});

async function openPerson(name) {
  await click(await find(tid("nav-readiness")));
  await click(await find(tid("readiness-open"), await find(`${tid("readiness-row")}[data-person="${name}"]`)));
  await until(`${name}'s assessment is open`, async () => (await text(await find(tid("readiness-person")))) === name);
  return find(tid("readiness-assessment"));
}

test("advocates, an advocacy action done through the plan, role notes, and what moved", async () => {
  const action = `${tid("advocacy-action")}[data-action="Demo the deploy tool at the all-hands"]`;

  await step("what moved between Aisha's two assessments", async () => {
    await openPerson("Aisha Bello");
    const moved = await find(tid("what-moved"));
    const skills = await find(`${tid("moved-requirement")}[data-requirement="skills"]`, moved, "the skills move");
    assert.equal(await attr(skills, "data-movement"), "better");
    assert.equal(await attr(await find(tid("moved-verdict"), moved), "data-movement"), "better");
    const skillMoves = [];
    for (const m of await findAll(tid("moved-skill"), moved)) skillMoves.push(await text(m));
    assert.ok(skillMoves.some((t) => t.includes("Managing people gap → have")), skillMoves.join(" | "));
  });

  await step("Luis's first assessment has nothing to compare with", async () => {
    await openPerson("Luis Ortega");
    await find(tid("moved-none"));
  });

  await step("add advocates: the direct manager is not offered, and a date that does not exist is refused beside its field", async () => {
    await click(await find(tid("advocate-add")));
    let form = await find(tid("advocate-form"));
    const offered = await run("return [...document.querySelectorAll(arguments[0] + ' option')].map((o) => o.textContent)", tid("advocate-person"));
    assert.ok(offered.includes("Jordan Avery") && !offered.includes("Aisha Bello"), `offered: ${offered}`);
    await choose(await find(tid("advocate-person"), form), "Jordan Avery");
    await chooseValue(await find(tid("advocate-relation"), form), "manager_manager");
    await type(await find(tid("advocate-contact"), form), "2026-13-01");
    await click(await find(tid("advocate-save"), form));
    assert.match(await text(await find(tid("advocate-contact-error"), form)), /2026-13-01 is not a date/);
    assert.equal((await findAll(tid("advocate"))).length, 0, "nothing was added");
    await type(await find(tid("advocate-contact"), form), inDays(-3));
    await click(await find(tid("advocate-save"), form));
    const jordan = await find(`${tid("advocate")}[data-advocate="Jordan Avery"]`, undefined, "Jordan as an advocate");
    assert.equal(await text(await find(tid("advocate-last-contact"), jordan)), written(inDays(-3)));

    await click(await find(tid("advocate-edit"), jordan));
    form = await find(tid("advocate-form"));
    await chooseValue(await find(tid("advocate-influence-select"), form), "medium");
    await click(await find(tid("advocate-save"), form));
    await until("Jordan's influence is medium", async () =>
      (await text(await find(tid("advocate-influence"), await find(`${tid("advocate")}[data-advocate="Jordan Avery"]`)))) === "medium influence");
  });

  await step("an advocacy action becomes a plan activity and is ticked done", async () => {
    await click(await find(tid("advocacy-action-add")));
    const form = await find(tid("advocacy-action-form"));
    await chooseValue(await find(tid("advocacy-kind"), form), "visibility");
    await choose(await find(tid("advocacy-advocate"), form), "Jordan Avery");
    await type(await find(tid("advocacy-due"), form), inDays(30));
    await click(await find(tid("advocacy-action-save"), form));
    assert.match(await text(await find(tid("advocacy-description-error"), form)), /description must not be empty/);
    await type(await find(tid("advocacy-description"), form), "Demo the deploy tool at the all-hands");
    await click(await find(tid("advocacy-action-save"), form));
    await click(await find(tid("advocacy-action-plan"), await find(action, undefined, "the new action")));
    await click(await find(tid("advocacy-plan-save")));
    const done = await find(tid("advocacy-action-done"), await find(action), "the action's done box");
    assert.equal(await attr(await find(action), "data-done"), "false");
    await click(done);
    await until("the action is done", async () => (await attr(await find(action), "data-done")) === "true");
  });

  await step("role notes are kept", async () => {
    await type(await find(tid("role-notes")), "Two senior openings in the H1 plan");
    await click(await find(tid("role-save")));
    await openPerson("Aisha Bello");
    await openPerson("Luis Ortega");
    await until("the notes are back", async () =>
      (await run(`return document.querySelector('[data-testid="role-notes"]').value`)) === "Two senior openings in the H1 plan");
  });

  await step("a new assessment starts from the last one's advocates and shows what moved", async () => {
    await click(await find(tid("readiness-reassess")));
    assert.equal(await run(`return document.querySelector('[data-testid="readiness-target-input"]').value`), "Senior engineer");
    await click(await find(tid("readiness-open-save")));
    await find(`${tid("advocate")}[data-advocate="Jordan Avery"]`, undefined, "Jordan carried over");
    const results = await find(`${tid("moved-requirement")}[data-requirement="results"]`, undefined, "the results move");
    assert.equal(await attr(results, "data-movement"), "changed", "met then unknown is a change, neither better nor worse");
    assert.equal(await attr(await find(tid("suggested-verdict")), "data-verdict"), "not_assessed");
  });
});
