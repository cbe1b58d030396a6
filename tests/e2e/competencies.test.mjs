// End to end in the real app: the competency library and a rating's trend.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startApp, stopApp, step, docShot, find, findAll, until, run, click, text, attr, type, choose, chooseValue, inDays, tid } from "./harness.mjs";

before(startApp);
after(stopApp);

async function rowNamed(name) {
  for (const r of await findAll(tid("competency-row"))) {
    const n = await findAll(tid("competency-name-text"), r);
    if (n.length > 0 && (await text(n[0])) === name) return r;
  }
  return null;
}

test("rate a competency and see the trend", async () => {
  await step("demo-team", async () => {
    await click(await find(tid("open-demo")));
    await until("the demo team is listed", async () => (await findAll(tid("team-row"))).length >= 3);
    await click(await find(tid("nav-competencies")));
    await find(tid("competency-list"));
  });

  await step("rate-twice", async () => {
    const form = await find(tid("rating-form"));
    await choose(await find(tid("rating-person"), form), "Marcus Chen");
    await choose(await find(tid("rating-competency"), form), "Customer focus");
    await find(tid("history-empty"));

    // Without a score the rating is refused beside the score.
    await click(await find(tid("rating-save"), form));
    assert.match(await text(await find(tid("rating-score-error"))), /score/);

    await chooseValue(await find(tid("rating-level"), form), "current");
    await chooseValue(await find(tid("rating-rater"), form), "manager");
    await click(await find(`${tid("rating-score-2")}`, form));
    await type(await find(tid("rating-date"), form), inDays(-60));
    await type(await find(tid("rating-evidence"), form), "Skipped the customer interviews");
    await click(await find(tid("rating-save"), form));
    await until("one point", async () => (await findAll(tid("trend-point"))).length === 1);

    await click(await find(`${tid("rating-score-4")}`, form));
    await type(await find(tid("rating-date"), form), inDays(0));
    await type(await find(tid("rating-evidence"), form), "Ran two customer calls and changed the design");
    await click(await find(tid("rating-save"), form));
    await until("the chart shows two points", async () => (await findAll(tid("trend-point"))).length === 2);
    const scores = [];
    for (const p of await findAll(tid("trend-point"))) scores.push(await attr(p, "data-score"));
    assert.deepEqual(scores, ["2", "4"], "oldest first, as rated");
    assert.equal((await findAll(tid("history-row"))).length, 2);
    await run("document.querySelector('main.work').scrollTop = 0; document.activeElement?.blur();");
    await docShot("desktop-competencies.png", "h1");
  });

  await step("library", async () => {
    // Rename and retire (with a confirmation); retired ones stay listed and can come back.
    let row = await rowNamed("Leverages resources");
    await click(await find(tid("competency-edit"), row));
    await type(await find(tid("competency-edit-name"), row), "Uses resources well");
    await click(await find(tid("competency-edit-save"), row));
    await until("renamed", async () => (row = await rowNamed("Uses resources well")) !== null);
    await click(await find(tid("competency-retire"), row));
    await find(tid("retire-confirm"), row);
    await click(await find(tid("retire-yes"), row));
    await until("retired", async () => {
      const r = await rowNamed("Uses resources well");
      return r !== null && (await findAll(tid("competency-retired"), r)).length === 1;
    });
  });
});
