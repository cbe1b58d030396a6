import { afterEach, describe, expect, it } from "vitest";
import { fireEvent, render, screen, within } from "@testing-library/svelte";
import Dashboard from "./Dashboard.svelte";
import { setTransport, type Transport } from "../lib/api";
import { fakeTransport } from "../test/fixtures";
import { nav } from "../lib/nav.svelte";
import type { Dashboard as DashboardData } from "../lib/types/Dashboard";
import type { FindingCode } from "../lib/types/FindingCode";
import type { Element } from "../lib/types/Element";
import type { MeetingDue } from "../lib/types/MeetingDue";
import type { PlanAttention } from "../lib/types/PlanAttention";
import type { Shortlist } from "../lib/types/Shortlist";

let previous: Transport | null = null;
afterEach(() => {
  if (previous) setTransport(previous);
  nav.go("dashboard");
});

const CODES: FindingCode[] = ["missing_phase", "manager_only_resources", "feedback_before_practice", "overdue_activity", "meeting_overdue"];
const BARRIERS: (Element | null)[] = ["awareness", "desire", "knowledge", "ability", "reinforcement", null];

/** A list short enough to be named in full. */
function all<T>(items: T[]): Shortlist<T> {
  return { first: items, total: items.length };
}

function data(over: Partial<DashboardData> = {}): DashboardData {
  return {
    today: "2026-11-23",
    week_end: "2026-11-29",
    me: { person_id: "id-maya", name: "Maya Chen", role: "manager" },
    people: 3,
    meetings_overdue: all([
      { person_id: "id-tom", name: "Tom Okafor", status: "overdue", on: "2026-11-06", overdue_days: 17 },
      { person_id: "id-cleo", name: "Cleo Diaz", status: "missed", on: "2026-11-20", overdue_days: 3 },
    ]),
    meetings_this_week: all([
      { person_id: "id-ana", name: "Ana Lima", status: "scheduled", on: "2026-11-26", overdue_days: 0 },
      { person_id: "id-ben", name: "<img src=x onerror=alert(1)>", status: "due", on: "2026-11-29", overdue_days: 0 },
    ]),
    plans: {
      with_plan: 2,
      without_plan: 1,
      clean: 1,
      open_goals: 3,
      open_activities: 7,
      overdue_activities: 2,
      findings: CODES.map((code) => ({ code, count: code === "missing_phase" ? 2 : code === "meeting_overdue" ? 1 : 0 })),
      attention: all([{ person_id: "id-tom", name: "Tom Okafor", overdue_activities: 2, plan_warnings: 1 }]),
    },
    ratings: [
      {
        competency_id: "k-comm",
        competency: "Communication",
        people: 2,
        average: 3.5,
        better: 1,
        worse: 0,
        same: 0,
        months: [
          { month: "2026-06-01", average: 2, ratings: 1 },
          { month: "2026-11-01", average: 3.5, ratings: 2 },
        ],
      },
    ],
    readiness: {
      verdicts: [
        { verdict: "ready_now", count: 1 },
        { verdict: "ready_1_2_years", count: 1 },
        { verdict: "ready_3_plus_years", count: 0 },
        { verdict: "not_assessed", count: 1 },
      ],
      never_assessed: 1,
      stale: 0,
    },
    changes: [
      {
        change_id: "c-1",
        name: "On-call redesign",
        owner: "Sofia Alvarez",
        status: "in_progress",
        stakeholders: 4,
        not_assessed: 1,
        distribution: BARRIERS.map((barrier) => ({ barrier, stakeholders: barrier === "desire" ? 2 : barrier === null ? 1 : 0, people: 0 })),
        barrier: "knowledge",
      },
    ],
    ...over,
  };
}

describe("Dashboard", () => {
  it("shows a loading state, then the figures the core sent", async () => {
    const { transport } = fakeTransport({ dashboard: () => data() });
    previous = setTransport(transport);
    render(Dashboard);
    expect(screen.getByTestId("loading")).toBeTruthy();
    await screen.findByTestId("dash-meetings");

    expect(screen.getByTestId("dash-summary").textContent).toContain("3 people");
    expect(screen.getByTestId("dash-overdue-count").textContent).toBe("2");
    const overdue = within(screen.getByTestId("dash-overdue")).getAllByTestId("dash-meeting");
    expect(overdue.map((o) => within(o).getByTestId("dash-meeting-when").textContent)).toEqual([
      "Overdue 17 days",
      "Missed 20 Nov 2026, not recorded",
    ]);
    expect(within(overdue[1]).getByTestId("dash-meeting-when").classList.contains("overdue")).toBe(true);
    const week = within(screen.getByTestId("dash-week")).getAllByTestId("dash-meeting");
    expect(week.map((w) => within(w).getByTestId("dash-meeting-when").textContent)).toEqual([
      "Scheduled 26 Nov 2026",
      "Due by 29 Nov 2026",
    ]);

    expect(screen.getByTestId("dash-with-plan").textContent).toBe("2");
    expect(screen.getByTestId("dash-overdue-activities").textContent).toBe("2");
    const bars = screen.getAllByTestId("dash-finding");
    expect(bars.map((b) => [b.dataset.code, b.dataset.count])).toContainEqual(["missing_phase", "2"]);

    const rating = screen.getByTestId("dash-rating");
    expect(rating.dataset.competency).toBe("Communication");
    expect(within(rating).getByTestId("dash-rating-average").textContent).toBe("3.5");
    expect(within(rating).getAllByTestId("sparkline")).toHaveLength(1);

    const verdicts = screen.getAllByTestId("dash-verdict").map((v) => [v.dataset.verdict, v.querySelector(".n-small")!.textContent]);
    expect(verdicts).toEqual([["ready_now", "1"], ["ready_1_2_years", "1"], ["ready_3_plus_years", "0"], ["not_assessed", "1"]]);

    const change = screen.getByTestId("dash-change");
    expect(within(change).getByTestId("dash-change-barrier").textContent).toBe("Knowledge");
    const desire = within(change).getAllByTestId("barrier-bar").find((b) => b.dataset.barrier === "desire")!;
    expect(desire.dataset.count).toBe("2");
  });

  it("links each item to where the user acts on it", async () => {
    const { transport } = fakeTransport({ dashboard: () => data() });
    previous = setTransport(transport);
    render(Dashboard);
    await screen.findByTestId("dash-meetings");

    await fireEvent.click(within(screen.getByTestId("dash-overdue")).getAllByTestId("dash-meeting-prepare")[0]);
    expect([nav.screen, nav.meetingPersonId]).toEqual(["meetings", "id-tom"]);

    await fireEvent.click(within(screen.getByTestId("dash-week")).getAllByTestId("dash-meeting-person")[0]);
    expect([nav.screen, nav.personId]).toEqual(["person", "id-ana"]);

    await fireEvent.click(screen.getByTestId("dash-change-open"));
    expect([nav.screen, nav.changeId]).toEqual(["change", "c-1"]);
  });

  it("names the most pressing few, counts everyone, and links to the screen that lists them all", async () => {
    const overdue: MeetingDue[] = Array.from({ length: 10 }, (_, i) => ({
      person_id: `id-${i}`, name: `Person ${i}`, status: "overdue", on: "2026-11-01", overdue_days: 30 - i,
    }));
    const attention: PlanAttention[] = Array.from({ length: 10 }, (_, i) => ({
      person_id: `id-${i}`, name: `Person ${i}`, overdue_activities: 10 - i, plan_warnings: 0,
    }));
    const base = data();
    const { transport } = fakeTransport({
      dashboard: () => data({
        meetings_overdue: { first: overdue, total: 2633 },
        plans: { ...base.plans, attention: { first: attention, total: 9736 } },
      }),
    });
    previous = setTransport(transport);
    render(Dashboard);
    await screen.findByTestId("dash-meetings");

    expect(screen.getByTestId("dash-overdue-count").textContent).toBe("2633");
    expect(within(screen.getByTestId("dash-overdue")).getAllByTestId("dash-meeting")).toHaveLength(10);
    expect(screen.queryByTestId("dash-week-more")).toBeNull();
    expect(within(screen.getByTestId("dash-attention")).getAllByTestId("dash-attention-person")).toHaveLength(5);

    const moreAttention = screen.getByTestId("dash-attention-more");
    expect(moreAttention.textContent?.trim()).toBe("9731 more on the Team screen");
    await fireEvent.click(moreAttention);
    expect(nav.screen).toBe("team");

    const moreMeetings = screen.getByTestId("dash-overdue-more");
    expect(moreMeetings.textContent?.trim()).toBe("2623 more on the Meetings screen");
    await fireEvent.click(moreMeetings);
    expect(nav.screen).toBe("meetings");
  });

  it("renders names with markup as text", async () => {
    const { transport } = fakeTransport({ dashboard: () => data() });
    previous = setTransport(transport);
    render(Dashboard);
    await screen.findByTestId("dash-meetings");
    const names = screen.getAllByTestId("dash-meeting-person").map((b) => b.textContent);
    expect(names).toContain("<img src=x onerror=alert(1)>");
    expect(document.querySelector("img")).toBeNull();
  });

  it("says what to do when nobody is in scope, or nothing is rated or changing", async () => {
    const { transport } = fakeTransport({ dashboard: () => data({ people: 0 }) });
    previous = setTransport(transport);
    const { unmount } = render(Dashboard);
    expect((await screen.findByTestId("dashboard-empty")).textContent).toContain("Add them on the Team screen");
    await fireEvent.click(screen.getByTestId("dash-go-team"));
    expect(nav.screen).toBe("team");
    unmount();

    setTransport(fakeTransport({ dashboard: () => data({ ratings: [], changes: [], meetings_overdue: all([]) }) }).transport);
    render(Dashboard);
    expect((await screen.findByTestId("dash-ratings-none")).textContent).toContain("Competencies");
    expect(screen.getByTestId("dash-changes-none").textContent).toContain("Register one");
    expect(screen.getByTestId("dash-overdue-none").textContent).toBe("No meeting is overdue.");
  });

  it("shows the core's error instead of a blank screen", async () => {
    const { transport } = fakeTransport({});
    previous = setTransport(transport);
    render(Dashboard);
    expect((await screen.findByTestId("error-banner")).dataset.code).toBe("not_found");
  });
});
