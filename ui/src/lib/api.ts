// The one door between the UI and the desktop shell. Every screen calls these functions,
// never `invoke` directly, so tests swap the transport for a fake (see `setTransport`).
import { invoke } from "@tauri-apps/api/core";
import type { Activity } from "./types/Activity";
import type { ActivityEdit } from "./types/ActivityEdit";
import type { ActivityForm } from "./types/ActivityForm";
import type { AppInfo } from "./types/AppInfo";
import type { BackupFile } from "./types/BackupFile";
import type { Cadence } from "./types/Cadence";
import type { CommandError } from "./types/CommandError";
import type { Competency } from "./types/Competency";
import type { DemoSummary } from "./types/DemoSummary";
import type { Finding } from "./types/Finding";
import type { Goal } from "./types/Goal";
import type { GoalPatch } from "./types/GoalPatch";
import type { Me } from "./types/Me";
import type { NewGoal } from "./types/NewGoal";
import type { Overview } from "./types/Overview";
import type { Person } from "./types/Person";
import type { PersonForm } from "./types/PersonForm";
import type { Role } from "./types/Role";

export type Transport = (command: string, args?: Record<string, unknown>) => Promise<unknown>;

let transport: Transport = (command, args) => invoke(command, args);

/** Replaces how commands reach the shell (tests use a fake); returns the previous one. */
export function setTransport(next: Transport): Transport {
  const previous = transport;
  transport = next;
  return previous;
}

/** An error from the core, as the shell sends it: branch on `code`, show by `field`. */
export class ApiError extends Error {
  readonly code: string;
  readonly field: string | null;

  constructor(e: CommandError) {
    super(e.message);
    this.name = "ApiError";
    this.code = e.code;
    this.field = e.field;
  }

  /** True when the user can fix it by changing what they typed. */
  get isBadInput(): boolean {
    return ["invalid_input", "not_found", "ambiguous", "conflict"].includes(this.code);
  }
}

function isCommandError(e: unknown): e is CommandError {
  return (
    typeof e === "object" &&
    e !== null &&
    typeof (e as CommandError).code === "string" &&
    typeof (e as CommandError).message === "string"
  );
}

/** Any failure as an ApiError: the shell's own errors keep their code and field. */
export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  if (isCommandError(e)) return new ApiError({ code: e.code, message: e.message, field: e.field ?? null });
  const message = e instanceof Error ? e.message : String(e);
  return new ApiError({ code: "ipc", message, field: null });
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return (await transport(command, args)) as T;
  } catch (e) {
    throw toApiError(e);
  }
}

export const api = {
  appInfo: () => call<AppInfo>("app_info"),
  whoami: () => call<Me | null>("whoami"),
  setMe: (person_id: string, role: Role) => call<Me>("set_me", { person_id, role }),
  loadDemo: () => call<DemoSummary>("load_demo"),
  listBackups: () => call<BackupFile[]>("list_backups"),
  backupNow: () => call<BackupFile>("backup_now"),

  listPeople: (everyone: boolean) => call<Person[]>("list_people", { everyone }),
  getPerson: (id: string) => call<Person>("get_person", { id }),
  addPerson: (form: PersonForm) => call<Person>("add_person", { form }),
  directReports: (manager_id: string) => call<Person[]>("direct_reports", { manager_id }),

  teamOverview: () => call<Overview>("team_overview"),

  planOf: (person_id: string) => call<Goal[]>("plan_of", { person_id }),
  planFindings: (person_id: string) => call<Finding[]>("plan_findings", { person_id }),
  addGoal: (goal: NewGoal) => call<Goal>("add_goal", { goal }),
  editGoal: (id: string, patch: GoalPatch) => call<Goal>("edit_goal", { id, patch }),
  addActivity: (form: ActivityForm) => call<Activity>("add_activity", { form }),
  editActivity: (id: string, edit: ActivityEdit) => call<Activity>("edit_activity", { id, edit }),
  completeActivity: (id: string, on: string | null = null) =>
    call<Activity>("complete_activity", { id, on }),
  reopenActivity: (id: string) => call<Activity>("reopen_activity", { id }),

  listCompetencies: () => call<Competency[]>("list_competencies"),
  cadenceOf: (person_id: string) => call<Cadence | null>("cadence_of", { person_id }),
};

export type Api = typeof api;
