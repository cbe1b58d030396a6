import { afterEach, describe, expect, it } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import PersonEditor from "./PersonEditor.svelte";
import { setTransport, type Transport } from "../lib/api";
import { fakeTransport } from "../test/fixtures";
import type { Person } from "../lib/types/Person";

let previous: Transport | null = null;
afterEach(() => {
  if (previous) setTransport(previous);
});

const person = (id: string, name: string, over: Partial<Person> = {}): Person => ({
  id, name, email: null, job_title: null, level: null, team: null, start_date: null, manager_id: null, manager_name: null,
  cadence_days: 28, archived_at: null, created_at: "2026-01-05T09:00:00.000Z", updated_at: "2026-01-05T09:00:00.000Z", ...over,
});

describe("PersonEditor", () => {
  it("edits a person from what they hold, sending every field, offering as manager whom the core offers", async () => {
    const nadia = person("id-nadia", "Nadia Kowalski", { job_title: "Designer", start_date: "2026-03-02", manager_id: "id-maya", cadence_days: 14 });
    const { transport, calls } = fakeTransport({
      possible_managers: () => [person("id-lee", "Lee Ames"), person("id-maya", "Maya Chen", { archived_at: "2026-05-01T09:00:00.000Z" })],
      edit_person: (a) => ({ ...nadia, ...(a.form as object) }),
    });
    previous = setTransport(transport);
    let saved: Person | null = null;
    render(PersonEditor, { person: nadia, onSaved: (p: Person) => (saved = p), onCancel: () => {} });
    expect(screen.getByText("Edit Nadia Kowalski")).toBeTruthy();
    const manager = (await screen.findByTestId("person-manager")) as HTMLSelectElement;
    await screen.findByText("Lee Ames");
    expect(calls.find((c) => c.command === "possible_managers")?.args).toEqual({ person_id: "id-nadia" });
    // Her manager, archived since, is kept and says so; and, having a manager, not
    // "none", which would take her out of the team's every list.
    expect([...manager.options].map((o) => o.textContent)).toEqual(["Lee Ames", "Maya Chen (archived)"]);
    expect(manager.value).toBe("id-maya");
    await fireEvent.input(screen.getByTestId("person-job-title"), { target: { value: "Senior Designer" } });
    await fireEvent.submit(screen.getByTestId("person-form"));
    await screen.findByTestId("person-save");
    expect(calls.find((c) => c.command === "edit_person")?.args).toEqual({
      id: "id-nadia",
      form: {
        name: "Nadia Kowalski", email: null, job_title: "Senior Designer", level: null, team: null,
        start_date: "2026-03-02", manager_id: "id-maya", cadence_days: 14,
      },
    });
    expect(saved!.job_title).toBe("Senior Designer");
  });

  it("shows a refused job title beside it", async () => {
    const nadia = person("id-nadia", "Nadia Kowalski");
    const { transport } = fakeTransport({
      possible_managers: () => [],
      edit_person: () => {
        throw { code: "invalid_input", message: "job title is longer than 200 characters", field: "job_title" };
      },
    });
    previous = setTransport(transport);
    render(PersonEditor, { person: nadia, onSaved: () => {}, onCancel: () => {} });
    await fireEvent.submit(screen.getByTestId("person-form"));
    expect((await screen.findByTestId("person-job-title-error")).textContent).toBe("job title is longer than 200 characters");
    expect(screen.getByTestId("person-job-title").getAttribute("aria-invalid")).toBe("true");
  });
});
