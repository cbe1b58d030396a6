// Keyboard conventions shared by every screen.

import type { ActionReturn } from "svelte/action";
import { nav } from "./nav.svelte";

/** A control the person last clicked or moved the focus to, with the elements around it
 * then (nearest first): what opened a form, once the form asks. */
interface Opener {
  el: HTMLElement;
  around: Element[];
  at: number;
  /** Its place among the controls on the page alike to it ([`alike`]), and how many
   * there were: one of a list's Edit buttons. */
  nth: number;
  of: number;
}

/** The controls on the page of the same kind, test id and label as `el`, in page order. */
function alike(el: HTMLElement): HTMLElement[] {
  const same = (e: HTMLElement) => e.dataset.testid === el.dataset.testid && e.textContent?.trim() === el.textContent?.trim();
  return [...document.querySelectorAll<HTMLElement>(el.tagName)].filter(same);
}

/** The few controls last used, latest last. More than one, because a form that takes
 * the focus as it opens (autofocus) is itself used before it asks who opened it. */
const recent: Opener[] = [];

function used(event: Event) {
  const el = event.target instanceof Element ? event.target.closest<HTMLElement>("button, a, input, select, textarea, [tabindex]") : null;
  if (!el) return;
  const around: Element[] = [];
  for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) around.push(a);
  const likes = alike(el);
  recent.push({ el, around, at: Date.now(), nth: likes.indexOf(el), of: likes.length });
  if (recent.length > 4) recent.shift();
}

/** Ctrl+Enter (⌘+Enter on a Mac) in a text area or a drop-down sends its form, as Enter
 * does from a one-line field: a form of a choice and a text area (a decision and its
 * rationale, a requirement's status and evidence) has no field where Enter would. */
function submitOnCtrlEnter(event: KeyboardEvent) {
  if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey) || event.defaultPrevented) return;
  const field = event.target;
  if (!(field instanceof HTMLTextAreaElement || field instanceof HTMLSelectElement)) return;
  const form = field.form;
  if (!form) return;
  event.preventDefault();
  // Held down, the key repeats: one press sends once. A form whose submit button is
  // disabled (its save on its way) is not sent, as Enter would not send it.
  const submit = form.querySelector<HTMLButtonElement>("button[type=submit], button:not([type])");
  if (event.repeat || submit?.disabled) return;
  form.requestSubmit();
}

if (typeof document !== "undefined") {
  // Capture: a click handler may take its control away before the event bubbles up.
  document.addEventListener("click", used, true);
  document.addEventListener("focusin", used, true);
  document.addEventListener("keydown", submitOnCtrlEnter);
}

/** Puts the focus back on what opened a form that has closed, unless the person has
 * already put it somewhere. The control that opened it is often gone, drawn again once
 * the form closed (it hides while the form shows): its like is then looked for in
 * `scope`, the nearest element that held both the control and the form. It is the one
 * control there of that kind, label and test id; or, of several (a list's Edit buttons,
 * the row drawn again whole), the one at the opener's place, while the page holds as many
 * as it did (none was removed or added). When the scope has gone too (the row was
 * archived), nothing is focused: anywhere wider, the like found would be a neighbour's
 * (another row's Archive). */
function refocus(opener: Opener, scope: Element | undefined) {
  const now = document.activeElement;
  if (now && now !== document.body) return;
  if (opener.el.isConnected) return opener.el.focus();
  if (!scope?.isConnected) return;
  const likes = alike(opener.el);
  const inScope = likes.filter((e) => scope.contains(e));
  if (inScope.length === 1) return inScope[0].focus();
  const atItsPlace = likes.length === opener.of ? likes[opener.nth] : undefined;
  if (atItsPlace && scope.contains(atItsPlace)) atItsPlace.focus();
}

/** How soon after its control is used a form shows: at once, as the screen is drawn
 * again; the margin is for a slow machine. */
const OPENS_WITHIN_MS = 1000;

/** A form, or a question asked before a change is made, that a control opened:
 * `use:dismissible={cancel}`. As it opens it takes the focus (unless something in it
 * already has it) into what is marked autofocus, or else its first field: the
 * control that opened it may be gone, or still there and holding the focus. Escape
 * does what its Cancel (or Keep) button does, after asking "Discard changes?" when the
 * form holds typing not saved; and once it closes, by any button or key, the focus goes
 * back to what opened it, so a person at the keyboard carries on from there rather than
 * from the top of the page. */
export function dismissible(node: HTMLElement, cancel: () => void): ActionReturn<() => void> {
  // A form shown without being asked for (say, on an empty screen) has no opener.
  const opener = recent.filter((o) => !node.contains(o.el) && Date.now() - o.at < OPENS_WITHIN_MS).at(-1);
  const scope = opener?.around.find((a) => a.contains(node));
  // After the form is drawn. Svelte's own autofocus only takes the focus from the page
  // itself, not from an opener that stays (a row's Remove).
  if (opener)
    queueMicrotask(() => {
      if (!node.isConnected || node.contains(document.activeElement)) return;
      const first =
        node.querySelector<HTMLElement>("[autofocus]") ??
        node.querySelector<HTMLElement>("input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea");
      first?.focus();
    });
  const keydown = (event: KeyboardEvent) => {
    // An input method's candidate window takes Escape first.
    if (event.key !== "Escape" || event.isComposing) return;
    event.preventDefault();
    nav.discard(() => cancel(), node);
  };
  node.addEventListener("keydown", keydown);
  return {
    update(next) {
      cancel = next;
    },
    destroy() {
      node.removeEventListener("keydown", keydown);
      // After the screen is drawn without the form, and with the opener back.
      if (opener) setTimeout(() => refocus(opener, scope));
    },
  };
}
