import { afterEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, within } from "@testing-library/svelte";
import AssessmentView from "./AssessmentView.svelte";
import { setTransport, type Transport } from "../../lib/api";
import { fakeTransport } from "../../test/fixtures";
import type { ReadinessAssessment } from "../../lib/types/ReadinessAssessment";

let previous: Transport | null = null;
afterEach(() => {
  if (previous) setTransport(previous);
  previous = null;
});

function assessment(over: Partial<ReadinessAssessment> = {}): ReadinessAssessment {
  const judged = { status: "unknown" as const, evidence: "" };
  return {
    id: "r1", person_id: "p1", person: "Tom Okafor", target: "Senior engineer", assessed_on: "2026-12-01",
    results: { status: "met", evidence: "Shipped the billing rewrite" },
    competencies: {
      status: "partly", evidence: "", override_reason: null,
      proposal: {
        status: "partly", as_of: "2026-12-01",
        competencies: [
          { competency_id: "c1", competency: "Communication", score: 4, rated_on: "2026-10-01", holds_back: false },
          { competency_id: "c2", competency: "Influencing others", score: null, rated_on: null, holds_back: true },
        ],
      },
    },
    skills: { ...judged, items: [{ id: "s1", assessment_id: "r1", name: "Public speaking", status: "gap", notes: "", goal_id: null, goal_no_longer_required: false }] },
    role: { availability: "unknown", notes: "", path: null, next_step: "" },
    advocates: { ...judged, advocates: [], actions: [] },
    suggestion: { verdict: "not_assessed", missing: ["skills", "advocates"] },
    decision: null,
    ...over,
  };
}

describe("AssessmentView", () => {
  it("shows the five requirements, the proposal's ratings and what the suggestion still misses", () => {
    render(AssessmentView, { assessment: assessment() });
    for (const r of ["results", "competencies", "skills", "role", "advocates"]) expect(screen.getByTestId(`req-${r}`)).toBeTruthy();
    expect(within(screen.getByTestId("req-results")).getByTestId("req-status").textContent).toBe("Met");
    const proposal = screen.getByTestId("proposal");
    expect(proposal.textContent).toContain("Influencing others");
    expect(proposal.textContent).toContain("not rated");
    expect(screen.getByTestId("suggestion-missing").textContent).toContain("job-specific skills, advocates");
  });

  it("overriding the competencies proposal sends the reason; the core's refusal shows beside it", async () => {
    const { transport, calls } = fakeTransport({
      set_readiness_requirement: (args) => {
        const patch = args.patch as { reason: string | null };
        if (!patch.reason) throw { code: "invalid_input", message: "reason is required to override the proposed competencies status", field: "reason" };
        return assessment({ competencies: { ...assessment().competencies, status: "met", override_reason: patch.reason } });
      },
    });
    previous = setTransport(transport);
    render(AssessmentView, { assessment: assessment() });
    const card = screen.getByTestId("req-competencies");
    await fireEvent.click(within(card).getByTestId("req-edit"));
    const select = within(card).getByTestId("req-status-select") as HTMLSelectElement;
    select.value = "met";
    await fireEvent.change(select);
    await fireEvent.submit(within(card).getByTestId("req-save").closest("form")!);
    expect((await within(card).findByTestId("req-reason-error")).textContent).toContain("reason is required");
    await fireEvent.input(within(card).getByTestId("req-reason"), { target: { value: "Rated strongly by two peers" } });
    await fireEvent.submit(within(card).getByTestId("req-save").closest("form")!);
    await within(card).findByText("Met");
    expect(calls.filter((c) => c.command === "set_readiness_requirement").at(-1)!.args).toEqual({
      id: "r1", requirement: "competencies",
      patch: { status: "met", evidence: "", reason: "Rated strongly by two peers", use_proposal: false },
    });
  });

  it("a decision a requirement moved away from asks to be made again", () => {
    const decided = { verdict: "ready_now" as const, rationale: "", decided_on: "2026-12-01", differs_from_suggestion: true, needs_rationale: true };
    render(AssessmentView, { assessment: assessment({ decision: decided }) });
    expect(screen.getByTestId("decision-needs-rationale").textContent).toContain("record the decision again");
  });

  it("an overridden competencies status can follow the proposal again", async () => {
    const overridden = assessment({ competencies: { ...assessment().competencies, status: "met", override_reason: "Rated strongly by two peers" } });
    const { transport, calls } = fakeTransport({ set_readiness_requirement: () => assessment() });
    previous = setTransport(transport);
    render(AssessmentView, { assessment: overridden });
    const card = screen.getByTestId("req-competencies");
    await fireEvent.click(within(card).getByTestId("req-edit"));
    expect(within(card).getByTestId("req-status").textContent).toBe("Met");
    await fireEvent.click(within(card).getByTestId("req-follow-proposal"));
    await vi.waitFor(() => expect(within(card).getByTestId("req-status").textContent).toBe("Partly"));
    expect(calls.filter((c) => c.command === "set_readiness_requirement").at(-1)!.args).toEqual({
      id: "r1", requirement: "competencies",
      patch: { status: null, evidence: "", reason: null, use_proposal: true },
    });
    // Not overridden: nothing to go back to.
    await fireEvent.click(within(card).getByTestId("req-edit"));
    expect(within(card).queryByTestId("req-follow-proposal")).toBeNull();
    // Only competencies follow a proposal.
    await fireEvent.click(within(screen.getByTestId("req-results")).getByTestId("req-edit"));
    expect(within(screen.getByTestId("req-results")).queryByTestId("req-follow-proposal")).toBeNull();
  });

  it("a gap becomes a goal with one click", async () => {
    const made = assessment({ skills: { ...assessment().skills, items: [{ ...assessment().skills.items[0], goal_id: "g1" }] } });
    const { transport, calls } = fakeTransport({
      skill_gap_to_goal: () => ({ skill: made.skills.items[0], goal: { outcome: "Build the skill 'Public speaking'" }, created: true }),
      readiness_of: () => made,
    });
    previous = setTransport(transport);
    render(AssessmentView, { assessment: assessment() });
    await fireEvent.click(screen.getByTestId("skill-make-goal"));
    await screen.findByTestId("skill-goal");
    // The advocates and "what moved" panels load on their own; the gap takes two calls.
    const own = calls.map((c) => c.command).filter((c) => !["list_people", "plan_of", "readiness_moved"].includes(c));
    expect(own).toEqual(["skill_gap_to_goal", "readiness_of"]);
    expect(screen.queryByTestId("skill-make-goal")).toBeNull();
  });

  it("deciding again keeps the stored rationale unless it is edited", async () => {
    const decided = { verdict: "ready_now" as const, rationale: "Carried the launch alone", decided_on: "2026-12-01", differs_from_suggestion: true, needs_rationale: false };
    const { transport, calls } = fakeTransport({
      decide_readiness: (args) => assessment({ decision: { ...decided, rationale: args.rationale as string } }),
    });
    previous = setTransport(transport);
    render(AssessmentView, { assessment: assessment({ decision: decided }) });
    const box = screen.getByTestId("decide-rationale") as HTMLTextAreaElement;
    expect(box.value).toBe("Carried the launch alone");
    await fireEvent.submit(screen.getByTestId("decide-save").closest("form")!);
    expect(calls.find((c) => c.command === "decide_readiness")?.args).toMatchObject({ verdict: "ready_now", rationale: "Carried the launch alone" });
    expect(box.value).toBe("Carried the launch alone");
  });

  it("records a decision once, however often it is sent while on its way", async () => {
    let land: (() => void) | null = null;
    const { transport, calls } = fakeTransport({
      decide_readiness: () => new Promise((done) => (land = () => done(assessment()))),
    });
    previous = setTransport(transport);
    render(AssessmentView, { assessment: assessment() });
    await fireEvent.input(screen.getByTestId("decide-rationale"), { target: { value: "Carried the launch alone" } });
    const form = screen.getByTestId("decide-save").closest("form")!;
    await fireEvent.submit(form);
    await fireEvent.submit(form);
    expect((screen.getByTestId("decide-save") as HTMLButtonElement).disabled).toBe(true);
    land!();
    await vi.waitFor(() => expect((screen.getByTestId("decide-save") as HTMLButtonElement).disabled).toBe(false));
    expect(calls.filter((c) => c.command === "decide_readiness")).toHaveLength(1);
  });

  it("the role's four paths show only when the role is not available", async () => {
    render(AssessmentView, { assessment: assessment() });
    expect(screen.queryByTestId("role-paths")).toBeNull();
    const select = screen.getByTestId("role-availability") as HTMLSelectElement;
    select.value = "not_available";
    await fireEvent.change(select);
    const paths = await screen.findByTestId("role-paths");
    expect(within(paths).getAllByRole("radio")).toHaveLength(4);
  });
});
