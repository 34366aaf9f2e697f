// How many provider processes the stack program publishes through (planner/publishers.ts): the
// number a stack sets, else one per FLOWS_PER_PUBLISHER flows when the provider signs in with an
// OAuth client's credentials (each process a token and a rate budget of its own), and one when it
// signs in with an access token (every process would send the same token). Run under Pulumi mocks.
import * as pulumi from "@pulumi/pulumi";
import YAML from "yaml";
import { callFlow, lookupModule, flowText, tempProject } from "../../testkit/portfolio";
import { installMocks, valueOf } from "../../testkit/pulumiMocks";
import { FLOWS_PER_PUBLISHER, publisherName } from "../../planner/publishers";
import type { RunningEmulator } from "../../emulator/server";
import { emulatorFor, emulatorRunIo } from "../../testkit/programRun";

const STACK = "test";
const PROVIDER = "pulumi:providers:genesyscloud";

/** A project of the Lookup module and `callers` call flows calling it. */
function project(callers: number): string {
  const files: Record<string, string> = { "flows/modules/lookup.yaml": flowText(lookupModule()) };
  for (let i = 0; i < callers; i++) files[`flows/calls/caller-${i}.yaml`] = flowText(callFlow(`Caller ${i}`));
  files[`Pulumi.${STACK}.yaml`] = YAML.stringify({ config: { "genesys-flows:environment": "test" } });
  return tempProject(files, { prefix: "program-publishers-" });
}

const CLIENT = { oauthClientId: "client-id", oauthClientSecret: "client-secret" };

/** Runs the program on `root` with these `genesys-flows:*` settings; the providers it registered, by name. */
async function providersOf(
  root: string,
  config: Record<string, unknown>,
  env: Record<string, string> = {},
): Promise<{ providers: string[]; flows: number }> {
  const session = await installMocks(STACK);
  const { runProgram } = await import("../../components/program");
  const { engineRun } = await import("../../run/engineRun");
  pulumi.runtime.setAllConfig(
    Object.fromEntries(
      Object.entries({ environment: "test", ...config }).map(([k, v]) => [
        `genesys-flows:${k}`,
        typeof v === "string" ? v : JSON.stringify(v),
      ]),
    ),
  );
  const saved = { ...process.env };
  delete process.env.GENESYSCLOUD_ACCESS_TOKEN;
  Object.assign(process.env, env);
  try {
    const result = await runProgram(engineRun(root, emulatorRunIo(emu, STACK)));
    // Every component registers its outputs before the next case installs new mocks.
    await Promise.all([...result.summary.map((f) => valueOf(f.flowId)), valueOf(result.releases)]);
  } finally {
    process.env = saved;
  }
  await session.settled();
  return {
    providers: session.registrations.filter((r) => r.type === PROVIDER).map((r) => r.name),
    flows: session.registrations.filter((r) => r.type === "genesyscloud:index/flow:Flow").length,
  };
}

// One more flow than a publisher takes: the module and FLOWS_PER_PUBLISHER callers.
const root = project(FLOWS_PER_PUBLISHER);
// The org the program's guards read: an emulator on 127.0.0.1 with what the flows name.
let emu: RunningEmulator;
beforeAll(async () => {
  emu = await emulatorFor(root, STACK);
});
afterAll(async () => {
  await emu.stop();
});
const names = (n: number) => Array.from({ length: n }, (_, i) => publisherName(i));

test("client credentials and no provider.publishers: one publisher per FLOWS_PER_PUBLISHER flows", async () => {
  expect(await providersOf(root, CLIENT)).toEqual({ providers: names(2), flows: FLOWS_PER_PUBLISHER + 1 });
});

test("an access token in the stack file: one publisher, whatever the flow count (every process would send that one token)", async () => {
  expect(await providersOf(root, { accessToken: "token" })).toEqual({
    providers: names(1),
    flows: FLOWS_PER_PUBLISHER + 1,
  });
});

test("GENESYSCLOUD_ACCESS_TOKEN wins over the stack's client credentials, as in the provider: one publisher", async () => {
  expect(await providersOf(root, CLIENT, { GENESYSCLOUD_ACCESS_TOKEN: "token" })).toEqual({
    providers: names(1),
    flows: FLOWS_PER_PUBLISHER + 1,
  });
});

test("provider.publishers set in the stack file wins over the default: 1 with client credentials", async () => {
  expect(await providersOf(root, { ...CLIENT, provider: { publishers: 1 } })).toEqual({
    providers: names(1),
    flows: FLOWS_PER_PUBLISHER + 1,
  });
});

test("provider.publishers set in the stack file wins over the default: 3 with an access token", async () => {
  expect(await providersOf(root, { accessToken: "token", provider: { publishers: 3 } })).toEqual({
    providers: names(3),
    flows: FLOWS_PER_PUBLISHER + 1,
  });
});
