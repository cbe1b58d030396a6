import { afterEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import Settings from "./Settings.svelte";
import { setTransport, type Transport } from "../lib/api";
import { fakeTransport } from "../test/fixtures";
import { nav } from "../lib/nav.svelte";
import type { AppInfo } from "../lib/types/AppInfo";
import type { BackupFile } from "../lib/types/BackupFile";
import type { Restored } from "../lib/types/Restored";

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
      list_set_aside: () => [],
      backup_now: () => {
        const b = backup("manual", "2026-05-14T09:30:00Z");
        list = [b, ...list];
        return b;
      },
    });
    previous = setTransport(transport);
    render(Settings, { info, me, onRestored: () => {} });
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
      list_set_aside: () => [],
      backup_now: () => {
        throw { code: "io", message: "saving backups/ladder.db: No space left on device", field: null };
      },
    });
    previous = setTransport(transport);
    render(Settings, { info: { ...info, backup_warning: "Today's backup could not be taken: disk full" }, me, onRestored: () => {} });
    expect(screen.getByTestId("backup-warning").textContent).toContain("disk full");
    await screen.findByTestId("backups-empty");
    await fireEvent.click(screen.getByTestId("backup-now"));
    const error = await screen.findByTestId("backup-error");
    expect(error.textContent).toContain("No space left on device");
  });

  it("restores a backup only once asked, says what it kept aside, and Undo puts that back", async () => {
    const daily = backup("daily", "2026-05-14T08:00:00Z");
    const aside = "/home/maya/.local/share/ladder/ladder-replaced-20260514T093000.000Z.db";
    const { transport, calls } = fakeTransport({
      list_backups: () => [daily],
      list_set_aside: () => [],
      restore_backup: ({ path }): Restored => ({
        database: info.db_path!,
        backup: { path: path as string, schema_version: 4, people: 7, bytes: 81_920 },
        kept_aside: aside,
      }),
    });
    previous = setTransport(transport);
    const done: Restored[] = [];
    const view = render(Settings, { info, me, onRestored: (r: Restored) => done.push(r) });
    const restores = () => calls.filter((c) => c.command === "restore_backup");

    await fireEvent.click(await screen.findByTestId("backup-restore"));
    expect(screen.getByTestId("restore-confirm").textContent).toContain("in place of the database? The current file is kept aside.");
    expect(document.activeElement).toBe(screen.getByTestId("restore-no"));
    await fireEvent.click(screen.getByTestId("restore-no"));
    expect(screen.queryByTestId("restore-confirm")).toBeNull();
    expect(restores()).toHaveLength(0);

    await fireEvent.click(screen.getByTestId("backup-restore"));
    await fireEvent.click(screen.getByTestId("restore-yes"));
    await vi.waitFor(() => expect(done).toHaveLength(1));
    expect(restores()[0].args).toEqual({ path: daily.path });

    await view.rerender({ info, me, restored: done[0], onRestored: (r: Restored) => done.push(r) });
    const said = screen.getByTestId("backup-restored").textContent;
    expect(said).toContain("which holds 7 people in all");
    expect(said).toContain("kept as ladder-replaced-20260514T093000.000Z.db");
    await fireEvent.click(screen.getByTestId("backup-undo"));
    expect(screen.getByTestId("undo-confirm").textContent).toContain("Put back the file this restore replaced?");
    expect(restores()).toHaveLength(1);
    await fireEvent.click(screen.getByTestId("undo-yes"));
    await vi.waitFor(() => expect(done).toHaveLength(2));
    expect(restores()[1].args).toEqual({ path: aside });
  });

  it("shows why a restore was refused, and nothing else changes", async () => {
    let refuse: (() => void) | null = null;
    const { transport } = fakeTransport({
      list_backups: () => [backup("daily", "2026-05-14T08:00:00Z")],
      list_set_aside: () => [],
      restore_backup: () =>
        new Promise((_, reject) => {
          refuse = () => reject({ code: "busy", message: "the database is busy: another Ladder has it open", field: null });
        }),
    });
    previous = setTransport(transport);
    const done: Restored[] = [];
    render(Settings, { info, me, onRestored: (r: Restored) => done.push(r) });
    await fireEvent.click(await screen.findByTestId("backup-restore"));
    await fireEvent.click(screen.getByTestId("restore-yes"));
    // The screen stays while it restores, so the refusal is seen.
    await vi.waitFor(() => expect(refuse).not.toBeNull());
    expect(nav.holding).toBe("Restoring a backup");
    refuse!();
    expect((await screen.findByTestId("backup-error")).textContent).toContain("another Ladder has it open");
    expect(nav.holding).toBeNull();
    expect(done).toHaveLength(0);
  });

  it("lists the files restores set aside, and puts one back after asking", async () => {
    const aside = "/home/maya/.local/share/ladder/ladder-replaced-20260514T093000.000Z.db";
    const { transport, calls } = fakeTransport({
      list_backups: () => [],
      list_set_aside: () => [{ path: aside, set_aside_at: "2026-05-14T09:30:00Z", bytes: 90_112 }],
      restore_backup: ({ path }): Restored => ({
        database: info.db_path!,
        backup: { path: path as string, schema_version: 4, people: 8, bytes: 90_112 },
        kept_aside: "/home/maya/.local/share/ladder/ladder-replaced-20260514T100000.000Z.db",
      }),
    });
    previous = setTransport(transport);
    const done: Restored[] = [];
    render(Settings, { info, me, onRestored: (r: Restored) => done.push(r) });
    const row = await screen.findByTestId("set-aside-row");
    expect(row.textContent).toContain("ladder-replaced-20260514T093000.000Z.db");
    await fireEvent.click(screen.getByTestId("set-aside-restore"));
    expect(screen.getByTestId("set-aside-confirm").textContent).toContain("back in place?");
    expect(calls.filter((c) => c.command === "restore_backup")).toHaveLength(0);
    await fireEvent.click(screen.getByTestId("set-aside-yes"));
    await vi.waitFor(() => expect(done).toHaveLength(1));
    expect(calls.find((c) => c.command === "restore_backup")?.args).toEqual({ path: aside });
  });
});
