import { z } from "zod";
import { RateLimitConfigSchema } from "./rateLimit";

/**
 * Fault injection settings. Faults apply to /api/v2/* and /oauth/* requests only: never to the
 * admin endpoints (/__emulator/*) nor to the unauthenticated upload PUT (/uploads/*).
 */
export const FaultConfigSchema = z
  .object({
    /** Fixed delay added before answering each faultable request. */
    latencyMs: z.number().int().min(0).max(60_000).default(0),
    /** How long an uploaded job stays "Started" before it completes. */
    jobCompletionDelayMs: z.number().int().min(0).max(3_600_000).default(0),
    /** Share (0..1) of faultable requests answered 429 with a Retry-After header. */
    rateLimitShare: z.number().min(0).max(1).default(0),
    /** Retry-After value in seconds sent with injected 429s. */
    retryAfterSeconds: z.number().int().min(0).max(3600).default(1),
    /** Share (0..1) of faultable requests answered 503. */
    unavailableShare: z.number().min(0).max(1).default(0),
    /** A per-client request budget modelled on Genesys's documented limits (rateLimit.ts); none by default. */
    rateLimit: RateLimitConfigSchema.optional(),
    /** Seed of the pseudo-random generator deciding 429/503: same seed, same sequence. */
    seed: z.number().int().default(1),
    /** Publish jobs for these flow names fail with the given message. */
    jobFailures: z
      .array(
        z.object({
          flowName: z.string().min(1),
          message: z.string().min(1).default("Injected publish failure"),
        }),
      )
      .default([]),
    /** Flows with these names are locked by another user (applied to the org when set). */
    locks: z
      .array(
        z.object({
          flowName: z.string().min(1),
          flowType: z.string().optional(),
          userName: z.string().min(1).default("Another Architect"),
          userId: z.string().min(1).default("00000000-0000-4000-8000-00000000beef"),
        }),
      )
      .default([]),
    /** Execution data download jobs end Failed instead of Success (GetFlowExecutionDataJobResult.jobState). */
    executionDataJobsFail: z.boolean().default(false),
    /** Status the dependency tracking build route reports instead of OPERATIONAL (a stale or unbuilt index). */
    dependencyTrackingStatus: z
      .enum(["BUILDINITIALIZING", "BUILDINPROGRESS", "NOTBUILT", "OPERATIONALNEEDSREBUILD"])
      .optional(),
  })
  .strict()
  .refine((f) => f.rateLimitShare + f.unavailableShare <= 1, {
    message: "rateLimitShare + unavailableShare must not exceed 1",
  });

export type FaultConfig = z.infer<typeof FaultConfigSchema>;
export type FaultConfigInput = z.input<typeof FaultConfigSchema>;

export function parseFaultConfig(input: unknown): FaultConfig {
  return FaultConfigSchema.parse(input ?? {});
}

/** mulberry32: a tiny, fast, seeded PRNG giving reproducible fault sequences. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type InjectedFault = { kind: "rate-limit"; retryAfterSeconds: number } | { kind: "unavailable" } | undefined;

/** Holds the current fault config and decides, deterministically, which requests fail. */
export class FaultInjector {
  private config: FaultConfig;
  private random: () => number;

  constructor(initial?: FaultConfigInput) {
    this.config = parseFaultConfig(initial);
    this.random = seededRandom(this.config.seed);
  }

  get current(): FaultConfig {
    return structuredClone(this.config);
  }

  /** Replace the config; the PRNG restarts from the config's seed. */
  set(config: FaultConfig): void {
    this.config = structuredClone(config);
    this.random = seededRandom(this.config.seed);
  }

  /** Draw for one faultable request. One draw per request keeps sequences reproducible. */
  draw(): InjectedFault {
    const { rateLimitShare, unavailableShare } = this.config;
    if (rateLimitShare === 0 && unavailableShare === 0) return undefined;
    const r = this.random();
    if (r < rateLimitShare) return { kind: "rate-limit", retryAfterSeconds: this.config.retryAfterSeconds };
    if (r < rateLimitShare + unavailableShare) return { kind: "unavailable" };
    return undefined;
  }

  jobFailureFor(flowName: string): string | undefined {
    return this.config.jobFailures.find((f) => f.flowName === flowName)?.message;
  }
}
