import { afterEach, describe, expect, it } from "vitest";
import { fireEvent, render, screen, within } from "@testing-library/svelte";
import AuditTrail from "./AuditTrail.svelte";
import { setTransport, type Transport } from "../lib/api";
import { fakeTransport } from "../test/fixtures";
import type { Entry } from "../lib/types/Entry";

let previous: Transport | null = null;
afterEach(() => {
  if (previous) setTransport(previous);
});

function entry(seq: number, over: Partial<Entry>): Entry {
  return {
    seq,
    at: "2026-11-23T17:16:13.000Z",
    actor: "Jordan Avery",
    record_kind: "activity",
    record_id: "act-1",
    person_id: "id-tom",
    action: "changed",
    field: null,
    old: null,
    new: null,
    ...over,
  };
}

const TRAIL: Entry[] = [
  entry(1, { action: "added", record_kind: "goal", record_id: "goal-1", new: "Communication: Present clearly" }),
  entry(2, { action: "added", new: "learn activity: Read the book" }),
  entry(3, { field: "target_date", old: "2026-11-05", new: "2026-12-15" }),
  entry(4, { field: "completed_on", old: null, new: "<b>2026-12-14</b>", actor: "unknown user" }),
];

describe("AuditTrail", () => {
  it("stays closed until asked, then shows who, when and what changed, newest first", async () => {
    const { transport, calls } = fakeTransport({ record_history: () => TRAIL });
    previous = setTransport(transport);
    render(AuditTrail, { ids: ["goal-1", "act-1"], labels: { "goal-1": "goal", "act-1": "Read the book" } });
    expect(calls).toHaveLength(0);
    expect(screen.queryByTestId("audit-entries")).toBeNull();

    const toggle = screen.getByTestId("audit-toggle");
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    await fireEvent.click(toggle);
    expect(toggle.getAttribute("aria-expanded")).toBe("true");
    const rows = await screen.findAllByTestId("audit-entry");
    expect(calls).toEqual([{ command: "record_history", args: { ids: ["goal-1", "act-1"] } }]);
    expect(rows.map((r) => [r.dataset.action, r.dataset.field])).toEqual([
      ["changed", "completed_on"],
      ["changed", "target_date"],
      ["added", ""],
      ["added", ""],
    ]);
    const moved = rows[1];
    expect(moved.textContent).toContain("Jordan Avery");
    expect(moved.textContent).toContain("23 Nov 2026");
    expect(moved.textContent).toContain("Read the book:");
    expect(moved.textContent).toContain("target date 2026-11-05 → 2026-12-15");
    // An empty old value is a dash; values with markup are text.
    expect(rows[0].textContent).toContain("completed on — → <b>2026-12-14</b>");
    expect(rows[0].querySelector("b")).toBeNull();
    expect(within(rows[0]).getByText("unknown user")).toBeTruthy();
    expect(rows[3].textContent).toContain("goal:");
    expect(rows[3].textContent).toContain("added Communication: Present clearly");

    await fireEvent.click(toggle);
    expect(screen.queryByTestId("audit-entries")).toBeNull();
  });

  it("says when nothing was recorded, and reads a change's scores by the change", async () => {
    const { transport, calls } = fakeTransport({ change_score_history: () => [] });
    previous = setTransport(transport);
    render(AuditTrail, { changeId: "c-1" });
    await fireEvent.click(screen.getByTestId("audit-toggle"));
    expect((await screen.findByTestId("audit-empty")).textContent).toBe("No changes recorded yet.");
    expect(calls).toEqual([{ command: "change_score_history", args: { change_id: "c-1" } }]);
  });

  it("shows the core's error where the history would be", async () => {
    const { transport } = fakeTransport({});
    previous = setTransport(transport);
    render(AuditTrail, { ids: ["x"] });
    await fireEvent.click(screen.getByTestId("audit-toggle"));
    expect((await screen.findByTestId("error-banner")).dataset.code).toBe("not_found");
  });
});
