// The stack program: one shared common module and N inbound call flows, read from the
// `genesys-flows:*` keys of Pulumi.<stack>.yaml. See README for the config keys.
import * as fs from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import * as genesyscloud from "@pulumi/genesyscloud";
import { buildFlowSet } from "./components/flowSet";
import { providerArgs } from "./components/genesysProvider";
import { FlowLoadError } from "./components/model/errors";
import { deployStack } from "./components/stackProgram";
import { CONFIG_NAMESPACE, parseStackConfig } from "./components/stackConfig";

const stack = pulumi.getStack();
const cfg = new pulumi.Config(CONFIG_NAMESPACE);

function readConfig(): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  const plain = { environment: cfg.get("environment"), namePrefix: cfg.get("namePrefix") };
  const structured = ["module", "inboundFlows", "forceUnlock", "provider"] as const;
  for (const [key, value] of Object.entries(plain)) if (value !== undefined) raw[key] = value;
  for (const key of structured) {
    const text = cfg.get(key);
    if (text === undefined) continue;
    try {
      raw[key] = JSON.parse(text);
    } catch {
      raw[key] = text; // not JSON: let the schema say what was expected
    }
  }
  return raw;
}

function plan() {
  const source = `Pulumi.${stack}.yaml`;
  const config = parseStackConfig(readConfig(), source);
  return { config, flowSet: buildFlowSet(config, (file) => fs.readFileSync(file, "utf8")) };
}

let planned: ReturnType<typeof plan>;
try {
  planned = plan();
} catch (e) {
  // A person-readable list of every problem, then stop before anything is registered.
  if (e instanceof FlowLoadError) throw new pulumi.RunError(`flow files are not valid:\n${e.message}`);
  throw e;
}

const provider = new genesyscloud.Provider(
  "genesyscloud",
  providerArgs(planned.config, {
    oauthClientId: cfg.getSecret("oauthClientId"),
    oauthClientSecret: cfg.getSecret("oauthClientSecret"),
    accessToken: cfg.getSecret("accessToken"),
  }),
);

const { summary } = deployStack({ stack, config: planned.config, flowSet: planned.flowSet, provider });

export const module = summary.module;
export const inboundFlows = summary.inboundFlows;
