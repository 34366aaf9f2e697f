// The shipped examples (on a copy of them, testkit/shippedExamples.ts, so a team's own flows
// beside them are not judged here):
// every flow of every stack compiles and publishes on the emulator through the provider's HTTP
// sequence (job, presigned upload without auth, poll with expand=messages), in the planner's
// order (modules before the flows calling them), and every call names a published module.
import YAML from "yaml";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { readPortfolio } from "../../project/portfolio";
import { call, publish } from "../../testkit/emulator";
import { shippedExamplesProject } from "../../testkit/shippedExamples";

const ROOT = shippedExamplesProject();
const STACKS = ["local", "dev", "prod"] as const;

async function api<T>(emu: RunningEmulator, path: string): Promise<T> {
  const res = await call<T>(`${emu.url}${path}`, { token: emu.accessToken });
  if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Every `callCommonModule.commonModule` key in a parsed Archy document. */
function calledModules(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) calledModules(n, found);
  else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "callCommonModule") {
        const target = (value as { commonModule?: Record<string, unknown> }).commonModule;
        found.push(...Object.keys(target ?? {}));
      }
      calledModules(value, found);
    }
  }
  return found;
}

describe("the shipped examples publish on the emulator", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator({ port: 0 });
  });
  afterAll(async () => {
    await emu.stop();
  });

  it.each(STACKS)("stack %s: every flow publishes with Success in the planner's order", async (stack) => {
    emu.reset();
    const portfolio = readPortfolio(ROOT, stack);
    // The portfolio the README promises: modules (one calling another) and calls, email and message flows.
    const kinds = new Set(portfolio.flows.map((f) => f.model.kind));
    expect([...kinds].sort()).toEqual(
      expect.arrayContaining(["commonModule", "inboundCall", "inboundEmail", "inboundShortMessage"]),
    );
    expect(portfolio.flows.filter((f) => f.kind.isModule && f.calls.length > 0).length).toBeGreaterThanOrEqual(1);
    const published = new Set<string>();
    for (const plan of portfolio.flows) {
      for (const called of calledModules(YAML.parse(plan.substitutedYaml, { version: "1.2" })))
        expect({ [plan.id]: published.has(called) }).toEqual({ [plan.id]: true });
      const job = await publish(emu, plan.substitutedYaml);
      const errors = job.messages.filter((m) => m.type === "Error").map((m) => m.text);
      expect({ flow: plan.publishedName, status: job.status, errors }).toEqual({
        flow: plan.publishedName,
        status: "Success",
        errors: [],
      });
      const flow = await api<{ name: string; type: string }>(emu, `/api/v2/flows/${job.flow!.id}?deleted=false`);
      expect(flow).toMatchObject({ name: plan.publishedName, type: plan.kind.apiType });
      published.add(plan.publishedName);
    }
  });
});
