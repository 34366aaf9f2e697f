// Each resource's properties deserialized once per analysis, not once per policy.
//
// @pulumi/policy 1.21 (server.js, makeAnalyzeStackRpcFun) runs every stack policy over every
// resource of the stack and, for each policy, deserializes each resource's properties again from
// the request's protobuf Struct (deserialize.js deserializeProperties). This pack has one stack
// policy per rule, so an analysis of N resources pays that N times per rule, for the same Structs:
// at N = 500 flows most of the pack's CPU. The library offers no setting for it, so the pack keeps
// the first deserialization of each Struct (keyed by the Struct object itself, which the request
// holds for the whole call) and hands the same plain object to every policy. Each policy still
// gets its own unknown-checking proxy over it. (readComponents, resources.ts, reads the components
// once per analysis either way: it recognises their facts by their text.) Only the plain form (secrets not proxied) is kept,
// the form analyzeStack asks for; nothing in this pack writes to resource properties.
//
// The server calls `deserialize_1.deserializeProperties(...)` through the module's exports at each
// call, so replacing that export is seen. The module is taken with require (`import x = require`),
// not as a namespace import: the bundled pack's (project/jsbuild.js) namespace objects are
// read-only copies of a module's exports, where the replacement could not be written.
// test/policy/deserializeOnce.test.ts drives the library's own analyzeStack with two policies and
// fails if they stop sharing one deserialization, so a library update that changes this path is
// caught, not silently slower or wrong.
import deserialize = require("@pulumi/policy/deserialize");

type Deserialize = (outputsStruct: object, proxySecrets: boolean) => Record<string, unknown>;

const INSTALLED = Symbol.for("genesys-flows.deserializeOnce");

interface DeserializeModule {
  deserializeProperties: Deserialize & { [INSTALLED]?: true };
}

/** Makes @pulumi/policy deserialize each properties Struct once; idempotent. */
export function deserializeEachResourceOnce(): void {
  // deserialize.js is internal to @pulumi/policy (its .d.ts marks it @internal), so its exports are
  // reached through a narrow interface of the one function replaced.
  const mod = deserialize as unknown as DeserializeModule;
  const original = mod.deserializeProperties;
  if (original[INSTALLED]) return;
  const kept = new WeakMap<object, Record<string, unknown>>();
  const once = ((outputsStruct: object, proxySecrets: boolean) => {
    if (proxySecrets) return original(outputsStruct, proxySecrets);
    let props = kept.get(outputsStruct);
    if (props === undefined) {
      props = original(outputsStruct, proxySecrets);
      kept.set(outputsStruct, props);
    }
    return props;
  }) as DeserializeModule["deserializeProperties"];
  once[INSTALLED] = true;
  mod.deserializeProperties = once;
}
