import { afterEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, within } from "@testing-library/svelte";
import Competencies from "./Competencies.svelte";
import { setTransport, type Transport } from "../lib/api";
import { fakeTransport, rating } from "../test/fixtures";
import type { Competency } from "../lib/types/Competency";
import type { Rating } from "../lib/types/Rating";

let previous: Transport | null = null;
afterEach(() => {
  if (previous) setTransport(previous);
});

const comp = (id: string, name: string, retired_at: string | null = null): Competency => ({
  id,
  name,
  description: "",
  behaviours: ["working with peers", "working across functions"],
  retired_at,
});
const tom = { id: "id-tom", name: "Tom Okafor" };
const info = { db_path: null, schema_version: 1, today: "2026-04-20", version: "0.1.0" };

function setup(history: Rating[] = [], extra: Record<string, (a: Record<string, unknown>) => unknown> = {}) {
  let library = [comp("comp-1", "Teamwork"), comp("comp-2", "Customer focus"), comp("comp-3", "Old one", "2026-01-01T00:00:00Z")];
  const fake = fakeTransport({
    competency_library: () => library,
    list_people: () => [tom],
    app_info: () => info,
    rating_history: () => history,
    retire_competency: (a) => {
      library = library.map((c) => (c.id === a.id ? { ...c, retired_at: "2026-04-20T00:00:00Z" } : c));
      return library.find((c) => c.id === a.id);
    },
    ...extra,
  });
  previous = setTransport(fake.transport);
  render(Competencies);
  return fake;
}

describe("Competencies", () => {
  it("lists the library with retired ones marked, and offers only active ones to rate, retired ones for their history", async () => {
    const { calls } = setup();
    await screen.findByTestId("competency-list");
    const rows = screen.getAllByTestId("competency-row");
    expect(rows.map((r) => within(r).getByTestId("competency-name-text").textContent)).toEqual(["Teamwork", "Customer focus", "Old one"]);
    expect(within(rows[2]).getByTestId("competency-retired")).toBeTruthy();
    const select = screen.getByTestId("rating-competency") as HTMLSelectElement;
    const options = within(select).getAllByRole("option");
    expect(options.map((o) => [o.textContent, o.parentElement?.tagName])).toEqual([
      ["Teamwork", "SELECT"],
      ["Customer focus", "SELECT"],
      ["Old one", "OPTGROUP"],
    ]);
    expect(await screen.findByTestId("history-empty")).toBeTruthy();
    // The retired one's history can be read; it is not rated again.
    select.value = options[2].getAttribute("value")!;
    await fireEvent.change(select);
    await vi.waitFor(() => expect(calls.at(-1)?.args).toMatchObject({ competency_id: options[2].getAttribute("value") }));
    expect((screen.getByTestId("rating-save") as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId("rating-retired").textContent).toContain("Old one is retired");
  });

  it("retires only after a confirmation", async () => {
    const { calls } = setup();
    await screen.findByTestId("competency-list");
    const row = screen.getAllByTestId("competency-row")[0];
    await fireEvent.click(within(row).getByTestId("competency-retire"));
    expect(calls.some((c) => c.command === "retire_competency")).toBe(false);
    await fireEvent.click(within(row).getByTestId("retire-no"));
    expect(within(row).queryByTestId("retire-confirm")).toBeNull();
    await fireEvent.click(within(row).getByTestId("competency-retire"));
    await fireEvent.click(within(row).getByTestId("retire-yes"));
    await vi.waitFor(() => expect(screen.getAllByTestId("competency-retired")).toHaveLength(2));
    expect(calls.filter((c) => c.command === "retire_competency")).toEqual([{ command: "retire_competency", args: { id: "comp-1" } }]);
  });

  it("sends the rating as typed, and without a score says so beside the score and sends nothing", async () => {
    const { calls } = setup([], {
      rate_competency: (a) => rating((a.form as { score: number }).score, "2026-04-20"),
    });
    await screen.findByTestId("competency-list");
    await fireEvent.submit(screen.getByTestId("rating-form"));
    expect((await screen.findByTestId("rating-score-error")).textContent).toBe("score is empty");
    expect(calls.filter((c) => c.command === "rate_competency")).toEqual([]);

    await fireEvent.click(screen.getByTestId("rating-score-input-4"));
    await fireEvent.input(screen.getByTestId("rating-evidence"), { target: { value: "Paired with support" } });
    await fireEvent.submit(screen.getByTestId("rating-form"));
    await screen.findByTestId("rating-saved");
    expect(calls.filter((c) => c.command === "rate_competency")[0].args).toEqual({
      form: {
        person_id: "id-tom",
        competency_id: "comp-1",
        level: "current",
        rater: "manager",
        rater_name: null,
        score: 4,
        rated_on: "2026-04-20",
        evidence: "Paired with support",
      },
    });
  });

  it("shows a refusal of the person rated beside the person", async () => {
    setup([], {
      rate_competency: () => {
        throw { code: "invalid_input", message: "Tom Okafor is archived; restore them to rate them", field: "person" };
      },
    });
    await screen.findByTestId("competency-list");
    await fireEvent.click(screen.getByTestId("rating-score-input-4"));
    await fireEvent.submit(screen.getByTestId("rating-form"));
    expect((await screen.findByTestId("rating-person-error")).textContent).toBe("Tom Okafor is archived; restore them to rate them");
    expect(screen.getByTestId("rating-person").getAttribute("aria-invalid")).toBe("true");
  });

  it("shows the core's error about a competency's name beside the Name field", async () => {
    setup([], {
      // As the core words it (its field is "competency", as on the command line).
      add_competency: () => {
        throw { code: "invalid_input", message: "competency must not be empty", field: "competency" };
      },
    });
    await fireEvent.click(await screen.findByTestId("add-competency"));
    await fireEvent.submit(screen.getByTestId("competency-form"));
    expect((await screen.findByTestId("competency-name-error")).textContent).toBe("competency must not be empty");
    expect(screen.getByTestId("competency-name").getAttribute("aria-invalid")).toBe("true");
    expect(screen.queryByTestId("competency-error")).toBeNull();
  });

  it("saves a new name and new behaviours as one edit, so a refused behaviour keeps the old name too", async () => {
    const { calls } = setup([], {
      edit_competency: () => {
        throw { code: "invalid_input", message: "behaviour: 20001 characters, over the limit of 20000", field: "behaviour" };
      },
    });
    const row = (await screen.findAllByTestId("competency-row"))[0];
    await fireEvent.click(within(row).getByTestId("competency-edit"));
    await fireEvent.input(screen.getByTestId("competency-edit-name"), { target: { value: "Working together" } });
    await fireEvent.input(screen.getByTestId("competency-edit-behaviours"), { target: { value: "Shares credit\nAsks for help" } });
    await fireEvent.submit(screen.getByTestId("competency-edit-form"));
    await screen.findByText("behaviour: 20001 characters, over the limit of 20000");
    const writes = calls.filter((c) => !["competency_library", "list_people", "app_info", "rating_history"].includes(c.command));
    expect(writes).toEqual([
      { command: "edit_competency", args: { id: "comp-1", name: "Working together", behaviours: ["Shares credit", "Asks for help"] } },
    ]);
    // The form stays open with what was typed, to correct.
    expect((screen.getByTestId("competency-edit-name") as HTMLInputElement).value).toBe("Working together");
  });

  it("draws the history of the chosen competency as a trend, and lists it latest first", async () => {
    // As the core sends it: by level, then date.
    setup([rating(2, "2026-01-10"), rating(4, "2026-04-01"), rating(3, "2026-03-01", { level: "next" })]);
    await screen.findByTestId("trend-chart");
    expect(screen.getAllByTestId("trend-point")).toHaveLength(3);
    const dates = screen.getAllByTestId("history-row").map((r) => r.querySelector("td")!.textContent);
    expect(dates).toEqual(["1 Apr 2026", "1 Mar 2026", "10 Jan 2026"]);
  });
});
