// End to end in the real app: a database overwritten by another program cannot be
// opened, and the window that says so offers its backups; restoring one brings the team
// back without a restart, and the overwritten file is kept aside.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { startApp, stopApp, step, find, findAll, until, click, text, tid, APP, DB } from "./harness.mjs";

before(async () => {
  // The demo team and a backup of it, made with the command line on the same file.
  const cli = join(dirname(APP), "ladder");
  const env = { ...process.env, LADDER_DB: DB };
  execFileSync(cli, ["demo"], { env, stdio: "ignore" });
  execFileSync(cli, ["backup"], { env, stdio: "ignore" });
  writeFileSync(DB, "overwritten by another program");
  await startApp();
});
after(stopApp);

test("a database that cannot be opened is put back from a backup in the window", async () => {
  await step("restore-unopenable", async () => {
    assert.match(await text(await find(tid("fatal-message"))), /not a Ladder database|not a SQLite database/);
    // Nothing to copy, but the backups beside it are offered.
    assert.equal((await findAll(tid("backup-now"))).length, 0);
    await click(await find(tid("backup-restore")));
    await click(await find(tid("restore-yes")));
    // The app reads the restored file: the Dashboard, as at any start.
    await find(tid("dashboard-screen"));
    await click(await find(tid("nav-team")));
    await until("the demo team is back", async () => (await findAll(tid("team-row"))).length >= 3);
    const aside = readdirSync(dirname(DB)).filter((f) => /-replaced-.*\.db$/.test(f));
    assert.equal(aside.length, 1, `the overwritten file is kept beside the database: ${aside}`);
  });
});
