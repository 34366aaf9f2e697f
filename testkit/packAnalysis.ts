// The policy pack's analysis as the engine asks for it: one AnalyzeStack request whose resources
// carry their registered outputs as the protobuf Structs the engine marshals, handled by
// @pulumi/policy's own analyzeStack (the handler `new PolicyPack` serves; server.js
// makeAnalyzeStackRpcFun). The policy tests and the benchmark (bench/cores.ts) go through it, so
// what they count and time is the path the pack takes in a preview, not a copy of it. The pack's
// own set-up (policies/index.ts: deserializeEachResourceOnce) is the caller's to install, as
// policies/index.ts does.
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type { StackValidationPolicy } from "@pulumi/policy";

/** A resource as the engine registered it: its outputs, and its parent's URN for a child. */
export interface RegisteredResource {
  type: string;
  urn: string;
  name: string;
  props: Record<string, unknown>;
  parent?: string;
}

// Internal to @pulumi/pulumi and @pulumi/policy: no type declarations for these paths' exports.
interface AnalyzerResource {
  setType(v: string): void;
  setUrn(v: string): void;
  setName(v: string): void;
  setParent(v: string): void;
  setProperties(v: Struct): void;
  setOptions(v: object): void;
}
interface AnalyzeStackRequest {
  setResourcesList(v: AnalyzerResource[]): void;
}
interface Diagnostic {
  getPolicyname(): string;
  getMessage(): string;
}
type Handler = (
  call: { request: AnalyzeStackRequest },
  callback: (err: unknown, res?: { getDiagnosticsList(): Diagnostic[] }) => void,
) => Promise<void>;
const proto = require("@pulumi/pulumi/proto/analyzer_pb") as {
  AnalyzerResource: new () => AnalyzerResource;
  AnalyzerResourceOptions: new () => object;
  AnalyzeStackRequest: new () => AnalyzeStackRequest;
};
const server = require("@pulumi/policy/server") as {
  makeAnalyzeStackRpcFun: (name: string, version: string, level: string, policies: StackValidationPolicy[]) => Handler;
};

/**
 * The engine's request for one analysis. A new request is a new analysis: its Structs are new
 * objects (policies/deserializeOnce.ts keys on them). Values a preview does not know are the
 * library's sentinel strings in `props`, as the engine marshals them.
 */
export function analyzeStackRequest(resources: readonly RegisteredResource[]): AnalyzeStackRequest {
  const request = new proto.AnalyzeStackRequest();
  request.setResourcesList(
    resources.map((res) => {
      const r = new proto.AnalyzerResource();
      r.setType(res.type);
      r.setUrn(res.urn);
      r.setName(res.name);
      if (res.parent !== undefined) r.setParent(res.parent);
      r.setOptions(new proto.AnalyzerResourceOptions());
      r.setProperties(Struct.fromJavaScript(res.props as Parameters<typeof Struct.fromJavaScript>[0]));
      return r;
    }),
  );
  return request;
}

/** Runs every policy over one request through the library's handler; its violations as `[policy] message`. */
export async function analyzeStack(
  policies: readonly StackValidationPolicy[],
  request: AnalyzeStackRequest,
): Promise<string[]> {
  let failed: unknown;
  let diagnostics: Diagnostic[] = [];
  await server.makeAnalyzeStackRpcFun("genesys-flows", "0.0.0", "mandatory", [...policies])({ request }, (err, res) => {
    failed = err;
    diagnostics = res?.getDiagnosticsList() ?? [];
  });
  if (failed) throw failed instanceof Error ? failed : new Error(String(failed));
  return diagnostics.map((d) => `[${d.getPolicyname()}] ${d.getMessage()}`);
}
