// A write started from a button or a form's Enter, one at a time. While it is on its way
// the button is disabled (so a second Enter does not submit either) and another press
// does nothing: a double click cannot add an action item, a rating or an assessment
// twice, and the core cannot tell such twins from two records meant.

export class Pending {
  busy = $state(false);

  /** Runs `work` unless one is already running; the button reads `busy`. */
  async run(work: () => Promise<unknown>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      await work();
    } finally {
      this.busy = false;
    }
  }
}
