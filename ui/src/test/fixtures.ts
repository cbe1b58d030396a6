// Small, typed fixtures for the UI tests, shaped exactly like the generated types.
import type { Overview } from "../lib/types/Overview";
import type { TeamRow } from "../lib/types/TeamRow";
import type { Goal } from "../lib/types/Goal";
import type { Finding } from "../lib/types/Finding";
import type { Transport } from "../lib/api";
import type { Agenda } from "../lib/types/Agenda";
import type { Meeting } from "../lib/types/Meeting";
import type { SectionNotes } from "../lib/types/SectionNotes";
import type { ActionItem } from "../lib/types/ActionItem";
import type { Rating } from "../lib/types/Rating";

export function row(name: string, over: Partial<TeamRow> = {}): TeamRow {
  const id = `id-${name.toLowerCase().replace(/\W+/g, "-")}`;
  return {
    person_id: id,
    name,
    job_title: "Engineer",
    level: "L3",
    manager: "Maya Chen",
    open_goals: 1,
    open_activities: 2,
    overdue_activities: 0,
    plan_warnings: 0,
    meeting: {
      person_id: id,
      cadence_days: 28,
      last_held: "2026-04-01",
      next_scheduled: null,
      due_on: "2026-04-29",
      status: "due",
      overdue_days: 0,
    },
    ...over,
  };
}

export function overview(rows: TeamRow[]): Overview {
  return {
    today: "2026-04-20",
    me: { person_id: "id-maya", name: "Maya Chen", role: "manager" },
    rows,
  };
}

export function goal(over: Partial<Goal> = {}): Goal {
  return {
    id: "goal-1",
    person_id: "id-tom",
    competency_id: "comp-1",
    competency: "Influencing others",
    outcome: "Influence decisions across departments",
    status: "open",
    activities: [
      {
        id: "act-1",
        goal_id: "goal-1",
        phase: "learn",
        description: "Read Influence",
        resource: { kind: "material", person_id: null, name: "Influence (Cialdini)" },
        target_date: "2026-05-01",
        completed_on: null,
        notes: "",
        position: 1,
      },
    ],
    ...over,
  };
}

export function missingPhase(goalId = "goal-1"): Finding {
  return {
    code: "missing_phase",
    person_id: "id-tom",
    person: "Tom Okafor",
    goal_id: goalId,
    activity_id: null,
    message: 'goal "Influence decisions across departments" has no practice or feedback activity',
  };
}

/** A transport that answers each command from a table and records every call. */
export function fakeTransport(answers: Record<string, (args: Record<string, unknown>) => unknown>) {
  const calls: { command: string; args: Record<string, unknown> }[] = [];
  const transport: Transport = async (command, args = {}) => {
    calls.push({ command, args });
    const answer = answers[command];
    if (!answer) throw { code: "not_found", message: `no fake for ${command}`, field: null };
    return answer(args);
  };
  return { transport, calls };
}

// ---------------------------------------------------------------- meetings and ratings


export function sections(): SectionNotes[] {
  return [
    { section: "career_goals", title: "Long-term career goals", prompt: "Where in two to five years?", body: "" },
    { section: "behavioural_feedback", title: "Behavioural feedback on competencies", prompt: "How?", body: "" },
    { section: "feedback_to_manager", title: "Your feedback to your manager", prompt: "Open forum", body: "" },
    { section: "development_in_daily_work", title: "Development in daily work", prompt: "Where?", body: "" },
  ];
}

export function rating(score: number, rated_on: string, over: Partial<Rating> = {}): Rating {
  return {
    id: `r-${score}-${rated_on}`,
    person_id: "id-tom",
    competency_id: "comp-1",
    competency: "Teamwork",
    level: "current",
    rater: "manager",
    rater_name: null,
    score,
    rated_on,
    evidence: "Seen in the review",
    ...over,
  };
}

export function agenda(over: Partial<Agenda> = {}): Agenda {
  const g = goal();
  return {
    person_id: "id-tom",
    person: "Tom Okafor",
    manager: "Jordan Avery",
    prepared_on: "2026-04-20",
    meeting_id: null,
    meeting_on: null,
    held_on_default: null,
    cadence: { person_id: "id-tom", cadence_days: 28, last_held: "2026-03-01", next_scheduled: null, due_on: "2026-03-29", status: "overdue", overdue_days: 22 },
    previous_meeting_on: "2026-03-01",
    open_goals: [{ goal_id: g.id, competency: g.competency, outcome: g.outcome, done: 0, total: 1, next_activities: g.activities }],
    overdue_activities: [],
    recent_ratings: [rating(3, "2026-04-05")],
    open_action_items: [],
    findings: [],
    sections: sections(),
    change_barriers: [],
    changes: [],
    ...over,
  };
}

export function action(over: Partial<ActionItem> = {}): ActionItem {
  return {
    id: "ai-1",
    meeting_id: "m-1",
    description: "Lead the design review",
    owner: "associate",
    due_date: "2026-05-10",
    status: "open",
    closed_on: null,
    activity_id: null,
    ...over,
  };
}

/** A meeting; cancellable as the core works it out, unless given. */
export function meeting(over: Partial<Meeting> = {}): Meeting {
  const m = {
    id: "m-1",
    person_id: "id-tom",
    person: "Tom Okafor",
    scheduled_on: "2026-04-22",
    status: "scheduled" as const,
    held_on: null,
    sections: sections(),
    action_items: [],
    ...over,
  };
  const holds = m.action_items.length > 0 || m.sections.some((s) => s.body !== "");
  return { ...m, cancellable: over.cancellable ?? (m.status === "scheduled" && !holds) };
}
