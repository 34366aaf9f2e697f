// The benchmark's baseline: plain Archy files (written by bench/run.ts from the same compiled
// output the real stack publishes) deployed with bare genesyscloud.Flow resources. No flow model,
// no components, no policy pack: what the stack would cost with nothing of ours in the way.
// Config (Pulumi.<stack>.yaml, written by bench/run.ts):
//   baseline:port         emulator port on 127.0.0.1
//   baseline:accessToken  the emulator's fixed token, or (the bench's --client-credentials)
//   baseline:oauthClientId, baseline:oauthClientSecret  its OAuth client
//   baseline:flows        [{key, name, file, dependsOn}]: every flow, modules before their callers;
//                         dependsOn: the keys of the modules it calls
//   baseline:components   "true": each Flow is the child of a component resource of its own, which
//                         registers the flow's id and name as outputs (the bench's floor-components:
//                         the design card's two resources per flow at Pulumi's own price)
import * as pulumi from "@pulumi/pulumi";
import * as genesyscloud from "@pulumi/genesyscloud";

interface BaselineFlow {
  key: string;
  name: string;
  file: string;
  dependsOn: string[];
}

const cfg = new pulumi.Config("baseline");
const provider = new genesyscloud.Provider("genesyscloud", {
  gateways: [{ protocol: "http", host: "127.0.0.1", port: cfg.require("port") }],
  ...(cfg.get("oauthClientId")
    ? { oauthclientId: cfg.require("oauthClientId"), oauthclientSecret: cfg.require("oauthClientSecret") }
    : { accessToken: cfg.require("accessToken") }),
  // Same as ours' stack in the run (Pulumi.local.yaml's 1 unless --token-pool), so the provider does the same work.
  tokenPoolSize: Number(cfg.get("tokenPoolSize") ?? "1"),
});

const components = cfg.get("components") === "true";

/** One flow in a component of its own: the shape of the real stack's components, none of their work. */
class FlowComponent extends pulumi.ComponentResource {
  readonly flow: genesyscloud.Flow;
  constructor(name: string, f: BaselineFlow, calls: FlowComponent[]) {
    super("genesys-flows-bench:index:FlowComponent", name, {}, { dependsOn: calls });
    // The Flow waits for the Flows of the modules it calls, as in the bare baseline.
    this.flow = new genesyscloud.Flow(
      name,
      { name: f.name, filepath: f.file, forceUnlock: true },
      { provider, parent: this, dependsOn: calls.map((c) => c.flow) },
    );
    this.registerOutputs({ flowId: this.flow.id, name: f.name });
  }
}

const created = new Map<string, genesyscloud.Flow>();
const wrappers = new Map<string, FlowComponent>();
for (const f of cfg.requireObject<BaselineFlow[]>("flows")) {
  const name = f.key.replace(/\//g, "-");
  if (components) {
    const w = new FlowComponent(
      name,
      f,
      f.dependsOn.map((k) => wrappers.get(k)!),
    );
    wrappers.set(f.key, w);
    created.set(f.key, w.flow);
  } else {
    const dependsOn = f.dependsOn.map((k) => created.get(k)!);
    created.set(
      f.key,
      new genesyscloud.Flow(name, { name: f.name, filepath: f.file, forceUnlock: true }, { provider, dependsOn }),
    );
  }
}
export const flowIds = [...created.values()].map((f) => f.id);
