/** Cleanup actions, run once in reverse order of registration, whether the demo succeeds, fails or is interrupted. */
export class Cleanup {
  private readonly actions: { name: string; run: () => Promise<void> }[] = [];
  private done: Promise<void> | undefined;

  add(name: string, run: () => Promise<void>): void {
    this.actions.push({ name, run });
  }

  /** Runs every action even when one fails; a second call returns the first call's promise. */
  run(): Promise<void> {
    this.done ??= this.runActions();
    return this.done;
  }

  private async runActions(): Promise<void> {
    for (const action of [...this.actions].reverse()) {
      try {
        await action.run();
      } catch (error) {
        console.error(`Cleanup step "${action.name}" failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}
