// The state read straight from the project's file backend (org/fileBackendState.ts): the export
// text for the layout Pulumi 3.259 writes, and undefined (the CLI is asked) for everything it
// cannot read for certain. The agreement with `pulumi stack export` itself is checked on a real
// deployed stack in test/e2e/stateRead.test.ts.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { readFileBackendExport, pulumiProjectName } from "../../org/fileBackendState";

const deployment = { manifest: { time: "2026-11-27T06:00:00Z", version: "v3.259.0" }, secrets_providers: { type: "passphrase" }, resources: [{ urn: "urn:pulumi:local::genesys-flows::pulumi:pulumi:Stack::genesys-flows-local", type: "pulumi:pulumi:Stack", custom: false }] };

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
const checkpoint = (latest: unknown = deployment, version = 3, features?: unknown) => JSON.stringify({ version, ...(features !== undefined ? { features } : {}), checkpoint: { stack: "organization/genesys-flows/local", latest } });
const read = (over: Partial<Parameters<typeof readFileBackendExport>[0]> = {}) =>
  readFileBackendExport({ backendUrl: pathToFileURL(state).href, root, project: "genesys-flows", stack: "local", ...over });

describe("the project's file backend, read directly", () => {
  test("the checkpoint's deployment, as the export prints it, by bare and by qualified name", () => {
    fs.writeFileSync(checkpointFile(), checkpoint());
    expect(JSON.parse(read()!)).toEqual({ version: 3, deployment });
    expect(JSON.parse(read({ stack: "organization/genesys-flows/local" })!)).toEqual({ version: 3, deployment });
  });

  test("a version 4 checkpoint (resource hooks make one) with the features this Pulumi reads", () => {
    fs.writeFileSync(checkpointFile(), checkpoint(deployment, 4, ["hooks"]));
    expect(JSON.parse(read()!)).toEqual({ version: 4, features: ["hooks"], deployment });
    for (const features of [["hooks", "time-travel"], undefined, "hooks", [3]]) {
      fs.writeFileSync(checkpointFile(), checkpoint(deployment, 4, features));
      expect(read()).toBeUndefined(); // Pulumi refuses a feature it does not know: it says so
    }
  });

  test("a gzipped checkpoint (PULUMI_DIY_BACKEND_GZIP) is read too", () => {
    fs.writeFileSync(checkpointFile(".gz"), gzipSync(checkpoint()));
    expect(JSON.parse(read()!)).toEqual({ version: 3, deployment });
  });

  test("the CLI is asked whenever the read is not certain", () => {
    fs.writeFileSync(checkpointFile(), checkpoint());
    // The backend is not named, is not a file backend, or is outside the project.
    expect(read({ backendUrl: undefined })).toBeUndefined();
    expect(read({ backendUrl: "s3://bucket/state" })).toBeUndefined();
    expect(read({ backendUrl: "https://api.pulumi.com" })).toBeUndefined();
    expect(read({ root: state })).toBeUndefined(); // the backend is the root itself, not inside it
    expect(read({ root: path.join(root, "elsewhere") })).toBeUndefined();
    expect(read({ backendUrl: `${pathToFileURL(state).href}?no_tmp_dir=true` })).toBeUndefined();
    // Another project's or organization's stack, or a name that is not a plain stack name.
    expect(read({ stack: "organization/other/local" })).toBeUndefined();
    expect(read({ stack: "acme/genesys-flows/local" })).toBeUndefined();
    expect(read({ stack: "../local" })).toBeUndefined();
    expect(read({ stack: "dev" })).toBeUndefined(); // no such checkpoint
  });

  test("layouts and files it does not read for certain are left to the CLI", () => {
    fs.writeFileSync(checkpointFile(), checkpoint());
    fs.writeFileSync(path.join(state, ".pulumi", "meta.yaml"), "version: 0\n");
    expect(read()).toBeUndefined(); // the legacy layout
    fs.rmSync(path.join(state, ".pulumi", "meta.yaml"));
    expect(read()).toBeUndefined();
    fs.writeFileSync(path.join(state, ".pulumi", "meta.yaml"), "version: 1\n");
    expect(read()).toBeDefined();
    fs.writeFileSync(checkpointFile(".gz"), gzipSync(checkpoint()));
    expect(read()).toBeUndefined(); // two variants: Pulumi picks the newest
    fs.rmSync(checkpointFile(".gz"));
    fs.renameSync(checkpointFile(), checkpointFile(".zst"));
    expect(read()).toBeUndefined(); // zstd
    fs.rmSync(checkpointFile(".zst"));
    for (const text of ["", "{", checkpoint(deployment, 2), checkpoint(deployment, 5), checkpoint(null), checkpoint([]), JSON.stringify({ version: 3, checkpoint: { stack: "x" } })]) {
      fs.writeFileSync(checkpointFile(), text);
      expect(read()).toBeUndefined();
    }
  });

  test("the project's name comes from Pulumi.yaml", () => {
    expect(pulumiProjectName(root)).toBe("genesys-flows");
    fs.writeFileSync(path.join(root, "Pulumi.yaml"), "runtime: nodejs\n");
    expect(pulumiProjectName(root)).toBeUndefined();
    fs.rmSync(path.join(root, "Pulumi.yaml"));
    expect(pulumiProjectName(root)).toBeUndefined();
  });
});
