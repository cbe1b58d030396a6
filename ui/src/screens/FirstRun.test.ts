import { afterEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import FirstRun from "./FirstRun.svelte";
import { setTransport, type Transport } from "../lib/api";
import { fakeTransport } from "../test/fixtures";

let previous: Transport | null = null;
afterEach(() => {
  if (previous) setTransport(previous);
  previous = null;
});

describe("FirstRun", () => {
  it("a retry after saying who is using Ladder failed does not add the person a second time", async () => {
    let fail = true;
    const { transport, calls } = fakeTransport({
      list_people: () => [],
      add_person: () => ({ id: "p1", name: "Maya Chen" }),
      set_me: () => {
        if (fail) throw { code: "busy", message: "another Ladder is writing; try again", field: null };
        return { person_id: "p1", name: "Maya Chen", role: "manager" };
      },
    });
    previous = setTransport(transport);
    const onDone = vi.fn();
    render(FirstRun, { onDone });
    await fireEvent.input(await screen.findByTestId("me-name"), { target: { value: "Maya Chen" } });
    await fireEvent.submit(screen.getByTestId("create-me-form"));
    await screen.findByText("another Ladder is writing; try again");
    fail = false;
    await fireEvent.submit(screen.getByTestId("create-me-form"));
    await vi.waitFor(() => expect(onDone).toHaveBeenCalledOnce());
    expect(calls.filter((c) => c.command === "add_person")).toHaveLength(1);
    expect(calls.filter((c) => c.command === "set_me").map((c) => c.args)).toEqual([
      { person_id: "p1", role: "manager" },
      { person_id: "p1", role: "manager" },
    ]);
  });
});
