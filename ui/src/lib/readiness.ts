// Labels of the readiness codes, in the words of the domain.
import type { Status } from "./types/Status";
import type { Verdict } from "./types/Verdict";
import type { RolePath } from "./types/RolePath";
import type { Availability } from "./types/Availability";
import type { Requirement } from "./types/Requirement";

export const STATUSES: { key: Status; label: string; tone: string }[] = [
  { key: "met", label: "Met", tone: "ok" },
  { key: "partly", label: "Partly", tone: "warning" },
  { key: "not_yet", label: "Not yet", tone: "overdue" },
  { key: "unknown", label: "Unknown", tone: "neutral" },
];

export const VERDICTS: { key: Verdict; label: string }[] = [
  { key: "ready_now", label: "Ready now" },
  { key: "ready_1_2_years", label: "Ready in 1–2 years" },
  { key: "ready_3_plus_years", label: "Ready in 3+ years" },
  { key: "not_assessed", label: "Not assessed" },
];

export const PATHS: { key: RolePath; label: string }[] = [
  { key: "influence_need", label: "Influence the need for the role" },
  { key: "create_role", label: "Create a new role that is needed" },
  { key: "stay_and_grow", label: "Stay and keep growing" },
  { key: "look_beyond", label: "Look beyond the department or company" },
];

export const AVAILABILITY: { key: Availability; label: string }[] = [
  { key: "available", label: "Available" },
  { key: "not_available", label: "Not available" },
  { key: "unknown", label: "Unknown" },
];

export const REQUIREMENTS: Record<Requirement, string> = {
  results: "Results in the current role",
  competencies: "Competencies at the next level",
  skills: "Job-specific skills",
  role: "Role and scope available",
  advocates: "Advocates",
};

export const statusOf = (s: Status) => STATUSES.find((x) => x.key === s)!;
export const verdictLabel = (v: Verdict) => VERDICTS.find((x) => x.key === v)?.label ?? v;
