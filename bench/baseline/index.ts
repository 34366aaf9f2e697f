// The benchmark's baseline: plain Archy files (written by bench/run.ts from the same compiled
// output the real stack publishes) deployed with bare genesyscloud.Flow resources. No flow model,
// no components, no policy pack: what the stack would cost with nothing of ours in the way.
// Config (Pulumi.<stack>.yaml, written by bench/run.ts):
//   baseline:port         emulator port on 127.0.0.1
//   baseline:accessToken  the emulator's fixed token
//   baseline:flows        [{key, name, file, dependsOn}]: every flow, modules before their callers;
//                         dependsOn: the keys of the modules it calls
import * as pulumi from "@pulumi/pulumi";
import * as genesyscloud from "@pulumi/genesyscloud";

interface FlowRef {
  key: string;
  name: string;
  file: string;
  dependsOn: string[];
}

const cfg = new pulumi.Config("baseline");
const provider = new genesyscloud.Provider("genesyscloud", {
  gateways: [{ protocol: "http", host: "127.0.0.1", port: cfg.require("port") }],
  accessToken: cfg.require("accessToken"),
  // Same as the real stack's local config (Pulumi.local.yaml), so the provider does the same work.
  tokenPoolSize: 1,
});

const created = new Map<string, genesyscloud.Flow>();
for (const f of cfg.requireObject<FlowRef[]>("flows")) {
  const dependsOn = f.dependsOn.map((k) => created.get(k)!);
  created.set(f.key, new genesyscloud.Flow(f.key.replace(/\//g, "-"), { name: f.name, filepath: f.file, forceUnlock: true }, { provider, dependsOn }));
}
export const flowIds = [...created.values()].map((f) => f.id);
