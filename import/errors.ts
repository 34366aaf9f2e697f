// An Archy file the importer cannot turn into a flow model, located in the Archy file.
export class ImportError extends Error {
  constructor(
    readonly file: string,
    /** YAML path in the Archy file, e.g. inboundCall.tasks[0].task.actions[2]. */
    readonly path: string,
    readonly line: number | undefined,
    readonly reason: string,
    /**
     * "unsupported": the file may well be valid Archy, but the model cannot express it (a flow type
     * it has no kind for, a module for such a type): the import skips it with a warning, never
     * refuses it. "wanting": the import takes it once given what the message names (a value).
     */
    readonly verdict: "refused" | "unsupported" | "wanting" = "refused",
  ) {
    super(`${file}${line !== undefined ? `:${line}` : ""}: ${path ? `${path}: ` : ""}${reason}`);
    this.name = "ImportError";
  }
}
