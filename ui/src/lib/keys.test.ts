import { afterEach, describe, expect, it, vi } from "vitest";
import { dismissible } from "./keys";
import { nav } from "./nav.svelte";
import { unsaved } from "./unsaved";

afterEach(() => {
  document.body.innerHTML = "";
  nav.stay();
});

/** A button as a screen draws one. */
function button(label: string, testid: string): HTMLButtonElement {
  const b = document.createElement("button");
  b.textContent = label;
  b.dataset.testid = testid;
  return b;
}

/** A list of rows, each with its own Edit button. */
function rows(n: number): HTMLLIElement[] {
  const list = document.body.appendChild(document.createElement("ul"));
  return Array.from({ length: n }, () => {
    const row = list.appendChild(document.createElement("li"));
    row.appendChild(button("Edit", "edit"));
    return row;
  });
}

/** Opens a form in place of the row's Edit button, as a screen does: the button goes,
 * the form shows and takes the focus. Returns the form and its action. */
function open(row: HTMLElement, cancel = () => {}) {
  const opener = row.querySelector("button")!;
  opener.focus();
  opener.click();
  opener.remove();
  const form = row.appendChild(document.createElement("form"));
  const field = form.appendChild(document.createElement("input"));
  field.focus();
  return { form, field, action: dismissible(form, cancel) };
}

/** Closes the form, as a screen does: the form goes and a new Edit button is drawn. */
async function close({ form, action }: ReturnType<typeof open>, redraw = true) {
  const row = form.parentElement!;
  form.remove();
  if (redraw) row.appendChild(button("Edit", "edit"));
  action.destroy?.();
  await new Promise((done) => setTimeout(done));
}

describe("dismissible", () => {
  it("cancels on Escape, and on no other key or while an input method composes", () => {
    const cancel = vi.fn();
    const { field } = open(rows(1)[0], cancel);
    field.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    field.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", isComposing: true, bubbles: true }));
    expect(cancel).not.toHaveBeenCalled();
    field.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    expect(cancel).toHaveBeenCalledTimes(1);
  });

  it("asks \"Discard changes?\" on Escape when the form holds typing, and closes it only on Discard", () => {
    const cancel = vi.fn();
    const { form, field } = open(rows(1)[0], cancel);
    unsaved(form);
    const escape = () => field.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    // Gone into but not changed: nothing to lose, so it closes at once.
    field.dispatchEvent(new Event("beforeinput", { bubbles: true }));
    escape();
    expect(cancel).toHaveBeenCalledTimes(1);

    field.value = "Read two books";
    escape();
    expect([cancel.mock.calls.length, nav.pendingKind]).toEqual([1, "discard"]);
    nav.stay();
    expect([cancel.mock.calls.length, field.value]).toEqual([1, "Read two books"]);
    escape();
    nav.leaveAnyway();
    expect(cancel).toHaveBeenCalledTimes(2);
  });

  it("puts the focus back on the button that opened the form, drawn again", async () => {
    const [, second] = rows(3);
    await close(open(second));
    expect(document.activeElement).toBe(second.querySelector("button"));
  });

  it("puts the focus back on the button at the opener's place when the whole row was drawn again", async () => {
    const list = rows(3);
    const second = list[1];
    const opener = second.querySelector("button")!;
    opener.focus();
    opener.click();
    // The row is swapped for one holding the form, then for a new row once it closes.
    const editing = document.createElement("li");
    second.replaceWith(editing);
    const form = editing.appendChild(document.createElement("form"));
    form.appendChild(document.createElement("input")).focus();
    const action = dismissible(form, () => {});
    const again = document.createElement("li");
    again.appendChild(button("Edit", "edit"));
    editing.replaceWith(again);
    action.destroy?.();
    await new Promise((done) => setTimeout(done));
    expect(document.activeElement).toBe(again.querySelector("button"));
  });

  it("puts the focus on no neighbour's button when the opener's row has gone", async () => {
    // With one row left, its button is the only like in the list.
    for (const n of [2, 3]) {
      const [first] = rows(n);
      const form = open(first);
      first.remove();
      await close(form, false);
      expect(document.activeElement).toBe(document.body);
      document.body.innerHTML = "";
    }
  });

  it("takes the focus into the first field of the form a control opened, once drawn", async () => {
    const [row] = rows(1);
    const opener = row.querySelector("button")!;
    opener.focus();
    opener.click();
    opener.remove();
    const form = row.appendChild(document.createElement("form"));
    form.appendChild(document.createElement("select"));
    form.appendChild(document.createElement("input"));
    dismissible(form, () => {});
    await Promise.resolve();
    expect(document.activeElement).toBe(form.querySelector("select"));
  });

  it("leaves the focus where the person has put it", async () => {
    const [first, second] = rows(2);
    const form = open(first);
    const elsewhere = second.querySelector("button")!;
    elsewhere.focus();
    await close(form);
    expect(document.activeElement).toBe(elsewhere);
  });
});

describe("Ctrl+Enter", () => {
  it("sends the form of a text area or a drop-down, and Enter alone in a text area makes a new line", () => {
    const form = document.body.appendChild(document.createElement("form"));
    const select = form.appendChild(document.createElement("select"));
    const area = form.appendChild(document.createElement("textarea"));
    const sent = vi.fn((e: Event) => e.preventDefault());
    form.addEventListener("submit", sent);
    const press = (el: HTMLElement, init: KeyboardEventInit) => el.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true, cancelable: true, ...init }));
    press(area, {});
    expect(sent).not.toHaveBeenCalled();
    press(area, { ctrlKey: true });
    press(select, { metaKey: true });
    expect(sent).toHaveBeenCalledTimes(2);
    // Held down, it sends once; with the save on its way (Save disabled), not at all.
    press(area, { ctrlKey: true, repeat: true });
    const save = form.appendChild(document.createElement("button"));
    save.disabled = true;
    press(area, { ctrlKey: true });
    expect(sent).toHaveBeenCalledTimes(2);
  });
});
