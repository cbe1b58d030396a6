import { afterEach, describe, expect, it } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import { tick } from "svelte";
import Readiness from "./Readiness.svelte";
import { setTransport, type Transport } from "../lib/api";
import { fakeTransport } from "../test/fixtures";
import { nav } from "../lib/nav.svelte";
import type { TeamReadiness } from "../lib/types/TeamReadiness";

let previous: Transport | null = null;
afterEach(() => {
  if (previous) setTransport(previous);
  previous = null;
});

const team: TeamReadiness = {
  today: "2026-11-23",
  rows: [{
    person_id: "p1", name: "Aisha Bello", job_title: null, level: null, assessment_id: "a1", target: "Engineering Manager",
    assessed_on: "2026-11-17", verdict: "ready_now", decided: true, weakest: null, open_gaps: [], flag: null,
  }],
  counts: [],
};

describe("Readiness", () => {
  it("an assessment that could not be read says why and offers Try again, not a form to open a new one", async () => {
    const { transport } = fakeTransport({
      team_readiness: () => team,
      readiness_of: () => {
        throw { code: "busy", message: "the database is busy; try again", field: null };
      },
    });
    previous = setTransport(transport);
    render(Readiness);
    await fireEvent.click(await screen.findByTestId("readiness-open"));
    expect((await screen.findByTestId("readiness-one-error")).textContent).toContain("the database is busy");
    expect(screen.queryByTestId("readiness-open-form")).toBeNull();
    expect(screen.getByTestId("readiness-retry")).toBeTruthy();
  });

  it("Escape, then Discard, empties the form opening a first assessment", async () => {
    const { transport } = fakeTransport({ team_readiness: () => team, readiness_of: () => null });
    previous = setTransport(transport);
    render(Readiness);
    await fireEvent.click(await screen.findByTestId("readiness-open"));
    const input = (await screen.findByTestId("readiness-target-input")) as HTMLInputElement;
    await fireEvent.input(input, { target: { value: "Staff engineer" } });
    await fireEvent.keyDown(input, { key: "Escape" });
    expect(nav.pending).not.toBeNull();
    nav.leaveAnyway();
    await tick();
    expect(input.value).toBe("");
    expect(screen.getByTestId("readiness-open-form")).toBeTruthy();
  });
});
