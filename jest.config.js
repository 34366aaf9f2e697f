// Test tiers (see README): unit and policy are pure and fast; emulator starts real
// HTTP servers on 127.0.0.1; e2e drives the real Pulumi engine against the emulator; render draws
// diagrams with Mermaid in a headless Chromium and measures them; conformance checks the emulator against
// Genesys's published API spec; provider runs the official provider's own acceptance tests against it.
const tsJest = ["ts-jest", { tsconfig: "tsconfig.json" }];
const tier = (name, extra = {}) => ({
  displayName: name,
  testEnvironment: "node",
  roots: [`<rootDir>/test/${name}`],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": tsJest },
  ...extra,
});
module.exports = {
  projects: [tier("unit"), tier("policy"), tier("emulator"), tier("mutation"), tier("e2e"), tier("agreement"), tier("render"), tier("conformance"), tier("provider")],
};
