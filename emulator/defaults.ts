// The emulator's defaults, apart from its server: a command that only asks whether an emulator
// answers (emulator/localStack.ts) reads the token without loading the API it serves.
export const DEFAULTS = {
  port: 0,
  accessToken: "local-emulator-token",
  clientId: "local-emulator-client",
  clientSecret: "local-emulator-secret",
  strict: false,
  /** 5 MiB: request bodies (uploads included) above this get 413. */
  maxBodyBytes: 5 * 1024 * 1024,
} as const;
