// Display helpers only: no business rule lives here (overdue and warnings come from the core).
import type { ActionOwner } from "./types/ActionOwner";

/** Fixed, not the locale's (which may write "Sept"): the core writes the dates in its
 * findings with the same names (src/dates.rs), and both read alike on one screen. */
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2026-05-14" as "14 May 2026". */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "—";
  const [y, m, d] = iso.split("-").map(Number);
  if (!y || !m || !d || m > 12) return iso;
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  return Math.round((b - a) / 86_400_000);
}

/** "in 3 days", "today", "5 days ago". */
export function relative(iso: string, today: string): string {
  const n = daysBetween(today, iso);
  if (n === 0) return "today";
  if (n === 1) return "tomorrow";
  if (n === -1) return "yesterday";
  return n > 0 ? `in ${n} days` : `${-n} days ago`;
}

/** A finding from the core, which starts lower case for the command line's
 * "code: message", as a sentence of its own: "Goal … has no feedback activity". */
export function sentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/** A field's code in words, as the core's errors name it: `completed_on` → "completed on". */
export function fieldWords(code: string | null): string {
  return (code ?? "").replace(/_/g, " ");
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A person's initials for their avatar. */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = parts[0]?.[0] ?? "?";
  const last = parts.length > 1 ? parts[parts.length - 1][0] : "";
  return (first + last).toUpperCase();
}

/** Who holds an action item, as the meeting screens name them. */
export function ownerLabel(owner: ActionOwner): string {
  return owner === "manager" ? "Manager" : "Associate";
}
