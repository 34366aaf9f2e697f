// A flow of the plan as every reader of a plan sees it (waves, impact, the run's account, rollback,
// people's changes): the fields of planner/portfolio.ts PlannedFlow they share, without the model
// and the compiled text. A reader that needs fewer fields takes a Pick of it, so its tests build
// only those, and a field means the same thing everywhere. Pure data.

export interface FlowRef {
  id: string;
  file: string;
  publishedName: string;
  isModule: boolean;
  /** Ids of the modules it calls directly. */
  calls: readonly string[];
  /** SHA-256 (hex) of its compiled content as the stack publishes it. */
  contentRevision: string;
  /** SHA-256 of the content and of the revisions of every module it calls (transitively). */
  revision: string;
}
