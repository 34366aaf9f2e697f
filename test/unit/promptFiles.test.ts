// A user prompt a team declares (objects/prompts/<name>.yaml, docs/objects.md): its file and
// messages, the provider's resources it becomes (an audio file named relative to the prompt's
// file, with its content's digest where the program reads files), the review's words, and its
// adoption by name (planner/objects/decisions.ts): as it is, or with the resources the next up writes.
import { parseRoutingText } from "../../model/routing/load";
import { formatIssue } from "../../model/errors";
import { audioPath } from "../../model/routing/kinds/prompt";
import { unitOf, type RoutingFile } from "../../model/routing/schema";
import { issuesOf } from "../../testkit/portfolio";
import { planRouting, routingObjectsOf } from "../../planner/routing";
import { routingResourceInputs } from "../../planner/routingInputs";
import { parseStackSettings } from "../../planner/stackSettings";
import { decideObjects, decisionWords, objectsToAsk, withDecision } from "../../planner/objects/decisions";

const FILE = "objects/prompts/welcome.yaml";
const WELCOME = [
  'name: "{{welcome_prompt}}"',
  "description: The greeting",
  "resources:",
  "  - language: en-us",
  "    tts: Welcome to Acme.",
  "  - language: es-us",
  "    tts: Bienvenido a Acme.",
  "    audio: audio/welcome.es-us.wav",
  "",
].join("\n");
const messages = (f: () => unknown): string[] => issuesOf(f).map(formatIssue);
const refs = { routing: () => undefined, flow: () => undefined };
const plan = () =>
  planRouting({
    settings: parseStackSettings(
      { environment: "dev", namePrefix: "dev-", substitutions: { welcome_prompt: "Welcome_dev" } },
      "Pulumi.dev.yaml",
    ),
    sources: [{ id: "prompts/welcome", file: FILE, text: WELCOME }],
    flows: [],
    stackFile: "Pulumi.dev.yaml",
  }).objects;

describe("a user prompt's file", () => {
  it("is a prompt by its folder: a resource per language, text-to-speech, an audio file or both", () => {
    expect(parseRoutingText(WELCOME, FILE).value).toEqual({
      kind: "prompt",
      name: "{{welcome_prompt}}",
      description: "The greeting",
      resources: [
        { language: "en-us", tts: "Welcome to Acme." },
        { language: "es-us", tts: "Bienvenido a Acme.", audio: "audio/welcome.es-us.wav" },
      ],
    });
  });

  it("names the file, line and field of what it cannot take", () => {
    const text = (resources: string) => `name: W\nresources:\n${resources}`;
    expect(messages(() => parseRoutingText(text("  - language: en-us\n"), FILE))).toEqual([
      `${FILE}:3:5: field "resources[0]": a resource needs \`tts\`, \`audio\` or both (what the prompt plays in that language)`,
    ]);
    expect(
      messages(() =>
        parseRoutingText(text("  - { language: en-us, tts: a }\n  - { language: en-us, tts: b }\n"), FILE),
      ),
    ).toEqual([`${FILE}:2:1: field "resources": one resource per language: a language is listed twice`]);
    expect(messages(() => parseRoutingText(text("  - { language: en-us, audio: ../../secrets.wav }\n"), FILE))).toEqual(
      [
        `${FILE}:3:24: field "resources[0].audio": expected a path relative to the prompt's file, inside the repository, ` +
          'found "../../secrets.wav"',
      ],
    );
    expect(messages(() => parseRoutingText(text("  - { language: EN, tts: a }\n"), FILE))).toEqual([
      `${FILE}:3:7: field "resources[0].language": expected a lower-case language code such as en-us, found "EN"`,
    ]);
    expect(messages(() => parseRoutingText("name: W\nresources: []\n", FILE))[0]).toMatch(
      /^objects\/prompts\/welcome\.yaml:2:1: field "resources": .*>=1 items/,
    );
  });
});

describe("the prompt a stack deploys", () => {
  const [welcome] = plan();

  it("is named by the stack's substitutions and counted as there by the org-reference check", () => {
    expect(welcome).toMatchObject({ kind: "prompt", publishedName: "Welcome_dev", resourceName: FILE.slice(0, -5) });
    expect(routingObjectsOf([welcome]).get("prompt")).toEqual(new Set(["Welcome_dev"]));
  });

  it("becomes the provider's resources: the audio by its path from the project root, with its content's digest", () => {
    expect(audioPath(FILE, "audio/welcome.es-us.wav")).toBe("objects/prompts/audio/welcome.es-us.wav");
    expect(routingResourceInputs(welcome, { ...refs, digest: (p) => `sha256 of ${p}` })).toEqual({
      name: "Welcome_dev",
      description: "The greeting",
      resources: [
        { language: "en-us", ttsString: "Welcome to Acme." },
        {
          language: "es-us",
          ttsString: "Bienvenido a Acme.",
          filename: "objects/prompts/audio/welcome.es-us.wav",
          fileContentHash: "sha256 of objects/prompts/audio/welcome.es-us.wav",
        },
      ],
    });
    // The review and the record: no digest (the org never answers one).
    expect(routingResourceInputs(welcome, refs).resources).toEqual([
      { language: "en-us", ttsString: "Welcome to Acme." },
      { language: "es-us", ttsString: "Bienvenido a Acme.", filename: "objects/prompts/audio/welcome.es-us.wav" },
    ]);
  });

  it("says in a review what each language plays before and after", () => {
    const lines: string[] = [];
    const before = welcome.value as Extract<RoutingFile, { kind: "prompt" }>;
    const after = { ...before, resources: [{ language: "en-us", tts: "Hello." }] };
    unitOf("prompt").details(before, after, (l, b, a) => lines.push(`${l}: ${b} -> ${a}`), []);
    expect(lines).toEqual([
      "resource en-us: Welcome to Acme. -> Hello.",
      "resource es-us: Bienvenido a Acme. + audio/welcome.es-us.wav -> undefined",
    ]);
  });

  it("adopts the org's prompt of its name, as it is or with the resources the next up writes", () => {
    const asFiled = {
      id: "p-1",
      name: "Welcome_dev",
      description: "The greeting",
      resources: [
        { language: "en-us", ttsString: "Welcome to Acme.", tags: {} },
        {
          language: "es-us",
          ttsString: "Bienvenido a Acme.",
          tags: { filename: ["objects/prompts/audio/welcome.es-us.wav"] },
        },
      ],
    };
    const same = decideObjects([welcome], [], new Map([["prompt", [asFiled]]])).get("prompts/welcome")!;
    expect(same).toEqual({ adopt: { id: "p-1", differs: [], org: {}, words: [] }, adopted: true });
    const other = { ...asFiled, resources: [{ language: "en-us", ttsString: "Hi.", tags: {} }] };
    const d = decideObjects([welcome], [], new Map([["prompt", [other]]])).get("prompts/welcome")!;
    expect(d.adopt?.differs).toEqual(["resources"]);
    expect(decisionWords(welcome, d)[0]).toBe(
      'user prompt "Welcome_dev" is in the org (id p-1): adopted as it is, then updated by the next up: ' +
        `resource en-us text to speech: the org has Hi., ${FILE} says Welcome to Acme.; ` +
        `resource es-us: the org has (none), ${FILE} says present`,
    );
  });

  it("one the stack created stays in the org on down while a published flow outside the stack names it", () => {
    const mine = { id: "prompts/welcome", kind: "prompt" as const, objectId: "p-1" };
    const org = new Map([["prompt" as const, [{ id: "p-1", name: "Welcome_dev", resources: [] }]]]);
    expect(objectsToAsk([welcome], [mine], "usedByFlows")).toEqual([mine]);
    expect(objectsToAsk([welcome], [mine], "waiting")).toEqual([]);
    expect(objectsToAsk([welcome], [{ ...mine, adopted: true }], "usedByFlows")).toEqual([]);
    const using = (status: string, flows: string[]) =>
      decideObjects([welcome], [mine], org, new Map([["p-1", { flows: { status, flows } }]])).get("prompts/welcome")!;
    expect(using("OPERATIONAL", []).inUse).toBeUndefined();
    const d = using("OPERATIONAL", ["Promo line"]);
    expect(decisionWords(welcome, d)).toEqual([
      'user prompt "Welcome_dev" is in use (flow "Promo line", outside the stack, names it): ' +
        "the stack leaves it in the org when it deletes it (down, or its file removed)",
    ]);
    expect(withDecision(welcome, d).retainOnDelete).toBe(true);
    // An index Genesys is still building may miss a flow: kept.
    expect(using("BUILDINPROGRESS", []).inUse).toBe(
      "dependency tracking is BUILDINPROGRESS: which flows name it is not known",
    );
  });
});
