// Issue 96 item 4 end to end, with the real engine, provider and policy pack against the emulator:
// a stack declares a queue and a user prompt (its Spanish resource a recording kept in the
// repository) and a flow that plays the prompt and transfers to the queue. A person (another OAuth
// client) then changes the queue's after-call work timeout and replaces the prompt's Spanish
// recording: verify names both (kind, object, field). On the protected stack, an up that would
// overwrite them stops before anything changes, saying how to acknowledge each in the stack file
// (Genesys answers neither with a version: the acknowledgement names the org's values seen); once
// acknowledged, the up goes ahead. With a caller waiting in the queue (analytics' oWaiting) and a
// flow outside the stack playing the prompt, down deletes the stack's flow and keeps both objects,
// saying why. Steps run in order.
import * as fs from "node:fs";
import * as path from "node:path";
import * as YAML from "yaml";
import { createProject, isWrite, publishedFlows, runCli, type E2eProject, type ToolRun } from "../../testkit/harness";
import { callFlow, LOOKUP } from "../../testkit/fixtures";
import { architectCall } from "../../testkit/architectFlow";
import { call, publish, signIn } from "../../testkit/emulator";
import { documented, excerpt } from "../../testkit/docOutputs";

jest.setTimeout(20 * 60_000);

const y = (v: unknown) => YAML.stringify(v, { version: "1.2" });
const OPS = { id: "ops-client", secret: "ops-secret", name: "Ops Console" };
const QUEUES = "/api/v2/routing/queues";
const PROMPTS = "/api/v2/architect/prompts";
const BILLING = 'name: "{{billing_queue}}"\ndescription: Billing team\nacwTimeoutMs: 30000\n';
const WELCOME =
  "name: Welcome_prompt\ndescription: The greeting\nresources:\n" +
  "  - language: en-us\n    tts: Welcome.\n" +
  "  - language: es-us\n    tts: Bienvenido.\n    audio: welcome.es-us.wav\n";
/** The Billing flow greets with the user prompt, then transfers to the queue. */
const billingFlow = () => {
  const f = callFlow("Billing", "Lookup", "address", "{{billing_queue}}");
  return {
    ...f,
    nodes: {
      ...f.nodes,
      Welcome: { type: "playMessage", audio: "ToAudio(Prompt.Welcome_prompt)", transitions: { next: "Call" } },
    },
  };
};

let p: E2eProject;
const out = (r: ToolRun) => r.stdout + r.stderr;
const ok = (r: ToolRun): ToolRun => {
  if (r.code !== 0) throw new Error(`exit ${r.code}:\n${out(r).slice(-6000)}`);
  return r;
};
const tool = (args: string[]) => runCli(p, args);
/** A request as the ops console (another OAuth client of the org) makes it. */
const ops = async (method: string, url: string, body?: unknown) => {
  const token = await signIn(p.emulator, { clientId: OPS.id, clientSecret: OPS.secret });
  const r = await call(`${p.emulator.url}${url}`, {
    method,
    token,
    ...(body !== undefined ? { body: JSON.stringify(body), headers: { "content-type": "application/json" } } : {}),
  });
  if (r.status >= 300) throw new Error(`${method} ${url} answered ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body as Record<string, unknown>;
};
const byName = async (url: string) =>
  new Map(
    ((await ops("GET", `${url}?pageSize=100`)) as unknown as { entities: Array<Record<string, unknown>> }).entities.map(
      (e) => [String(e.name), e],
    ),
  );
const writes = (mark: number) =>
  p.emulator.requestLog.list().filter((e) => e.seq > mark && isWrite(e) && !e.path.startsWith("/oauth"));

beforeAll(async () => {
  p = await createProject({
    flows: { "modules/lookup.yaml": y(LOOKUP), "calls/billing.yaml": y(billingFlow()) },
    objects: { "queues/billing.yaml": BILLING, "prompts/welcome.yaml": WELCOME },
    settings: { substitutions: { billing_queue: "Billing" }, forceUnlock: "false" },
    orgObjects: "fixed",
    emulator: { org: { users: [{ name: "Dana Agent" }] }, people: { clients: [OPS] }, strict: true },
  });
  fs.writeFileSync(path.join(p.dir, "objects/prompts/welcome.es-us.wav"), Buffer.from("RIFF the stack's recording"));
  const config = JSON.parse(p.read("policies/config/local.json")) as Record<string, unknown>;
  config["prod-force-unlock"] = { enforcementLevel: "mandatory", environments: ["local"] };
  p.write("policies/config/local.json", `${JSON.stringify(config, null, 2)}\n`);
});

afterAll(async () => {
  await p?.cleanup();
});

it("1. up creates the queue and the prompt; verify finds nothing changed", async () => {
  ok(await tool(["up", "--stack", "local"]));
  expect([...(await byName(QUEUES)).keys()]).toEqual(["Billing"]);
  expect([...(await byName(PROMPTS)).keys()]).toEqual(["Welcome_prompt"]);
  const v = ok(await tool(["verify", "--stack", "local"]));
  expect(out(v)).not.toContain("routing-drift");
});

it("2. a person changes the queue's timeout and the prompt's recording: verify names both", async () => {
  const billing = (await byName(QUEUES)).get("Billing")!;
  await ops("PUT", `${QUEUES}/${String(billing.id)}`, {
    ...billing,
    acwSettings: { wrapupPrompt: "MANDATORY_TIMEOUT", timeoutMs: 90000 },
  });
  const welcome = (await byName(PROMPTS)).get("Welcome_prompt")!;
  const es = await ops("GET", `${PROMPTS}/${String(welcome.id)}/resources/es-us`);
  await ops("PUT", `${PROMPTS}/${String(welcome.id)}/resources/es-us`, {
    ...es,
    tags: { filename: ["dana-saludo.wav"] },
  });
  const v = await tool(["verify", "--stack", "local"]);
  expect(v.code).toBe(1);
  expect(out(v)).toContain(
    '[routing-drift] Billing (objects/queues/billing.yaml): queue "Billing" was changed outside the stack: ' +
      "after-call work timeout (ms): the org has 90000, the stack's files say 30000",
  );
  expect(out(v)).toMatch(
    /\[routing-drift\] Welcome_prompt \(objects\/prompts\/welcome.yaml\): user prompt "Welcome_prompt" was changed outside the stack: resource es-us audio file: the org has dana-saludo.wav, the stack's files say objects\/prompts\/welcome.es-us.wav/,
  );
  documented(
    "objects/people-verify",
    out(v)
      .split("\n")
      .filter((l) => l.includes("[routing-drift]"))
      .join("\n"),
  );
});

let acknowledge: string[] = [];

it("3. the protected stack's up that would overwrite them stops before anything changes, saying how to acknowledge each", async () => {
  p.write("objects/queues/billing.yaml", BILLING.replace("Billing team", "Billing and refunds"));
  p.write("objects/prompts/welcome.yaml", WELCOME.replace("The greeting", "The greeting, 2027"));
  const mark = p.mark();
  const up = await tool(["up", "--stack", "local"]);
  expect(up.code).toBe(1);
  expect(out(up)).toMatch(
    /STOP +Billing \(queues\/billing\): changed outside the stack: queue "Billing": after-call work timeout \(ms\): the org has 90000, this run writes 30000/,
  );
  expect(out(up)).toMatch(
    /STOP +Welcome_prompt \(prompts\/welcome\): changed outside the stack: user prompt "Welcome_prompt": resource es-us audio file: the org has dana-saludo.wav, this run writes objects\/prompts\/welcome.es-us.wav/,
  );
  acknowledge = [
    ...out(up).matchAll(/genesys-flows:acknowledge: \{([a-z/]+): \{reason: "[^"]*", seen: "([0-9a-f]+)"\}\}/g),
  ]
    .map((m) => `${m[1]}=${m[2]}`)
    .filter((x, i, all) => all.indexOf(x) === i)
    .sort();
  expect(acknowledge.map((a) => a.split("=")[0])).toEqual(["prompts/welcome", "queues/billing"]);
  expect(out(up)).toContain("Stopped before anything publishes: 2 changes people made would be overwritten");
  documented("objects/people-up-stop", excerpt(out(up), /^ +STOP /, "Stopped before anything publishes"));
  expect(writes(mark)).toEqual([]);
  expect(((await byName(QUEUES)).get("Billing")!.acwSettings as Record<string, unknown>).timeoutMs).toBe(90000);
});

it("4. acknowledged in the stack file (the values seen), the up goes ahead and writes the stack's values", async () => {
  const stackFile = YAML.parse(p.read("Pulumi.local.yaml")) as { config: Record<string, unknown> };
  stackFile.config["genesys-flows:acknowledge"] = Object.fromEntries(
    acknowledge.map((a) => {
      const [id, seen] = a.split("=");
      return [id, { reason: "the 2027 greeting and timeouts replace them", seen }];
    }),
  );
  p.write("Pulumi.local.yaml", y(stackFile));
  const up = ok(await tool(["up", "--stack", "local"]));
  expect(out(up)).toMatch(/acknowledged +Billing \(queues\/billing\): changed outside the stack/);
  expect(out(up)).toMatch(/acknowledged +Welcome_prompt \(prompts\/welcome\): changed outside the stack/);
  const billing = (await byName(QUEUES)).get("Billing")!;
  expect([billing.description, (billing.acwSettings as Record<string, unknown>).timeoutMs]).toEqual([
    "Billing and refunds",
    30000,
  ]);
});

it("5. with a conversation waiting in the queue and a flow outside the stack playing the prompt, down keeps both and says why", async () => {
  // A caller transferred to Billing waits there (the emulator's traffic; no agent answers).
  const traffic = (await ops("POST", "/__emulator/traffic", {
    interactions: 1,
    flows: ["local-Billing"],
    queues: "wait",
  })) as unknown as { flows: Array<{ endings: Record<string, number> }> };
  expect(Object.keys(traffic.flows[0].endings)).toEqual([expect.stringMatching(/^transfer to queue "Billing"/)]);
  const token = await signIn(p.emulator, { clientId: OPS.id, clientSecret: OPS.secret });
  const promo = architectCall("Promo line", "Billing").replace(
    "tts: One moment please.",
    "exp: ToAudio(Prompt.Welcome_prompt)",
  );
  expect((await publish(p.emulator, promo, token)).status).toBe("Success");
  const down = ok(await tool(["down", "--stack", "local", "--yes"]));
  expect(out(down)).toContain(
    'queue "Billing" is in use (1 conversation(s) waiting): the stack leaves it in the org when it deletes it',
  );
  expect(out(down)).toContain(
    'user prompt "Welcome_prompt" is in use (flow "Promo line", outside the stack, names it): the stack leaves it in the org when it deletes it',
  );
  expect([...publishedFlows(p.emulator).keys()]).toEqual(["Promo line"]);
  expect([...(await byName(QUEUES)).keys()]).toEqual(["Billing"]);
  expect([...(await byName(PROMPTS)).keys()]).toEqual(["Welcome_prompt"]);
});
