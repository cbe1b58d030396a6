import { afterEach, describe, expect, it } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import Settings from "./Settings.svelte";
import { setTransport, type Transport } from "../lib/api";
import { fakeTransport } from "../test/fixtures";
import type { AppInfo } from "../lib/types/AppInfo";
import type { BackupFile } from "../lib/types/BackupFile";

const me = { person_id: "id-maya", name: "Maya Chen", role: "manager" as const };
const info: AppInfo = {
  db_path: "/home/maya/.local/share/ladder/ladder.db",
  schema_version: 4,
  today: "2026-05-14",
  version: "0.1.0",
  backup_warning: null,
};
const backup = (reason: BackupFile["reason"], taken_at: string): BackupFile => ({
  path: `/home/maya/.local/share/ladder/backups/ladder-${taken_at}-v4-${reason}.db`,
  taken_at,
  schema_version: 4,
  reason,
  bytes: 81_920,
});

let previous: Transport | null = null;
afterEach(() => {
  if (previous) setTransport(previous);
});

describe("Settings", () => {
  it("backs up on request and lists the new copy first", async () => {
    let list = [backup("daily", "2026-05-14T08:00:00Z")];
    const { transport, calls } = fakeTransport({
      list_backups: () => list,
      backup_now: () => {
        const b = backup("manual", "2026-05-14T09:30:00Z");
        list = [b, ...list];
        return b;
      },
    });
    previous = setTransport(transport);
    render(Settings, { info, me });
    await screen.findByTestId("backup-list");
    expect(screen.getAllByTestId("backup-row")).toHaveLength(1);

    await fireEvent.click(screen.getByTestId("backup-now"));
    await screen.findByTestId("backup-taken");
    expect(calls.filter((c) => c.command === "backup_now")).toHaveLength(1);
    const rows = screen.getAllByTestId("backup-row");
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain("manual");
  });

  it("says why today's backup failed and shows the error of a failed backup", async () => {
    const { transport } = fakeTransport({
      list_backups: () => [],
      backup_now: () => {
        throw { code: "io", message: "saving backups/ladder.db: No space left on device", field: null };
      },
    });
    previous = setTransport(transport);
    render(Settings, { info: { ...info, backup_warning: "Today's backup could not be taken: disk full" }, me });
    expect(screen.getByTestId("backup-warning").textContent).toContain("disk full");
    await screen.findByTestId("backups-empty");
    await fireEvent.click(screen.getByTestId("backup-now"));
    const error = await screen.findByTestId("backup-error");
    expect(error.textContent).toContain("No space left on device");
  });
});
