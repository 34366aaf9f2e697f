// The tokens one sign-in sends its requests with. Genesys budgets requests per token (300 a minute
// for a client-credentials token; assumption tokenBudgets, docs/assumptions.md), and an OAuth client
// may hold several, as the provider's pool does (`token_pool_size`). A run's own requests (the claims
// on new names, four a new flow; the ownership and org-reference reads; verify) went through one:
// a first deploy of 250 flows spent minutes of that one budget while the provider published through
// its own (bench/results/2026-11-28T14-01-21-900Z-cascade-8b4b3bfc4c1f.md, its set-up first up).
//
// So a sign-in with client credentials starts with one token and grants another only when every
// token it holds has spent what its budget admits now (a run within one budget signs in once), one
// grant at a time, up to `max` (planner/publishers.ts programTokens). A new token starts with the
// budget its siblings announced. A failed grant stops the growth; an access token is always one.
import { budgetFor, type RequestBudget } from "./requestBudget";

export interface PooledToken {
  token: string;
  budget: RequestBudget;
}

export interface TokenPoolOptions {
  /** The first token's budget (default: budgetOf it). */
  budget?: RequestBudget;
  /** Grants one more token of the same client; absent: the pool is the one token. */
  grant?: () => Promise<string>;
  /** The most tokens held (default 1). */
  max?: number;
  /** A token's budget (default: the one this process keeps for it, org/requestBudget.ts budgetFor). */
  budgetOf?: (token: string) => RequestBudget;
}

export class TokenPool {
  private readonly held: PooledToken[];
  private readonly budgetOf: (token: string) => RequestBudget;
  private max: number;
  private growing: Promise<void> | undefined;

  constructor(
    apiBase: string,
    first: string,
    private readonly options: TokenPoolOptions = {},
  ) {
    this.budgetOf = options.budgetOf ?? ((token) => budgetFor(apiBase, token));
    this.held = [{ token: first, budget: options.budget ?? this.budgetOf(first) }];
    this.max = options.grant ? Math.max(1, Math.floor(options.max ?? 1)) : 1;
  }

  /** The tokens held now (the first is the sign-in's own). */
  get size(): number {
    return this.held.length;
  }

  /**
   * A token whose budget admitted one request (`observe` its answer on that budget, or `abandon`
   * it): one that admits at once, else a new one while the pool may grow, else the least queued.
   */
  async acquire(): Promise<PooledToken> {
    for (;;) {
      const free = this.held.find((t) => t.budget.admitsNow());
      if (free) return free.budget.acquire().then(() => free);
      if (this.held.length >= this.max) break;
      await (this.growing ??= this.grow().finally(() => (this.growing = undefined)));
    }
    const least = this.held.reduce((a, b) => (b.budget.queued < a.budget.queued ? b : a));
    return least.budget.acquire().then(() => least);
  }

  private async grow(): Promise<void> {
    const token = await this.options.grant!().catch(() => undefined);
    if (token === undefined) return void (this.max = this.held.length); // refused or failed: the held tokens carry on
    const budget = this.budgetOf(token);
    const allowed = this.held[0].budget.allowed;
    if (allowed !== undefined) budget.assume(allowed);
    this.held.push({ token, budget });
  }
}
