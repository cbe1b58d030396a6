// End to end in the real app: first run, the demo team, and a person's plan.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import {
  startApp, stopApp, step, docShot, find, findAll, until, run, click, text, attr, type,
  choose, chooseValue, inDays, tid, dbBytes, press, screenshot, KEY, APP, DB, OUT,
} from "./harness.mjs";

before(startApp);
after(stopApp);

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

  await step("unsaved-edit", async () => {
    // An activity being edited holds what was typed when another editor is asked for:
    // it stays open and says so, and Cancel then lets the other one open.
    const learn = await find(`${tid("phase-learn")} ${tid("activity")}`, goalCard);
    await click(await find(tid("activity-edit"), learn));
    const description = await find(tid("activity-description"), goalCard);
    await type(description, "Read two books on facilitation");
    await click(await find(tid("add-activity-practice"), goalCard));
    await find(tid("activity-unsaved"), goalCard);
    assert.equal((await findAll(tid("activity-editor"), goalCard)).length, 1);
    assert.equal(await run("return document.querySelector(arguments[0]).value", tid("activity-description")), "Read two books on facilitation");
    await click(await find(tid("activity-cancel"), goalCard));
    await click(await find(tid("add-activity-practice"), goalCard));
    await find(`${tid("phase-practice")} ${tid("activity-editor")}`, goalCard);
    await click(await find(tid("activity-cancel"), goalCard));
  });

  await step("goal-done", async () => {
    // The goal is marked done, moves under "Done and dropped" with its activities, and
    // can be opened again.
    const status = async (want) => {
      await click(await find(tid("goal-edit"), goalCard));
      await chooseValue(await find(tid("goal-edit-status"), goalCard), want);
      await click(await find(tid("goal-edit-save"), goalCard));
      await until(`the goal is ${want}`, async () => {
        for (const g of await findAll(`${tid("goal")}[data-status="${want}"]`)) {
          if ((await text(await find(tid("goal-outcome"), g))) === outcome) return (goalCard = g);
        }
      });
    };
    await status("done");
    await find(".closed-title");
    assert.equal((await findAll(tid("activity"), goalCard)).length, 3);
    await status("open");
    assert.equal((await findAll(".closed-title")).length, 0);
  });

  await step("leave-unsaved", async () => {
    // Leaving the page from the sidebar while an editor holds typing asks first. Stay
    // keeps the typing and puts the focus back in it; Escape stays too; Discard leaves.
    const learn = await find(`${tid("phase-learn")} ${tid("activity")}`, goalCard);
    await click(await find(tid("activity-edit"), learn));
    await type(await find(tid("activity-description"), goalCard), "Read two books on facilitation");
    await click(await find(tid("nav-team")));
    const question = await find(tid("leave-question"));
    assert.match(await text(question), /Leave without saving\?[\s\S]*A form on this screen holds changes that are not saved/);
    await until("Stay is the answer at hand", async () => (await run("return document.activeElement?.dataset.testid")) === "leave-stay");
    await screenshot(join(OUT, "leave-unsaved.png"));
    await click(await find(tid("leave-stay"), question));
    await until("the question has gone", async () => (await findAll(tid("leave-question"))).length === 0);
    await find(tid("person-screen"));
    const held = () => run("return document.querySelector(arguments[0])?.value", tid("activity-description"));
    assert.equal(await held(), "Read two books on facilitation");
    await until("the typing has the focus", async () => (await run("return document.activeElement?.dataset.testid")) === "activity-description");

    await click(await find(tid("nav-dashboard")));
    await find(tid("leave-question"));
    await press(KEY.escape);
    await until("Escape stays", async () => (await findAll(tid("leave-question"))).length === 0);
    assert.equal(await held(), "Read two books on facilitation");

    await click(await find(tid("nav-dashboard")));
    await click(await find(tid("leave-discard")));
    await find(tid("dashboard-screen"));
    // Nothing is held once discarded: back to Tom's page without a question.
    await click(await find(tid("nav-team")));
    await type(await find(tid("team-search")), "Tom");
    await until("one row matches", async () => (await findAll(tid("team-row"))).length === 1);
    assert.equal((await findAll(tid("leave-question"))).length, 0);
    await click(await find(tid("open-person")));
    await find(tid("person-screen"));
  });
});

test("a second start on the same database brings the open window forward instead", async () => {
  await step("second-start", async () => {
    await find(tid("person-screen"));
    const second = spawn(APP, [], {
      env: { ...process.env, LADDER_DB: DB, WEBKIT_DISABLE_COMPOSITING_MODE: "1" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let said = "";
    second.stderr.on("data", (d) => (said += d));
    const code = await new Promise((done) => {
      const timer = setTimeout(() => {
        second.kill();
        done("still running after 20 s");
      }, 20_000);
      second.on("exit", (c) => {
        clearTimeout(timer);
        done(c);
      });
    });
    assert.equal(code, 0, `the second start should hand over and exit: ${said}`);
    assert.match(said, /already open on this database/);
    // The first window is still there and answering.
    await find(tid("person-screen"));
  });
});

test("Settings: back up now puts a copy in the backups folder beside the database", async () => {
  await step("backup-now", async () => {
    await click(await find(tid("nav-settings")));
    await find(tid("settings-screen"));
    // The database was created by this start: nothing to back up yet.
    await find(tid("backups-empty"));
    await click(await find(tid("backup-now")));
    await find(tid("backup-taken"));
    await until("the list shows the backup", async () => (await findAll(tid("backup-row"))).length === 1);
    const folder = join(dirname(DB), "backups");
    const files = readdirSync(folder).filter((f) => f.endsWith(".db"));
    assert.equal(files.length, 1, `one backup in ${folder}: ${files}`);
    assert.match(await text(await find(tid("backup-row"))), /manual/);
    await docShot("desktop-settings.png", tid("settings-db-path"));
  });
});

test("Settings: a backup put back from the window after a question, and undone", async () => {
  const rows = async () => {
    await click(await find(tid("nav-team")));
    await find(tid("team-table"));
    return (await findAll(tid("team-row"))).length;
  };
  const restoredSays = async () => text(await find(tid("backup-restored")));
  let before;

  await step("restore", async () => {
    // A person added after the backup of the test above.
    before = await rows();
    await click(await find(tid("add-person")));
    const form = await find(tid("person-form"));
    await type(await find(tid("person-name"), form), "Added After The Backup");
    await click(await find(tid("person-save"), form));
    await until("the new person is listed", async () => (await findAll(tid("team-row"))).length === before + 1);

    await click(await find(tid("nav-settings")));
    await click(await find(tid("backup-restore")));
    await find(tid("restore-confirm"));
    await until("Keep is the answer at hand", async () => (await run("return document.activeElement?.dataset.testid")) === "restore-no");
    await screenshot(join(OUT, "restore-question.png"));
    await click(await find(tid("restore-yes")));
    // Read until said: the screen reloads its lists after a restore, which may draw the
    // message anew between finding it and reading it.
    await until("the restore is said", async () => /The file it replaced is kept as ladder-replaced-/.test(await restoredSays()));
    await screenshot(join(OUT, "restored.png"));
    const aside = readdirSync(dirname(DB)).filter((f) => /-replaced-.*\.db$/.test(f));
    assert.equal(aside.length, 1, `the replaced file beside the database: ${aside}`);
    // Listed on Settings, to be put back after a restart too.
    await until("the file set aside is listed", async () => (await text(await find(tid("set-aside-row")))).includes(aside[0]));
    assert.equal(await rows(), before, "the person added after the backup has gone");
  });

  await step("undo", async () => {
    await click(await find(tid("nav-settings")));
    await click(await find(tid("backup-undo")));
    await click(await find(tid("undo-yes")));
    await until("the undo is said", async () => /Restored ladder-replaced-/.test(await restoredSays()));
    assert.equal(await rows(), before + 1, "the person is back");
  });
});
