import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/svelte";
import Workbooks from "./Workbooks.svelte";
import Sidebar from "../components/Sidebar.svelte";
import type { Me } from "../lib/types/Me";
import { setTransport, type Transport } from "../lib/api";
import { nav } from "../lib/nav.svelte";
import { fakeTransport } from "../test/fixtures";
import { splitProblem } from "../lib/workbooks";
import type { Person } from "../lib/types/Person";
import type { ExportStage } from "../lib/types/ExportStage";
import type { ImportPreview } from "../lib/types/ImportPreview";
import type { ImportReview } from "../lib/types/ImportReview";

function person(name: string): Person {
  return {
    id: `id-${name.toLowerCase().replace(/\W+/g, "-")}`,
    name,
    email: null,
    job_title: null,
    level: null,
    team: null,
    start_date: null,
    manager_id: "id-maya",
    manager_name: "Maya Chen",
    cadence_days: 28,
    archived_at: null,
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
  };
}

const people = [person("Priya Patel"), person("Sam <img src=x onerror=alert(1)> Lee")];

const edited: ImportPreview = {
  workbook: "plan",
  added: [],
  changed: [
    {
      cell: "Plan!F7",
      record: "activity",
      id: "act-1",
      summary: "Read <b>Influence</b>",
      fields: [{ field: "description", old: "Read Influence", new: "Read Influence, chapters 1–4" }],
    },
  ],
  missing: [{ cell: "", record: "goal", id: "g-2", summary: "Improve written communication", fields: [] }],
  unchanged: 11,
};

let previous: Transport | null = null;
afterEach(() => {
  if (previous) setTransport(previous);
  previous = null;
  nav.workbooksPersonId = null;
});

describe("Export", () => {
  it("exports the chosen workbook for one person, shows each stage and where it was saved", async () => {
    let report: ((s: ExportStage) => void) | null = null;
    let finish: (() => void) | null = null;
    const { transport, calls } = fakeTransport({
      list_people: () => people,
      export_workbook: (args) => {
        report = args.on_progress as (s: ExportStage) => void;
        return new Promise((resolve) => {
          finish = () => resolve({ workbook: "plan", path: "/home/maya/ladder-plan-priya-patel-2026-05-14.xlsx", bytes: 9000 });
        });
      },
    });
    previous = setTransport(transport);
    nav.workbooksPersonId = people[0].id;
    render(Workbooks, { onRestored: () => {} });
    await screen.findByTestId("export-person");
    expect((screen.getByTestId("export-fill-person") as HTMLInputElement).checked).toBe(true);

    await fireEvent.click(screen.getByTestId("export-run"));
    const progress = await screen.findByTestId("export-progress");
    expect(progress.dataset.stage).toBe("choosing");
    expect((screen.getByTestId("export-run") as HTMLButtonElement).disabled).toBe(true);
    // The screen stays until where it was saved is known.
    expect(nav.holding).toBe("Exporting a workbook");
    report!("writing");
    await screen.findByText("Write the workbook");
    expect(screen.getByTestId("export-progress").dataset.stage).toBe("writing");
    // A long stage counts its seconds.
    const elapsed = await screen.findByTestId("export-elapsed", {}, { timeout: 2500 });
    expect(elapsed.textContent).toMatch(/[12] s/);
    report!("saving");
    await new Promise((r) => setTimeout(r, 0));
    expect(screen.getByTestId("export-progress").dataset.stage).toBe("saving");
    finish!();

    const saved = await screen.findByTestId("export-saved");
    expect(saved.textContent).toContain("/home/maya/ladder-plan-priya-patel-2026-05-14.xlsx");
    expect(nav.holding).toBeNull();
    expect(screen.queryByTestId("export-progress")).toBeNull();
    const call = calls.find((c) => c.command === "export_workbook")!;
    expect(call.args.workbook).toBe("plan");
    expect(call.args.fill).toEqual({ fill: "person", person_id: people[0].id });
  });

  it("exports a blank template of another workbook; a cancelled dialog is not an error", async () => {
    const { transport, calls } = fakeTransport({
      list_people: () => people,
      export_workbook: () => null,
    });
    previous = setTransport(transport);
    render(Workbooks, { onRestored: () => {} });
    await fireEvent.click(screen.getByTestId("export-kind-readiness"));
    await fireEvent.click(screen.getByTestId("export-fill-blank"));
    await fireEvent.click(screen.getByTestId("export-run"));
    await screen.findByTestId("export-cancelled");
    expect(screen.queryByTestId("export-error")).toBeNull();
    const call = calls.find((c) => c.command === "export_workbook")!;
    expect(call.args.workbook).toBe("readiness");
    expect(call.args.fill).toEqual({ fill: "blank" });
  });

  it("renders names with markup as text", async () => {
    const { transport } = fakeTransport({ list_people: () => people });
    previous = setTransport(transport);
    render(Workbooks, { onRestored: () => {} });
    await fireEvent.click(screen.getByTestId("export-fill-person"));
    const select = await screen.findByTestId("export-person");
    expect(select.querySelector("img")).toBeNull();
    expect(select.textContent).toContain("Sam <img src=x onerror=alert(1)> Lee");
  });
});

describe("Import", () => {
  function importing(review: ImportReview | null, applied: ImportPreview = edited) {
    return fakeTransport({
      list_people: () => people,
      preview_import: () => review,
      apply_import: () => applied,
      cancel_import: () => null,
    });
  }

  it("previews each changed field, reports missing records, and applies with the preview's token", async () => {
    const { transport, calls } = importing({ path: "/tmp/plan.xlsx", token: "import-1", preview: edited, problems: [] });
    previous = setTransport(transport);
    render(Workbooks, { onRestored: () => {} });
    await fireEvent.click(screen.getByTestId("import-choose"));
    const preview = await screen.findByTestId("import-preview");
    expect(within(preview).getByTestId("import-file").textContent).toBe("plan.xlsx");
    const changed = within(preview).getByTestId("import-changed");
    expect(within(changed).getByTestId("change-field").textContent).toBe("description");
    expect(within(changed).getByTestId("change-old").textContent).toBe("Read Influence");
    expect(within(changed).getByTestId("change-new").textContent).toBe("Read Influence, chapters 1–4");
    expect(changed.querySelector("b")).toBeNull();
    expect(within(preview).getByTestId("import-missing").textContent).toContain("never deletes");
    expect(calls.some((c) => c.command === "apply_import")).toBe(false);

    await fireEvent.click(within(preview).getByTestId("import-apply"));
    const done = await screen.findByTestId("import-applied");
    expect(done.textContent).toContain("1 change");
    expect(calls.find((c) => c.command === "apply_import")!.args).toEqual({ token: "import-1" });
    expect(screen.queryByTestId("import-preview")).toBeNull();
  });

  it("offers to undo an import by its backup, asks first, and says it is undone once the screen is drawn anew", async () => {
    const backup = { path: "/data/backups/ladder-20261123T101502.123Z-v7-import.db", taken_at: "2026-11-23T10:15:02.123Z", schema_version: 7, reason: "import", bytes: 4096 };
    const restored = { database: "/data/ladder.db", backup: { path: backup.path, schema_version: 7, people: 4 }, kept_aside: "/data/ladder-replaced-20261123T101800.000Z.db" };
    const { transport, calls } = fakeTransport({
      list_people: () => people,
      preview_import: () => ({ path: "/tmp/plan.xlsx", token: "import-1", preview: edited, problems: [] }),
      apply_import: () => ({ ...edited, backup }),
      restore_backup: () => restored,
      cancel_import: () => null,
    });
    previous = setTransport(transport);
    const onRestored = vi.fn();
    nav.screen = "workbooks";
    render(Workbooks, { onRestored });
    await fireEvent.click(screen.getByTestId("import-choose"));
    await fireEvent.click(await screen.findByTestId("import-apply"));
    await fireEvent.click(await screen.findByTestId("import-undo"));
    // Keep (or Escape) keeps the import.
    await fireEvent.click(screen.getByTestId("import-undo-no"));
    expect(calls.some((c) => c.command === "restore_backup")).toBe(false);
    await fireEvent.click(screen.getByTestId("import-undo"));
    await fireEvent.click(screen.getByTestId("import-undo-yes"));
    await vi.waitFor(() => expect(onRestored).toHaveBeenCalledWith(restored));
    expect(calls.find((c) => c.command === "restore_backup")!.args).toEqual({ path: backup.path });
    // The shell draws every screen anew after a restore (more than once): the new one says
    // what was done, until another import starts.
    for (let drawn = 0; drawn < 2; drawn++) {
      cleanup();
      render(Workbooks, { onRestored });
      expect((await screen.findByTestId("import-undone")).textContent).toContain("ladder-replaced-20261123T101800.000Z.db");
    }
    await fireEvent.click(screen.getByTestId("import-choose"));
    expect(screen.queryByTestId("import-undone")).toBeNull();
    // Nor is it said again once the person has left the screen.
    await fireEvent.click(await screen.findByTestId("import-apply"));
    await fireEvent.click(await screen.findByTestId("import-undo"));
    await fireEvent.click(screen.getByTestId("import-undo-yes"));
    await vi.waitFor(() => expect(onRestored).toHaveBeenCalledTimes(2));
    nav.screen = "team";
    cleanup();
    nav.screen = "workbooks";
    render(Workbooks, { onRestored });
    expect(screen.queryByTestId("import-undone")).toBeNull();
  });

  it("stays on the screen while an import applies, and lets go of a preview left unapplied", async () => {
    let land: (p: ImportPreview) => void = () => {};
    const { transport, calls } = fakeTransport({
      list_people: () => people,
      preview_import: () => ({ path: "/tmp/plan.xlsx", token: "import-1", preview: edited, problems: [] }),
      apply_import: () => new Promise<ImportPreview>((done) => (land = done)),
      cancel_import: () => null,
    });
    previous = setTransport(transport);
    nav.go("workbooks");
    const { unmount } = render(Workbooks, { onRestored: () => {} });
    await fireEvent.click(screen.getByTestId("import-choose"));
    await fireEvent.click(await screen.findByTestId("import-apply"));
    // Until the import has landed, the outcome has a screen to be said on: the sidebar
    // offers no other.
    const side = render(Sidebar, { me: { person_id: "id-maya", name: "Maya Chen", role: "manager" } as Me });
    const team = () => side.getByTestId("nav-team") as HTMLButtonElement;
    expect(team().disabled).toBe(true);
    expect((side.getByTestId("nav-workbooks") as HTMLButtonElement).disabled).toBe(false);
    land(edited);
    await screen.findByTestId("import-applied");
    expect(team().disabled).toBe(false);
    side.unmount();

    // A second file previewed, then the screen left without applying it.
    await fireEvent.click(screen.getByTestId("import-choose"));
    await screen.findByTestId("import-preview");
    unmount();
    expect(calls.at(-1)).toEqual({ command: "cancel_import", args: { token: "import-1" } });
    nav.go("dashboard");
  });

  it("lists every problem by cell, offers no Apply, and Cancel writes nothing", async () => {
    const problems = [
      "Plan!G7: target date 'next week' is not a date (YYYY-MM-DD)",
      "Action items!C3: status 'finished' is not one of open, done",
    ];
    const { transport, calls } = importing({ path: "/tmp/plan.xlsx", token: null, preview: null, problems });
    previous = setTransport(transport);
    render(Workbooks, { onRestored: () => {} });
    await fireEvent.click(screen.getByTestId("import-choose"));
    const rows = await screen.findAllByTestId("import-problem");
    expect(rows).toHaveLength(2);
    expect(within(rows[0]).getByTestId("problem-cell").textContent).toBe("Plan!G7");
    expect(within(rows[0]).getByTestId("problem-rule").textContent).toBe("target date 'next week' is not a date (YYYY-MM-DD)");
    expect(within(rows[1]).getByTestId("problem-cell").textContent).toBe("Action items!C3");
    expect((screen.getByTestId("import-apply") as HTMLButtonElement).disabled).toBe(true);

    await fireEvent.click(screen.getByTestId("import-cancel"));
    await screen.findByTestId("import-cancelled");
    expect(screen.queryByTestId("import-preview")).toBeNull();
    expect(calls.some((c) => c.command === "apply_import")).toBe(false);
    expect(calls.find((c) => c.command === "cancel_import")!.args).toEqual({ token: null });
  });

  it("shows a file Ladder cannot read as an error, and a cancelled dialog as nothing imported", async () => {
    let answer: () => unknown = () => {
      throw { code: "bad_workbook", message: "the file is not a workbook Ladder can import: it is not a zip archive", field: null };
    };
    const { transport } = fakeTransport({ list_people: () => people, preview_import: () => answer() });
    previous = setTransport(transport);
    render(Workbooks, { onRestored: () => {} });
    await fireEvent.click(screen.getByTestId("import-choose"));
    const err = await screen.findByTestId("import-error");
    expect(err.dataset.code).toBe("bad_workbook");
    expect(screen.queryByTestId("import-preview")).toBeNull();

    answer = () => null;
    await fireEvent.click(screen.getByTestId("import-choose"));
    await screen.findByTestId("import-cancelled");
    expect(screen.queryByTestId("import-error")).toBeNull();
  });

  it("says the file is being read once it is chosen", async () => {
    let finish: ((r: ImportReview) => void) | null = null;
    const { transport } = fakeTransport({
      list_people: () => people,
      preview_import: (args) =>
        new Promise((resolve) => {
          finish = resolve;
          setTimeout(() => (args.on_progress as (s: string) => void)("reading"), 10);
        }),
    });
    previous = setTransport(transport);
    render(Workbooks, { onRestored: () => {} });
    await fireEvent.click(screen.getByTestId("import-choose"));
    await screen.findByTestId("import-choosing");
    await screen.findByTestId("import-reading");
    expect((screen.getByTestId("import-choose") as HTMLButtonElement).disabled).toBe(true);
    finish!({ path: "/tmp/plan.xlsx", token: "import-3", preview: edited, problems: [] });
    await screen.findByTestId("import-preview");
    expect(screen.queryByTestId("import-reading")).toBeNull();
  });

  it("a refused apply shows why and offers no second Apply", async () => {
    const { transport } = fakeTransport({
      list_people: () => people,
      preview_import: () => ({ path: "/tmp/plan.xlsx", token: "import-4", preview: edited, problems: [] }),
      apply_import: () => {
        throw {
          code: "import_refused",
          message: "nothing was imported: 1 problem in the workbook:\nPlan!F7: goal 'g-1' was archived",
          field: null,
        };
      },
    });
    previous = setTransport(transport);
    render(Workbooks, { onRestored: () => {} });
    await fireEvent.click(screen.getByTestId("import-choose"));
    await fireEvent.click(await screen.findByTestId("import-apply"));
    const err = await screen.findByTestId("import-error");
    expect(err.dataset.code).toBe("import_refused");
    expect(err.textContent).toContain("Plan!F7");
    expect((screen.getByTestId("import-apply") as HTMLButtonElement).disabled).toBe(true);
    expect(screen.queryByTestId("import-applied")).toBeNull();
  });

  it("offers no Apply when every row already matches", async () => {
    const same: ImportPreview = { workbook: "ratings", added: [], changed: [], missing: [], unchanged: 4 };
    const { transport } = importing({ path: "/tmp/r.xlsx", token: "import-2", preview: same, problems: [] });
    previous = setTransport(transport);
    render(Workbooks, { onRestored: () => {} });
    await fireEvent.click(screen.getByTestId("import-choose"));
    await screen.findByTestId("import-nothing");
    expect((screen.getByTestId("import-apply") as HTMLButtonElement).disabled).toBe(true);
  });
});

describe("splitProblem", () => {
  it("splits a problem into its cell and its rule, keeping text without a cell whole", () => {
    expect(splitProblem("ADKAR scores!D12: score 7 is not between 1 and 5")).toEqual({
      cell: "ADKAR scores!D12",
      rule: "score 7 is not between 1 and 5",
    });
    expect(splitProblem("Plan: the header row is missing")).toEqual({ cell: "", rule: "Plan: the header row is missing" });
  });
});
