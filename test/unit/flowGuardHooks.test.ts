// The guards bound to the engine (components/flowGuard.ts): a before-hook holds the change until
// every guard said yes; the after-create hook returns at once (the created flow's dependents go on)
// while the guards' after-create work runs beside the engine, and the program's calls do not drain
// (the run does not end) until it has; a failure there is an error in the engine's log.
import * as pulumi from "@pulumi/pulumi";
import { installMocks } from "../../testkit/pulumiMocks";
import type { EngineChange, GuardHooks } from "../../run/guards/guard";
import type * as FlowGuardModule from "../../components/flowGuard";

const FLOW_TYPE = "genesyscloud:index/flow:Flow";
let flowGuard: typeof FlowGuardModule;

beforeAll(async () => {
  await installMocks("test");
  flowGuard = await import("../../components/flowGuard");
});

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (e: Error) => void } {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/** What the engine hands a hook for the flow `name` (its new id after a create). */
function args(name: string): pulumi.ResourceHookArgs {
  return {
    urn: `urn:pulumi:test::genesys-flows::${FLOW_TYPE}::${name}`,
    id: "flow-1",
    name,
    type: FLOW_TYPE,
    newInputs: {},
    newOutputs: {},
  } as pulumi.ResourceHookArgs;
}

const callback = (hooks: pulumi.ResourceHookBinding, which: "beforeCreate" | "afterCreate") =>
  (hooks[which]![0] as pulumi.ResourceHook).callback;
const tick = () => new Promise((r) => setTimeout(r, 20));

it("a before-hook waits for every guard, in order; a refusal fails it", async () => {
  const seen: string[] = [];
  const gate = deferred();
  const guards: GuardHooks[] = [
    { before: async (c) => (seen.push(`a ${c.action} ${c.name}`), gate.promise) },
    { before: async (c) => void seen.push(`b ${c.name}`) },
  ];
  let returned = false;
  const run = Promise.resolve(callback(flowGuard.guardHooks(guards), "beforeCreate")(args("calls-a"))).then(
    () => (returned = true),
  );
  await tick();
  expect({ seen, returned }).toEqual({ seen: ["a create calls-a"], returned: false });
  gate.resolve();
  await run;
  expect(seen).toEqual(["a create calls-a", "b calls-a"]);
  const refusing = flowGuard.guardHooks([
    { before: async () => Promise.reject(new Error("refused before calls-a publishes")) },
  ]);
  await expect(Promise.resolve(callback(refusing, "beforeCreate")(args("calls-a")))).rejects.toThrow(
    "refused before calls-a publishes",
  );
});

it("a failed after-create is an error in the engine's log, the hook having returned", async () => {
  const errors = jest.spyOn(pulumi.log, "error").mockImplementation(async () => undefined);
  try {
    const gate = deferred();
    await callback(flowGuard.guardHooks([{ afterCreate: () => gate.promise }]), "afterCreate")(args("calls-b"));
    expect(errors).not.toHaveBeenCalled();
    gate.reject(new Error("the org answered 500"));
    await tick();
    expect(errors).toHaveBeenCalledWith("after creating calls-b: the org answered 500");
  } finally {
    errors.mockRestore();
  }
});

it("no after-create hook when no guard has after-create work; none in a preview's engine calls", () => {
  const plain = flowGuard.guardHooks([{ before: async () => undefined }]);
  expect(plain.afterCreate).toBeUndefined();
  const withAfter = flowGuard.guardHooks([{ afterCreate: async () => undefined }]);
  expect((withAfter.afterCreate![0] as pulumi.ResourceHook).opts?.onDryRun ?? false).toBe(false);
  expect((withAfter.beforeCreate![0] as pulumi.ResourceHook).opts?.onDryRun).toBe(true);
});

// Last: Pulumi's disconnect ends the mocks' connection for the rest of the file.
it("the after-create hook returns before the guards' work ends; the program's calls drain only after it", async () => {
  const gate = deferred();
  const changes: EngineChange[] = [];
  const hooks = flowGuard.guardHooks([{ afterCreate: async (c) => (changes.push(c), gate.promise) }]);
  await callback(hooks, "afterCreate")(args("modules-lookup"));
  expect(changes).toEqual([
    expect.objectContaining({
      action: "create",
      resource: "flow",
      name: "modules-lookup",
      objectId: "flow-1",
      dryRun: false,
    }),
  ]);
  // Pulumi's disconnect waits for the calls in flight: it must wait for the guard's work too.
  let drained = false;
  const disconnect = pulumi.runtime.disconnect().then(() => (drained = true));
  await tick();
  expect(drained).toBe(false);
  gate.resolve();
  await disconnect;
  expect(drained).toBe(true);
});
