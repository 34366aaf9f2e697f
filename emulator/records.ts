// The records a store of the emulator keeps by id and persists with the store (store.ts's state
// file): loaded from it, written back sorted by id, cleared by a reset. Each store adds its API.

export class Records<R extends { id: string }> {
  protected records = new Map<string, R>();

  constructor(protected readonly onChange: () => void) {}

  load(records: readonly R[]): void {
    this.records = new Map(records.map((r) => [r.id, structuredClone(r)]));
  }

  snapshot(): R[] {
    return structuredClone([...this.records.values()].sort((a, b) => a.id.localeCompare(b.id)));
  }

  clear(): void {
    this.records.clear();
    this.onChange();
  }
}
