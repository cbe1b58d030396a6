// Keyboard conventions shared by every screen.

/** A form's keydown handler: Escape does what its Cancel button does. */
export function cancelOnEscape(cancel: () => void): (event: KeyboardEvent) => void {
  return (event) => {
    if (event.key !== "Escape") return;
    event.preventDefault();
    cancel();
  };
}
