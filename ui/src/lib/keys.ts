// Keyboard conventions shared by every screen.

/** The keydown handler of a form, or of a question asked before a change is made:
 * Escape does what its Cancel (or Keep) button does. */
export function cancelOnEscape(cancel: () => void): (event: KeyboardEvent) => void {
  return (event) => {
    // An input method's candidate window takes Escape first.
    if (event.key !== "Escape" || event.isComposing) return;
    event.preventDefault();
    cancel();
  };
}
