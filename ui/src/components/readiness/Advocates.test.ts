import { afterEach, describe, expect, it } from "vitest";
import { fireEvent, render, screen, within } from "@testing-library/svelte";
import Advocates from "./Advocates.svelte";
import WhatMoved from "./WhatMoved.svelte";
import { setTransport, type Transport } from "../../lib/api";
import { fakeTransport, goal } from "../../test/fixtures";
import type { ReadinessAssessment } from "../../lib/types/ReadinessAssessment";
import type { AdvocacyAction } from "../../lib/types/AdvocacyAction";

let previous: Transport | null = null;
afterEach(() => {
  if (previous) setTransport(previous);
  previous = null;
});

function assessment(over: Partial<ReadinessAssessment["advocates"]> = {}): ReadinessAssessment {
  const judged = { status: "unknown" as const, evidence: "" };
  return {
    id: "r1", person_id: "id-tom", person: "Tom Okafor", target: "Senior engineer", assessed_on: "2026-12-01",
    results: judged,
    competencies: { ...judged, override_reason: null, proposal: { status: "unknown", as_of: "2026-12-01", competencies: [] } },
    skills: { ...judged, items: [] },
    role: { availability: "unknown", notes: "", path: null, next_step: "" },
    advocates: { ...judged, advocates: [], actions: [], ...over },
    suggestion: { verdict: "not_assessed", missing: [] },
    decision: null,
  };
}

const people = () => [
  { id: "id-tom", name: "Tom Okafor", manager_id: "id-maya" },
  { id: "id-maya", name: "Maya Chen", manager_id: "id-dana" },
  { id: "id-dana", name: "Dana Whitfield", manager_id: null },
];

const advocate = { id: "v1", assessment_id: "r1", person_id: null, name: "Grace Lin", relation: "hr" as const, influence: "high" as const, last_contact_on: "2026-11-02", notes: "" };

describe("Advocates", () => {
  it("adds an advocate by name; a bad contact date shows beside its field and nothing is added", async () => {
    const { transport, calls } = fakeTransport({
      list_people: people,
      plan_of: () => [],
      add_readiness_advocate: (args) => {
        const a = args.advocate as { last_contact_on: string | null };
        if (a.last_contact_on === "yesterday") throw { code: "invalid_input", message: "last contact on yesterday is not a date (YYYY-MM-DD)", field: "last_contact_on" };
        return advocate;
      },
    });
    previous = setTransport(transport);
    let changed = 0;
    render(Advocates, { assessment: assessment(), onChanged: () => void changed++ });
    await fireEvent.click(screen.getByTestId("advocate-add"));
    const person = (await screen.findByTestId("advocate-person")) as HTMLSelectElement;
    await until(() => person.options.length === 2);
    // Not Tom himself, nor Maya, his direct manager: advocates are the people beyond.
    expect([...person.options].map((o) => o.text)).toEqual(["Someone not in Ladder…", "Dana Whitfield"]);
    await fireEvent.input(screen.getByTestId("advocate-name"), { target: { value: "Grace Lin" } });
    const relation = screen.getByTestId("advocate-relation") as HTMLSelectElement;
    relation.value = "hr";
    await fireEvent.change(relation);
    await fireEvent.input(screen.getByTestId("advocate-contact"), { target: { value: "yesterday" } });
    await fireEvent.submit(screen.getByTestId("advocate-form"));
    expect((await screen.findByTestId("advocate-contact-error")).textContent).toContain("is not a date");
    expect(changed).toBe(0);
    await fireEvent.input(screen.getByTestId("advocate-contact"), { target: { value: "2026-11-02" } });
    await fireEvent.submit(screen.getByTestId("advocate-form"));
    await until(() => changed === 1);
    expect(calls.at(-1)!.args).toEqual({
      assessment_id: "r1",
      advocate: { person_id: null, name: "Grace Lin", relation: "hr", influence: "high", last_contact_on: "2026-11-02", notes: "" },
    });
  });

  it("edits an advocate's influence and clears the last contact", async () => {
    const { transport, calls } = fakeTransport({ list_people: people, plan_of: () => [], edit_readiness_advocate: () => advocate });
    previous = setTransport(transport);
    render(Advocates, { assessment: assessment({ advocates: [advocate] }), onChanged: () => {} });
    const row = screen.getByTestId("advocate");
    expect(row.dataset.advocate).toBe("Grace Lin");
    await fireEvent.click(within(row).getByTestId("advocate-edit"));
    const influence = screen.getByTestId("advocate-influence-select") as HTMLSelectElement;
    influence.value = "medium";
    await fireEvent.change(influence);
    await fireEvent.input(screen.getByTestId("advocate-contact"), { target: { value: "" } });
    await fireEvent.submit(screen.getByTestId("advocate-form"));
    await until(() => calls.some((c) => c.command === "edit_readiness_advocate"));
    expect(calls.find((c) => c.command === "edit_readiness_advocate")!.args).toEqual({
      advocate_id: "v1",
      edit: { name: "Grace Lin", relation: "hr", influence: "medium", last_contact_on: "", notes: "" },
    });
  });

  it("an advocacy action is added, becomes a plan activity, and is completed through it", async () => {
    const action: AdvocacyAction = { id: "x1", assessment_id: "r1", kind: "visibility", description: "Demo at the all-hands", advocate_id: null, advocate: null, due_date: "2027-01-15", activity_id: null };
    const plan = [goal({ id: "goal-1", person_id: "id-tom", outcome: "Speak with confidence" })];
    const { transport, calls } = fakeTransport({
      list_people: people,
      plan_of: () => plan,
      add_advocacy_action: () => action,
      advocacy_action_to_activity: () => ({ ...action, activity_id: "act-1" }),
      complete_activity: () => ({}),
    });
    previous = setTransport(transport);
    const { rerender } = render(Advocates, { assessment: assessment(), onChanged: () => {} });
    await fireEvent.click(screen.getByTestId("advocacy-action-add"));
    const kind = screen.getByTestId("advocacy-kind") as HTMLSelectElement;
    kind.value = "visibility";
    await fireEvent.change(kind);
    await fireEvent.input(screen.getByTestId("advocacy-description"), { target: { value: "Demo at the all-hands" } });
    await fireEvent.input(screen.getByTestId("advocacy-due"), { target: { value: "2027-01-15" } });
    await fireEvent.submit(screen.getByTestId("advocacy-action-form"));
    await until(() => calls.some((c) => c.command === "add_advocacy_action"));
    expect(calls.find((c) => c.command === "add_advocacy_action")!.args).toEqual({
      assessment_id: "r1", action: { kind: "visibility", description: "Demo at the all-hands", advocate_id: null, due_date: "2027-01-15" },
    });

    await rerender({ assessment: assessment({ actions: [action] }), onChanged: () => {} });
    expect(screen.queryByTestId("advocacy-action-done")).toBeNull();
    await fireEvent.click(screen.getByTestId("advocacy-action-plan"));
    const goalPick = screen.getByTestId("advocacy-plan-goal") as HTMLSelectElement;
    expect(goalPick.value).toBe("goal-1");
    await fireEvent.submit(screen.getByTestId("advocacy-plan-form"));
    await until(() => calls.some((c) => c.command === "advocacy_action_to_activity"));
    expect(calls.find((c) => c.command === "advocacy_action_to_activity")!.args).toEqual({ action_id: "x1", goal_id: "goal-1", phase: "practice" });

    await rerender({ assessment: assessment({ actions: [{ ...action, activity_id: "act-1" }] }), onChanged: () => {} });
    const done = (await screen.findByTestId("advocacy-action-done")) as HTMLInputElement;
    expect(done.checked).toBe(false);
    await fireEvent.click(done);
    await until(() => calls.some((c) => c.command === "complete_activity"));
    expect(calls.find((c) => c.command === "complete_activity")!.args).toEqual({ id: "act-1", on: null });
  });
});

describe("WhatMoved", () => {
  it("says a first assessment has nothing to compare with", async () => {
    const { transport } = fakeTransport({ readiness_moved: () => null });
    previous = setTransport(transport);
    render(WhatMoved, { assessment: assessment() });
    expect((await screen.findByTestId("moved-none")).textContent).toContain("first assessment");
  });

  it("shows each requirement's move, the verdict's and the skills that changed", async () => {
    const earlier = { ...assessment(), assessed_on: "2026-01-10" };
    const { transport } = fakeTransport({
      readiness_moved: () => ({
        person_id: "id-tom", person: "Tom Okafor", earlier, later: assessment(),
        requirements: [
          { requirement: "results", before: "partly", after: "met", movement: "better" },
          { requirement: "competencies", before: "met", after: "partly", movement: "worse" },
          { requirement: "skills", before: "unknown", after: "unknown", movement: "same" },
          { requirement: "advocates", before: "unknown", after: "met", movement: "changed" },
        ],
        role: { before: "unknown", after: "available", moved: true },
        verdict: { before: "ready_3_plus_years", after: "ready_1_2_years", movement: "better" },
        skills: [{ name: "Budgets", before: "gap", after: "have" }],
        advocates: [],
      }),
    });
    previous = setTransport(transport);
    render(WhatMoved, { assessment: assessment() });
    const rows = await screen.findAllByTestId("moved-requirement");
    expect(rows.map((r) => [r.dataset.requirement, r.dataset.movement])).toEqual([
      ["results", "better"], ["competencies", "worse"], ["skills", "same"], ["advocates", "changed"],
    ]);
    expect(screen.getByTestId("moved-span").textContent).toContain("Since 10 Jan 2026");
    expect(screen.getByTestId("moved-verdict").textContent).toContain("Ready in 3+ years");
    expect(screen.getByTestId("moved-role").dataset.moved).toBe("true");
    expect(screen.getByTestId("moved-skill").textContent).toBe("Budgets gap → have");
  });
});

async function until(ok: () => boolean) {
  for (let i = 0; i < 50 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(ok()).toBe(true);
}
