// End to end in the real app: pressing the window's close button (sent as a window
// manager sends it) while a form holds typing asks "Close without saving?"; Stay keeps
// the window and the typing, Discard and close closes it. With nothing typed, the window
// closes at once.

import { test, afterEach } from "node:test";
import assert from "node:assert/strict";
import { startApp, stopApp, step, find, findAll, until, click, type, run, tid, appPid, pressClose, ended } from "./harness.mjs";

// Each test starts an app of its own and ends by closing it.
afterEach(stopApp);

const NAME = `${tid("person-form")} input`;

/** The demo team on the Team screen, with the Add a person form open; the app's pid. */
async function openAddPerson() {
  await startApp();
  await click(await find(tid("open-demo")));
  await until("the demo team is listed", async () => (await findAll(tid("team-row"))).length >= 3);
  await click(await find(tid("add-person")));
  await find(NAME);
  return appPid();
}

test("closing the window asks first when a form holds typing", async () => {
  const pid = await openAddPerson();
  await step("close-asks", async () => {
    await type(await find(NAME), "Nadia Haddad");
    pressClose(pid);
    await find(tid("leave-question"));
    const asked = await run("return document.querySelector(arguments[0]).innerText", tid("leave-question"));
    assert.match(asked, /Close without saving\?[\s\S]*Discard and close/);
    await click(await find(tid("leave-stay")));
    await until("the question is gone", async () => (await findAll(tid("leave-question"))).length === 0);
    // The window stays, and the focus is back in the field, its typing kept.
    assert.equal(ended(pid), false);
    const focused = "const el = document.activeElement; return el === document.querySelector(arguments[0]) && el.value";
    assert.equal(await run(focused, NAME), "Nadia Haddad");
  });
  await step("close-discard", async () => {
    pressClose(pid);
    const discard = await find(tid("leave-discard"));
    // The window goes with the click, before WebDriver hears back from it.
    await click(discard).catch(() => {});
    await until("the app has closed", async () => ended(pid));
  });
});

test("closing the window with nothing typed closes it at once", async () => {
  const pid = await openAddPerson();
  await step("close-at-once", async () => {
    pressClose(pid);
    await until("the app has closed", async () => ended(pid));
  });
});
