// The language host shim (tools/toolchain/language-host-shim) hands every Node.js process it starts
// two preload scripts. It keeps them beside its own binary, named by their content, so a run
// leaves nothing in the temp folder, even a run killed hard (the shim then cannot remove a temp
// file: they piled up in /tmp). Checked on a real preview: the scripts beside the shim hold the
// sources' text, and the temp folder the run was given holds none of them. Nor does an up's
// provider open its plugin socket there (testkit/harness.ts gives it a folder of its own). The
// test owns its portfolio.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as YAML from "yaml";
import { callFlow, LOOKUP } from "../../testkit/fixtures";
import { createProject, policyArgs, type E2eProject } from "../../testkit/harness";

jest.setTimeout(10 * 60_000);

const SHIM_SOURCE = path.join(__dirname, "..", "..", "tools", "toolchain", "language-host-shim");
const y = (v: unknown) => YAML.stringify(v, { version: "1.2" });
let p: E2eProject;
let tmp: string;

beforeAll(async () => {
  p = await createProject({
    flows: { "modules/lookup.yaml": y(LOOKUP), "calls/a.yaml": y(callFlow("A", "Lookup", "address", "Sales")) },
  });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "genesys-flows-shim-tmp-"));
});

afterAll(async () => {
  await p?.cleanup();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

it("a preview's language host reads its preload scripts from beside the shim and writes none to the temp folder", async () => {
  // The run's own processes (the shim among them) get `tmp` as their temp folder.
  const r = await p.pulumi(["preview", "--stack", p.stack, ...policyArgs(p.stack)], { env: { TMPDIR: tmp } });
  if (r.code !== 0) throw new Error(`exit ${r.code}:\n${r.output.slice(-4000)}`);
  expect(fs.readdirSync(tmp).filter((f) => f.startsWith("genesys-flows-langhost-"))).toEqual([]);
  // The shim is the language host next to the CLI (a link into its own build folder).
  const shim = fs.realpathSync(path.join(path.dirname(p.pulumiEnv.GENESYS_FLOWS_PULUMI), "pulumi-language-nodejs"));
  const beside = fs.readdirSync(path.dirname(shim));
  for (const name of ["preload", "deferLoads"]) {
    const files = beside.filter((f) => new RegExp(`^${name}-[0-9a-f]{12}\\.js$`).test(f));
    expect(files).toHaveLength(1);
    expect(fs.readFileSync(path.join(path.dirname(shim), files[0]), "utf8")).toBe(
      fs.readFileSync(path.join(SHIM_SOURCE, `${name}.js`), "utf8"),
    );
  }
  // Nothing half written is left beside it.
  expect(beside.filter((f) => f.endsWith(".tmp"))).toEqual([]);
});

it("an up's provider opens its plugin socket in the folder the harness gives it, not in the temp folder", async () => {
  // The Genesys provider (HashiCorp go-plugin) opens a Unix socket each time it starts; Pulumi
  // often ends it without letting it remove the socket (then one is left per pass of an up that
  // publishes), but not always. So the folders are watched while the up runs: every socket made
  // is seen, whether or not it is still there at the end.
  const socket = /^plugin\d+$/;
  const made = (dir: string) => {
    const names = new Set<string>();
    const watcher = fs.watch(dir, (_event, name) => {
      if (name && socket.test(name.toString())) names.add(name.toString());
    });
    return { names, close: () => watcher.close() };
  };
  const inTmp = made(tmp);
  const inSockets = made(p.pulumiEnv.PLUGIN_UNIX_SOCKET_DIR);
  try {
    const r = await p.pulumi(["up", "--yes", "--stack", p.stack, ...policyArgs(p.stack)], { env: { TMPDIR: tmp } });
    if (r.code !== 0) throw new Error(`exit ${r.code}:\n${r.output.slice(-4000)}`);
  } finally {
    inTmp.close();
    inSockets.close();
  }
  expect([...inTmp.names, ...fs.readdirSync(tmp).filter((f) => socket.test(f))]).toEqual([]);
  expect(inSockets.names.size).toBeGreaterThan(0);
});
