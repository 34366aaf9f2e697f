// The provider arguments of the official Genesys provider, built from the stack config by the pure
// planner (planner/providers.ts), which the review calls too: what the program registers and what
// the review compares are one implementation.
export { DEFAULT_READ_RETRY_TIMEOUT, providerArgs } from "../planner/providers";
