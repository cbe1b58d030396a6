// The five ADKAR elements in order, with their letters, for grids and charts.
import type { Element } from "./types/Element";

export const ELEMENTS: { key: Element; letter: string; title: string }[] = [
  { key: "awareness", letter: "A", title: "Awareness" },
  { key: "desire", letter: "D", title: "Desire" },
  { key: "knowledge", letter: "K", title: "Knowledge" },
  { key: "ability", letter: "A", title: "Ability" },
  { key: "reinforcement", letter: "R", title: "Reinforcement" },
];

export function elementTitle(e: Element | null): string {
  return e ? (ELEMENTS.find((x) => x.key === e)?.title ?? e) : "No barrier";
}

/** A heat-map class for a score: 3 or lower is a barrier (the domain's threshold). */
export function heat(score: number | null | undefined): string {
  if (score == null) return "heat-none";
  if (score <= 2) return "heat-low";
  if (score <= 3) return "heat-barrier";
  if (score < 4) return "heat-mid";
  return "heat-high";
}
