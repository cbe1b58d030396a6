import { afterEach, describe, expect, it } from "vitest";
import { Channel } from "@tauri-apps/api/core";
import { api, ApiError, setTransport, toApiError, type Transport } from "./api";
import { fakeTransport } from "../test/fixtures";

let previous: Transport | null = null;
function use(t: Transport) {
  previous = setTransport(t);
}
afterEach(() => {
  if (previous) setTransport(previous);
  previous = null;
});

describe("api", () => {
  it("sends each command with the argument names the shell expects", async () => {
    const { transport, calls } = fakeTransport({
      add_activity: (a) => ({ id: "a1", ...(a.form as object) }),
      set_me: () => ({ person_id: "p1", name: "Maya", role: "manager" }),
      complete_activity: () => ({ id: "a1" }),
      plan_of: () => [],
    });
    use(transport);
    await api.addActivity({
      goal_id: "g1",
      phase: "learn",
      description: "Read",
      resource: { kind: "material", person_id: null, name: "A book" },
      target_date: "2026-05-01",
      notes: "",
    });
    await api.setMe("p1", "manager");
    await api.completeActivity("a1");
    await api.planOf("p9");
    expect(calls.map((c) => c.command)).toEqual(["add_activity", "set_me", "complete_activity", "plan_of"]);
    expect(calls[0].args).toMatchObject({ form: { goal_id: "g1", phase: "learn", target_date: "2026-05-01" } });
    expect(calls[1].args).toEqual({ person_id: "p1", role: "manager" });
    expect(calls[2].args).toEqual({ id: "a1", on: null });
    expect(calls[3].args).toEqual({ person_id: "p9" });
  });

  it("turns the shell's {code, message, field} into an ApiError", async () => {
    use(async () => {
      throw { code: "invalid_input", message: "target date 2026-13-01 is not a date (YYYY-MM-DD)", field: "target_date" };
    });
    const err = await api.addGoal({ person_id: "p", competency_id: "c", outcome: "x" }).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe("invalid_input");
    expect(err.field).toBe("target_date");
    expect(err.isBadInput).toBe(true);
    expect(err.message).toContain("is not a date");
  });

  it("keeps other failures as errors without a field", () => {
    const fromString = toApiError("command add_goal not allowed");
    expect(fromString.code).toBe("ipc");
    expect(fromString.field).toBeNull();
    expect(fromString.isBadInput).toBe(false);
    const busy = toApiError({ code: "busy", message: "the database is busy", field: null });
    expect(busy.code).toBe("busy");
    expect(busy.isBadInput).toBe(false);
  });

  it("sends a progress callback to the shell as a channel whose messages reach it", async () => {
    // The real transport, over a stand-in for what Tauri injects into the window.
    const callbacks = new Map<number, (m: unknown) => void>();
    const sent: { cmd: string; args: Record<string, unknown> }[] = [];
    const w = window as unknown as { __TAURI_INTERNALS__?: unknown };
    w.__TAURI_INTERNALS__ = {
      transformCallback: (cb: (m: unknown) => void) => {
        const id = callbacks.size + 1;
        callbacks.set(id, cb);
        return id;
      },
      unregisterCallback: (id: number) => callbacks.delete(id),
      invoke: async (cmd: string, args: Record<string, unknown>) => {
        sent.push({ cmd, args });
        const channel = args.on_progress as Channel<unknown>;
        callbacks.get(channel.id)!({ index: 0, message: "writing" });
        callbacks.get(channel.id)!({ index: 1, message: "saving" });
        return null;
      },
    };
    try {
      const stages: string[] = [];
      const saved = await api.exportWorkbook("plan", { fill: "team" }, (s) => stages.push(s));
      expect(saved).toBeNull();
      expect(sent).toHaveLength(1);
      expect(sent[0].cmd).toBe("export_workbook");
      expect(sent[0].args.workbook).toBe("plan");
      expect(sent[0].args.fill).toEqual({ fill: "team" });
      expect(sent[0].args.on_progress).toBeInstanceOf(Channel);
      expect(stages).toEqual(["writing", "saving"]);
    } finally {
      delete w.__TAURI_INTERNALS__;
    }
  });
});
