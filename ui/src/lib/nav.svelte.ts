// Where the user is in the app. A tiny store: the screen and, on Person, whose page.

import { changedFields, savesRunning } from "./unsaved";

/** What a pending question asks: leaving the screen, closing the window, or closing a
 * form with Escape. */
export type Asking = "leave" | "close" | "discard";

export type Screen = "dashboard" | "team" | "person" | "meetings" | "competencies" | "change" | "settings"
  // Promotion readiness.
  | "readiness"
  // Excel workbooks: export and import.
  | "workbooks";

class Nav {
  // The dashboard is home; the first run goes to Team, to meet the people first.
  screen = $state<Screen>("dashboard");
  personId = $state<string | null>(null);

  /** A move asked for while a form on the screen held changes not saved: it waits on the
   * person's answer to "Leave without saving?". */
  pending = $state<(() => void) | null>(null);
  /** The part of the screen the pending move redraws (a list's editor), or null for all
   * of it: only the forms in it are asked about. */
  pendingScope: Element | null = null;
  /** What the pending move does: "Leave without saving?", "Close without saving?" (the
   * window) or "Discard changes?" (a form, by Escape). */
  pendingKind = $state<Asking>("leave");
  /** What the screen is doing that it must be there to report (an import being
   * applied): until it ends, the sidebar offers no other screen. */
  holding = $state<string | null>(null);

  /** Holds the screen while `work` runs, saying what it does (`holding`). */
  async hold<T>(what: string, work: Promise<T>): Promise<T> {
    this.holding = what;
    try {
      return await work;
    } finally {
      this.holding = null;
    }
  }

  /** Makes a move (to another screen, or to another record on this one), or asks first
   * when it would drop what was typed and not saved: anywhere on the screen, or inside
   * `scope` for a switch that redraws only that part (another advocate's editor). */
  move(then: () => void, scope: Element | null = null) {
    this.ask(then, scope, "leave");
  }

  /** Closes a form by Escape, or asks first when it holds changes not saved: Escape is
   * easily pressed for something else (a list of suggestions, a date picker), where
   * its Cancel button is the person's own choice. */
  discard(then: () => void, form: Element) {
    this.ask(then, form, "discard");
  }

  /** The window's close button was pressed (the shell holds the close until answered):
   * `answer(true)` closes the window, at once when nothing is unsaved, or once the person
   * chose to discard it; `answer(false)` tells the shell the person is being asked. A
   * close replaces a move that was waiting on the question. */
  close(answer: (close: boolean) => void) {
    this.ask(() => answer(true), null, "close", () => answer(false));
  }

  /** Does `then`, or asks "Leave (or Close) without saving?" or "Discard changes?" and
   * calls `asking`. A save still running from a field that lost the focus is waited for
   * first. */
  private ask(then: () => void, scope: Element | null, kind: Asking, asking?: () => void) {
    const running = savesRunning();
    if (running) {
      void running.then(() => this.ask(then, scope, kind, asking));
    } else if (changedFields(scope).length > 0) {
      this.pendingScope = scope;
      this.pendingKind = kind;
      this.pending = then;
      asking?.();
    } else then();
  }

  /** The answer "Discard and leave". */
  leaveAnyway() {
    const move = this.pending;
    this.pending = null;
    move?.();
  }

  /** The answer "Stay": the move is forgotten. */
  stay() {
    this.pending = null;
  }

  go(screen: Screen) {
    // Already there: nothing to leave, and nothing to ask.
    if (screen === this.screen) return;
    this.move(() => {
      this.screen = screen;
      if (screen !== "person") this.personId = null;
    });
  }

  openPerson(id: string) {
    this.move(() => {
      this.personId = id;
      this.screen = "person";
    });
  }

  // Meetings: whose development meeting is open (kept when moving between screens).
  meetingPersonId = $state<string | null>(null);

  openMeeting(personId: string) {
    this.move(() => {
      this.meetingPersonId = personId;
      this.screen = "meetings";
    });
  }

  // Export / Import: whose records an export starts with (from a person's page).
  workbooksPersonId = $state<string | null>(null);

  openWorkbooks(personId: string | null = null) {
    this.move(() => {
      this.workbooksPersonId = personId;
      this.screen = "workbooks";
    });
  }

  // Change: which change to open first (the dashboard links to one).
  changeId = $state<string | null>(null);

  openChange(id: string) {
    this.move(() => {
      this.changeId = id;
      this.screen = "change";
    });
  }

  /** Another database file took this one's place (a restore): the records picked on
   * other screens may not be in it. */
  forgetRecords() {
    this.meetingPersonId = null;
    this.changeId = null;
    this.workbooksPersonId = null;
  }
}

export const nav = new Nav();
