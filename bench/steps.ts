// The names of a benchmark run's projects and steps, shared by the plan (bench/config.ts), the rules
// (bench/targets.ts) and the report (bench/run.ts). Types only.

export type StepName =
  | "preview"
  | "up-first"
  | "preview-noop"
  | "up-noop"
  | "up-noop-traced"
  | "up-module-change"
  // The cascade round (--cascade): a change to Lookup, the module every caller reaches.
  | "up-module-change-all"
  | "start-deployed"
  // Issue 63.3: `npm start` on a copy of the project as shipped (its example portfolio, routing and
  // local stack file): the first deploys it, the second is the no-op the target times.
  | "start-shipped-first"
  | "start-shipped-noop"
  // Issue 25's read cost: ours' preview of a change reaching every flow (the check reads the org for
  // the flows a run publishes: all of them here), with the org-reference check and with it skipped
  // (genesys-flows:skipOrgReferenceCheck), alternated ORG_CHECK_PAIRS times.
  | "preview-change-org-check"
  | "preview-change-no-org-check"
  // Issue 78.3, the no-op without the engine: ours through the command line as a person runs it.
  // `npm run up` once (the engine runs and the fingerprint is recorded), then `npm run preview` and
  // `npm run up` alternated NOOP_RUNS times, each answered without starting Pulumi.
  | "up-noop-cli"
  | "preview-noop-fast"
  | "up-noop-fast"
  // Issue 101: the same on a PostgreSQL backend (testkit/postgres.ts), the stack's state moved there.
  | "up-noop-cli-postgres"
  | "preview-noop-fast-postgres"
  | "up-noop-fast-postgres"
  // Issue 90.5: a team's repository as `genesys-flows init` writes it on the packed tool: its first
  // `npm start`, the no-op `npm start` after it, and its `npm test`.
  | "team-start-first"
  | "team-start-noop"
  | "team-test";

/**
 * ours = this project (model, components, policy pack); baseline = the same compiled files as bare
 * `genesyscloud.Flow` resources; floor = the baseline gated by a policy pack with no rules (what any
 * design that gates with CrossGuard pays); floor-components = the floor with one component resource
 * per flow, the Flow its child (the design card's shape at Pulumi's own price, nothing of ours in
 * it); terraform = OpenTofu, bare `genesyscloud_flow` resources; terraform-tuned = the same with
 * the settings a team would tune (the cascade round, bench/targets.ts CASCADE_TOFU).
 */
export type ProjectName = "ours" | "baseline" | "floor" | "floor-components" | "terraform" | "terraform-tuned";
