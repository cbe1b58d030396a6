import { afterEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import ChangeForm from "./ChangeForm.svelte";
import { setTransport, type Transport } from "../../lib/api";
import { fakeTransport } from "../../test/fixtures";
import type { Change } from "../../lib/types/Change";
import type { Person } from "../../lib/types/Person";

let previous: Transport | null = null;
afterEach(() => {
  if (previous) setTransport(previous);
  previous = null;
});

const people = [
  { id: "p1", name: "Jordan Avery" },
  { id: "p2", name: "Priya Raman" },
] as Person[];

const change: Change = {
  id: "c1", parent_id: null, parent: null, name: "Rota", description: "Follow the sun", owner_id: "p9", owner: "Sam Archived", owner_archived: true,
  impact: "medium", effect: "neutral", training_required: false, comms_plan_required: true, org_changes: false,
  awareness: "low", status: "announced", raci_reviewed_on: null, stakeholders: [],
};

describe("ChangeForm", () => {
  it("edits a change from its current fields: one owner, no workstream choice; the refusal shows beside the owner", async () => {
    const { transport, calls } = fakeTransport({
      edit_change: (args) => {
        const patch = args.patch as { owner_ids: string[] };
        if (patch.owner_ids[0] === "p9") throw { code: "invalid_input", message: "Sam Archived is archived; restore them to give them a part in a change", field: "owner" };
        return change;
      },
    });
    previous = setTransport(transport);
    let saved: Change | null = null;
    render(ChangeForm, { people, changes: [change], change, onSaved: (c: Change) => (saved = c), onCancel: () => {} });
    expect((screen.getByTestId("change-name") as HTMLInputElement).value).toBe("Rota");
    expect(screen.queryByTestId("change-parent")).toBeNull();
    const owner = screen.getByTestId("change-owner") as HTMLSelectElement;
    expect(owner.value).toBe("p9");
    expect((screen.getByTestId("change-comms") as HTMLInputElement).checked).toBe(true);
    await fireEvent.submit(screen.getByTestId("change-form"));
    expect((await screen.findByTestId("change-owner-error")).textContent).toContain("is archived");
    expect(saved).toBeNull();
    owner.value = "p2";
    await fireEvent.change(owner);
    await fireEvent.click(screen.getByTestId("change-training"));
    await fireEvent.submit(screen.getByTestId("change-form"));
    await vi.waitFor(() => expect(saved).not.toBeNull());
    expect(calls.at(-1)).toEqual({
      command: "edit_change",
      args: {
        id: "c1",
        patch: {
          name: "Rota", description: "Follow the sun", owner_ids: ["p2"], impact: "medium", effect: "neutral",
          training_required: true, comms_plan_required: true, org_changes: false, awareness: "low",
        },
      },
    });
  });
});
