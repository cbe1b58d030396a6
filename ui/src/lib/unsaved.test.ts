import { afterEach, describe, expect, it } from "vitest";
import { unsaved, changedFields, settled, refillable } from "./unsaved";
import { nav } from "./nav.svelte";

afterEach(() => {
  document.body.innerHTML = "";
  nav.stay();
});

/** A form as a screen draws one: a description already filled in, a select and a box. */
function form(only?: string) {
  const f = document.body.appendChild(document.createElement("form"));
  const text = f.appendChild(document.createElement("input"));
  text.name = "description";
  text.value = "Read the book";
  const select = f.appendChild(document.createElement("select"));
  for (const v of ["associate", "manager"]) select.appendChild(new Option(v, v));
  const box = f.appendChild(document.createElement("input"));
  box.type = "checkbox";
  f.appendChild(document.createElement("button")).textContent = "Save";
  const action = unsaved(f, { only });
  return { f, text, select, box, action };
}

/** A person going into a field and changing it: typing says so just before the value
 * changes, as a browser does (beforeinput), even in the field that already has focus. */
function edit(field: HTMLInputElement | HTMLSelectElement, value: string | boolean) {
  field.focus();
  field.dispatchEvent(new Event("beforeinput", { bubbles: true }));
  if (typeof value === "boolean") (field as HTMLInputElement).checked = value;
  else field.value = value;
}

describe("unsaved", () => {
  it("holds nothing until a field differs from how the person found it, and again once it is put back", () => {
    const { text } = form();
    expect(changedFields()).toEqual([]);
    edit(text, "Read two books");
    expect(changedFields()).toEqual([text]);
    edit(text, "Read the book");
    expect(changedFields()).toEqual([]);
  });

  it("takes a form filled in after it shows as found, not as typed", () => {
    const { text, select } = form();
    // A Manager select set once the people have loaded, a description put in by the screen.
    select.value = "manager";
    text.value = "Read the book, chapter 3";
    expect(changedFields()).toEqual([]);
    edit(text, "Read two books");
    expect(changedFields()).toEqual([text]);
  });

  it("counts a choice and a box as typing, and names the first field changed", () => {
    const { select, box } = form();
    edit(box, true);
    edit(select, "manager");
    expect(changedFields()).toEqual([select]);
  });

  it("counts a radio pressed on its label without taking the focus, as WebKit on macOS does", () => {
    const { f } = form();
    const label = f.appendChild(document.createElement("label"));
    const radio = label.appendChild(document.createElement("input"));
    radio.type = "radio";
    const words = label.appendChild(document.createElement("span"));
    words.textContent = "3 · Does it with help";
    words.dispatchEvent(new Event("pointerdown", { bubbles: true }));
    radio.checked = true;
    expect(changedFields()).toEqual([radio]);
  });

  it("counts only the fields named, when the others are choices kept after a save", () => {
    const { text, select } = form("[name=description]");
    edit(select, "manager");
    expect(changedFields()).toEqual([]);
    edit(text, "");
    expect(changedFields()).toEqual([text]);
  });

  it("holds nothing once a form that stays filled has been saved or shows another record", () => {
    const { text, action } = form();
    edit(text, "Read two books");
    expect(changedFields()).toEqual([text]);
    // Saved: the form now shows what is stored, and what is typed next counts from there.
    action.update?.({ saved: "after the save" });
    expect(changedFields()).toEqual([]);
    edit(text, "Read three books");
    expect(changedFields()).toEqual([text]);
    // The same record read again, nothing saved: what was typed still counts.
    action.update?.({ saved: "after the save" });
    expect(changedFields()).toEqual([text]);
  });

  it("forgets the part of a form saved on its own, and only that part", () => {
    const { f, text } = form();
    const row = f.appendChild(document.createElement("div"));
    const score = row.appendChild(document.createElement("input"));
    edit(score, "4");
    edit(text, "Read two books");
    settled(row);
    expect(changedFields()).toEqual([text]);
  });

  it("forgets a form once it has gone", () => {
    const { text, action } = form();
    edit(text, "Read two books");
    action.destroy?.();
    expect(changedFields()).toEqual([]);
  });

  it("lists the forms holding changes in the order of the page", () => {
    const first = form();
    const second = form();
    edit(second.text, "b");
    edit(first.select, "manager");
    expect(changedFields()).toEqual([first.select, second.text]);
  });
});

describe("a field Ladder fills again from what it reads", () => {
  it("is filled again only while it shows what was last filled, and then holds nothing unsaved", () => {
    const { text } = form();
    const fill = refillable(() => text.value, (v) => (text.value = v), () => text);
    fill.refill("2026-12-10");
    expect(text.value).toBe("2026-12-10");
    // Read again after a save elsewhere: not typed into, it follows what was read.
    fill.refill("2026-12-12");
    expect(text.value).toBe("2026-12-12");
    // Typed into: the typing stays, and still counts as unsaved.
    edit(text, "2026-12-20");
    fill.refill("2026-12-14");
    expect([text.value, changedFields()]).toEqual(["2026-12-20", [text]]);
    // Saved: what was typed is what is stored, and the next read fills it again.
    fill.saved("2026-12-20");
    fill.refill("2026-12-21");
    expect([text.value, changedFields()]).toEqual(["2026-12-21", []]);
  });
});

describe("leaving a screen", () => {
  it("asks nothing when the screen asked for is the one shown", () => {
    nav.go("team");
    edit(form().text, "Read two books");
    nav.go("team");
    expect([nav.screen, nav.pending]).toEqual(["team", null]);
  });

  it("goes at once when nothing is unsaved", () => {
    nav.go("dashboard");
    form();
    nav.go("team");
    expect([nav.screen, nav.pending]).toEqual(["team", null]);
  });

  it("asks about the forms a switch redraws, not the rest of the screen, when given where", () => {
    const elsewhere = form();
    const list = document.body.appendChild(document.createElement("div"));
    const editor = list.appendChild(document.createElement("form"));
    const field = editor.appendChild(document.createElement("input"));
    unsaved(editor);
    edit(elsewhere.text, "Typed elsewhere");
    let moved = 0;
    nav.move(() => (moved += 1), list);
    expect([moved, nav.pending]).toEqual([1, null]);
    edit(field, "Typed in the editor");
    nav.move(() => (moved += 1), list);
    expect(moved).toBe(1);
    expect(changedFields(nav.pendingScope)).toEqual([field]);
  });

  it("asks first when a form holds changes, and stays or goes on the answer", () => {
    nav.go("dashboard");
    const { text } = form();
    edit(text, "Read two books");
    nav.openPerson("p1");
    expect(nav.screen).toBe("dashboard");
    expect(nav.pending).not.toBeNull();
    nav.stay();
    expect([nav.screen, nav.pending]).toEqual(["dashboard", null]);
    expect(text.value).toBe("Read two books");

    nav.openPerson("p1");
    nav.leaveAnyway();
    expect([nav.screen, nav.personId, nav.pending]).toEqual(["person", "p1", null]);
  });
});

describe("closing the window", () => {
  /** The answers given to the shell, in order. */
  function closeAsked() {
    const answers: boolean[] = [];
    nav.close((close) => answers.push(close));
    return answers;
  }

  it("closes at once when nothing is unsaved", () => {
    form();
    expect(closeAsked()).toEqual([true]);
    expect(nav.pending).toBeNull();
  });

  it("asks first when a form holds changes, and closes only on Discard", () => {
    const { text } = form();
    edit(text, "Read two books");
    const answers = closeAsked();
    expect(answers).toEqual([false]);
    expect(nav.pendingKind).toBe("close");
    nav.stay();
    expect(answers).toEqual([false]);
    expect(text.value).toBe("Read two books");

    const again = closeAsked();
    nav.leaveAnyway();
    expect(again).toEqual([false, true]);
    expect(nav.pending).toBeNull();
  });

  it("replaces a move waiting on the question: Discard closes, and the screen does not change", () => {
    nav.go("dashboard");
    edit(form().text, "Read two books");
    nav.openPerson("p1");
    expect(nav.pendingKind).toBe("leave");
    const answers = closeAsked();
    expect(nav.pendingKind).toBe("close");
    nav.leaveAnyway();
    expect(answers).toEqual([false, true]);
    expect(nav.screen).toBe("dashboard");
  });
});
