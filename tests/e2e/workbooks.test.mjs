// End to end in the real app: export a person's filled plan through the save dialog, edit
// one cell of the copy as a user would in Excel, import it through the preview, confirm,
// undo it, import it again and see the change in the plan; then a date cell holding text is refused with its cell
// and nothing changes.
//
// The native dialogs are answered by LADDER_SAVE_PATH (a folder: the workbook is saved
// there under its suggested name) and LADDER_OPEN_PATH (the file Import opens), set
// before the app starts; nothing else differs from the shipped app. The workbook is
// edited with `unzip` and `zip` on its XML parts.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  startApp, stopApp, step, docShot, find, findAll, until, click, text, attr, type, tid, dbBytes,
} from "./harness.mjs";

const files = mkdtempSync(join(tmpdir(), "ladder-e2e-workbooks-"));
const saveDir = join(files, "saved");
const openPath = join(files, "edited.xlsx");
mkdirSync(saveDir);
process.env.LADDER_SAVE_PATH = saveDir;
process.env.LADDER_OPEN_PATH = openPath;

before(startApp);
after(async () => {
  await stopApp();
  rmSync(files, { recursive: true, force: true });
});

const PERSON = "Marcus Chen";
const OLD = "Present the sprint demo at the team huddle";
const NEW = "Present the sprint demo at the all-hands";

/** One part of an .xlsx archive, as text. */
const part = (xlsx, name) => execFileSync("unzip", ["-p", xlsx, name], { encoding: "utf8" });

/** Writes `xlsx` to `out` with the part `name` replaced by `xml`. */
function withPart(xlsx, name, xml, out) {
  const work = mkdtempSync(join(files, "part-"));
  if (xlsx !== out) copyFileSync(xlsx, out);
  mkdirSync(join(work, name, ".."), { recursive: true });
  writeFileSync(join(work, name), xml);
  execFileSync("zip", ["-q", out, name], { cwd: work });
  rmSync(work, { recursive: true, force: true });
}

/** The archive part of a sheet, by its name (sheets are numbered in workbook order). */
function sheetPart(xlsx, sheet) {
  const names = [...part(xlsx, "xl/workbook.xml").matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1]);
  assert.ok(names.includes(sheet), `${sheet} in ${names}`);
  return `xl/worksheets/sheet${names.indexOf(sheet) + 1}.xml`;
}

/** The shared strings of a workbook, in order. */
function sharedStrings(xlsx) {
  return [...part(xlsx, "xl/sharedStrings.xml").matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    m[1].replace(/<[^>]+>/g, "").replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&"),
  );
}

/** The reference (`F7`) of the cell holding the shared string `value` in a sheet's XML. */
function cellOf(xml, strings, value) {
  const index = strings.indexOf(value);
  assert.ok(index >= 0, `"${value}" is in the workbook`);
  const m = new RegExp(`<c r="([A-Z]+\\d+)"[^>]*t="s"[^>]*><v>${index}</v></c>`).exec(xml);
  assert.ok(m, `a cell holds "${value}"`);
  return m[1];
}

async function openPersonPage() {
  await click(await find(tid("nav-team")));
  await type(await find(tid("team-search")), "Marcus");
  await until("one row matches", async () => (await findAll(tid("team-row"))).length === 1);
  await click(await find(tid("open-person")));
  await find(tid("goals"));
}

async function activityTexts() {
  const out = [];
  for (const el of await findAll(tid("activity-description-text"))) out.push(await text(el));
  return out;
}

let saved;

test("export a filled plan, import an edited copy through the preview, and see the change in the plan", async () => {
  await step("demo", async () => {
    await click(await find(tid("open-demo")));
    await until("the demo team is listed", async () => (await findAll(tid("team-row"))).length >= 3);
  });

  await step("export the person's plan from their page", async () => {
    await openPersonPage();
    assert.ok((await activityTexts()).includes(OLD));
    await click(await find(tid("plan-workbooks")));
    await find(tid("workbooks-screen"));
    assert.equal(await attr(await find(tid("export-fill-person")), "checked"), "true");
    const select = await find(tid("export-person"));
    const selected = await find("option:checked", select);
    assert.equal(await text(selected), PERSON);
    await click(await find(tid("export-run")));
    const done = await find(tid("export-path"));
    saved = await text(done);
    assert.match(saved, /ladder-plan-marcus-chen-\d{4}-\d{2}-\d{2}\.xlsx$/);
    assert.equal(join(saveDir, saved.split("/").pop()), saved);
    assert.ok(existsSync(saved), `${saved} was written`);
    assert.equal(statSync(saved).mode & 0o777, 0o600, "readable by its owner only");
    assert.equal((await findAll(tid("export-error"))).length, 0);
  });

  await step("edit one activity title in the copy", async () => {
    const strings = part(saved, "xl/sharedStrings.xml");
    assert.ok(strings.includes(OLD));
    withPart(saved, "xl/sharedStrings.xml", strings.replace(OLD, NEW), openPath);
  });

  await step("import it: the preview lists the change and writes nothing", async () => {
    const before = dbBytes();
    await click(await find(tid("import-choose")));
    const preview = await find(tid("import-preview"));
    assert.equal(await text(await find(tid("import-file"), preview)), "edited.xlsx");
    const changed = await find(tid("import-changed"), preview);
    const rows = await findAll(tid("import-changed-row"), changed);
    assert.equal(rows.length, 1);
    assert.equal(await text(await find(tid("change-field"), rows[0])), "description");
    assert.equal(await text(await find(tid("change-old"), rows[0])), OLD);
    assert.equal(await text(await find(tid("change-new"), rows[0])), NEW);
    assert.equal(await attr(await find(tid("import-apply")), "disabled"), null);
    assert.deepEqual(dbBytes(), before, "a preview writes nothing");
    await docShot("desktop-import.png", "#preview-title");
  });

  await step("confirm, undo it from the same screen, and import it again", async () => {
    await click(await find(tid("import-apply")));
    assert.match(await text(await find(tid("import-applied"))), /0 additions and 1 change/);
    await click(await find(tid("import-undo")));
    await click(await find(tid("import-undo-yes")));
    assert.match(await text(await find(tid("import-undone"))), /The import is undone/);
    await openPersonPage();
    assert.ok((await activityTexts()).includes(OLD), "the database is as before the import");
    await click(await find(tid("plan-workbooks")));
    await click(await find(tid("import-choose")));
    await click(await find(tid("import-apply")));
    assert.match(await text(await find(tid("import-applied"))), /0 additions and 1 change/);
  });

  await step("see it in the plan", async () => {
    await openPersonPage();
    const texts = await activityTexts();
    assert.ok(texts.includes(NEW), `${NEW} in ${texts}`);
    assert.ok(!texts.includes(OLD));
  });
});

test("a date cell holding text is refused with its cell, and nothing changes", async () => {
  let cell;
  await step("type text into a target date", async () => {
    const sheet = sheetPart(saved, "Plan");
    const xml = part(saved, sheet);
    const strings = sharedStrings(saved);
    const header = cellOf(xml, strings, "Target date").replace(/\d+$/, "");
    const row = cellOf(xml, strings, OLD).replace(/^[A-Z]+/, "");
    cell = `${header}${row}`;
    const date = new RegExp(`<c r="${cell}"[^>]*?(/>|>[\\s\\S]*?</c>)`);
    assert.ok(date.test(xml), `${cell} is in the sheet`);
    withPart(saved, sheet, xml.replace(date, `<c r="${cell}" t="inlineStr"><is><t>next week</t></is></c>`), openPath);
  });

  await step("the preview shows the problem by cell and offers no Apply", async () => {
    await click(await find(tid("nav-workbooks")));
    const before = dbBytes();
    await click(await find(tid("import-choose")));
    const preview = await find(tid("import-preview"));
    const problems = await findAll(tid("import-problem"), preview);
    assert.equal(problems.length, 1);
    assert.equal(await text(await find(tid("problem-cell"), problems[0])), `Plan!${cell}`);
    assert.match(await text(await find(tid("problem-rule"), problems[0])), /next week/);
    assert.equal(await attr(await find(tid("import-apply")), "disabled"), "true");
    await click(await find(tid("import-cancel")));
    await find(tid("import-cancelled"));
    assert.equal((await findAll(tid("import-preview"))).length, 0);
    assert.deepEqual(dbBytes(), before, "nothing was written");
  });

  await step("the plan is as it was", async () => {
    await openPersonPage();
    assert.ok((await activityTexts()).includes(NEW));
  });
});
