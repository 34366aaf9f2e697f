// The state read straight from the project's file backend (org/fileBackendState.ts): the export
// text for the layout Pulumi 3.259 writes, and undefined (the CLI is asked) for everything it
// cannot read for certain; the locks on the stack; which postgres:// URLs are read the same way
// (org/postgresState.ts). The agreement with `pulumi stack export` itself is checked on a real
// deployed stack in test/e2e/stateRead.test.ts, and on a PostgreSQL backend in
// test/e2e/sharedBackend.test.ts.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { spawnSync } from "node:child_process";
import { backendLocks, readBackendExport, pulumiProjectName, stateBackendUrl } from "../../org/fileBackendState";
import { postgresStore } from "../../org/postgresState";
import { lockText } from "../../run/operationReports";

const deployment = {
  manifest: { time: "2026-11-27T06:00:00Z", version: "v3.259.0" },
  secrets_providers: { type: "passphrase" },
  resources: [
    {
      urn: "urn:pulumi:local::genesys-flows::pulumi:pulumi:Stack::genesys-flows-local",
      type: "pulumi:pulumi:Stack",
      custom: false,
    },
  ],
};

let root: string;
let state: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "genesys-flows-fbs-"));
  state = path.join(root, ".work", "state");
  fs.mkdirSync(path.join(state, ".pulumi", "stacks", "genesys-flows"), { recursive: true });
  fs.writeFileSync(path.join(state, ".pulumi", "meta.yaml"), "version: 1\n");
  fs.writeFileSync(path.join(root, "Pulumi.yaml"), "name: genesys-flows\nruntime: nodejs\n");
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const checkpointFile = (ext = "") => path.join(state, ".pulumi", "stacks", "genesys-flows", `local.json${ext}`);
const checkpoint = (latest: unknown = deployment, version = 3, features?: unknown) =>
  JSON.stringify({
    version,
    ...(features !== undefined ? { features } : {}),
    checkpoint: { stack: "organization/genesys-flows/local", latest },
  });
const read = (over: Partial<Parameters<typeof readBackendExport>[0]> = {}) =>
  readBackendExport({ backendUrl: pathToFileURL(state).href, root, project: "genesys-flows", stack: "local", ...over });

describe("the project's file backend, read directly", () => {
  test("the checkpoint's deployment, as the export prints it, by bare and by qualified name", async () => {
    fs.writeFileSync(checkpointFile(), checkpoint());
    expect(JSON.parse((await read())!)).toEqual({ version: 3, deployment });
    const qualified = await read({ stack: "organization/genesys-flows/local" });
    expect(JSON.parse(qualified!)).toEqual({ version: 3, deployment });
  });

  test("a version 4 checkpoint (resource hooks make one) with the features this Pulumi reads", async () => {
    fs.writeFileSync(checkpointFile(), checkpoint(deployment, 4, ["hooks"]));
    expect(JSON.parse((await read())!)).toEqual({ version: 4, features: ["hooks"], deployment });
    for (const features of [["hooks", "time-travel"], undefined, "hooks", [3]]) {
      fs.writeFileSync(checkpointFile(), checkpoint(deployment, 4, features));
      expect(await read()).toBeUndefined(); // Pulumi refuses a feature it does not know: it says so
    }
  });

  test("a gzipped checkpoint (PULUMI_DIY_BACKEND_GZIP) is read too", async () => {
    fs.writeFileSync(checkpointFile(".gz"), gzipSync(checkpoint()));
    expect(JSON.parse((await read())!)).toEqual({ version: 3, deployment });
  });

  test("the CLI is asked whenever the read is not certain", async () => {
    fs.writeFileSync(checkpointFile(), checkpoint());
    // The backend is not named, is not a file backend, or is outside the project.
    expect(await read({ backendUrl: undefined })).toBeUndefined();
    expect(await read({ backendUrl: "s3://bucket/state" })).toBeUndefined();
    expect(await read({ backendUrl: "https://api.pulumi.com" })).toBeUndefined();
    expect(await read({ root: state })).toBeUndefined(); // the backend is the root itself, not inside it
    expect(await read({ root: path.join(root, "elsewhere") })).toBeUndefined();
    expect(await read({ backendUrl: `${pathToFileURL(state).href}?no_tmp_dir=true` })).toBeUndefined();
    // Another project's or organization's stack, or a name that is not a plain stack name.
    expect(await read({ stack: "organization/other/local" })).toBeUndefined();
    expect(await read({ stack: "acme/genesys-flows/local" })).toBeUndefined();
    expect(await read({ stack: "../local" })).toBeUndefined();
    expect(await read({ stack: "dev" })).toBeUndefined(); // no such checkpoint
  });

  test("layouts and files it does not read for certain are left to the CLI", async () => {
    fs.writeFileSync(checkpointFile(), checkpoint());
    fs.writeFileSync(path.join(state, ".pulumi", "meta.yaml"), "version: 0\n");
    expect(await read()).toBeUndefined(); // the legacy layout
    fs.rmSync(path.join(state, ".pulumi", "meta.yaml"));
    expect(await read()).toBeUndefined();
    fs.writeFileSync(path.join(state, ".pulumi", "meta.yaml"), "version: 1\n");
    expect(await read()).toBeDefined();
    fs.writeFileSync(checkpointFile(".gz"), gzipSync(checkpoint()));
    expect(await read()).toBeUndefined(); // two variants: Pulumi picks the newest
    fs.rmSync(checkpointFile(".gz"));
    fs.renameSync(checkpointFile(), checkpointFile(".zst"));
    expect(await read()).toBeUndefined(); // zstd
    fs.rmSync(checkpointFile(".zst"));
    for (const text of [
      "",
      "{",
      checkpoint(deployment, 2),
      checkpoint(deployment, 5),
      checkpoint(null),
      checkpoint([]),
      JSON.stringify({ version: 3, checkpoint: { stack: "x" } }),
    ]) {
      fs.writeFileSync(checkpointFile(), text);
      expect(await read()).toBeUndefined();
    }
  });

  test("the project's name comes from Pulumi.yaml", async () => {
    expect(pulumiProjectName(root)).toBe("genesys-flows");
    fs.writeFileSync(path.join(root, "Pulumi.yaml"), "runtime: nodejs\n");
    expect(pulumiProjectName(root)).toBeUndefined();
    fs.rmSync(path.join(root, "Pulumi.yaml"));
    expect(pulumiProjectName(root)).toBeUndefined();
  });
});

describe("the backend's locks, a PostgreSQL backend, the backend of a stack", () => {
  test("the locks on the stack name their owner and whether its process runs on this machine", async () => {
    const folder = path.join(state, ".pulumi", "locks", "organization", "genesys-flows", "local");
    fs.mkdirSync(folder, { recursive: true });
    const gone = spawnSync(process.execPath, ["-e", ""]).pid!; // exited: no process of that id runs
    const timestamp = "2026-11-29T05:00:00Z";
    const lock = (pid: number, hostname: string) => JSON.stringify({ pid, username: "ana", hostname, timestamp });
    fs.writeFileSync(path.join(folder, "a.json"), lock(process.pid, "here"));
    fs.writeFileSync(path.join(folder, "b.json"), lock(gone, "here"));
    fs.writeFileSync(path.join(folder, "c.json"), lock(gone, "elsewhere"));
    fs.writeFileSync(path.join(folder, "d.json"), "{");
    const stack = { backendUrl: pathToFileURL(state).href, root, project: "genesys-flows", stack: "local" };
    const locks = await backendLocks(stack, "here");
    const owner = { username: "ana", timestamp };
    expect(locks).toEqual([
      { pid: process.pid, hostname: "here", running: true, ...owner },
      { pid: gone, hostname: "here", running: false, ...owner },
      { pid: gone, hostname: "elsewhere", ...owner },
    ]);
    expect(await backendLocks({ ...stack, backendUrl: "s3://bucket/state" }, "here")).toBeUndefined();
    const text = lockText("local", locks!, Date.parse("2026-11-29T05:07:30Z"));
    expect(text).toContain(`pulumi process ${process.pid} (ana on here, since ${timestamp}, 7 min ago) holds the lock`);
    expect(text).toContain(`no process ${gone} runs on this machine: a run that was stopped`);
    expect(text).toContain("on another machine: ask there whether it still runs");
  });

  test("a postgres:// backend is read only where the CLI's driver reads the same table of the same database", () => {
    const alike = ["postgres://u:p@127.0.0.1:5432/db", "postgres://u@h/db?sslmode=verify-full&table=t", "postgres://"];
    for (const url of alike) expect(postgresStore(url, {})).toBeDefined();
    const elsewhere = ["search_path=other", "options=-c%20search_path%3Dx", "table=a;drop", "target_session_attrs=any"];
    for (const query of elsewhere) expect(postgresStore(`postgres://u@h/db?${query}`, {})).toBeUndefined();
    expect(postgresStore("postgres://u@h/db", { PGOPTIONS: "-c search_path=x" })).toBeUndefined();
    expect(postgresStore("postgres://u@h/db", { PGSERVICE: "state" })).toBeUndefined();
  });

  test("a stack's backend: PULUMI_BACKEND_URL, else Pulumi.yaml's backend.url, else the login", () => {
    const env = { PULUMI_HOME: path.join(root, "home") };
    expect(stateBackendUrl(root, "dev", { ...env, PULUMI_BACKEND_URL: "postgres://h/db" })).toBe("postgres://h/db");
    expect(stateBackendUrl(root, "dev", env)).toBeUndefined();
    fs.mkdirSync(env.PULUMI_HOME);
    const credentials = JSON.stringify({ current: "postgres://login/db" });
    fs.writeFileSync(path.join(env.PULUMI_HOME, "credentials.json"), credentials);
    expect(stateBackendUrl(root, "dev", env)).toBe("postgres://login/db");
    fs.appendFileSync(path.join(root, "Pulumi.yaml"), "backend:\n  url: postgres://project/db\n");
    expect(stateBackendUrl(root, "dev", env)).toBe("postgres://project/db");
    expect(stateBackendUrl(root, "local", env)).toBe(`file://${path.join(root, ".work/state")}`);
  });
});
