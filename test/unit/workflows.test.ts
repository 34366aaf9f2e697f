// The CI workflows (.github/workflows/*.yml and the local actions they use), read as YAML: the
// properties actionlint cannot know about. actionlint itself runs in test/e2e/workflows.test.ts
// (it is built with the toolchain) and in the pull-request workflow.
import { findingLine } from "../../verify/render";
import type { VerifyFinding } from "../../verify/report";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as YAML from "yaml";
import { deployStacks } from "../../tools/ci/deployStacks";
import { tempProject } from "../../testkit/tempProject";
import { notCheckedReason, readOnlySecretNames } from "../../diff/reviewOrgState";

const ROOT = path.resolve(__dirname, "../..");
const WORKFLOWS = path.join(ROOT, ".github/workflows");
const TOOLCHAIN_ACTION = ".github/actions/toolchain/action.yml";
/** One comment per deploy stack, found by its marker. */
const MARKER = "<!-- genesys-flows:flow-diff:${{ matrix.stack }} -->";
const DEPLOY_STACKS = "${{ fromJSON(needs.stacks.outputs.stacks) }}";
const SAME_REPO = "github.event.pull_request.head.repo.full_name == github.repository";
const FORK = "github.event.pull_request.head.repo.full_name != github.repository";
/** The pins of genesys-flows: here, and in a team's repository under node_modules/genesys-flows (the same workflows run in both). */
const PINS = [
  "tools/toolchain/versions.env",
  "tools/toolchain/*/go.mod",
  "tools/toolchain/*/go.sum",
  "tools/toolchain/*/*.go",
  "tools/toolchain/*/*.js",
];
const CACHE_KEY = `genesys-flows-toolchain-\${{ runner.os }}-\${{ hashFiles(${[...PINS, ...PINS.map((p) => `node_modules/genesys-flows/${p}`)].map((p) => `'${p}'`).join(", ")}) }}`;
/** Genesys OAuth clients that can publish or delete flows (the read-only ones end in _READONLY). */
const WRITE_SECRET = /secrets\.GENESYSCLOUD_(OAUTHCLIENT_(ID|SECRET)|ACCESS_TOKEN)(_[A-Z]+)*\b(?<!_READONLY)/g;

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}
interface Job {
  if?: string;
  strategy?: { matrix?: Record<string, unknown>; "fail-fast"?: boolean };
  outputs?: Record<string, string>;
  needs?: string | string[];
  environment?: string | { name: string };
  env?: Record<string, unknown>;
  steps?: Step[];
  permissions?: Record<string, string>;
  concurrency?: { group: string; "cancel-in-progress": boolean };
}
interface Workflow {
  on: Record<string, unknown>;
  env?: Record<string, unknown>;
  concurrency?: { group: string; "cancel-in-progress": boolean };
  jobs: Record<string, Job>;
}

const files = fs.readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f));
const read = (rel: string) => fs.readFileSync(path.join(ROOT, rel), "utf8");
const workflow = (file: string) => YAML.parse(read(`.github/workflows/${file}`)) as Workflow;
const action = YAML.parse(read(TOOLCHAIN_ACTION)) as { runs: { using: string; steps: Step[] } };
const pr = workflow("pull-request.yml");
const deploy = workflow("deploy.yml");
const drift = workflow("drift.yml");

/** Every env mapping of a workflow (workflow, job and step level), with where it is. */
function envs(wf: Workflow): [string, Record<string, unknown>][] {
  const out: [string, Record<string, unknown>][] = [];
  if (wf.env) out.push(["workflow", wf.env]);
  for (const [name, job] of Object.entries(wf.jobs)) {
    if (job.env) out.push([`job ${name}`, job.env]);
    for (const s of job.steps ?? []) if (s.env) out.push([`job ${name} step ${s.name ?? s.uses ?? s.run}`, s.env]);
  }
  return out;
}
const environmentOf = (job: Job) => (typeof job.environment === "string" ? job.environment : job.environment?.name);
const steps = (job: Job) => job.steps ?? [];

it("the workflows read here are all there are", () => {
  expect(files.sort()).toEqual(["deploy.yml", "drift.yml", "pull-request.yml"]);
});

describe("paths", () => {
  it.each(files)("%s: no `~` in any env value (GitHub does not expand it there)", (file) => {
    for (const [where, env] of envs(workflow(file))) {
      for (const [key, value] of Object.entries(env))
        expect({ where, key, value }).toEqual({ where, key, value: expect.not.stringMatching(/(^|[:=\s])~/) });
    }
  });

  it("the provider cache dir comes from the toolchain step with an absolute path, never from a literal env value", () => {
    for (const file of files)
      for (const [, env] of envs(workflow(file))) expect(env).not.toHaveProperty("PULUMI_DYNAMIC_TF_PLUGIN_CACHE_DIR");
    const exportStep = action.runs.steps.find((s) => s.run?.includes("PULUMI_DYNAMIC_TF_PLUGIN_CACHE_DIR"));
    expect(exportStep?.run).toContain('eval "$(npm run --silent setup -- --quiet --print-env)"');
    expect(exportStep?.run).toContain('echo "PULUMI_DYNAMIC_TF_PLUGIN_CACHE_DIR=$PULUMI_DYNAMIC_TF_PLUGIN_CACHE_DIR"');
    expect(exportStep?.run).toContain('>> "$GITHUB_ENV"');
  });
});

describe("toolchain cache", () => {
  it("is restored and saved (right after the build) under a key made of the pins only", () => {
    const restore = action.runs.steps.find((s) => s.uses?.startsWith("actions/cache/restore@"));
    const save = action.runs.steps.find((s) => s.uses?.startsWith("actions/cache/save@"));
    expect(restore?.with).toEqual({ path: "~/.cache/genesys-flows", key: CACHE_KEY });
    expect(save?.with).toEqual({
      path: "~/.cache/genesys-flows",
      key: `\${{ steps.${"restore"}.outputs.cache-primary-key }}`,
    });
    expect(save?.if).toBe("steps.restore.outputs.cache-hit != 'true'");
    const order = action.runs.steps.map((s) => s.uses ?? s.run ?? "");
    const build = order.indexOf("npm run setup");
    expect(build).toBeGreaterThan(order.findIndex((s) => s.startsWith("actions/cache/restore@")));
    expect(build).toBeLessThan(order.findIndex((s) => s.startsWith("actions/cache/save@")));
  });

  it("the key's files exist (a pattern matching nothing would hash to a constant)", () => {
    expect(fs.existsSync(path.join(ROOT, "tools/toolchain/versions.env"))).toBe(true);
    const mods = fs
      .readdirSync(path.join(ROOT, "tools/toolchain"))
      .filter((d) => fs.existsSync(path.join(ROOT, "tools/toolchain", d, "go.mod")));
    expect(mods.sort()).toEqual([
      "actionlint",
      "genesys-provider",
      "language-host-shim",
      "language-nodejs",
      "opentofu",
      "provider-launcher",
      "pulumi-cli",
      "terraform-bridge",
    ]);
  });

  it("no workflow caches the toolchain its own way; every job that needs pulumi uses the action", () => {
    for (const file of files) {
      for (const [name, job] of Object.entries(workflow(file).jobs)) {
        for (const s of steps(job))
          expect({ file, name, uses: s.uses }).not.toEqual({
            file,
            name,
            uses: expect.stringMatching(/^actions\/cache(\/|@)/),
          });
        const needsPulumi = steps(job).some(
          (s) =>
            s.uses?.startsWith("pulumi/actions@") || /npm run (up|preview|down|lint:workflows)\b/.test(s.run ?? ""),
        );
        if (needsPulumi) expect(steps(job).map((s) => s.uses)).toContain("./.github/actions/toolchain");
      }
    }
  });
});

describe("pull requests", () => {
  it("one review per stack that deploy.yml deploys, read from deploy.yml (job stacks), never listed twice; the previews take the same list", () => {
    expect(deployStacks(read(".github/workflows/deploy.yml"))).toEqual(["dev", "prod"]);
    const read_ = steps(pr.jobs.stacks).find((s) => s.run?.includes("ci deploy-stacks"));
    expect(read_?.run).toBe('echo "stacks=$(npm run --silent cli -- ci deploy-stacks)" >> "$GITHUB_OUTPUT"');
    expect(pr.jobs.stacks.outputs).toEqual({ stacks: "${{ steps.read.outputs.stacks }}" });
    for (const job of ["review", "preview"]) {
      expect(pr.jobs[job].strategy?.matrix).toEqual({ stack: DEPLOY_STACKS });
      expect(pr.jobs[job].strategy?.["fail-fast"]).toBe(false); // one stack's problem leaves the others' reviews
      expect([pr.jobs[job].needs].flat()).toContain("stacks");
    }
    // No stack list written in the pull-request workflow.
    expect(read(".github/workflows/pull-request.yml")).not.toMatch(/\[\s*dev\s*,\s*prod\s*\]/);
  });

  it("each review is posted as its own comment per stack, found by a hidden marker and updated; never --edit-last; posted with its problems too", () => {
    for (const file of files) expect(read(`.github/workflows/${file}`)).not.toContain("--edit-last");
    const comment = steps(pr.jobs.review).find((s) => s.run?.includes("ci pr-comment"));
    expect(comment?.env?.MARKER).toBe(MARKER);
    expect(comment?.run).toContain('--marker "$MARKER"');
    expect(comment?.run).toContain("--body-file flow-diff.md");
    expect(comment?.if).toBe(`always() && ${SAME_REPO} && hashFiles('flow-diff.md') != ''`);
  });

  it("the review is flows:diff --stack of the matrix stack: the bounded comment linking this run, the full report and the JSON in an artifact per stack, forks too", () => {
    const reviewSteps = steps(pr.jobs.review);
    const diffStep = reviewSteps.findIndex((s) => s.run?.includes("flows:diff"));
    const run = reviewSteps[diffStep].run!;
    expect(reviewSteps[diffStep].env?.STACK).toBe("${{ matrix.stack }}");
    expect(run).toContain('--stack "$STACK"');
    expect(run).toContain("--comment flow-diff.md");
    expect(run).toContain('--report-url "$RUN_URL"');
    expect(run).toContain("--json flow-diff-report/review.json");
    expect(run).toContain("--out flow-diff-report/flow-diff.md --json");
    expect(run).toContain("--diagrams flow-diff-report/diagrams --images");
    // The review is written (summary, artifact, comment) before a problem fails the job.
    expect(run.trimEnd().endsWith('exit "$status"')).toBe(true);
    expect(reviewSteps[diffStep].env?.RUN_URL).toBe(
      "${{ github.server_url }}/${{ github.repository }}/actions/runs/${{ github.run_id }}",
    );
    const upload = reviewSteps.findIndex((s) => s.uses?.startsWith("actions/upload-artifact@"));
    expect(upload).toBeGreaterThan(diffStep);
    expect(reviewSteps[upload].with).toMatchObject({
      name: "flow-diff-report-${{ matrix.stack }}",
      path: "flow-diff-report/",
    });
    expect(reviewSteps[upload].if).toBe("always()");
    expect(reviewSteps.findIndex((s) => s.run?.includes("ci pr-comment"))).toBeGreaterThan(upload);
    expect(steps(pr.jobs.review)[0].with).toEqual({ "fetch-depth": 0 }); // the base ref is read with git
  });

  it("no pull-request job can reach a Genesys client that writes, nor the production environment", () => {
    expect(Object.keys(pr.on)).toEqual(["pull_request"]); // never pull_request_target
    const text = read(".github/workflows/pull-request.yml");
    expect(text.match(WRITE_SECRET) ?? []).toEqual([]);
    for (const job of Object.values(pr.jobs)) expect(environmentOf(job)).toBeUndefined();
    const preview = steps(pr.jobs.preview).find((s) => s.uses?.startsWith("pulumi/actions@"));
    expect(String(preview?.env?.GENESYSCLOUD_OAUTHCLIENT_SECRET)).toContain(
      "secrets.GENESYSCLOUD_OAUTHCLIENT_SECRET_PROD_READONLY",
    );
    expect(String(preview?.env?.GENESYSCLOUD_OAUTHCLIENT_SECRET)).toContain(
      "secrets.GENESYSCLOUD_OAUTHCLIENT_SECRET_DEV_READONLY",
    );
  });

  it("no pull-request job receives a secret that can write: Pulumi through a short-lived read-only team token, Genesys through read-only clients", () => {
    const text = read(".github/workflows/pull-request.yml");
    const secrets = [...text.matchAll(/secrets\.([A-Za-z0-9_]+)/g)].map((m) => m[1]);
    expect(secrets.length).toBeGreaterThan(0);
    expect(secrets.filter((s) => !s.endsWith("_READONLY"))).toEqual([]);
    // Neither set in an env mapping nor passed to an action (comments aside).
    expect(YAML.stringify(pr.jobs)).not.toMatch(/PULUMI_ACCESS_TOKEN|PULUMI_CONFIG_PASSPHRASE/);
    // The preview logs in with GitHub's OIDC id_token exchanged for a token of a Pulumi Cloud team
    // (README: a team whose stack permission is read), before any step that runs pulumi.
    const previewSteps = steps(pr.jobs.preview);
    const auth = previewSteps.findIndex((s) => s.uses?.startsWith("pulumi/auth-actions@"));
    expect(auth).toBeGreaterThanOrEqual(0);
    expect(previewSteps[auth].with).toMatchObject({
      "requested-token-type": "urn:pulumi:token-type:access_token:team",
    });
    expect(String(previewSteps[auth].with?.scope)).toBe("team:${{ vars.PULUMI_PREVIEW_TEAM }}");
    const firstPulumi = previewSteps.findIndex(
      (s) => s.uses?.startsWith("pulumi/actions@") || /npm run --silent verify|npm run (up|preview)/.test(s.run ?? ""),
    );
    expect(firstPulumi).toBeGreaterThan(auth);
    expect(pr.jobs.preview.permissions).toMatchObject({ "id-token": "write", contents: "read" });
    // Only the preview and the review (the stack's state, for the org's state) may ask GitHub for an id_token.
    for (const [name, job] of Object.entries(pr.jobs))
      if (name !== "preview" && name !== "review")
        expect({ name, idToken: job.permissions?.["id-token"] }).toEqual({ name, idToken: undefined });
  });

  it("the review reads the stack's state and org as the preview does: the project's pulumi, the read-only team token (same repository only), the read-only client", () => {
    const reviewSteps = steps(pr.jobs.review);
    expect(reviewSteps.map((s) => s.uses)).toContain("./.github/actions/toolchain");
    expect([pr.jobs.review.needs].flat()).toContain("toolchain");
    const auth = reviewSteps.findIndex((s) => s.uses?.startsWith("pulumi/auth-actions@"));
    const previewAuth = steps(pr.jobs.preview).find((s) => s.uses?.startsWith("pulumi/auth-actions@"));
    expect(reviewSteps[auth]?.with).toEqual(previewAuth?.with);
    expect(reviewSteps[auth].if).toBe(SAME_REPO); // a fork's run cannot ask for an id_token
    expect(pr.jobs.review.permissions).toMatchObject({ "id-token": "write", contents: "read" });
    const diffStep = reviewSteps.findIndex((s) => s.run?.includes("flows:diff"));
    expect(diffStep).toBeGreaterThan(auth);
    expect(reviewSteps[diffStep].run).toContain('--stack "$STACK" --org "$STACK"');
    const previewEnv = steps(pr.jobs.preview).find((s) => s.uses?.startsWith("pulumi/actions@"))?.env ?? {};
    for (const key of ["GENESYSCLOUD_OAUTHCLIENT_ID", "GENESYSCLOUD_OAUTHCLIENT_SECRET"])
      expect({ key, value: reviewSteps[diffStep].env?.[key] }).toEqual({ key, value: previewEnv[key] });
  });

  it("without the token or the client, the review names the workflow's variables and secrets to set, for the stack the job reviews", () => {
    const reviewSteps = steps(pr.jobs.review);
    const env = reviewSteps.find((s) => s.run?.includes("flows:diff"))?.env ?? {};
    const auth = reviewSteps.find((s) => s.uses?.startsWith("pulumi/auth-actions@"));
    for (const stack of deployStacks(read(".github/workflows/deploy.yml"))) {
      const reason = notCheckedReason(stack, { state: "no token", org: { message: "no client", fix: "" } }, true);
      // The variables the auth step reads, and the secrets the matrix passes for this stack.
      for (const v of String(JSON.stringify(auth?.with)).match(/vars\.[A-Z_]+/g) ?? [])
        expect({ stack, reason }).toEqual({ stack, reason: expect.stringContaining(v.slice("vars.".length)) });
      const names = readOnlySecretNames(stack);
      const picked = (expr: unknown) =>
        String(expr)
          .replace(/\$\{\{\s*(.*?)\s*\}\}/, "$1")
          .split("||")
          .map((x) => x.trim());
      const [idWhenProd, idOtherwise] = picked(env.GENESYSCLOUD_OAUTHCLIENT_ID);
      expect(`secrets.${names.id}`).toBe(
        stack === "prod" ? idWhenProd.replace("matrix.stack == 'prod' && ", "") : idOtherwise,
      );
      const [secretWhenProd, secretOtherwise] = picked(env.GENESYSCLOUD_OAUTHCLIENT_SECRET);
      expect(`secrets.${names.secret}`).toBe(
        stack === "prod" ? secretWhenProd.replace("matrix.stack == 'prod' && ", "") : secretOtherwise,
      );
      expect(reason).toContain(`${names.id} and ${names.secret}`);
    }
  });

  it("the preview runs the policy pack with the stack's config", () => {
    const preview = steps(pr.jobs.preview).find((s) => s.uses?.startsWith("pulumi/actions@"));
    expect(preview?.with).toMatchObject({
      command: "preview",
      policyPacks: "policies",
      policyPackConfigs: "policies/config/${{ matrix.stack }}.json",
    });
  });

  it("fork pull requests: lint, the behaviour scenarios and the reviews run, preview is skipped and the job summary says why", () => {
    expect(pr.jobs.lint.if).toBeUndefined();
    expect(pr.jobs.review.if).toBeUndefined();
    expect(pr.jobs.stacks.if).toBeUndefined();
    expect(pr.jobs.preview.if).toBe(SAME_REPO);
    const lintSteps = steps(pr.jobs.lint);
    for (const run of ["lint:flows", "test:scenarios"])
      expect(lintSteps.find((s) => s.run?.includes(run))?.if).toBeUndefined();
    expect(steps(pr.jobs.review).find((s) => s.run?.includes("flows:diff"))?.if).toBeUndefined();
    expect(lintSteps.find((s) => s.run?.includes("test:scenarios"))).toBeDefined();
    const why = lintSteps.find((s) => s.if === FORK);
    expect(why?.run).toContain("$GITHUB_STEP_SUMMARY");
    expect(why?.run).toContain("Preview skipped: this pull request comes from a fork");
    expect(why?.run).toContain("no secrets");
    // A fork's token can neither comment nor upload code-scanning results.
    expect(lintSteps.find((s) => s.uses?.startsWith("github/codeql-action/upload-sarif@"))?.if).toContain(SAME_REPO);
    expect(steps(pr.jobs.review).find((s) => s.run?.includes("flows:diff"))?.run).toContain(
      '>> "$GITHUB_STEP_SUMMARY"',
    );
  });

  it("actionlint checks the workflows in CI, with the project's own build", () => {
    const job = Object.values(pr.jobs).find((j) => steps(j).some((s) => s.run === "npm run lint:workflows"));
    expect(job).toBeDefined();
    expect(job?.if).toBeUndefined(); // forks too
    expect(steps(job!).map((s) => s.uses)).toContain("./.github/actions/toolchain");
    expect(JSON.parse(read("package.json")).scripts["lint:workflows"]).toBe("bash tools/lintWorkflows.sh");
  });
});

describe("concurrency", () => {
  it("one run per pull request, a new push cancels the old one", () => {
    expect(pr.concurrency).toEqual({
      group: "pull-request-${{ github.event.pull_request.number }}",
      "cancel-in-progress": true,
    });
  });

  it("each stack's deploys queue in a group of their own and are never cancelled half-way", () => {
    // A stack's state backend lets one update of it run at a time; another stack's deploy never waits for it.
    expect(deploy.concurrency).toBeUndefined();
    for (const [name, job] of Object.entries(deploy.jobs)) {
      const stacks = deployStacks(YAML.stringify({ jobs: { [name]: job } }));
      expect(stacks).toHaveLength(1);
      const own = { group: `deploy-${stacks[0]}`, "cancel-in-progress": false };
      expect({ name, concurrency: job.concurrency }).toEqual({ name, concurrency: own });
    }
  });
});

describe("deploys", () => {
  it("write credentials live only in jobs bound to their environment; prod needs dev and confirms with --yes", () => {
    for (const [name, job] of Object.entries(deploy.jobs)) {
      const text = YAML.stringify(job);
      for (const m of text.match(WRITE_SECRET) ?? []) {
        const env = m.endsWith("_PROD") ? "production" : m.endsWith("_DEV") ? "development" : "?";
        expect({ name, secret: m, environment: environmentOf(job) }).toEqual({ name, secret: m, environment: env });
      }
    }
    // The Pulumi token that can update state is an environment secret too.
    for (const [name, job] of Object.entries(deploy.jobs)) {
      if (/secrets\.PULUMI_/.test(YAML.stringify(job)))
        expect({ name, environment: environmentOf(job) }).toEqual({
          name,
          environment: name === "prod" ? "production" : "development",
        });
    }
    expect(environmentOf(deploy.jobs.prod)).toBe("production");
    expect(deploy.jobs.prod.needs).toBe("dev");
    expect(
      steps(deploy.jobs.prod)
        .map((s) => s.run)
        .filter(Boolean),
    ).toEqual(["npm run up -- --stack prod --yes"]);
  });
});

describe("drift on a schedule", () => {
  const job = drift.jobs.verify;
  const deployed = Object.values(deploy.jobs).flatMap((j) =>
    steps(j).flatMap((s) => [...(s.run ?? "").matchAll(/--stack (\w+)/g)].map((m) => m[1])),
  );

  it("runs on a schedule (and by hand), one run at a time, for every stack deploy.yml deploys", () => {
    expect(Object.keys(drift.on).sort()).toEqual(["schedule", "workflow_dispatch"]);
    expect(drift.concurrency).toEqual({ group: "drift", "cancel-in-progress": false });
    expect(deployed.length).toBeGreaterThan(0);
    expect((job as Job & { strategy: { matrix: { stack: string[] } } }).strategy.matrix.stack).toEqual(deployed);
  });

  it("reads with read-only credentials only: a Pulumi team token through OIDC, the read-only Genesys clients, no environment", () => {
    const text = read(".github/workflows/drift.yml");
    expect(text.match(WRITE_SECRET) ?? []).toEqual([]);
    const secrets = [...text.matchAll(/secrets\.([A-Za-z0-9_]+)/g)].map((m) => m[1]);
    expect(secrets.length).toBeGreaterThan(0);
    expect(secrets.filter((x) => !x.endsWith("_READONLY"))).toEqual([]);
    expect(YAML.stringify(drift.jobs)).not.toMatch(/PULUMI_ACCESS_TOKEN|PULUMI_CONFIG_PASSPHRASE/);
    expect(environmentOf(job)).toBeUndefined();
    expect(job.permissions).toEqual({ contents: "read", issues: "write", "id-token": "write" });
    const order = steps(job).map((x) => x.uses ?? x.run ?? "");
    const auth = order.findIndex((x) => x.startsWith("pulumi/auth-actions@"));
    const verify = order.findIndex((x) => x.includes("npm run --silent verify -- --stack"));
    expect(auth).toBeGreaterThan(order.indexOf("./.github/actions/toolchain"));
    expect(verify).toBeGreaterThan(auth);
    expect(steps(job)[auth].with).toMatchObject({ "requested-token-type": "urn:pulumi:token-type:access_token:team" });
  });

  it("asks Architect's validator about every deployed flow (verify --validate): its errors fail the run like drift", () => {
    const verify = steps(job).find((x) => x.id === "verify");
    expect(verify?.run).toMatch(/npm run --silent verify -- --stack "\$STACK" --validate /);
  });

  it("hands verify's exit code and report to the issue step, which runs whatever verify found", () => {
    const verify = steps(job).find((x) => x.id === "verify" || x.run?.includes("npm run --silent verify"));
    expect(verify?.run).toContain('echo "code=$code" >> "$GITHUB_OUTPUT"');
    const issue = steps(job).find((x) => x.run?.includes("ci drift-issue"));
    expect(issue?.env).toMatchObject({ CODE: "${{ steps.verify.outputs.code }}", GH_TOKEN: "${{ github.token }}" });
    expect(issue?.if).toBeUndefined();
  });
});

describe("tools/ci/driftIssue.sh (with a stand-in gh that logs its calls)", () => {
  function run(
    code: number,
    open: Array<{ number: number; title: string }>,
    reportText = "flows/calls/sales.yaml: Sales: drifted: published in Architect after the deploy\n",
  ): { status: number; calls: string[]; out: string } {
    const dir = tempProject({}, { prefix: "drift-issue-" });
    const log = path.join(dir, "calls.log");
    // gh issue list --json ... --jq <filter>: answers as the filter would over `open` (the number of the issue titled for prod).
    fs.writeFileSync(
      path.join(dir, "gh"),
      `#!/usr/bin/env bash\nprintf '%s\\n' "$*" >> ${JSON.stringify(log)}\nif [ "$1 $2" = "issue list" ]; then node -e 'const t=process.argv[1]; for (const i of JSON.parse(${JSON.stringify(JSON.stringify(open))})) if (i.title===t) console.log(i.number)' "Drift on stack prod"; fi\n`,
      { mode: 0o755 },
    );
    const report = path.join(dir, "drift.txt");
    fs.writeFileSync(report, reportText);
    let status = 0;
    let out = "";
    try {
      out = execFileSync("bash", [path.join(ROOT, "tools/ci/driftIssue.sh"), "prod", String(code), report], {
        env: { ...process.env, PATH: `${dir}:${process.env.PATH}`, RUN_URL: "https://example.test/run/1", TMPDIR: dir },
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      });
    } catch (e) {
      status = (e as { status: number }).status;
    }
    const calls = fs.existsSync(log) ? fs.readFileSync(log, "utf8").trim().split("\n") : [];
    // The issue body it wrote (mktemp, in TMPDIR) is gone when it ends.
    expect(fs.readdirSync(dir).filter((f) => f.startsWith("tmp."))).toEqual([]);
    return { status, calls, out };
  }

  it("findings and no open issue: the label, then a new issue with the report", () => {
    const r = run(1, []);
    expect(r.status).toBe(0);
    expect(r.calls[0]).toMatch(/^issue list --state open --label drift/);
    expect(r.calls[1]).toMatch(/^label create drift/);
    expect(r.calls[2]).toMatch(/^issue create --title Drift on stack prod --label drift --body-file /);
  });

  it("findings and an open issue: its body is updated, no second issue", () => {
    const r = run(1, [
      { number: 7, title: "Drift on stack prod" },
      { number: 8, title: "Drift on stack dev" },
    ]);
    expect(r.calls.slice(1)).toEqual([expect.stringMatching(/^issue edit 7 --body-file /)]);
  });

  it("clean: the open issue is closed with the run's link; nothing to close, nothing done", () => {
    expect(run(0, [{ number: 7, title: "Drift on stack prod" }]).calls.slice(1)).toEqual([
      "issue close 7 --comment Clean: `verify --stack prod --validate` found every flow as the stack deployed it, and Architect's validator no error (https://example.test/run/1).",
    ]);
    expect(run(0, []).calls.slice(1)).toEqual([]);
  });

  it("only warnings (exit 0) but a person's lock: the issue is opened all the same", () => {
    const line = findingLine({
      severity: "warning",
      code: "locked",
      flow: "prod-Sales",
      file: "flows/calls/sales.yaml",
      message: "locked by Jane Doe",
    } as VerifyFinding);
    const r = run(0, [], `Verified stack "prod"\n  ${line}\n`);
    expect(r.calls.slice(1)).toEqual([
      expect.stringMatching(/^label create drift/),
      expect.stringMatching(/^issue create --title Drift on stack prod/),
    ]);
    const other = findingLine({
      severity: "warning",
      code: "outside-caller",
      flow: "x",
      message: "m",
    } as unknown as VerifyFinding);
    expect(run(0, [], `${other}\n`).calls.slice(1)).toEqual([]);
  });

  it("verify could not check (exit 3): no issue changes and the job fails", () => {
    const r = run(3, [{ number: 7, title: "Drift on stack prod" }]);
    expect(r.status).toBe(3);
    expect(r.calls.slice(1)).toEqual([]);
  });
});
