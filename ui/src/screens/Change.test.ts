import { afterEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import Change from "./Change.svelte";
import { setTransport, type Transport } from "../lib/api";
import { fakeTransport } from "../test/fixtures";

let previous: Transport | null = null;
afterEach(() => {
  if (previous) setTransport(previous);
  previous = null;
});

const person = (id: string, name: string) => ({ id, name });
const BARRIERS = [...["awareness", "desire", "knowledge", "ability", "reinforcement"], null].map((b) => ({ barrier: b, stakeholders: 0, people: 0 }));

function world(extra: Record<string, (args: Record<string, unknown>) => unknown> = {}) {
  const stakeholders: { id: string; change_id: string; kind: string; person_id: string; name: string; head_count: number }[] = [];
  const change = () => ({
    id: "c1", parent_id: null, parent: null, name: "<img src=x onerror=window.__pwned=1>", description: "", owner_id: "p1", owner: "Jordan Avery", owner_archived: false,
    impact: "high", effect: "negative", training_required: false, comms_plan_required: false, org_changes: false,
    awareness: "low", status: "draft", raci_reviewed_on: null, stakeholders,
  });
  return fakeTransport({
    list_changes: () => [change()],
    list_people: () => [person("p1", "Jordan Avery"), person("p2", "Priya Raman")],
    get_change: () => change(),
    change_rollup: () => ({
      change_id: "c1", change: "x", stakeholders: stakeholders.map((s) => ({ stakeholder: s, latest: null })),
      distribution: BARRIERS, not_assessed: stakeholders.length, average: null, average_barrier: null,
    }),
    change_plan: () => ({ change_id: "c1", change: "x", actions: [], influencers: [] }),
    change_findings: () => [],
    raci_chart: () => ({ change_id: "c1", change: "x", reviewed_on: null, started_on: null, people: [], activities: [] }),
    add_stakeholder: (args) => {
      const s = { id: "s1", change_id: "c1", kind: "person", person_id: (args.stakeholder as { person_id: string }).person_id, name: "Priya Raman", head_count: 1 };
      stakeholders.push(s);
      return s;
    },
    ...extra,
  });
}

describe("Change", () => {
  it("opens the first change, names render as text, and a new stakeholder gets a row in the grid", async () => {
    const { transport } = world();
    previous = setTransport(transport);
    render(Change);
    const title = await screen.findByTestId("change-title");
    expect(title.textContent).toBe("<img src=x onerror=window.__pwned=1>");
    expect(document.querySelector("img")).toBeNull();
    expect(screen.queryByTestId("score-grid")).toBeNull();
    const pick = screen.getByTestId("stakeholder-person") as HTMLSelectElement;
    pick.value = "p2";
    await fireEvent.change(pick);
    await fireEvent.click(screen.getByTestId("stakeholder-add"));
    const row = await screen.findByTestId("score-row");
    expect(row.dataset.stakeholder).toBe("Priya Raman");
    expect(row.querySelectorAll("input")).toHaveLength(5);
  });

  it("says when the change's one owner has been archived since", async () => {
    const { transport } = world();
    previous = setTransport(async (command, args) => {
      const got = await transport(command, args);
      return command === "get_change" ? { ...(got as object), owner_archived: true } : got;
    });
    render(Change);
    expect((await screen.findByTestId("change-owner-name")).textContent).toBe("Jordan Avery (archived)");
  });

  it("a change that could not be read says why and offers Try again, not a spinner for ever", async () => {
    let fail = true;
    const { transport } = world();
    previous = setTransport(async (command, args) => {
      if (command === "get_change" && fail) throw { code: "busy", message: "the database is busy; try again", field: null };
      return transport(command, args);
    });
    render(Change);
    expect((await screen.findByTestId("error-banner")).textContent).toContain("the database is busy");
    expect(screen.queryByTestId("loading")).toBeNull();
    fail = false;
    await fireEvent.click(screen.getByTestId("change-retry"));
    await screen.findByTestId("change-title");
    expect(screen.queryByTestId("error-banner")).toBeNull();
  });

  it("marks a phase-plan action past its due date, as of Ladder's today", async () => {
    const late = {
      id: "a1", change_id: "c1", element: "awareness", description: "Explain why", owner_id: "p1", owner: "Jordan Avery",
      due_date: "2026-11-01", status: "planned", position: 1,
    };
    const { transport } = world({
      app_info: () => ({ db_path: null, schema_version: 1, today: "2026-12-07", version: "0", backup_warning: null }),
      change_rollup: () => ({
        change_id: "c1", change: "x", stakeholders: [], distribution: BARRIERS, not_assessed: 0, average: null, average_barrier: null,
      }),
      change_plan: () => ({ change_id: "c1", change: "x", actions: [late], influencers: [] }),
    });
    previous = setTransport(transport);
    render(Change);
    const due = await screen.findByTestId("plan-action-due-date");
    await vi.waitFor(() => expect(due.classList.contains("overdue-text")).toBe(true));
  });

  it("says what Add starter actions added, and that a second press adds nothing", async () => {
    let first = true;
    const { transport } = world({
      suggest_change_actions: () => {
        const added = first ? [{ id: "a1" }, { id: "a2" }] : [];
        first = false;
        return added;
      },
    });
    previous = setTransport(transport);
    render(Change);
    await fireEvent.click(await screen.findByTestId("plan-suggest"));
    expect((await screen.findByTestId("plan-suggested")).textContent).toBe("2 starter actions added, without due dates: give each one a due date.");
    await vi.waitFor(() => expect((screen.getByTestId("plan-suggest") as HTMLButtonElement).disabled).toBe(false));
    await fireEvent.click(screen.getByTestId("plan-suggest"));
    await vi.waitFor(() => expect(screen.getByTestId("plan-suggested").textContent).toContain("Every starter action is in the plan already"));
  });

  it("cancelling a new change, by its button or by Escape, goes back to the change that was open", async () => {
    const { transport } = world();
    previous = setTransport(transport);
    render(Change);
    await screen.findByTestId("change-title");
    for (const cancel of [
      () => fireEvent.click(screen.getByTestId("change-cancel")),
      () => fireEvent.keyDown(screen.getByTestId("change-name"), { key: "Escape" }),
    ]) {
      await fireEvent.click(screen.getByTestId("change-new"));
      expect(screen.queryByTestId("change-title")).toBeNull();
      await cancel();
      expect(screen.queryByTestId("change-form")).toBeNull();
      expect((await screen.findByTestId("change-title")).textContent).toBe("<img src=x onerror=window.__pwned=1>");
    }
  });

  it("the checks are read again once the RACI chart changes", async () => {
    let activities = 0;
    const { transport, calls } = world({
      add_raci_activity: () => (activities += 1),
      change_findings: () =>
        activities === 0 ? [] : [{ code: "raci_no_accountable", change_id: "c1", change: "x", action_id: null, raci_activity_id: "r1", message: "RACI activity Design has nobody accountable" }],
    });
    previous = setTransport(transport);
    render(Change);
    await screen.findByTestId("change-title");
    expect(screen.queryByTestId("change-finding")).toBeNull();
    await fireEvent.input(await screen.findByTestId("raci-activity-name"), { target: { value: "Design" } });
    await fireEvent.click(screen.getByTestId("raci-activity-add"));
    expect((await screen.findByTestId("change-finding")).textContent).toBe("RACI activity Design has nobody accountable");
    expect(calls.filter((c) => c.command === "change_findings")).toHaveLength(2);
  });
});
