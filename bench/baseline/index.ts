// The benchmark's baseline: plain Archy files (written by bench/run.ts from the same compiled
// output the real stack publishes) deployed with bare genesyscloud.Flow resources. No flow model,
// no components, no policy pack: what the stack would cost with nothing of ours in the way.
// Config (Pulumi.<stack>.yaml, written by bench/run.ts):
//   baseline:port         emulator port on 127.0.0.1
//   baseline:accessToken  the emulator's fixed token
//   baseline:module       {name, file}: the common module (published first)
//   baseline:flows        [{name, file}]: the inbound flows (each depends on the module)
import * as pulumi from "@pulumi/pulumi";
import * as genesyscloud from "@pulumi/genesyscloud";

interface FlowRef {
  name: string;
  file: string;
}

const cfg = new pulumi.Config("baseline");
const provider = new genesyscloud.Provider("genesyscloud", {
  gateways: [{ protocol: "http", host: "127.0.0.1", port: cfg.require("port") }],
  accessToken: cfg.require("accessToken"),
  // Same as the real stack's local config (Pulumi.local.yaml), so the provider does the same work.
  tokenPoolSize: 1,
});

const moduleRef = cfg.requireObject<FlowRef>("module");
const commonModule = new genesyscloud.Flow("module", { name: moduleRef.name, filepath: moduleRef.file, forceUnlock: true }, { provider });

export const flowIds = cfg.requireObject<FlowRef[]>("flows").map(
  (f, i) =>
    new genesyscloud.Flow(`inbound-${i + 1}`, { name: f.name, filepath: f.file, forceUnlock: true }, { provider, dependsOn: [commonModule] }).id,
);
export const moduleId = commonModule.id;
