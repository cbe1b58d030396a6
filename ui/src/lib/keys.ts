// Keyboard conventions shared by every screen.

/** A form's keydown handler: Escape does what its Cancel button does. */
export function cancelOnEscape(cancel: () => void): (event: KeyboardEvent) => void {
  return (event) => {
    // An input method's candidate window takes Escape first.
    if (event.key !== "Escape" || event.isComposing) return;
    event.preventDefault();
    cancel();
  };
}
