// The run's guard (run/guard.ts) bound to the engine: Pulumi's resource hooks (the `hooks` resource
// option) on every genesyscloud.Flow the stack manages. The engine calls them for exactly the
// flows it is about to create, update or delete, whoever started it (our command line, plain
// `pulumi`, pulumi/actions, the Automation API, Pulumi Deployments), in preview too (`onDryRun`);
// a before-hook that throws fails that action. Delete hooks must be named ResourceHook instances
// (the engine finds them in the state when the flow is no longer in the program), which makes
// `pulumi destroy` require `--run-program`: the program, and the guard, run on destroy too.
import type { AsyncLocalStorage } from "node:async_hooks";
import * as pulumi from "@pulumi/pulumi";
import type { EngineChange, FlowGuard } from "../run/guard";

/**
 * The hooks of one program run; created once, bound to every managed flow. A program run through
 * the Automation API in this process (engine/workspace.ts) runs inside a store of Pulumi's
 * (`global.asyncLocalStorage`, @pulumi/pulumi runtime/state.js) that holds its engine and whether it
 * is a preview; the engine calls hooks from outside it, so a hook re-enters the program's store
 * (the engine's log then reaches this run's output) and takes the preview flag read at program time.
 */
export function guardHooks(guard: FlowGuard): pulumi.ResourceHookBinding {
  const dryRun = pulumi.runtime.isDryRun();
  const storage = (globalThis as { asyncLocalStorage?: AsyncLocalStorage<unknown> }).asyncLocalStorage;
  const store = storage?.getStore();
  const inProgram = <T>(f: () => T): T => (storage !== undefined && store !== undefined ? storage.run(store, f) : f());
  const hook = (name: string, action: EngineChange["action"]) =>
    new pulumi.ResourceHook(
      name,
      (args) =>
        inProgram(() =>
          guard.beforeChange({
            action,
            name: args.name,
            urn: args.urn,
            ...(args.id ? { flowId: args.id } : {}),
            dryRun,
          }),
        ),
      { onDryRun: true },
    );
  return {
    beforeCreate: [hook("genesys-flows-before-create", "create")],
    beforeUpdate: [hook("genesys-flows-before-update", "update")],
    beforeDelete: [hook("genesys-flows-before-delete", "delete")],
  };
}
