// Small, typed fixtures for the UI tests, shaped exactly like the generated types.
import type { Overview } from "../lib/types/Overview";
import type { TeamRow } from "../lib/types/TeamRow";
import type { Goal } from "../lib/types/Goal";
import type { Finding } from "../lib/types/Finding";
import type { Transport } from "../lib/api";

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
    findings: [],
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
