// The run's guard (run/guard.ts) bound to the engine: Pulumi's resource hooks (the `hooks` resource
// option) on every genesyscloud.Flow the stack manages. The engine calls them for exactly the
// flows it is about to create, update or delete, whoever started it (our command line, plain
// `pulumi`, pulumi/actions, the Automation API, Pulumi Deployments), in preview too (`onDryRun`);
// a before-hook that throws fails that action. Delete hooks must be named ResourceHook instances
// (the engine finds them in the state when the flow is no longer in the program), which makes
// `pulumi destroy` require `--run-program`: the program, and the guard, run on destroy too.
import * as pulumi from "@pulumi/pulumi";
import type { EngineChange, FlowGuard } from "../run/guard";

/** The hooks of one program run; created once, bound to every managed flow. */
export function guardHooks(guard: FlowGuard): pulumi.ResourceHookBinding {
  const hook = (name: string, action: EngineChange["action"]) =>
    new pulumi.ResourceHook(
      name,
      async (args) => {
        await guard.beforeChange({
          action,
          name: args.name,
          urn: args.urn,
          ...(args.id ? { flowId: args.id } : {}),
          dryRun: pulumi.runtime.isDryRun(),
        });
      },
      { onDryRun: true },
    );
  return {
    beforeCreate: [hook("genesys-flows-before-create", "create")],
    beforeUpdate: [hook("genesys-flows-before-update", "update")],
    beforeDelete: [hook("genesys-flows-before-delete", "delete")],
  };
}
