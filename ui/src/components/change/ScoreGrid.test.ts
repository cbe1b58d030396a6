import { afterEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, within } from "@testing-library/svelte";
import ScoreGrid from "./ScoreGrid.svelte";
import BarrierChart from "./BarrierChart.svelte";
import { setTransport, type Transport } from "../../lib/api";
import { fakeTransport } from "../../test/fixtures";
import type { StakeholderLatest } from "../../lib/types/StakeholderLatest";

let previous: Transport | null = null;
afterEach(() => {
  if (previous) setTransport(previous);
  previous = null;
});

function stakeholder(name: string, scores: number[] | null): StakeholderLatest {
  const id = `s-${name}`;
  const [awareness, desire, knowledge, ability, reinforcement] = scores ?? [];
  return {
    stakeholder: { id, change_id: "c1", kind: "person", person_id: `p-${name}`, name, head_count: 1 },
    latest: scores
      ? {
          id: `a-${name}`,
          stakeholder_id: id,
          assessed_on: "2026-11-01",
          scores: { awareness, desire, knowledge, ability, reinforcement },
          notes: {},
          barrier: null,
        }
      : null,
  };
}

function cells(name: string): HTMLInputElement[] {
  const row = screen.getAllByTestId("score-row").find((r) => r.dataset.stakeholder === name)!;
  return within(row).getAllByRole("textbox") as HTMLInputElement[];
}

describe("ScoreGrid", () => {
  it("moves like a spreadsheet: arrows between cells and rows", async () => {
    render(ScoreGrid, { rows: [stakeholder("Ana", [4, 4, 4, 4, 4]), stakeholder("Bo", null)], onSaved: () => {} });
    const ana = cells("Ana");
    ana[1].focus();
    await fireEvent.keyDown(ana[1], { key: "ArrowDown" });
    expect(document.activeElement).toBe(cells("Bo")[1]);
    await fireEvent.keyDown(cells("Bo")[1], { key: "ArrowRight" });
    expect(document.activeElement).toBe(cells("Bo")[2]);
    await fireEvent.keyDown(cells("Bo")[2], { key: "ArrowUp" });
    expect(document.activeElement).toBe(ana[2]);
    expect(ana.map((c) => c.value)).toEqual(["4", "4", "4", "4", "4"]);
  });

  it("a stakeholder added later gets a row of empty cells", async () => {
    const { rerender } = render(ScoreGrid, { rows: [stakeholder("Ana", [4, 4, 4, 4, 4])], onSaved: () => {} });
    await rerender({ rows: [stakeholder("Ana", [4, 4, 4, 4, 4]), stakeholder("Bo", null)], onSaved: () => {} });
    expect(cells("Bo").map((c) => c.value)).toEqual(["", "", "", "", ""]);
    expect(cells("Ana")[0].value).toBe("4");
  });

  it("Enter saves the row's five scores, and the core's error shows on the cell it names", async () => {
    const { transport, calls } = fakeTransport({
      assess_stakeholder: (args) => {
        if ((args.scores as number[])[2] === 3.25)
          throw { code: "invalid_input", message: "knowledge score 3.25 has more than one decimal", field: "knowledge_score" };
        return {};
      },
    });
    previous = setTransport(transport);
    const onSaved = vi.fn();
    render(ScoreGrid, { rows: [stakeholder("Ana", null)], onSaved });
    const row = cells("Ana");
    for (const [i, v] of ["4", "2", "3.25", "4", "4,5"].entries()) await fireEvent.input(row[i], { target: { value: v } });
    await fireEvent.keyDown(row[4], { key: "Enter" });
    expect((await screen.findByTestId("score-error")).textContent).toContain("more than one decimal");
    expect(row[2].getAttribute("aria-invalid")).toBe("true");
    expect(row[0].getAttribute("aria-invalid")).toBeNull();
    expect(onSaved).not.toHaveBeenCalled();
    // The keyboard carries on from the cell the error names.
    await vi.waitFor(() => expect(document.activeElement).toBe(row[2]));

    await fireEvent.input(row[2], { target: { value: "3" } });
    await fireEvent.keyDown(row[2], { key: "Enter" });
    await vi.waitFor(() => expect(onSaved).toHaveBeenCalledOnce());
    expect(calls.at(-1)).toEqual({ command: "assess_stakeholder", args: { stakeholder_id: "s-Ana", scores: [4, 2, 3, 4, 4.5], on: null } });
    expect(screen.queryByTestId("score-error")).toBeNull();
  });

  it("records a row's scores once however many times Enter and Save are pressed while they are saved", async () => {
    let answer: () => void = () => {};
    const { transport, calls } = fakeTransport({ assess_stakeholder: () => new Promise<void>((done) => (answer = done)) });
    previous = setTransport(transport);
    render(ScoreGrid, { rows: [stakeholder("Ana", null)], onSaved: () => {} });
    const row = cells("Ana");
    for (const [i, v] of ["4", "2", "3", "4", "4"].entries()) await fireEvent.input(row[i], { target: { value: v } });
    await fireEvent.keyDown(row[4], { key: "Enter" });
    const save = screen.getByTestId("score-save") as HTMLButtonElement;
    await fireEvent.click(save);
    await fireEvent.keyDown(row[4], { key: "Enter" });
    expect(calls.filter((c) => c.command === "assess_stakeholder")).toHaveLength(1);
    expect(save.disabled).toBe(true);
    answer();
    await vi.waitFor(() => expect(save.disabled).toBe(false));
    expect(calls.filter((c) => c.command === "assess_stakeholder")).toHaveLength(1);
  });

  it("Escape that puts a row back clears its error", async () => {
    const { transport } = fakeTransport({
      assess_stakeholder: () => {
        throw { code: "invalid_input", message: "desire score 6 is outside 1–5", field: "desire_score" };
      },
    });
    previous = setTransport(transport);
    render(ScoreGrid, { rows: [stakeholder("Ana", [4, 4, 4, 4, 4])], onSaved: () => {} });
    await fireEvent.input(cells("Ana")[1], { target: { value: "6" } });
    await fireEvent.keyDown(cells("Ana")[1], { key: "Enter" });
    await screen.findByTestId("score-error");
    await fireEvent.keyDown(cells("Ana")[1], { key: "Escape" });
    expect(cells("Ana")[1].value).toBe("4");
    await vi.waitFor(() => expect(screen.queryByTestId("score-error")).toBeNull());
    expect(cells("Ana")[1].getAttribute("aria-invalid")).toBeNull();
  });

  it("an empty cell is named before anything is sent", async () => {
    const { transport, calls } = fakeTransport({});
    previous = setTransport(transport);
    render(ScoreGrid, { rows: [stakeholder("Ana", null)], onSaved: () => {} });
    await fireEvent.input(cells("Ana")[1], { target: { value: "3" } });
    await fireEvent.keyDown(cells("Ana")[1], { key: "Enter" });
    expect((await screen.findByTestId("score-error")).textContent).toContain("Awareness is empty");
    expect(calls).toEqual([]);
  });

  it("Enter on a row not typed in moves down and records nothing", async () => {
    const { transport, calls } = fakeTransport({});
    previous = setTransport(transport);
    render(ScoreGrid, { rows: [stakeholder("Ana", [4, 4, 4, 4, 4]), stakeholder("Bo", null)], onSaved: () => {} });
    cells("Ana")[2].focus();
    await fireEvent.keyDown(cells("Ana")[2], { key: "Enter" });
    expect(document.activeElement).toBe(cells("Bo")[0]);
    await fireEvent.keyDown(cells("Bo")[0], { key: "Enter" });
    // Nor does its Save button.
    const row = screen.getAllByTestId("score-row").find((r) => r.dataset.stakeholder === "Ana")!;
    await fireEvent.click(within(row).getByTestId("score-save"));
    expect([calls, screen.queryByTestId("score-error")]).toEqual([[], null]);
  });

  it("saving one row keeps what was typed in another, and sends nothing that is not a number", async () => {
    let rows = [stakeholder("Tom", [4, 3, 3, 2, 2]), stakeholder("Marcus", [2, 2, 2, 2, 2])];
    const { transport, calls } = fakeTransport({
      assess_stakeholder: (a) => {
        rows = rows.map((r) => (r.stakeholder.id === a.stakeholder_id ? stakeholder(r.stakeholder.name, a.scores as number[]) : r));
        return rows.find((r) => r.stakeholder.id === a.stakeholder_id)!.latest;
      },
    });
    previous = setTransport(transport);
    // The screen reads the scores again after a save, and hands the grid new rows.
    const grid = render(ScoreGrid, { rows, onSaved: () => grid.rerender({ rows }) });
    for (const i of [0, 1]) await fireEvent.input(cells("Tom")[i], { target: { value: "5" } });

    const marcus = cells("Marcus");
    await fireEvent.input(marcus[0], { target: { value: "abc" } });
    await fireEvent.keyDown(marcus[0], { key: "Enter" });
    expect((await screen.findByTestId("score-error")).textContent).toContain("awareness score abc is not a number from 1 to 5");
    expect(marcus[0].getAttribute("aria-invalid")).toBe("true");
    expect(calls).toEqual([]);

    await fireEvent.input(marcus[0], { target: { value: "3,5" } });
    await fireEvent.keyDown(marcus[0], { key: "Enter" });
    await screen.findByDisplayValue("3.5");
    expect(calls.map((c) => c.args.scores)).toEqual([[3.5, 2, 2, 2, 2]]);
    expect(cells("Tom").map((c) => c.value)).toEqual(["5", "5", "3", "2", "2"]);
  });

  it("removes a stakeholder only once asked, keeps them on Keep or Escape, and says what went", async () => {
    const { transport, calls } = fakeTransport({
      remove_stakeholder: () => ({ stakeholder: stakeholder("Ana", null).stakeholder, assessments: 2 }),
    });
    previous = setTransport(transport);
    const onRemoved = vi.fn();
    render(ScoreGrid, { rows: [stakeholder("Ana", [2, 4, 4, 4, 4]), stakeholder("Bo", null)], onSaved: () => {}, onRemoved });
    const ask = () => fireEvent.click(screen.getByRole("button", { name: "Remove Ana from this change" }));

    await ask();
    const question = screen.getByTestId("stakeholder-remove-confirm");
    expect(question.textContent).toContain("Take Ana off this change, with every score of theirs?");
    expect(document.activeElement).toBe(screen.getByTestId("stakeholder-remove-no"));
    await fireEvent.click(screen.getByTestId("stakeholder-remove-no"));
    expect(screen.queryByTestId("stakeholder-remove-confirm")).toBeNull();

    await ask();
    await fireEvent.keyDown(screen.getByTestId("stakeholder-remove-no"), { key: "Escape" });
    expect(screen.queryByTestId("stakeholder-remove-confirm")).toBeNull();
    expect(calls).toEqual([]);

    // Bo was never scored: nothing is said of scores.
    await fireEvent.click(screen.getByRole("button", { name: "Remove Bo from this change" }));
    expect(screen.getByTestId("stakeholder-remove-confirm").textContent?.trim()).toMatch(/Take Bo off this change\?\s+Remove\s+Keep$/);
    await fireEvent.click(screen.getByTestId("stakeholder-remove-no"));

    await ask();
    await fireEvent.click(screen.getByTestId("stakeholder-remove-yes"));
    await vi.waitFor(() => expect(onRemoved).toHaveBeenCalledOnce());
    expect(calls.map((c) => [c.command, c.args])).toEqual([["remove_stakeholder", { stakeholder_id: "s-Ana" }]]);
    expect(onRemoved.mock.calls[0][0].assessments).toBe(2);
  });
});

describe("BarrierChart", () => {
  it("draws one bar per barrier, sized by its count", () => {
    const { container } = render(BarrierChart, {
      distribution: [
        { barrier: "awareness", stakeholders: 0, people: 0 },
        { barrier: "desire", stakeholders: 4, people: 4 },
        { barrier: "knowledge", stakeholders: 2, people: 2 },
        { barrier: "ability", stakeholders: 0, people: 0 },
        { barrier: "reinforcement", stakeholders: 0, people: 0 },
        { barrier: null, stakeholders: 1, people: 1 },
      ],
    });
    const bars = screen.getAllByTestId("barrier-bar");
    expect(bars.map((b) => b.dataset.barrier)).toEqual(["awareness", "desire", "knowledge", "ability", "reinforcement", "none"]);
    const width = (i: number) => Number(bars[i].querySelector("rect")!.getAttribute("width"));
    expect(width(1)).toBe(2 * width(2));
    expect(width(0)).toBe(0);
    expect(container.textContent).toContain("No barrier");
  });
});
