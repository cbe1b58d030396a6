// End to end in the real app: a promotion readiness assessment, from opening it to a
// suggested and a decided verdict, a skills gap that becomes a goal in the plan, and the
// team view.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  startApp, stopApp, step, docShot, find, findAll, until, run, click, text, attr, type,
  chooseValue, tid,
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
