// Forms (or a grid of fields) holding what the person typed and has not saved, so that
// leaving the screen asks first instead of dropping it.

import type { ActionReturn } from "svelte/action";

/** How a form is tracked: `only` names the fields that count when the others are
 * choices kept after a save (whom a rating is for), as a CSS selector; `saved` is for a
 * form that stays filled after a save or shows another record in the same fields (a
 * readiness decision, the advocate form opened for the next advocate): a value that
 * changes whenever what the form shows has just been saved or read, when nothing it
 * holds is unsaved any more. Where parts of a form are saved or filled again on their own
 * (a row of the score grid, a meeting's cadence), [`settled`] says so for that part. */
export interface Unsaved {
  only?: string;
  saved?: unknown;
}

interface Tracked extends Unsaved {
  form: HTMLElement;
  /** Each field the person went into, with its value then: what the form holds is
   * unsaved while one of them differs. Taken as the person reaches a field, not as the
   * form opens, because a form is often filled after it shows (a Manager select once the
   * people have loaded), and that is not the person's typing. */
  start: Map<HTMLElement, string>;
}

const tracked = new Set<Tracked>();

/** Whether an element is a field a person fills in that counts (not a button). */
function counts(t: Tracked, el: EventTarget | null): el is HTMLElement {
  return (
    (el instanceof HTMLTextAreaElement ||
      el instanceof HTMLSelectElement ||
      (el instanceof HTMLInputElement && !["button", "submit", "reset", "image"].includes(el.type))) &&
    (!t.only || el.matches(t.only))
  );
}

function valueOf(el: HTMLElement): string {
  if (el instanceof HTMLInputElement && (el.type === "checkbox" || el.type === "radio")) return String(el.checked);
  return (el as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement).value;
}

/** A form whose typing is lost if it goes: `use:unsaved` on a form that closes once
 * saved (an editor, an Add form) or empties once saved (an action item), and
 * `use:unsaved={{ saved }}` on one that stays filled (see [`Unsaved`]). */
export function unsaved(form: HTMLElement, options: Unsaved = {}): ActionReturn<Unsaved | undefined> {
  const t: Tracked = { form, ...options, start: new Map() };
  // A field is reached by the focus, by a press that may not focus it (a radio or a box
  // clicked on its label, which WebKit on macOS does not focus), or by typing into the
  // field that kept the focus through a save: each time before it changes.
  const reached = (event: Event) => {
    const target = event.target instanceof Element ? event.target : null;
    const el = counts(t, target) ? target : (target?.closest("label")?.control ?? null);
    if (counts(t, el) && !t.start.has(el)) t.start.set(el, valueOf(el));
  };
  const events = ["focusin", "pointerdown", "beforeinput"];
  for (const e of events) form.addEventListener(e, reached, true);
  tracked.add(t);
  return {
    update(next = {}) {
      t.only = next.only;
      if (next.saved !== t.saved) {
        t.saved = next.saved;
        t.start.clear();
      }
    },
    destroy() {
      for (const e of events) form.removeEventListener(e, reached, true);
      tracked.delete(t);
    },
  };
}

/** Says the fields inside `part` hold what is stored: a row of the score grid saved on
 * its own while others may still hold typing, or a field filled again from what was read. */
export function settled(part: Element) {
  for (const t of tracked) for (const el of [...t.start.keys()]) if (part.contains(el)) t.start.delete(el);
}

/** The field that first differs from how the person found it, in each form holding
 * changes not saved, in the order of the page: on the whole screen, or inside `scope`. */
export function changedFields(scope: Element | null = null): HTMLElement[] {
  const found: HTMLElement[] = [];
  for (const t of tracked) {
    if (!t.form.isConnected || (scope && !scope.contains(t.form))) continue;
    const changed = [...t.form.querySelectorAll("input, select, textarea")].find(
      (el): el is HTMLElement => counts(t, el) && t.start.has(el) && t.start.get(el) !== valueOf(el),
    );
    if (changed) found.push(changed);
  }
  return found.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
}

/** A field Ladder fills from what it reads (a meeting's next date, the suggested
 * verdict) that the person may also type into. `refill(value)` puts the value read in it
 * only while it still shows what was last filled there, so typing stays when the record
 * is read again, and says the field then holds nothing unsaved (`field`: the field, or
 * the form holding only it). `saved(value)`: a value just saved counts as filled, so the
 * field shows what is stored from then on. */
export function refillable<T>(read: () => T, write: (value: T) => void, field: () => Element | null) {
  let last: { value: T } | null = null;
  return {
    refill(value: T) {
      if (last === null || read() === last.value) {
        write(value);
        const f = field();
        if (f) settled(f);
      }
      last = { value };
    },
    saved(value: T) {
      last = { value };
    },
  };
}

const saving = new Set<Promise<unknown>>();

/** A save begun as a field lost the focus (a meeting's notes): a move asked for while it
 * runs (the press on the sidebar that took the focus) waits for it, and so asks only if
 * it failed. Returns `save`. */
export function whileSaving<T>(save: Promise<T>): Promise<T> {
  saving.add(save);
  const done = () => saving.delete(save);
  save.then(done, done);
  return save;
}

/** Settles once every save begun by a field losing the focus has ended, or null when none runs. */
export function savesRunning(): Promise<unknown> | null {
  return saving.size > 0 ? Promise.allSettled([...saving]) : null;
}
