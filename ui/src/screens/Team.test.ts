import { afterEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, within } from "@testing-library/svelte";
import Team from "./Team.svelte";
import { setTransport, type Transport } from "../lib/api";
import { fakeTransport, overview, row } from "../test/fixtures";
import { nav } from "../lib/nav.svelte";

const me = { person_id: "id-maya", name: "Maya Chen", role: "manager" as const };
let previous: Transport | null = null;
afterEach(() => {
  if (previous) setTransport(previous);
  nav.go("team");
});

function names(): string[] {
  return screen.getAllByTestId("team-row").map((r) => within(r).getByTestId("open-person").querySelector(".name")!.textContent!);
}

describe("Team", () => {
  it("shows a loading state, then one row per report with overdue meetings in colour", async () => {
    const { transport } = fakeTransport({
      team_overview: () =>
        overview([
          row("Tom Okafor", { overdue_activities: 2, plan_warnings: 1 }),
          row("Ana Lima", { job_title: null, level: null, meeting: { ...row("Ana Lima").meeting, status: "overdue", overdue_days: 5 } }),
          // Past the cadence's due date, but a meeting is set: scheduled, not overdue.
          row("Ben Ross", {
            meeting: { ...row("Ben Ross").meeting, due_on: "2026-04-10", next_scheduled: "2026-04-24", status: "scheduled" },
          }),
          // Set for a day that passed unrecorded, before the cadence's due date: missed.
          row("Cleo Diaz", { meeting: { ...row("Cleo Diaz").meeting, next_scheduled: "2026-04-15", status: "missed", overdue_days: 5 } }),
        ]),
    });
    previous = setTransport(transport);
    render(Team, { me });
    expect(screen.getByTestId("loading")).toBeTruthy();
    await screen.findByTestId("team-table");
    expect(names()).toEqual(["Ana Lima", "Ben Ross", "Cleo Diaz", "Tom Okafor"]);
    const ana = screen.getAllByTestId("team-row")[0];
    expect(within(ana).getByTestId("meeting-overdue").textContent).toContain("Overdue 5 days");
    // Without a job title or level, the line starts with whom they report to.
    expect(ana.querySelector(".sub")!.textContent).toBe("Reports to Maya Chen");
    expect(screen.getAllByTestId("team-row")[1].querySelector(".sub")!.textContent).toBe("Engineer · L3 — reports to Maya Chen");
    const ben = screen.getAllByTestId("team-row")[1];
    expect(within(ben).queryByTestId("meeting-overdue")).toBeNull();
    expect(within(ben).getByTestId("meeting-scheduled").textContent).toBe("Scheduled 24 Apr 2026");
    const cleo = screen.getAllByTestId("team-row")[2];
    expect(within(cleo).getByTestId("meeting-missed").textContent).toBe("Missed 15 Apr 2026");
    expect(cleo.querySelector("[data-testid=row-meeting] .sub")!.textContent).toBe("record it or move it");
    expect(within(screen.getAllByTestId("team-row")[3]).getByTestId("meeting-due").textContent).toBe("Due by 29 Apr 2026");
    expect(screen.getByTestId("team-summary").textContent).toContain("2 meetings overdue");
  });

  it("searches and sorts without asking the shell again", async () => {
    const { transport, calls } = fakeTransport({
      team_overview: () =>
        overview([
          row("Tom Okafor", { overdue_activities: 2 }),
          row("Ana Lima", { job_title: "Designer" }),
          row("Ben Ross", { overdue_activities: 5 }),
        ]),
    });
    previous = setTransport(transport);
    render(Team, { me });
    await screen.findByTestId("team-table");

    await fireEvent.click(screen.getByTestId("sort-overdue"));
    expect(names()).toEqual(["Ben Ross", "Tom Okafor", "Ana Lima"]);

    await fireEvent.input(screen.getByTestId("team-search"), { target: { value: "design" } });
    expect(names()).toEqual(["Ana Lima"]);

    await fireEvent.input(screen.getByTestId("team-search"), { target: { value: "nobody" } });
    expect(screen.getByTestId("team-no-match")).toBeTruthy();
    expect(calls.length).toBe(1);
  });

  it("renders names as text, never as markup", async () => {
    const { transport } = fakeTransport({
      team_overview: () => overview([row("<img src=x onerror=alert(1)>")]),
    });
    previous = setTransport(transport);
    const { container } = render(Team, { me });
    await screen.findByTestId("team-table");
    expect(container.querySelector("img")).toBeNull();
    expect(names()).toEqual(["<img src=x onerror=alert(1)>"]);
  });

  it("opens a person", async () => {
    const { transport } = fakeTransport({ team_overview: () => overview([row("Tom Okafor")]) });
    previous = setTransport(transport);
    render(Team, { me });
    await screen.findByTestId("team-table");
    await fireEvent.click(screen.getByTestId("open-person"));
    expect(nav.screen).toBe("person");
    expect(nav.personId).toBe("id-tom-okafor");
  });
});

describe("Team: adding and archiving", () => {
  it("shows the core's error beside the field and adds nothing", async () => {
    const { transport, calls } = fakeTransport({
      team_overview: () => overview([row("Tom Okafor")]),
      possible_managers: () => [],
      add_person: () => {
        throw { code: "invalid_input", message: "name is required", field: "name" };
      },
    });
    previous = setTransport(transport);
    render(Team, { me });
    await fireEvent.click(await screen.findByTestId("add-person"));
    await fireEvent.submit(screen.getByTestId("person-form"));
    expect((await screen.findByTestId("person-name-error")).textContent).toBe("name is required");
    expect(screen.getByTestId("person-name").getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByTestId("person-form")).toBeTruthy();
    expect(calls.find((c) => c.command === "add_person")?.args).toMatchObject({ form: { name: "", manager_id: "id-maya", cadence_days: 28 } });
  });

  it("takes the meeting cadence as typed, and names the field when it is not a whole number", async () => {
    const { transport, calls } = fakeTransport({
      team_overview: () => overview([row("Tom Okafor")]),
      possible_managers: () => [],
      add_person: (a) => ({ id: "id-zed", ...(a.form as object) }),
    });
    previous = setTransport(transport);
    render(Team, { me });
    await fireEvent.click(await screen.findByTestId("add-person"));
    await fireEvent.input(screen.getByTestId("person-name"), { target: { value: "Zed Test" } });
    const cadence = screen.getByTestId("person-cadence");
    await fireEvent.input(cadence, { target: { value: "2 weeks" } });
    await fireEvent.submit(screen.getByTestId("person-form"));
    expect((await screen.findByTestId("person-cadence-error")).textContent).toBe("cadence days 2 weeks is not a whole number");
    expect(calls.some((c) => c.command === "add_person")).toBe(false);
    await fireEvent.input(cadence, { target: { value: "14" } });
    await fireEvent.submit(screen.getByTestId("person-form"));
    await vi.waitFor(() => expect(calls.find((c) => c.command === "add_person")?.args).toMatchObject({ form: { name: "Zed Test", cadence_days: 14 } }));
  });

  it("archives after a confirmation, and Undo restores, once however often it is pressed", async () => {
    let archived = false;
    let answer = () => {};
    const { transport, calls } = fakeTransport({
      team_overview: () => overview(archived ? [row("Ben Ross")] : [row("Ben Ross"), row("Tom Okafor")]),
      archive_person: () => {
        archived = true;
        return { id: "id-tom-okafor", name: "Tom Okafor" };
      },
      restore_person: () =>
        new Promise((done) => {
          answer = () => {
            archived = false;
            done({ id: "id-tom-okafor", name: "Tom Okafor" });
          };
        }),
    });
    previous = setTransport(transport);
    render(Team, { me });
    await screen.findByTestId("team-table");
    const tom = screen.getAllByTestId("team-row")[1];
    await fireEvent.click(within(tom).getByTestId("archive-person"));
    expect(within(tom).getByTestId("archive-confirm").textContent).toContain("Archive Tom Okafor?");
    expect(calls.some((c) => c.command === "archive_person")).toBe(false);
    await fireEvent.click(within(tom).getByTestId("archive-yes"));
    expect((await screen.findByTestId("archived-notice")).textContent).toContain("Tom Okafor was archived");
    expect(names()).toEqual(["Ben Ross"]);
    await vi.waitFor(() => expect(document.activeElement).toBe(screen.getByTestId("undo-archive")));
    await fireEvent.click(screen.getByTestId("undo-archive"));
    await fireEvent.click(screen.getByTestId("undo-archive"));
    expect(calls.filter((c) => c.command === "restore_person")).toHaveLength(1);
    answer();
    await vi.waitFor(() => expect(names()).toEqual(["Ben Ross", "Tom Okafor"]));
    expect(calls.filter((c) => c.command === "restore_person").map((c) => c.args)).toEqual([{ id: "id-tom-okafor" }]);
    expect(screen.queryByTestId("archived-notice")).toBeNull();
  });
});

describe("Team: a team of 10,000", () => {
  const many = () =>
    overview(Array.from({ length: 10_000 }, (_, i) => row(`Person ${String(i).padStart(5, "0")}`)));

  /** Scrolls the list as a user would: the browser moves scrollTop, then fires scroll. */
  async function scrollTo(top: number) {
    const scroller = screen.getByTestId("team-scroller");
    Object.defineProperty(scroller, "scrollTop", { value: top, configurable: true, writable: true });
    await fireEvent.scroll(scroller);
  }

  it("renders only a window of rows, and scrolling changes which rows are in the page", async () => {
    const { transport } = fakeTransport({ team_overview: many });
    previous = setTransport(transport);
    render(Team, { me });
    await screen.findByTestId("team-table");
    expect(screen.getByTestId("team-summary").textContent).toContain("10000 people");

    const top = names();
    expect(top.length).toBeGreaterThan(10);
    expect(top.length).toBeLessThan(60);
    expect(top[0]).toBe("Person 00000");
    expect(screen.getByTestId("team-table").getAttribute("aria-rowcount")).toBe("10001");

    // Half way down the list: the rows there, and none from the top.
    await scrollTo(5_000 * 56);
    const middle = names();
    expect(middle.length).toBeLessThan(60);
    expect(middle).toContain("Person 05000");
    expect(middle).not.toContain("Person 00000");
    const spacer = screen.getByTestId("team-table").querySelector("tbody tr.spacer") as HTMLElement;
    expect(spacer.style.height).toBe(`${(Number(middle[0].slice(7))) * 56}px`);

    // The end of the list: the last person is there, with nothing after them.
    await scrollTo(10_000 * 56);
    const end = names();
    expect(end[end.length - 1]).toBe("Person 09999");
    expect(end.length).toBeLessThan(60);
  });

  it("searches all 10,000, not only the rows in view, and starts again from the top", async () => {
    const { transport } = fakeTransport({ team_overview: many });
    previous = setTransport(transport);
    render(Team, { me });
    await screen.findByTestId("team-table");
    await scrollTo(3_000 * 56);
    await fireEvent.input(screen.getByTestId("team-search"), { target: { value: "person 0999" } });
    expect(names()).toEqual(Array.from({ length: 10 }, (_, i) => `Person 0999${i}`));
    expect(screen.getByTestId("team-scroller").scrollTop).toBe(0);
  });
});

describe("Team: ready", () => {
  it("says once that it is ready, after the team is on screen", async () => {
    const { transport } = fakeTransport({ team_overview: () => overview([row("Tom Okafor")]) });
    previous = setTransport(transport);
    let rowsWhenReady = -1;
    const onReady = vi.fn(() => (rowsWhenReady = screen.queryAllByTestId("team-row").length));
    render(Team, { me, onReady });
    await vi.waitFor(() => expect(onReady).toHaveBeenCalledTimes(1));
    expect(rowsWhenReady).toBe(1);
  });
});
