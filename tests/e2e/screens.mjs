// The demo team's screens, each as a person would see it with the most on it, for the
// tests that go round every screen (window.test.mjs, keyboard.test.mjs).

import { click, find, tid } from "./harness.mjs";

/** Aisha Bello's readiness assessment, the demo's fullest. */
export const AISHA = `${tid("readiness-row")}[data-person="Aisha Bello"] ${tid("readiness-open")}`;

/** Each screen: the sidebar entry, what to open on it, and what shows it is ready. */
export const DEMO_SCREENS = [
  { name: "Dashboard", nav: "dashboard", ready: "table.trends" },
  { name: "Team, adding a person", nav: "team", open: [tid("add-person")], ready: tid("person-form") },
  { name: "a person's plan", nav: "team", open: [`${tid("team-row")} ${tid("open-person")}`], ready: tid("activity") },
  { name: "Meetings", nav: "meetings", open: [tid("meeting-person")], ready: tid("meeting-panel") },
  { name: "Competencies, adding one", nav: "competencies", open: [tid("add-competency")], ready: tid("competency-form") },
  { name: "Change", nav: "change", ready: tid("raci-matrix") },
  { name: "Readiness", nav: "readiness", open: [AISHA], ready: tid("readiness-assessment") },
  { name: "Export / Import", nav: "workbooks", ready: tid("export-form") },
  { name: "Settings", nav: "settings", ready: tid("settings-screen") },
];

/** Goes to a screen from the sidebar, opens what it lists, and waits until it is ready. */
export async function visit({ nav, open = [], ready }) {
  await click(await find(tid(`nav-${nav}`)));
  await find(tid(`${nav}-screen`));
  for (const css of open) await click(await find(css));
  await find(ready);
}
