// One Node.js version: package.json `engines`, .nvmrc (what CI and the machine run), the
// workflows and the README agree, and every package npm ci installs (package-lock.json) accepts
// every Node version our `engines` admits.
import * as fs from "node:fs";
import * as path from "node:path";
import * as semver from "semver";
import * as YAML from "yaml";

const root = path.resolve(__dirname, "../..");
const read = (p: string) => fs.readFileSync(path.join(root, p), "utf8");

const engines = (JSON.parse(read("package.json")) as { engines: { node: string } }).engines.node;
const nvmrc = read(".nvmrc").trim();

interface LockPackage {
  version?: string;
  engines?: { node?: string } | string[];
  link?: boolean;
}

describe("one Node.js version", () => {
  it("package.json engines is a valid range and .nvmrc's major satisfies it", () => {
    expect(semver.validRange(engines)).not.toBeNull();
    expect(nvmrc).toMatch(/^\d+(\.\d+){0,2}$/);
    // .nvmrc names a major (e.g. 20): the newest release of it must be admitted.
    expect(semver.intersects(engines, `^${nvmrc}`)).toBe(true);
  });

  it("every installed package accepts every Node version package.json engines admits", () => {
    const lock = JSON.parse(read("package-lock.json")) as { packages: Record<string, LockPackage> };
    const refusing: string[] = [];
    for (const [where, pkg] of Object.entries(lock.packages)) {
      if (where === "" || pkg.link) continue;
      const range = Array.isArray(pkg.engines) ? undefined : pkg.engines?.node;
      if (!range) continue;
      if (!semver.subset(engines, range)) refusing.push(`${where}@${pkg.version}: engines.node "${range}"`);
    }
    expect(refusing).toEqual([]);
  });

  it("the lock file's root entry carries the same engines as package.json", () => {
    const lock = JSON.parse(read("package-lock.json")) as { packages: Record<string, LockPackage> };
    expect((lock.packages[""].engines as { node: string }).node).toBe(engines);
  });

  it("every workflow sets up Node from .nvmrc, never a version of its own", () => {
    const dir = path.join(root, ".github/workflows");
    const files = fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
    expect(files.length).toBeGreaterThan(0);
    let setups = 0;
    for (const file of files) {
      const wf = YAML.parse(fs.readFileSync(path.join(dir, file), "utf8")) as {
        jobs: Record<string, { steps?: { uses?: string; with?: Record<string, unknown> }[] }>;
      };
      for (const [job, def] of Object.entries(wf.jobs)) {
        for (const step of def.steps ?? []) {
          if (!step.uses?.startsWith("actions/setup-node@")) continue;
          setups++;
          expect({ file, job, with: step.with }).toEqual({
            file,
            job,
            with: expect.objectContaining({ "node-version-file": ".nvmrc" }),
          });
          expect(step.with?.["node-version"]).toBeUndefined();
        }
      }
    }
    expect(setups).toBeGreaterThan(0);
  });

  it("the README states the same requirement", () => {
    const readme = read("README.md");
    expect(readme).toContain(`Node.js \`${engines}\``);
  });
});
