import { afterEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, within } from "@testing-library/svelte";
import MeetingPanel from "./MeetingPanel.svelte";
import { setTransport, type Transport } from "../lib/api";
import { action, agenda, fakeTransport, meeting, sections } from "../test/fixtures";
import { nav } from "../lib/nav.svelte";

let previous: Transport | null = null;
afterEach(() => {
  if (previous) setTransport(previous);
  nav.go("team");
  vi.restoreAllMocks();
});

describe("MeetingPanel", () => {
  it("shows the prepared agenda, and offers to schedule when no meeting is", async () => {
    const { transport, calls } = fakeTransport({
      prepare_meeting: () => agenda(),
      schedule_meeting: () => meeting(),
    });
    previous = setTransport(transport);
    render(MeetingPanel, { personId: "id-tom" });
    expect(screen.getByTestId("loading")).toBeTruthy();
    await screen.findByTestId("agenda");
    expect(screen.getByTestId("agenda-goals").textContent).toContain("Influence decisions across departments");
    expect(screen.getByTestId("agenda-goals").textContent).toContain("Read Influence");
    expect(screen.getByTestId("agenda-ratings").textContent).toContain("3/5");
    expect(screen.getByTestId("meeting-overdue").textContent).toContain("Overdue 22 days");
    expect(screen.queryByTestId("meeting-notes")).toBeNull();
    // The date offered is today when the meeting is already overdue.
    expect((screen.getByTestId("schedule-date") as HTMLInputElement).value).toBe("2026-04-20");
    await fireEvent.submit(screen.getByTestId("schedule-form"));
    expect(calls.find((c) => c.command === "schedule_meeting")?.args).toEqual({ person_id: "id-tom", on: "2026-04-20" });
  });

  it("lists the changes the person is part of with their barrier, names as text", async () => {
    const change = (name: string, barrier: "desire" | null, scored = true) => ({
      change_id: `c-${name}`, change: name, status: "in_progress" as const, owner: "Jordan Avery", stakeholder_id: `s-${name}`,
      latest: scored
        ? { id: "x", stakeholder_id: `s-${name}`, assessed_on: "2026-04-01", scores: { awareness: 4, desire: barrier ? 2 : 4, knowledge: 4, ability: 4, reinforcement: 4 }, notes: {}, barrier }
        : null,
    });
    const { transport } = fakeTransport({
      prepare_meeting: () => agenda({ changes: [change("<b>Rota</b>", "desire"), change("New CRM", null), change("Office move", null, false)] }),
    });
    previous = setTransport(transport);
    render(MeetingPanel, { personId: "id-tom" });
    const rows = await screen.findAllByTestId("agenda-change");
    expect(rows.map((r) => [r.dataset.change, within(r).getByTestId("agenda-change-barrier").textContent!.trim()])).toEqual([
      ["<b>Rota</b>", "Barrier: Desire"],
      ["New CRM", "no barrier"],
      ["Office move", "not assessed yet"],
    ]);
    expect(document.querySelector("[data-testid=agenda-changes] b")).toBeNull();
  });

  it("prints the agenda with the system's print dialog", async () => {
    const { transport } = fakeTransport({ prepare_meeting: () => agenda() });
    previous = setTransport(transport);
    const print = vi.spyOn(window, "print").mockImplementation(() => {});
    render(MeetingPanel, { personId: "id-tom" });
    await fireEvent.click(await screen.findByTestId("print-agenda"));
    expect(print).toHaveBeenCalledOnce();
  });

  it("saves only the sections that changed", async () => {
    const m = meeting();
    const { transport, calls } = fakeTransport({
      prepare_meeting: () => agenda({ meeting_id: "m-1" }),
      get_meeting: () => m,
      write_meeting_notes: (a) => ({ ...m, sections: m.sections.map((s) => (s.section === a.section ? { ...s, body: a.body } : s)) }),
    });
    previous = setTransport(transport);
    render(MeetingPanel, { personId: "id-tom" });
    const input = await screen.findByTestId("notes-input-career_goals");
    await fireEvent.input(input, { target: { value: "Lead a team" } });
    await fireEvent.click(screen.getByTestId("notes-save"));
    await screen.findByTestId("notes-saved");
    const writes = calls.filter((c) => c.command === "write_meeting_notes");
    expect(writes).toEqual([{ command: "write_meeting_notes", args: { id: "m-1", section: "career_goals", body: "Lead a team" } }]);
  });

  it("keeps notes it could not save typed, and asks before leaving them; waits for a save that goes through", async () => {
    const m = meeting();
    let refuse = true;
    const { transport, calls } = fakeTransport({
      prepare_meeting: () => agenda({ meeting_id: "m-1" }),
      get_meeting: () => m,
      write_meeting_notes: (a) => {
        if (refuse) throw { code: "invalid_input", message: "notes: 20001 characters, over the limit of 20000", field: "notes" };
        // Kept trimmed, as the core keeps notes.
        return { ...m, sections: m.sections.map((s) => (s.section === a.section ? { ...s, body: (a.body as string).trim() } : s)) };
      },
    });
    previous = setTransport(transport);
    nav.go("team");
    render(MeetingPanel, { personId: "id-tom" });
    const input = (await screen.findByTestId("notes-input-career_goals")) as HTMLTextAreaElement;
    /** Types into the notes, then presses the sidebar's Dashboard, which takes the focus. */
    const typeThenLeave = async (body: string) => {
      input.focus();
      await fireEvent(input, new InputEvent("beforeinput", { bubbles: true }));
      await fireEvent.input(input, { target: { value: body } });
      input.blur();
      nav.go("dashboard");
      await vi.waitFor(() => expect(calls.filter((c) => c.command === "write_meeting_notes").length).toBeGreaterThan(0));
    };

    await typeThenLeave("Lead a team");
    await screen.findByText("notes: 20001 characters, over the limit of 20000");
    // The save failed: the move asks, and the notes are still there.
    await vi.waitFor(() => expect(nav.pending).not.toBeNull());
    expect([nav.screen, input.value]).toEqual(["team", "Lead a team"]);
    // Holding the meeting would drop them: it is not held.
    await fireEvent.submit(screen.getByTestId("hold-form"));
    expect(calls.some((c) => c.command === "hold_meeting")).toBe(false);
    nav.stay();

    refuse = false;
    calls.length = 0;
    // Ending in a new line, as typing often does: stored trimmed, it is saved all the same.
    await typeThenLeave("Lead a team of four\n");
    // The save went through before the move was decided: it goes, asking nothing.
    await vi.waitFor(() => expect(nav.screen).toBe("dashboard"));
    expect(nav.pending).toBeNull();
  });

  it("cancels an empty meeting after asking, and offers to move one that holds notes instead", async () => {
    let m = meeting();
    const { transport, calls } = fakeTransport({
      prepare_meeting: () => agenda({ meeting_id: m.status === "scheduled" ? "m-1" : null }),
      get_meeting: () => m,
      cancel_meeting: () => (m = { ...m, status: "cancelled" }),
    });
    previous = setTransport(transport);
    render(MeetingPanel, { personId: "id-tom" });
    await fireEvent.click(await screen.findByTestId("meeting-cancel"));
    await fireEvent.click(screen.getByTestId("cancel-yes"));
    await vi.waitFor(() => expect(calls.some((c) => c.command === "cancel_meeting")).toBe(true));
    await screen.findByTestId("schedule-form");

    m = meeting({ sections: sections().map((x, i) => (i === 0 ? { ...x, body: "Wants to lead" } : x)) });
    const again = render(MeetingPanel, { personId: "id-tom" });
    await fireEvent.click(await again.findByTestId("meeting-cancel"));
    expect(again.queryByTestId("cancel-yes")).toBeNull();
    await fireEvent.click(again.getByTestId("cancel-move"));
    expect(again.getByTestId("move-form")).toBeTruthy();
  });

  it("offers the next meeting one cadence after the day held, as that day is typed, and keeps one typed", async () => {
    const { transport } = fakeTransport({ prepare_meeting: () => agenda({ meeting_id: "m-1" }), get_meeting: () => meeting() });
    previous = setTransport(transport);
    render(MeetingPanel, { personId: "id-tom" });
    const held = (await screen.findByTestId("held-on-date")) as HTMLInputElement;
    const next = screen.getByTestId("next-meeting-date") as HTMLInputElement;
    expect([held.value, next.value]).toEqual(["2026-04-20", "2026-05-18"]);
    await fireEvent.input(held, { target: { value: "2026-04-1" } });
    expect(next.value).toBe("2026-05-18");
    await fireEvent.input(held, { target: { value: "2026-04-10" } });
    expect(next.value).toBe("2026-05-08");
    next.focus();
    await fireEvent(next, new InputEvent("beforeinput", { bubbles: true }));
    await fireEvent.input(next, { target: { value: "2026-05-20" } });
    await fireEvent.input(held, { target: { value: "2026-04-12" } });
    expect(next.value).toBe("2026-05-20");
  });

  it("says a meeting whose day passed unrecorded is missed, and offers its day as the day held", async () => {
    const missed = { ...agenda().cadence, next_scheduled: "2026-04-14", status: "missed" as const, overdue_days: 6 };
    const { transport, calls } = fakeTransport({
      prepare_meeting: () => agenda({ meeting_id: "m-1", meeting_on: "2026-04-14", held_on_default: "2026-04-14", cadence: missed }),
      get_meeting: () => meeting({ scheduled_on: "2026-04-14" }),
      hold_meeting: () => meeting({ scheduled_on: "2026-04-14", status: "held", held_on: "2026-04-14" }),
    });
    previous = setTransport(transport);
    render(MeetingPanel, { personId: "id-tom" });
    expect((await screen.findByTestId("meeting-missed")).textContent).toContain("record it as held or move it");
    expect(screen.queryByTestId("meeting-overdue")).toBeNull();
    const held = screen.getByTestId("held-on-date") as HTMLInputElement;
    expect([held.value, (screen.getByTestId("next-meeting-date") as HTMLInputElement).value]).toEqual(["2026-04-14", "2026-05-12"]);
    await fireEvent.submit(screen.getByTestId("hold-form"));
    expect(calls.find((c) => c.command === "hold_meeting")?.args).toMatchObject({ on: "2026-04-14" });
  });

  it("offers no next meeting before today for a meeting missed more than a cadence ago", async () => {
    const missed = { ...agenda().cadence, next_scheduled: "2026-03-01", status: "missed" as const, overdue_days: 50 };
    const { transport } = fakeTransport({
      prepare_meeting: () => agenda({ meeting_id: "m-1", meeting_on: "2026-03-01", held_on_default: "2026-03-01", cadence: missed }),
      get_meeting: () => meeting({ scheduled_on: "2026-03-01" }),
    });
    previous = setTransport(transport);
    render(MeetingPanel, { personId: "id-tom" });
    const held = (await screen.findByTestId("held-on-date")) as HTMLInputElement;
    expect([held.value, (screen.getByTestId("next-meeting-date") as HTMLInputElement).value]).toEqual(["2026-03-01", "2026-04-20"]);
  });

  it("adds an action item typed and not added to the meeting being recorded, and records nothing when it is refused", async () => {
    let refuse = true;
    const { transport, calls } = fakeTransport({
      prepare_meeting: () => agenda({ meeting_id: "m-1" }),
      get_meeting: () => meeting(),
      add_action_item: () => {
        if (refuse) throw { code: "invalid_input", message: "due date 2026-02-30 is not a date", field: "due_date" };
        return action();
      },
      hold_meeting: () => meeting({ status: "held", held_on: "2026-04-20" }),
    });
    previous = setTransport(transport);
    render(MeetingPanel, { personId: "id-tom" });
    await fireEvent.input(await screen.findByTestId("action-input"), { target: { value: "Shadow Aisha" } });
    await fireEvent.submit(screen.getByTestId("hold-form"));
    expect((await screen.findByTestId("action-due-error")).textContent).toContain("is not a date");
    await vi.waitFor(() => expect((screen.getByTestId("hold-meeting") as HTMLButtonElement).disabled).toBe(false));
    expect(calls.some((c) => c.command === "hold_meeting")).toBe(false);
    expect((screen.getByTestId("action-input") as HTMLInputElement).value).toBe("Shadow Aisha");
    refuse = false;
    await fireEvent.submit(screen.getByTestId("hold-form"));
    await vi.waitFor(() => expect(calls.some((c) => c.command === "hold_meeting")).toBe(true));
    const order = calls.map((c) => c.command).filter((c) => c === "add_action_item" || c === "hold_meeting");
    expect(order).toEqual(["add_action_item", "add_action_item", "hold_meeting"]);
    expect(calls.filter((c) => c.command === "add_action_item").at(-1)?.args).toMatchObject({ meeting_id: "m-1" });
  });

  it("keeps a held meeting's notes and action items readable under Past meetings", async () => {
    let m = meeting();
    let heldOnes: ReturnType<typeof meeting>[] = [];
    const { transport } = fakeTransport({
      prepare_meeting: () => agenda({ meeting_id: heldOnes.length ? null : "m-1" }),
      get_meeting: () => m,
      write_meeting_notes: (a) => (m = { ...m, sections: m.sections.map((s) => (s.section === a.section ? { ...s, body: a.body as string } : s)) }),
      hold_meeting: () => {
        heldOnes = [{ ...m, status: "held", held_on: "2026-04-20", action_items: [action()], cancellable: false }];
        return heldOnes[0];
      },
      list_meetings: () => heldOnes,
    });
    previous = setTransport(transport);
    render(MeetingPanel, { personId: "id-tom" });
    await fireEvent.input(await screen.findByTestId("notes-input-career_goals"), { target: { value: "Lead a team\nwithin two years" } });
    await fireEvent.click(screen.getByTestId("notes-save"));
    await screen.findByTestId("notes-saved");
    expect(screen.queryByTestId("past-meetings")).toBeNull();

    await fireEvent.submit(screen.getByTestId("hold-form"));
    const past = await screen.findByTestId("past-meeting");
    expect(past.querySelector("summary")!.textContent).toContain("Held 20 Apr 2026");
    expect(within(past).getByTestId("past-notes").textContent).toBe("Lead a team\nwithin two years");
    expect(within(past).getByTestId("past-action").textContent).toContain("Lead the design review");
    expect(screen.queryByTestId("notes-saved")).toBeNull();
  });

  it("shows a bad due date beside the field and adds nothing", async () => {
    const { transport } = fakeTransport({
      prepare_meeting: () => agenda({ meeting_id: "m-1" }),
      get_meeting: () => meeting(),
      add_action_item: () => {
        throw { code: "invalid_input", message: "due date 2026-02-30 is not a date (YYYY-MM-DD)", field: "due_date" };
      },
    });
    previous = setTransport(transport);
    render(MeetingPanel, { personId: "id-tom" });
    await fireEvent.input(await screen.findByTestId("action-input"), { target: { value: "Shadow Aisha" } });
    await fireEvent.input(screen.getByTestId("action-due"), { target: { value: "2026-02-30" } });
    await fireEvent.submit(screen.getByTestId("action-form"));
    expect((await screen.findByTestId("action-due-error")).textContent).toContain("not a date");
    expect(screen.getByTestId("action-due").getAttribute("aria-invalid")).toBe("true");
    expect(screen.queryAllByTestId("action-item")).toHaveLength(0);
  });

  it("adds an action item once however many times Add is pressed while it is saved", async () => {
    let answer: () => void = () => {};
    const { transport, calls } = fakeTransport({
      prepare_meeting: () => agenda({ meeting_id: "m-1" }),
      get_meeting: () => meeting(),
      add_action_item: () => new Promise<void>((done) => (answer = done)),
    });
    previous = setTransport(transport);
    render(MeetingPanel, { personId: "id-tom" });
    await fireEvent.input(await screen.findByTestId("action-input"), { target: { value: "Shadow Aisha" } });
    const form = screen.getByTestId("action-form");
    await fireEvent.submit(form);
    await fireEvent.submit(form);
    await fireEvent.click(screen.getByTestId("action-add"));
    expect(calls.filter((c) => c.command === "add_action_item")).toHaveLength(1);
    expect((screen.getByTestId("action-add") as HTMLButtonElement).disabled).toBe(true);
    answer();
    await vi.waitFor(() => expect((screen.getByTestId("action-add") as HTMLButtonElement).disabled).toBe(false));
    expect((screen.getByTestId("action-input") as HTMLInputElement).value).toBe("");
  });

  it("turns an action item into a plan activity of the chosen goal", async () => {
    let converted = false;
    const { transport, calls } = fakeTransport({
      prepare_meeting: () => agenda({ meeting_id: "m-1" }),
      get_meeting: () => meeting({ action_items: [action(converted ? { status: "converted", activity_id: "act-9" } : {})] }),
      convert_action_item: () => {
        converted = true;
        return { action: action({ status: "converted" }), activity: {} };
      },
    });
    previous = setTransport(transport);
    render(MeetingPanel, { personId: "id-tom" });
    const item = await screen.findByTestId("action-item");
    await fireEvent.click(within(item).getByTestId("action-convert"));
    // Goal, phase and target date come prefilled; the resource is named.
    expect((screen.getByTestId("convert-target-date") as HTMLInputElement).value).toBe("2026-05-10");
    await fireEvent.input(screen.getByTestId("convert-resource-name"), { target: { value: "Aisha Bello" } });
    await fireEvent.submit(screen.getByTestId("convert-form"));
    await screen.findByTestId("action-converted");
    expect(calls.find((c) => c.command === "convert_action_item")?.args).toEqual({
      id: "ai-1",
      form: {
        goal_id: "goal-1",
        phase: "practice",
        resource: { kind: "person", person_id: null, name: "Aisha Bello" },
        description: null,
        target_date: "2026-05-10",
      },
    });
    await fireEvent.click(screen.getByTestId("action-open-plan"));
    expect(nav.screen).toBe("person");
    expect(nav.personId).toBe("id-tom");
  });

  it("renders notes and action items as text, never as markup", async () => {
    const { transport } = fakeTransport({
      prepare_meeting: () => agenda({ meeting_id: "m-1" }),
      get_meeting: () => meeting({ action_items: [action({ description: "<img src=x onerror=alert(1)>" })] }),
    });
    previous = setTransport(transport);
    const { container } = render(MeetingPanel, { personId: "id-tom" });
    const item = await screen.findByTestId("action-description");
    expect(item.textContent).toBe("<img src=x onerror=alert(1)>");
    expect(container.querySelector("img")).toBeNull();
  });
});
