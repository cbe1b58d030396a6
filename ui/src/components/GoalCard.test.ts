import { afterEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, within } from "@testing-library/svelte";
import GoalCard from "./GoalCard.svelte";
import { setTransport, type Transport } from "../lib/api";
import { fakeTransport, goal, missingPhase } from "../test/fixtures";

let previous: Transport | null = null;
afterEach(() => {
  if (previous) setTransport(previous);
});

const library = [
  { id: "comp-1", name: "Influencing others", description: "", behaviours: [], retired_at: null },
  { id: "comp-2", name: "Customer focus", description: "", behaviours: [], retired_at: null },
];
const base = { people: [], competencies: library, onEdit: () => {}, onChanged: () => {}, onToggleDone: () => {} };

describe("GoalCard", () => {
  it("lays the activities out in Learn, Practice and Feedback with the goal's warnings", () => {
    render(GoalCard, { ...base, goal: goal(), findings: [missingPhase()], editing: null });
    const learn = screen.getByTestId("phase-learn");
    expect(within(learn).getAllByTestId("activity")).toHaveLength(1);
    expect(within(screen.getByTestId("phase-practice")).getByTestId("phase-empty")).toBeTruthy();
    const finding = screen.getByTestId("finding");
    expect(finding.dataset.code).toBe("missing_phase");
  });

  it("shows a bad date beside the date field, and keeps the form open", async () => {
    const { transport, calls } = fakeTransport({
      add_activity: () => {
        throw { code: "invalid_input", message: "target date 2026-13-01 is not a date (YYYY-MM-DD)", field: "target_date" };
      },
    });
    previous = setTransport(transport);
    const onChanged = vi.fn();
    render(GoalCard, {
      ...base,
      onChanged,
      goal: goal(),
      findings: [],
      editing: { goalId: "goal-1", phase: "practice", activityId: null },
    });
    const editor = screen.getByTestId("activity-editor");
    await fireEvent.input(within(editor).getByTestId("activity-description"), { target: { value: "Lead the review" } });
    await fireEvent.change(within(editor).getByTestId("activity-resource-kind"), { target: { value: "event" } });
    await fireEvent.input(within(editor).getByTestId("activity-resource-name"), { target: { value: "Quarterly review" } });
    await fireEvent.input(within(editor).getByTestId("activity-target-date"), { target: { value: "2026-13-01" } });
    await fireEvent.submit(editor);
    const error = await within(editor).findByTestId("activity-target-date-error");
    expect(error.textContent).toContain("is not a date");
    expect(within(editor).getByTestId("activity-target-date").getAttribute("aria-invalid")).toBe("true");
    expect(within(editor).queryByTestId("activity-error")).toBeNull();
    expect(onChanged).not.toHaveBeenCalled();
    expect(calls[0].args).toMatchObject({
      form: { goal_id: "goal-1", phase: "practice", resource: { kind: "event", person_id: null, name: "Quarterly review" } },
    });
  });

  it("shows an error about no field of the form once for the whole form", async () => {
    const { transport } = fakeTransport({
      add_activity: () => {
        throw { code: "busy", message: "the database is busy (another Ladder is writing); try again", field: null };
      },
    });
    previous = setTransport(transport);
    render(GoalCard, { ...base, goal: goal(), findings: [], editing: { goalId: "goal-1", phase: "learn", activityId: null } });
    await fireEvent.submit(screen.getByTestId("activity-editor"));
    expect((await screen.findByTestId("activity-error")).dataset.code).toBe("busy");
  });

  it("edits an activity in place, starting from what it says now", async () => {
    const { transport, calls } = fakeTransport({ edit_activity: (a) => ({ id: a.id }) });
    previous = setTransport(transport);
    const onChanged = vi.fn();
    render(GoalCard, { ...base, onChanged, goal: goal(), findings: [], editing: { goalId: "goal-1", phase: "learn", activityId: "act-1" } });
    const editor = screen.getByTestId("activity-editor");
    const description = within(editor).getByTestId("activity-description") as HTMLInputElement;
    expect(description.value).toBe("Read Influence");
    expect((within(editor).getByTestId("activity-resource-name") as HTMLInputElement).value).toBe("Influence (Cialdini)");
    await fireEvent.input(within(editor).getByTestId("activity-target-date"), { target: { value: "2026-06-01" } });
    await fireEvent.submit(editor);
    await vi.waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(calls[0]).toEqual({
      command: "edit_activity",
      args: {
        id: "act-1",
        edit: {
          phase: null,
          description: "Read Influence",
          resource: { kind: "material", person_id: null, name: "Influence (Cialdini)" },
          target_date: "2026-06-01",
          notes: null,
        },
      },
    });
  });

  it("completes an activity with one click", async () => {
    const onToggleDone = vi.fn();
    render(GoalCard, { ...base, onToggleDone, goal: goal(), findings: [], editing: null });
    const check = screen.getByTestId("activity-done");
    expect(check.getAttribute("aria-checked")).toBe("false");
    await fireEvent.click(check);
    expect(onToggleDone).toHaveBeenCalledWith(expect.objectContaining({ id: "act-1" }));
  });

  it("says a refused tick beside the activity it was for", () => {
    const doneError = { activityId: "act-1", message: "Ladder is busy: another Ladder is writing; try again" };
    render(GoalCard, { ...base, goal: goal(), findings: [], editing: null, doneError });
    const row = screen.getAllByTestId("activity").find((a) => a.dataset.activityId === "act-1")!;
    expect(within(row).getByTestId("activity-done-error").textContent).toBe(doneError.message);
  });

  it("edits the goal itself: marks it done or changes its outcome, sending only what changed", async () => {
    const { transport, calls } = fakeTransport({
      edit_goal: (a) => {
        const patch = a.patch as { outcome: string | null };
        if (patch.outcome !== null && patch.outcome.trim() === "") throw { code: "invalid_input", message: "outcome must not be empty", field: "outcome" };
        return goal();
      },
    });
    previous = setTransport(transport);
    const onChanged = vi.fn();
    render(GoalCard, { ...base, onChanged, goal: goal(), findings: [], editing: null });

    await fireEvent.click(screen.getByTestId("goal-edit"));
    const outcome = screen.getByTestId("goal-edit-outcome") as HTMLInputElement;
    expect(outcome.value).toBe("Influence decisions across departments");
    await fireEvent.input(outcome, { target: { value: " " } });
    await fireEvent.submit(screen.getByTestId("goal-edit-form"));
    expect((await screen.findByTestId("goal-edit-outcome-error")).textContent).toBe("outcome must not be empty");
    expect(onChanged).not.toHaveBeenCalled();

    await fireEvent.input(outcome, { target: { value: "Influence decisions across the company" } });
    const status = screen.getByTestId("goal-edit-status") as HTMLSelectElement;
    status.value = "done";
    await fireEvent.change(status);
    await fireEvent.submit(screen.getByTestId("goal-edit-form"));
    await vi.waitFor(() => expect(onChanged).toHaveBeenCalledOnce());
    expect(screen.queryByTestId("goal-edit-form")).toBeNull();
    expect(calls.at(-1)).toEqual({
      command: "edit_goal",
      args: { id: "goal-1", patch: { outcome: "Influence decisions across the company", competency_id: null, status: "done" } },
    });

    // Escape leaves the goal as it was.
    await fireEvent.click(screen.getByTestId("goal-edit"));
    await fireEvent.keyDown(screen.getByTestId("goal-edit-outcome"), { key: "Escape" });
    expect(screen.queryByTestId("goal-edit-form")).toBeNull();
    expect(calls.filter((c) => c.command === "edit_goal")).toHaveLength(2);
  });

  it("keeps a goal open while one of its activities has changes not saved", async () => {
    const { transport, calls } = fakeTransport({ edit_goal: () => goal() });
    previous = setTransport(transport);
    const onEdit = vi.fn();
    render(GoalCard, { ...base, onEdit, editorDirty: true, goal: goal(), findings: [], editing: { goalId: "goal-1", phase: "learn", activityId: "act-1" } });
    await fireEvent.click(screen.getByTestId("goal-edit"));
    const status = screen.getByTestId("goal-edit-status") as HTMLSelectElement;
    status.value = "done";
    await fireEvent.change(status);
    await fireEvent.submit(screen.getByTestId("goal-edit-form"));
    expect((await screen.findByTestId("goal-edit-status-error")).textContent).toBe("an activity of this goal has changes not saved: save or cancel them first");
    expect(calls).toEqual([]);
    expect(onEdit).not.toHaveBeenCalled();
  });
});
