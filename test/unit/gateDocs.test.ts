// What makes the gate binding is written down and wired: CODEOWNERS covers what decides a deploy,
// and the docs say how to publish and enforce the pack (docs/policy-pack.md), which checks to
// require, and how to read every preflight error (docs/troubleshooting.md); the names they document
// are the ones the scripts implement.
import * as fs from "node:fs";
import * as path from "node:path";
import * as YAML from "yaml";

const ROOT = path.resolve(__dirname, "../..");
const read = (p: string) => fs.readFileSync(path.join(ROOT, p), "utf8");
/** A `## title` section of a page under docs/. */
function section(page: string, title: string): string {
  const text = read(`docs/${page}`);
  const start = text.indexOf(`\n## ${title}\n`);
  expect(start).toBeGreaterThan(-1);
  const end = text.indexOf("\n## ", start + 1);
  return text.slice(start, end < 0 ? undefined : end);
}

describe(".github/CODEOWNERS", () => {
  const rules = read(".github/CODEOWNERS")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"))
    .map((l) => {
      const [pattern, ...owners] = l.split(/\s+/);
      return { pattern, owners };
    });

  it.each(["/policies/", "/flows/", "/Pulumi.prod.yaml", "/.github/"])("%s has owners", (pattern) => {
    const rule = rules.find((r) => r.pattern === pattern);
    expect(rule?.owners.length).toBeGreaterThan(0);
    for (const o of rule!.owners) expect(o).toMatch(/^@[\w.-]+(\/[\w.-]+)?$/);
  });

  it("every pattern names something that exists (a typo would protect nothing)", () => {
    for (const { pattern } of rules)
      expect({ pattern, exists: fs.existsSync(path.join(ROOT, pattern)) }).toEqual({ pattern, exists: true });
  });

  it("the workflows and CODEOWNERS itself are covered", () => {
    const covered = (file: string) => rules.some((r) => file.startsWith(r.pattern.replace(/^\//, "")));
    for (const f of fs.readdirSync(path.join(ROOT, ".github/workflows")))
      expect(covered(`.github/workflows/${f}`)).toBe(true);
    expect(covered(".github/CODEOWNERS")).toBe(true);
  });
});

describe('docs/policy-pack.md "Making the gate binding"', () => {
  const text = section("policy-pack.md", "Making the gate binding");

  it("publishes the pack and enforces it in a policy group with the stack's config", () => {
    expect(text).toContain("policy publish");
    expect(text).toMatch(
      /policy enable <org>\/genesys-flows \S+ --policy-group \S+ --config policies\/config\/prod\.json/,
    );
    expect(text).toContain("--add-stack genesys-flows/prod");
    expect(read("policies/policyPack.ts")).toContain('new PolicyPack("genesys-flows"');
  });

  it("names required status checks that exist, branch protection, code owners and environments with reviewers", () => {
    expect(text).toContain("Required status checks");
    expect(text).toContain("Require review from Code Owners");
    expect(text).toContain(".github/CODEOWNERS");
    expect(text).toContain("required reviewers");
    const jobs = Object.keys((YAML.parse(read(".github/workflows/pull-request.yml")) as { jobs: object }).jobs);
    for (const check of ["lint", "toolchain", "preview"]) {
      expect(text).toContain(`\`${check}`);
      expect(jobs).toContain(check);
    }
    const deploy = YAML.parse(read(".github/workflows/deploy.yml")) as {
      jobs: Record<string, { environment?: string }>;
    };
    expect(deploy.jobs.prod.environment).toBe("production");
    expect(text).toContain("`production`");
  });
});

describe("the docs and scripts agree", () => {
  it("the documented way out of the policy gate is the one tools/policyGate.sh implements", () => {
    const gate = read("tools/policyGate.sh");
    for (const name of ["--without-policy-pack", "GENESYS_FLOWS_WITHOUT_POLICY_PACK"]) {
      expect(gate).toContain(name);
      expect(read("docs/commands.md")).toContain(name);
    }
  });

  it("Troubleshooting explains every preflight check by the name it prints", () => {
    const troubleshooting = section("troubleshooting.md", "Troubleshooting");
    expect(troubleshooting).toContain('preflight for stack "<s>" failed');
    for (const check of ["backend", "passphrase", "credentials", "region", "reachability"])
      expect(troubleshooting).toContain(`\`[${check}]`);
    expect(read("org/problem.ts")).toContain('"backend" | "passphrase" | "credentials" | "region" | "reachability"');
  });

  it("the CI section says which way previews are kept from prod write credentials", () => {
    const ci = section("ci.md", "CI workflows");
    expect(ci).toContain("read-only OAuth clients");
    expect(ci).toContain("GENESYSCLOUD_OAUTHCLIENT_SECRET_PROD_READONLY");
  });
});
