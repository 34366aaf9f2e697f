// Genesys's budget of requests per token, kept on our side of the wire: a client that sends only
// what its token's budget admits is never answered 429.
//
// Genesys budgets requests per OAuth token (300 a minute by default for a client-credentials token;
// emulator/rateLimit.ts quotes the limits page) and says so on its answers: `inin-ratelimit-allowed`
// (the budget a minute) and `inin-ratelimit-count` (what the token has used of it). A run's guards
// read the org from many hooks at once on the program's one token (a cascade of 250 callers reads
// each of them before its publish), more than a minute's budget in a few seconds; Genesys would
// refuse the excess with 429 and a Retry-After, which the client honours (org/client.ts), but the
// limit is one to respect, not to probe. So the client paces itself:
//
// - Until an answer says whether the token has a budget, requests go as they come (the first is the
//   sign-in's own read). An answer without the headers: no budget is announced, nothing is paced.
// - Once an answer announces one, requests are admitted from a bucket of `allowed` requests that
//   refills at `allowed` a minute, and never holds more than the org says is left (allowed −
//   count, less the requests on their way to it): whichever way Genesys counts its minute (a
//   window, or a refill), the client stays within the stricter of the two. A request waits, in
//   order, until the bucket admits it.
//
// One budget per token (and API base) in this process, however many clients share the token.
import { createHash } from "node:crypto";

export interface BudgetClock {
  now(): number;
  /** Calls `fn` after `ms` (a timer); returns a cancel. */
  after(ms: number, fn: () => void): () => void;
}

const REAL_CLOCK: BudgetClock = {
  now: () => Date.now(),
  after: (ms, fn) => {
    // Ref'd: a request waiting for the budget is work its caller awaits. Unref'd, a command whose
    // every request waited (`import --from-org` of a thousand flows on 300 a minute) had nothing else
    // keeping Node alive and exited 0 mid-way, silently, having written nothing (the adoption round).
    const t = setTimeout(fn, ms);
    return () => clearTimeout(t);
  },
};

export class RequestBudget {
  private state: "unknown" | "none" | "budgeted" = "unknown";
  /** Requests admitted a millisecond, once budgeted. */
  private perMs = 0;
  private capacity = 0;
  private tokens = 0;
  private atMs = 0;
  /** Requests admitted and not answered yet: the org has not counted them in what it says is left. */
  private inFlight = 0;
  private readonly waiting: Array<() => void> = [];
  private cancelTimer: (() => void) | undefined;

  constructor(private readonly clock: BudgetClock = REAL_CLOCK) {}

  /** Resolves when the budget admits one more request, and spends it for that request; then `observe` its answer, or `abandon` it. */
  acquire(): Promise<void> {
    if (this.state !== "budgeted") {
      this.inFlight++;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.admit();
    });
  }

  /** A request admitted that got no answer (it never reached the org, or timed out). */
  abandon(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
  }

  /** What the answer to an admitted request said of the token's budget (its headers, lower-case names). */
  observe(headers: Readonly<Record<string, string>> | undefined): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    const allowed = Number(headers?.["inin-ratelimit-allowed"]);
    const count = Number(headers?.["inin-ratelimit-count"]);
    if (!(Number.isFinite(allowed) && allowed > 0)) {
      if (this.state === "unknown") this.state = "none";
      return;
    }
    // What the org says is left, less what is on its way to it (admitted after this request, not counted yet).
    const left = (Number.isFinite(count) ? Math.max(0, allowed - count) : allowed) - this.inFlight;
    if (this.state !== "budgeted") {
      this.state = "budgeted";
      this.tokens = left;
      this.atMs = this.clock.now();
    } else {
      this.refill();
      this.tokens = Math.min(this.tokens, left);
    }
    this.capacity = allowed;
    this.perMs = allowed / 60_000;
    this.admit();
  }

  /** Requests waiting for the budget now. */
  get queued(): number {
    return this.waiting.length;
  }

  /** Whether `acquire` would admit a request at once: no budget announced, or one left and none waiting. */
  admitsNow(): boolean {
    if (this.state !== "budgeted") return true;
    this.refill();
    return this.waiting.length === 0 && this.tokens >= 1;
  }

  /** The budget a minute the org announced for this token (undefined until an answer says). */
  get allowed(): number | undefined {
    return this.state === "budgeted" ? this.capacity : undefined;
  }

  /** A new token of the same client, before its first answer: its sibling's budget, all of it left, so a burst to it is paced. */
  assume(allowed: number): void {
    if (this.state === "budgeted" || !(allowed > 0)) return;
    this.state = "budgeted";
    this.capacity = allowed;
    this.perMs = allowed / 60_000;
    this.tokens = allowed - this.inFlight;
    this.atMs = this.clock.now();
  }

  private refill(): void {
    const now = this.clock.now();
    this.tokens = Math.min(this.capacity, this.tokens + Math.max(0, now - this.atMs) * this.perMs);
    this.atMs = now;
  }

  private admit(): void {
    if (this.state !== "budgeted") {
      for (const go of this.waiting.splice(0)) go();
      return;
    }
    this.refill();
    while (this.waiting.length > 0 && this.tokens >= 1) {
      this.tokens -= 1;
      this.inFlight++;
      this.waiting.shift()!();
    }
    if (this.waiting.length > 0 && this.cancelTimer === undefined) {
      const ms = Math.max(1, Math.ceil((1 - this.tokens) / this.perMs));
      this.cancelTimer = this.clock.after(ms, () => {
        this.cancelTimer = undefined;
        this.admit();
      });
    }
  }
}

const budgets = new Map<string, RequestBudget>();

/** The budget of `token` at `apiBase` in this process (the token itself is not kept). */
export function budgetFor(apiBase: string, token: string): RequestBudget {
  const key = `${apiBase} ${createHash("sha256").update(token).digest("hex")}`;
  let b = budgets.get(key);
  if (!b) budgets.set(key, (b = new RequestBudget()));
  return b;
}
