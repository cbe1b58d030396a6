// The one door between the UI and the desktop shell. Every screen calls these functions,
// never `invoke` directly, so tests swap the transport for a fake (see `setTransport`).
import { Channel, invoke } from "@tauri-apps/api/core";
import type { Activity } from "./types/Activity";
import type { ActivityEdit } from "./types/ActivityEdit";
import type { ActivityForm } from "./types/ActivityForm";
import type { AppInfo } from "./types/AppInfo";
import type { BackupFile } from "./types/BackupFile";
import type { Restored } from "./types/Restored";
import type { SetAside } from "./types/SetAside";
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
// Meetings, competencies, archiving people.
import type { ActionForm } from "./types/ActionForm";
import type { ActionItem } from "./types/ActionItem";
import type { Agenda } from "./types/Agenda";
import type { ConversionForm } from "./types/ConversionForm";
import type { Converted } from "./types/Converted";
import type { Meeting } from "./types/Meeting";
import type { Rating } from "./types/Rating";
import type { RatingForm } from "./types/RatingForm";
import type { Section } from "./types/Section";
// Change management (ADKAR).
import type { Assessment } from "./types/Assessment";
import type { Change } from "./types/Change";
import type { ChangeAction } from "./types/ChangeAction";
import type { ChangeActionEdit } from "./types/ChangeActionEdit";
import type { ChangeActionForm } from "./types/ChangeActionForm";
import type { ChangeFinding } from "./types/ChangeFinding";
import type { ChangePatch } from "./types/ChangePatch";
import type { ChangeStatus } from "./types/ChangeStatus";
import type { Influencer } from "./types/Influencer";
import type { InfluencerPatch } from "./types/InfluencerPatch";
import type { NewInfluencer } from "./types/NewInfluencer";
import type { NewChange } from "./types/NewChange";
import type { NewStakeholder } from "./types/NewStakeholder";
import type { PersonChange } from "./types/PersonChange";
import type { PhasePlan } from "./types/PhasePlan";
import type { RaciActivity } from "./types/RaciActivity";
import type { RaciChart } from "./types/RaciChart";
import type { RaciRole } from "./types/RaciRole";
import type { Rollup } from "./types/Rollup";
import type { Stakeholder } from "./types/Stakeholder";
import type { RemovedStakeholder } from "./types/RemovedStakeholder";
// Promotion readiness.
import type { AdvocacyAction } from "./types/AdvocacyAction";
import type { AdvocacyActionForm } from "./types/AdvocacyActionForm";
import type { Advocate } from "./types/Advocate";
import type { AdvocateEdit } from "./types/AdvocateEdit";
import type { AdvocateForm } from "./types/AdvocateForm";
import type { GapGoal } from "./types/GapGoal";
import type { Phase } from "./types/Phase";
import type { ReadinessComparison } from "./types/ReadinessComparison";
import type { ReadinessAssessment } from "./types/ReadinessAssessment";
import type { ReadinessSkill } from "./types/ReadinessSkill";
import type { Requirement } from "./types/Requirement";
import type { RequirementPatch } from "./types/RequirementPatch";
import type { RolePatch } from "./types/RolePatch";
import type { SkillStatus } from "./types/SkillStatus";
import type { TeamReadiness } from "./types/TeamReadiness";
import type { Verdict } from "./types/Verdict";
// Excel workbooks: export and import.
import type { ExportStage } from "./types/ExportStage";
import type { Exported } from "./types/Exported";
import type { Fill } from "./types/Fill";
import type { ImportApplied } from "./types/ImportApplied";
import type { ImportReview } from "./types/ImportReview";
import type { ImportStage } from "./types/ImportStage";
import type { WorkbookKind } from "./types/WorkbookKind";
// The dashboard and the audit trail shown on records.
import type { Dashboard } from "./types/Dashboard";
import type { Entry } from "./types/Entry";

export type Transport = (command: string, args?: Record<string, unknown>) => Promise<unknown>;

// A function among the arguments is a callback the shell reports progress to: it crosses
// as a Tauri channel. A fake transport receives the function itself.
let transport: Transport = (command, args) =>
  invoke(
    command,
    args &&
      Object.fromEntries(
        Object.entries(args).map(([k, v]) => [k, typeof v === "function" ? new Channel(v as (m: unknown) => void) : v]),
      ),
  );

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
  /** Tells the shell the team screen is interactive (used only to measure start-up). */
  ready: () => call<null>("ready"),
  /** Each press of the window's close button is held and reported to `on_close`, to be
   * answered with `answerClose` (see `nav.close`); one left unanswered for 2 s lets the
   * next press through. */
  guardClose: (on_close: () => void) => call<null>("guard_close", { on_close }),
  answerClose: (close: boolean) => call<null>("answer_close", { close }),
  listBackups: () => call<BackupFile[]>("list_backups"),
  backupNow: () => call<BackupFile>("backup_now"),
  listSetAside: () => call<SetAside[]>("list_set_aside"),
  /** Puts one of the database's copies in place of it; the current file is kept aside. */
  restoreBackup: (path: string) => call<Restored>("restore_backup", { path }),

  listPeople: (everyone: boolean) => call<Person[]>("list_people", { everyone }),
  getPerson: (id: string) => call<Person>("get_person", { id }),
  addPerson: (form: PersonForm) => call<Person>("add_person", { form }),
  editPerson: (id: string, form: PersonForm) => call<Person>("edit_person", { id, form }),
  /** Whom a person (or a new one, for null) may report to. */
  possibleManagers: (person_id: string | null) => call<Person[]>("possible_managers", { person_id }),
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

  // Meetings, competencies, archiving people.
  prepareMeeting: (person_id: string) => call<Agenda>("prepare_meeting", { person_id }),
  listMeetings: (person_id: string) => call<Meeting[]>("list_meetings", { person_id }),
  getMeeting: (id: string) => call<Meeting>("get_meeting", { id }),
  scheduleMeeting: (person_id: string, on: string) => call<Meeting>("schedule_meeting", { person_id, on }),
  rescheduleMeeting: (id: string, on: string) => call<Meeting>("reschedule_meeting", { id, on }),
  cancelMeeting: (id: string) => call<Meeting>("cancel_meeting", { id }),
  holdMeeting: (id: string, on: string | null, next: string | null) =>
    call<Meeting>("hold_meeting", { id, on, next }),
  writeMeetingNotes: (id: string, section: Section, body: string) =>
    call<Meeting>("write_meeting_notes", { id, section, body }),
  addActionItem: (meeting_id: string, form: ActionForm) => call<ActionItem>("add_action_item", { meeting_id, form }),
  closeActionItem: (id: string) => call<ActionItem>("close_action_item", { id }),
  reopenActionItem: (id: string) => call<ActionItem>("reopen_action_item", { id }),
  convertActionItem: (id: string, form: ConversionForm) => call<Converted>("convert_action_item", { id, form }),
  setCadence: (person_id: string, days: number) => call<Person>("set_cadence", { person_id, days }),

  competencyLibrary: () => call<Competency[]>("competency_library"),
  addCompetency: (name: string, description: string, behaviours: string[]) =>
    call<Competency>("add_competency", { name, description, behaviours }),
  /** Renames a competency and replaces its behaviours, either or both, in one write. */
  editCompetency: (id: string, edit: { name?: string; behaviours?: string[] }) =>
    call<Competency>("edit_competency", { id, name: edit.name ?? null, behaviours: edit.behaviours ?? null }),
  retireCompetency: (id: string) => call<Competency>("retire_competency", { id }),
  restoreCompetency: (id: string) => call<Competency>("restore_competency", { id }),
  rateCompetency: (form: RatingForm) => call<Rating>("rate_competency", { form }),
  ratingHistory: (person_id: string, competency_id: string | null = null) =>
    call<Rating[]>("rating_history", { person_id, competency_id }),

  archivePerson: (id: string) => call<Person>("archive_person", { id }),
  restorePerson: (id: string) => call<Person>("restore_person", { id }),

  // Change management (ADKAR).
  listChanges: () => call<Change[]>("list_changes"),
  getChange: (id: string) => call<Change>("get_change", { id }),
  addChange: (change: NewChange) => call<Change>("add_change", { change }),
  editChange: (id: string, patch: ChangePatch) => call<Change>("edit_change", { id, patch }),
  setChangeStatus: (id: string, status: ChangeStatus) => call<Change>("set_change_status", { id, status }),
  addChangeAction: (change_id: string, form: ChangeActionForm) =>
    call<ChangeAction>("add_change_action", { change_id, form }),
  editChangeAction: (id: string, edit: ChangeActionEdit) => call<ChangeAction>("edit_change_action", { id, edit }),
  addInfluencer: (influencer: NewInfluencer) => call<Influencer>("add_influencer", { influencer }),
  removeInfluencer: (change_id: string, person_id: string) => call<Influencer>("remove_influencer", { change_id, person_id }),
  editInfluencer: (change_id: string, person_id: string, patch: InfluencerPatch) =>
    call<Influencer>("edit_influencer", { change_id, person_id, patch }),
  addStakeholder: (change_id: string, stakeholder: NewStakeholder) =>
    call<Stakeholder>("add_stakeholder", { change_id, stakeholder }),
  removeStakeholder: (stakeholder_id: string) => call<RemovedStakeholder>("remove_stakeholder", { stakeholder_id }),
  assessStakeholder: (stakeholder_id: string, scores: number[], on: string | null = null) =>
    call<Assessment>("assess_stakeholder", { stakeholder_id, scores, on }),
  changeRollup: (change_id: string) => call<Rollup>("change_rollup", { change_id }),
  changePlan: (change_id: string) => call<PhasePlan>("change_plan", { change_id }),
  suggestChangeActions: (change_id: string) =>
    call<ChangeAction[]>("suggest_change_actions", { change_id }),
  changeFindings: (change_id: string) => call<ChangeFinding[]>("change_findings", { change_id }),
  raciChart: (change_id: string) => call<RaciChart>("raci_chart", { change_id }),
  reviewRaci: (change_id: string) => call<RaciChart>("review_raci", { change_id }),
  removeRaciActivity: (activity_id: string) => call<RaciChart>("remove_raci_activity", { activity_id }),
  addRaciActivity: (change_id: string, name: string) =>
    call<RaciActivity>("add_raci_activity", { change_id, name }),
  assignRaciRole: (activity_id: string, person_id: string, role: RaciRole | null) =>
    call<RaciActivity>("assign_raci_role", { activity_id, person_id, role }),
  personChanges: (person_id: string) => call<PersonChange[]>("person_changes", { person_id }),

  // Promotion readiness.
  readinessOf: (person_id: string) => call<ReadinessAssessment | null>("readiness_of", { person_id }),
  openReadiness: (person_id: string, target: string) =>
    call<ReadinessAssessment>("open_readiness", { person_id, target }),
  setReadinessRequirement: (id: string, requirement: Requirement, patch: RequirementPatch) =>
    call<ReadinessAssessment>("set_readiness_requirement", { id, requirement, patch }),
  setReadinessRole: (id: string, patch: RolePatch) => call<ReadinessAssessment>("set_readiness_role", { id, patch }),
  addReadinessSkill: (assessment_id: string, name: string, status: SkillStatus) =>
    call<ReadinessSkill>("add_readiness_skill", { assessment_id, name, status }),
  setReadinessSkill: (skill_id: string, status: SkillStatus) =>
    call<ReadinessSkill>("set_readiness_skill", { skill_id, status }),
  removeReadinessSkill: (skill_id: string) => call<ReadinessSkill>("remove_readiness_skill", { skill_id }),
  skillGapToGoal: (skill_id: string, competency_id: string | null = null) =>
    call<GapGoal>("skill_gap_to_goal", { skill_id, competency_id }),
  decideReadiness: (id: string, verdict: Verdict, rationale: string) =>
    call<ReadinessAssessment>("decide_readiness", { id, verdict, rationale }),
  teamReadiness: () => call<TeamReadiness>("team_readiness"),
  readinessMoved: (person_id: string) => call<ReadinessComparison | null>("readiness_moved", { person_id }),
  addReadinessAdvocate: (assessment_id: string, advocate: AdvocateForm) =>
    call<Advocate>("add_readiness_advocate", { assessment_id, advocate }),
  editReadinessAdvocate: (advocate_id: string, edit: AdvocateEdit) =>
    call<Advocate>("edit_readiness_advocate", { advocate_id, edit }),
  addAdvocacyAction: (assessment_id: string, action: AdvocacyActionForm) =>
    call<AdvocacyAction>("add_advocacy_action", { assessment_id, action }),
  advocacyActionToActivity: (action_id: string, goal_id: string, phase: Phase) =>
    call<AdvocacyAction>("advocacy_action_to_activity", { action_id, goal_id, phase }),

  // Excel workbooks: export and import. The shell opens the native dialogs; null means
  // the user cancelled one.
  exportWorkbook: (workbook: WorkbookKind, fill: Fill, on_progress: (stage: ExportStage) => void) =>
    call<Exported | null>("export_workbook", { workbook, fill, on_progress }),
  previewImport: (on_progress: (stage: ImportStage) => void) =>
    call<ImportReview | null>("preview_import", { on_progress }),
  applyImport: (token: string) => call<ImportApplied>("apply_import", { token }),
  cancelImport: (token: string | null) => call<null>("cancel_import", { token }),

  // The dashboard and the audit trail shown on records.
  dashboard: () => call<Dashboard>("dashboard"),
  recordHistory: (ids: string[]) => call<Entry[]>("record_history", { ids }),
  changeScoreHistory: (change_id: string) => call<Entry[]>("change_score_history", { change_id }),
};

export type Api = typeof api;
