// The Export / Import screen's words: the workbooks, what each holds, and how a problem
// (`Sheet!Cell: rule`) splits into its cell and its rule.
import type { WorkbookKind } from "./types/WorkbookKind";

export const WORKBOOKS: { kind: WorkbookKind; label: string; holds: string; person: string }[] = [
  { kind: "plan", label: "Development plan", holds: "Goals with their Learn, Practice and Feedback activities", person: "One person's plan" },
  { kind: "meeting", label: "Development meetings", holds: "The next meeting: its prepared agenda, notes in the four sections, and the open action items (held meetings stay in Ladder)", person: "One person's next meeting" },
  { kind: "ratings", label: "Competency ratings", holds: "1–5 ratings with their history and evidence", person: "One person's ratings" },
  { kind: "readiness", label: "Promotion readiness", holds: "The latest assessment: requirements, role, skills, advocates, verdict", person: "One person's assessment" },
  { kind: "change", label: "Change assessments", holds: "The ADKAR register, scores, phase plan and RACI", person: "The changes one person owns or is part of" },
];

export function workbookLabel(kind: string): string {
  return WORKBOOKS.find((w) => w.kind === kind)?.label ?? kind;
}

/** `Plan!F7: target date 'next week' is not a date` → cell `Plan!F7`, rule after it. */
export function splitProblem(problem: string): { cell: string; rule: string } {
  const m = /^(.+?![A-Z]{1,3}\d+): ([\s\S]*)$/.exec(problem);
  return m ? { cell: m[1], rule: m[2] } : { cell: "", rule: problem };
}

export function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
