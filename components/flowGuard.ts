// The run's guards (run/guards/) bound to the engine: Pulumi's resource hooks (the `hooks`
// resource option) on every genesyscloud.Flow and routing resource the stack manages. The engine
// calls them for exactly the resources it is about to create, update or delete, whoever started it
// (our command line, plain `pulumi`, pulumi/actions, the Automation API, Pulumi Deployments), in
// preview too (`onDryRun`); a before-hook that throws fails that action. Delete hooks must be named
// ResourceHook instances (the engine finds them in the state when the resource is no longer in the
// program), which makes `pulumi destroy` require `--run-program`: the program, and the guards, run
// on destroy too.
import type { AsyncLocalStorage } from "node:async_hooks";
import * as pulumi from "@pulumi/pulumi";
import type { EngineChange, GuardHooks } from "../run/guards/guard";

const FLOW_TYPE = "genesyscloud:index/flow:Flow";

/**
 * The hooks of one program run; created once, bound to every managed flow and routing object. A
 * program run through the Automation API in this process (engine/workspace.ts) runs inside a store
 * of Pulumi's (`global.asyncLocalStorage`, @pulumi/pulumi runtime/state.js) that holds its engine
 * and whether it is a preview; the engine calls hooks from outside it, so a hook re-enters the
 * program's store (the engine's log then reaches this run's output) and takes the preview flag read
 * at program time. Every guard's hook runs, in registry order.
 */
export function guardHooks(guards: readonly GuardHooks[]): pulumi.ResourceHookBinding {
  const dryRun = pulumi.runtime.isDryRun();
  const storage = (globalThis as { asyncLocalStorage?: AsyncLocalStorage<unknown> }).asyncLocalStorage;
  const store = storage?.getStore();
  const inProgram = <T>(f: () => T): T => (storage !== undefined && store !== undefined ? storage.run(store, f) : f());
  const changeOf = (
    args: Pick<pulumi.ResourceHookArgs, "type" | "name" | "urn" | "id">,
    action: EngineChange["action"],
  ): EngineChange => ({
    action,
    resource: args.type === FLOW_TYPE ? "flow" : "routing",
    name: args.name,
    urn: args.urn,
    ...(args.id ? { objectId: args.id } : {}),
    dryRun,
  });
  const before = (name: string, action: EngineChange["action"]) =>
    new pulumi.ResourceHook(
      name,
      (args) =>
        inProgram(async () => {
          for (const g of guards) await g.before?.(changeOf(args, action));
        }),
      { onDryRun: true },
    );
  // An after-create hook holds the resource's step and all waiting on it (a module's callers). What
  // guards do after a create (a new flow's claim let go once it is listed: a lookup and a delete)
  // needs nothing from the engine: it runs beside it, the program kept alive until it ends (Pulumi's
  // rpcKeepAlive); a failure fails the run (an error in the engine's log), as a failed hook did.
  const afterCreate = new pulumi.ResourceHook("genesys-flows-after-create", (args) =>
    inProgram(() => {
      const done = pulumi.runtime.rpcKeepAlive();
      const change = changeOf(args, "create");
      void (async () => {
        for (const g of guards) await g.afterCreate?.(change);
      })()
        .catch((e: unknown) => pulumi.log.error(`after creating ${change.name}: ${(e as Error).message}`))
        .finally(done);
    }),
  );
  // A create that failed (a publish Genesys refused): what guards held for it goes (a new flow's claim), and the engine does not retry.
  const onError = new pulumi.ErrorHook("genesys-flows-on-error", (args) =>
    inProgram(async () => {
      if (args.failedOperation !== "create") return false;
      const change = changeOf(args, "create");
      for (const g of guards)
        await g
          .createFailed?.(change)
          .catch((e: unknown) => pulumi.log.warn(`after the failed create of ${change.name}: ${(e as Error).message}`));
      return false;
    }),
  );
  return {
    beforeCreate: [before("genesys-flows-before-create", "create")],
    beforeUpdate: [before("genesys-flows-before-update", "update")],
    beforeDelete: [before("genesys-flows-before-delete", "delete")],
    ...(guards.some((g) => g.afterCreate !== undefined) ? { afterCreate: [afterCreate] } : {}),
    ...(guards.some((g) => g.createFailed !== undefined) ? { onError: [onError] } : {}),
  };
}
