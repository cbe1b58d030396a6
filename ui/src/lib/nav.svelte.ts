// Where the user is in the app. A tiny store: the screen and, on Person, whose page.

export type Screen = "dashboard" | "team" | "person" | "meetings" | "competencies" | "change" | "settings"
  // Promotion readiness.
  | "readiness"
  // Excel workbooks: export and import.
  | "workbooks";

class Nav {
  // The dashboard is home; the first run goes to Team, to meet the people first.
  screen = $state<Screen>("dashboard");
  personId = $state<string | null>(null);

  go(screen: Screen) {
    this.screen = screen;
    if (screen !== "person") this.personId = null;
  }

  openPerson(id: string) {
    this.personId = id;
    this.screen = "person";
  }

  // Meetings: whose development meeting is open (kept when moving between screens).
  meetingPersonId = $state<string | null>(null);

  openMeeting(personId: string) {
    this.meetingPersonId = personId;
    this.screen = "meetings";
  }

  // Export / Import: whose records an export starts with (from a person's page).
  workbooksPersonId = $state<string | null>(null);

  openWorkbooks(personId: string | null = null) {
    this.workbooksPersonId = personId;
    this.screen = "workbooks";
  }

  // Change: which change to open first (the dashboard links to one).
  changeId = $state<string | null>(null);

  openChange(id: string) {
    this.changeId = id;
    this.screen = "change";
  }
}

export const nav = new Nav();
