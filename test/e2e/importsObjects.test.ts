// Imports declare the org objects their flows name (issue 96, acceptance "e2e, imports"; docs/objects.md,
// docs/import.md), with the real engine and provider against an emulator started with an empty org.
// A handful of real exports from the corpus setting (testkit/corpus.ts), chosen by what they hold:
// those that name a queue or a user prompt, name nothing but the kinds a repository declares (no
// module, schedule, data action, user...) and import; without the setting, an export this test
// writes (a queue, a user prompt, a data table). `init --import` of them starts a new repository:
// it declares each object the flows name, one file under objects/ (the test counts them against
// what the exports name) and says so; the local org file it writes holds none of them. The
// repository's files on an emulator with an empty org: `npm start` creates every declared object
// and publishes the flows.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as YAML from "yaml";
import { validateArchyDocument } from "../../archy/validate";
import { importArchyText, ImportError } from "../../import";
import { protectPlaceholders } from "../../import/placeholders";
import { ROUTING_KIND_UNITS } from "../../model/routing/kinds";
import { readYaml } from "../../model/yamlReader";
import { corpusFolders, readCorpus, readNotExports } from "../../testkit/corpus";
import { createProject, npmStart, publishedFlows, ROOT, writesSince, type E2eProject } from "../../testkit/harness";

jest.setTimeout(20 * 60_000);

/** The kinds a repository declares under objects/, by kind: their folder. */
const FOLDERS = new Map<string, string>(
  ROUTING_KIND_UNITS.filter((u) => u.object !== undefined).map((u) => [u.kind, u.folder]),
);
/** How many exports of the corpus the test takes at most: a handful (it runs with fewer). */
const HANDFUL = 4;

/** A small export of the test's own: a queue, a user prompt, a data table its lookup reads. */
const OWN_EXPORT = `inboundCall:
  name: Imports Front Desk
  defaultLanguage: en-us
  startUpRef: "/inboundCall/tasks/task[Main_10]"
  initialGreeting:
    tts: Hello.
  variables:
    - booleanVariable:
        name: Flow.open
        initialValue:
          noValue: true
  settingsErrorHandling:
    errorHandling:
      disconnect:
        none: true
  tasks:
    - task:
        name: Main
        refId: Main_10
        actions:
          - playAudio:
              name: Welcome
              audio:
                exp: ToAudio(Prompt.Imports_welcome)
          - dataTableLookup:
              name: Desk hours
              lookupValue:
                exp: Call.Ani
              dataTable:
                Imports Desks:
                  foundOutputs:
                    open:
                      var: Flow.open
                  failureOutputs:
                    errorType:
                      noValue: true
                    errorMessage:
                      noValue: true
          - transferToAcd:
              name: To the desk
              targetQueue:
                lit:
                  name: Imports Desk
              preTransferAudio:
                tts: Connecting you.
              failureTransferAudio:
                tts: Sorry.
              priority:
                lit: 0
              preferredAgents:
                noValue: true
              languageSkill:
                noValue: true
              appendSkills:
                lit: false
              failureOutputs:
                errorType:
                  noValue: true
                errorMessage:
                  noValue: true
          - disconnect:
              name: End
`;

interface Chosen {
  file: string;
  text: string;
  /** The flow's name. */
  name: string;
  /** What it names: `queue sales` (kind, name lower-case), each once. */
  objects: string[];
}

/** What an export names, and its name; undefined when it names a kind no repository declares or does not import. */
function chosen(file: string, text: string): Chosen | undefined {
  const guarded = protectPlaceholders(text);
  const read = readYaml(guarded.text, { exactIntegers: false });
  if (!read.ok) return undefined;
  const objects = new Set<string>();
  let other = false;
  validateArchyDocument(read.value, {
    onReference: (r) => {
      // A data action is declared by import --from-org only: an export carries no integration or contract.
      if (r.kinds.length === 1 && FOLDERS.has(r.kinds[0]!) && r.kinds[0] !== "dataAction")
        objects.add(`${r.kinds[0]} ${String(guarded.restore(r.name)).toLowerCase()}`);
      else other = true;
    },
  });
  if (other || objects.size === 0) return undefined;
  try {
    const name = String(importArchyText(text, { source: file }).model.name);
    return { file, text, name, objects: [...objects].sort() };
  } catch (e) {
    if (e instanceof ImportError) return undefined;
    throw e;
  }
}

/**
 * Exports of the corpus that name nothing a repository does not declare (no module, schedule, data
 * action, user...), with distinct flow names: first each that names a kind the ones taken do not
 * (a user prompt, a skill, a data table...), then the first that name a queue or a user prompt,
 * up to a handful.
 */
function fromCorpus(): Chosen[] {
  const notExports = new Set(readNotExports().map((n) => n.file));
  const candidates = readCorpus()
    .filter((f) => !notExports.has(f.file))
    .flatMap((f) => chosen(f.file, f.text) ?? []);
  const out: Chosen[] = [];
  const kinds = (c: Chosen) => c.objects.map((o) => o.slice(0, o.indexOf(" ")));
  const take = (c: Chosen) => {
    if (out.length < HANDFUL && !out.some((o) => o.name.toLowerCase() === c.name.toLowerCase())) out.push(c);
  };
  for (const c of candidates) if (kinds(c).some((k) => !out.flatMap(kinds).includes(k))) take(c);
  for (const c of candidates) if (kinds(c).some((k) => k === "queue" || k === "prompt")) take(c);
  return out;
}

let work: string;
let p: E2eProject | undefined;

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "gf-imports-objects-"));
});

afterAll(async () => {
  await p?.cleanup();
  fs.rmSync(work, { recursive: true, force: true });
});

/** The files under `dir` of the repository, by their path below it. */
const filesUnder = (repo: string, dir: string): Record<string, string> => {
  const base = path.join(repo, dir);
  if (!fs.existsSync(base)) return {};
  return Object.fromEntries(
    (fs.readdirSync(base, { recursive: true }) as string[])
      .filter((f) => f.endsWith(".yaml"))
      .sort()
      .map((f) => [f.replace(/\\/g, "/"), fs.readFileSync(path.join(base, f), "utf8")]),
  );
};

it("init --import declares the objects the exports name; npm start on an empty org creates them and publishes the flows", async () => {
  const given = corpusFolders().length > 0;
  const exports = given ? fromCorpus() : [chosen("imports-front-desk.yaml", OWN_EXPORT)!];
  // With the setting, the corpus holds such exports: none found is a failure of the choice, not a pass.
  expect(exports.length).toBeGreaterThan(0);
  const files = exports.map((e) => {
    const file = path.join(work, "exports", e.file);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, e.text);
    return file;
  });
  const repo = path.join(work, "team");
  const init = spawnSync(
    process.execPath,
    [path.join(ROOT, "bin/genesys-flows"), "init", repo, "--import", ...files, "--package", "0.0.0", "--no-install"],
    { cwd: work, encoding: "utf8" },
  );
  const said = `${init.stdout}${init.stderr}`;
  if (init.status !== 0) throw new Error(`init exited ${init.status}:\n${said.slice(-6000)}`);

  // One file per object the flows name, each said; nothing else declared.
  const named = [...new Set(exports.flatMap((e) => e.objects))].sort();
  const objects = filesUnder(repo, "objects");
  const folderKind = new Map([...FOLDERS].map(([kind, folder]) => [folder, kind]));
  const declared = Object.entries(objects).map(([file, text]) => {
    const kind = folderKind.get(file.split("/")[0]!);
    return `${kind} ${String((YAML.parse(text) as { name: string }).name).toLowerCase()}`;
  });
  expect(declared.sort()).toEqual(named);
  for (const file of Object.keys(objects)) expect(said).toContain(`wrote objects/${file}: the `);
  // The local org file leaves them to the stack, which creates them.
  const localOrg = YAML.parse(fs.readFileSync(path.join(repo, "orgs/local.yaml"), "utf8")) ?? {};
  for (const list of Object.values(localOrg as Record<string, Array<{ name: string }>>))
    for (const o of list) expect(named.map((n) => n.slice(n.indexOf(" ") + 1))).not.toContain(o.name.toLowerCase());

  const stack = YAML.parse(fs.readFileSync(path.join(repo, "Pulumi.local.yaml"), "utf8")).config ?? {};
  p = await createProject({
    flows: filesUnder(repo, "flows"),
    objects,
    settings: { substitutions: stack["genesys-flows:substitutions"] ?? {} },
    orgObjects: "fixed",
    emulator: { org: {}, strict: true },
  });
  const org = () =>
    p!.emulator.store.orgObjects
      .snapshot()
      .flatMap((o) => (o.fields ? [`${o.kind} ${String(o.fields.name).toLowerCase()}`] : []))
      .sort();
  expect(org()).toEqual([]);
  const mark = p.mark();
  const start = await npmStart(p);
  if (start.code !== 0) throw new Error(`npm start exited ${start.code}:\n${start.out.slice(-6000)}`);
  expect(writesSince(p.emulator, mark).filter((e) => e.status >= 400)).toEqual([]);
  expect(org()).toEqual(named);
  const published = [...publishedFlows(p.emulator).keys()].map((n) => n.toLowerCase()).sort();
  expect(published).toEqual(exports.map((e) => `local-${e.name}`.toLowerCase()).sort());
  process.stdout.write(
    `\n[e2e imports] ${given ? "from the corpus" : "the test's own export"}: ${exports.map((e) => e.file).join(", ")}; ${named.length} objects declared and created: ${named.join(", ")}\n`,
  );
});
