import { afterEach, describe, expect, it } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import RaciEditor from "./RaciEditor.svelte";
import { setTransport, type Transport } from "../../lib/api";
import { fakeTransport } from "../../test/fixtures";
import type { Person } from "../../lib/types/Person";
import type { RaciChart } from "../../lib/types/RaciChart";

let previous: Transport | null = null;
afterEach(() => {
  if (previous) setTransport(previous);
  previous = null;
});

const chart: RaciChart = {
  change_id: "c1",
  change: "Rota",
  reviewed_on: null,
  started_on: "2026-11-01",
  people: [{ person_id: "p1", name: "Priya Raman" }],
  activities: [{ id: "a1", change_id: "c1", name: "Approve the rota", position: 1, assignments: [] }],
} as RaciChart;

describe("RaciEditor", () => {
  it("saves a role stepped to with the arrow keys once chosen, not at every step", async () => {
    const { transport, calls } = fakeTransport({ raci_chart: () => chart, assign_raci_role: () => chart.activities[0] });
    previous = setTransport(transport);
    render(RaciEditor, { changeId: "c1", people: [] as Person[], onChanged: () => {} });
    const cell = (await screen.findByTestId("raci-cell")) as HTMLSelectElement;
    const assigned = () => calls.filter((c) => c.command === "assign_raci_role");
    // Down, Down, Down: R, A, C, each a change of the closed list.
    for (const role of ["r", "a", "c"]) {
      await fireEvent.keyDown(cell, { key: "ArrowDown" });
      cell.value = role;
      await fireEvent.change(cell);
    }
    expect(assigned()).toHaveLength(0);
    await fireEvent.keyDown(cell, { key: "Enter" });
    expect(assigned().map((c) => c.args.role)).toEqual(["c"]);

    // Escape puts the stored role back and saves nothing.
    await fireEvent.keyDown(cell, { key: "ArrowUp" });
    cell.value = "a";
    await fireEvent.change(cell);
    await fireEvent.keyDown(cell, { key: "Escape" });
    expect(cell.value).toBe("");
    await fireEvent.blur(cell);
    expect(assigned()).toHaveLength(1);

    // Leaving the cell saves what it was stepped to; a pick from the open list, at once.
    await fireEvent.keyDown(cell, { key: "ArrowDown" });
    cell.value = "i";
    await fireEvent.change(cell);
    await fireEvent.blur(cell);
    expect(assigned().map((c) => c.args.role)).toEqual(["c", "i"]);
    cell.value = "r";
    await fireEvent.change(cell);
    expect(assigned().map((c) => c.args.role)).toEqual(["c", "i", "r"]);
  });
});
