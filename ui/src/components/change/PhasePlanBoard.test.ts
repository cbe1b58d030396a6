import { afterEach, describe, expect, it } from "vitest";
import { fireEvent, render, screen, within } from "@testing-library/svelte";
import PhasePlanBoard from "./PhasePlanBoard.svelte";
import StatusMover from "./StatusMover.svelte";
import Influencers from "./Influencers.svelte";
import { setTransport, type Transport } from "../../lib/api";
import { fakeTransport } from "../../test/fixtures";
import type { ChangeAction } from "../../lib/types/ChangeAction";
import type { Change } from "../../lib/types/Change";
import type { Person } from "../../lib/types/Person";
import type { PhasePlan } from "../../lib/types/PhasePlan";

let previous: Transport | null = null;
afterEach(() => {
  if (previous) setTransport(previous);
  previous = null;
});

const people = [
  { id: "p1", name: "Jordan Avery" },
  { id: "p2", name: "Priya Raman" },
] as Person[];

function action(over: Partial<ChangeAction> = {}): ChangeAction {
  return {
    id: "a1", change_id: "c1", element: "awareness", description: "Announce the rota", owner_id: "p1", owner: "Jordan Avery",
    due_date: null, status: "planned", starter: null, position: 1, ...over,
  };
}

const plan = (actions: ChangeAction[]): PhasePlan => ({ change_id: "c1", change: "Rota", actions, influencers: [] });

describe("PhasePlanBoard", () => {
  it("adds an action to the column it was opened from; a bad due date shows beside the field", async () => {
    const { transport, calls } = fakeTransport({
      add_change_action: (args) => {
        const form = args.form as { due_date: string | null };
        if (form.due_date === "2026-02-30") throw { code: "invalid_input", message: "due date 2026-02-30 is not a date (YYYY-MM-DD)", field: "due_date" };
        return action({ element: "knowledge" });
      },
    });
    previous = setTransport(transport);
    let changed = 0;
    render(PhasePlanBoard, { plan: plan([]), people, onChanged: () => void changed++ });
    await fireEvent.click(screen.getAllByTestId("plan-add").find((b) => b.dataset.element === "knowledge")!);
    const form = screen.getByTestId("plan-action-form");
    expect(form.dataset.element).toBe("knowledge");
    await fireEvent.input(within(form).getByTestId("plan-action-description"), { target: { value: "Train the rota leads" } });
    const owner = within(form).getByTestId("plan-action-owner") as HTMLSelectElement;
    owner.value = "p2";
    await fireEvent.change(owner);
    await fireEvent.input(within(form).getByTestId("plan-action-due"), { target: { value: "2026-02-30" } });
    await fireEvent.submit(form);
    expect((await within(form).findByTestId("plan-action-due-error")).textContent).toContain("is not a date");
    expect(within(form).getByTestId("plan-action-due").getAttribute("aria-invalid")).toBe("true");
    expect(changed).toBe(0);
    await fireEvent.input(within(form).getByTestId("plan-action-due"), { target: { value: "2026-03-02" } });
    await fireEvent.submit(form);
    await until(() => changed === 1);
    expect(calls.at(-1)).toEqual({
      command: "add_change_action",
      args: { change_id: "c1", form: { element: "knowledge", description: "Train the rota leads", owner_id: "p2", due_date: "2026-03-02" } },
    });
    expect(screen.queryByTestId("plan-action-form")).toBeNull();
  });

  it("a tick that could not be saved is taken back, with the reason", async () => {
    const { transport } = fakeTransport({
      edit_change_action: () => {
        throw { code: "busy", message: "the database is busy; try again", field: null };
      },
    });
    previous = setTransport(transport);
    render(PhasePlanBoard, { plan: plan([action()]), people, onChanged: () => {} });
    const box = screen.getByTestId("plan-action-done") as HTMLInputElement;
    await fireEvent.click(box);
    await until(() => document.body.textContent!.includes("the database is busy"));
    expect(box.checked).toBe(false);
  });

  it("ticking an action done sends only its status; editing sends its fields and an empty date clears it", async () => {
    const { transport, calls } = fakeTransport({ edit_change_action: () => action() });
    previous = setTransport(transport);
    render(PhasePlanBoard, { plan: plan([action({ due_date: "2026-01-10" })]), people, onChanged: () => {} });
    await fireEvent.click(screen.getByTestId("plan-action-done"));
    expect(calls.at(-1)!.args).toEqual({
      id: "a1", edit: { element: null, description: null, owner_id: null, due_date: null, status: "done" },
    });
    await fireEvent.click(screen.getByTestId("plan-action-edit"));
    const form = screen.getByTestId("plan-action-form");
    expect((within(form).getByTestId("plan-action-due") as HTMLInputElement).value).toBe("2026-01-10");
    await fireEvent.input(within(form).getByTestId("plan-action-due"), { target: { value: "" } });
    const status = within(form).getByTestId("plan-action-status") as HTMLSelectElement;
    status.value = "in_progress";
    await fireEvent.change(status);
    await fireEvent.submit(form);
    await until(() => calls.length === 2);
    expect(calls.at(-1)!.args).toEqual({
      id: "a1", edit: { element: null, description: "Announce the rota", owner_id: "p1", due_date: "", status: "in_progress" },
    });
  });
});

describe("StatusMover", () => {
  const change = { id: "c1", name: "<b>Rota</b>", status: "draft" } as Change;

  it("offers only later statuses and moves only after the confirmation", async () => {
    const { transport, calls } = fakeTransport({ set_change_status: (args) => ({ ...change, status: args.status }) });
    previous = setTransport(transport);
    let saved: Change | null = null;
    render(StatusMover, { change, onSaved: (c: Change) => (saved = c) });
    const select = screen.getByTestId("change-status-select") as HTMLSelectElement;
    expect([...select.options].map((o) => o.value)).toEqual(["announced", "in_progress", "reinforcing", "closed"]);
    await fireEvent.click(screen.getByTestId("change-status-move"));
    expect(calls).toHaveLength(0);
    expect(screen.getByTestId("change-status-confirm").textContent).toContain("Move <b>Rota</b> to announced? It cannot be moved back.");
    await fireEvent.click(screen.getByTestId("change-status-no"));
    expect(calls).toHaveLength(0);
    await fireEvent.click(screen.getByTestId("change-status-move"));
    await fireEvent.click(screen.getByTestId("change-status-yes"));
    await until(() => saved !== null);
    expect(calls).toEqual([{ command: "set_change_status", args: { id: "c1", status: "announced" } }]);
  });

  it("a closed change has nowhere to move", () => {
    render(StatusMover, { change: { ...change, status: "closed" }, onSaved: () => {} });
    expect(screen.queryByTestId("change-status")).toBeNull();
  });
});

describe("Influencers", () => {
  it("records an associate's concerns, questions and expected reactions, then edits them", async () => {
    const { transport, calls } = fakeTransport({ add_influencer: () => ({}), edit_influencer: () => ({}) });
    previous = setTransport(transport);
    const influencer = { id: "i1", change_id: "c1", person_id: "p2", person: "Priya Raman", concerns: "Night shifts", questions: "", expected_reactions: "Seniors will resist" };
    const { rerender } = render(Influencers, { changeId: "c1", influencers: [], people, onChanged: () => {} });
    expect(screen.getByTestId("influencers-none")).toBeTruthy();
    await fireEvent.click(screen.getByTestId("influencer-add"));
    const pick = screen.getByTestId("influencer-person") as HTMLSelectElement;
    pick.value = "p2";
    await fireEvent.change(pick);
    await fireEvent.input(screen.getByTestId("influencer-concerns"), { target: { value: "Night shifts" } });
    await fireEvent.input(screen.getByTestId("influencer-reactions"), { target: { value: "Seniors will resist" } });
    await fireEvent.submit(screen.getByTestId("influencer-form"));
    await until(() => calls.length === 1);
    expect(calls[0]).toEqual({
      command: "add_influencer",
      args: { influencer: { change_id: "c1", person_id: "p2", concerns: "Night shifts", questions: "", expected_reactions: "Seniors will resist" } },
    });
    await rerender({ changeId: "c1", influencers: [influencer], people, onChanged: () => {} });
    const row = await screen.findByTestId("influencer");
    expect(within(row).getByTestId("influencer-concerns-text").textContent).toBe("Night shifts");
    await fireEvent.click(within(row).getByTestId("influencer-edit"));
    expect((screen.getByTestId("influencer-concerns") as HTMLTextAreaElement).value).toBe("Night shifts");
    await fireEvent.input(screen.getByTestId("influencer-questions"), { target: { value: "Who covers holidays?" } });
    await fireEvent.submit(screen.getByTestId("influencer-form"));
    await until(() => calls.length === 2);
    expect(calls[1]).toEqual({
      command: "edit_influencer",
      args: { change_id: "c1", person_id: "p2", patch: { concerns: "Night shifts", questions: "Who covers holidays?", expected_reactions: "Seniors will resist" } },
    });
  });

  it("says why a removal failed, with no form open to say it in", async () => {
    const { transport } = fakeTransport({
      remove_influencer: () => {
        throw { code: "busy", message: "the database is busy; try again", field: null };
      },
    });
    previous = setTransport(transport);
    const influencer = { id: "i1", change_id: "c1", person_id: "p2", person: "Priya Raman", concerns: "", questions: "", expected_reactions: "" };
    render(Influencers, { changeId: "c1", influencers: [influencer], people, onChanged: () => {} });
    await fireEvent.click(screen.getByTestId("influencer-remove"));
    await fireEvent.click(screen.getByTestId("influencer-remove-yes"));
    expect((await screen.findByTestId("influencer-remove-error")).textContent).toContain("the database is busy");
    expect(screen.getAllByTestId("influencer")).toHaveLength(1);
  });
});

async function until(ok: () => boolean) {
  for (let i = 0; i < 50 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(ok()).toBe(true);
}
