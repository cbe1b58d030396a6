import type { Phase } from "./types/Phase";

export const PHASES: { phase: Phase; title: string; hint: string }[] = [
  { phase: "learn", title: "Learn", hint: "A book, a course, a mentor" },
  { phase: "practice", title: "Practice", hint: "A safe, real chance to use it" },
  { phase: "feedback", title: "Feedback", hint: "Who tells you how it went" },
];

/** Which activity form is open: one at a time, for a new or an existing activity. */
export type Editing = { goalId: string; phase: Phase; activityId: string | null } | null;
