// The guard the engine runs before it changes a flow: Pulumi's resource hooks (the `hooks` resource
// option), bound to every genesyscloud.Flow the stack manages. The engine calls them for exactly
// the flows it is about to create, update or delete, whoever started it (our command line, plain
// `pulumi`, pulumi/actions, the Automation API, Pulumi Deployments), in preview too (`onDryRun`);
// a before-hook that throws fails that action. Delete hooks must be named ResourceHook instances
// (the engine finds them in the state when the flow is no longer in the program), which makes
// `pulumi destroy` require `--run-program`: the program, and this guard, run on destroy too.
// What to decide is the run's (run/); this file only binds it to the engine.
import * as pulumi from "@pulumi/pulumi";

/** What the engine tells a hook about the flow it is about to change. */
export interface FlowChange {
  action: "create" | "update" | "delete";
  /** The flow's resource name (the flow id, planner/names.ts). */
  name: string;
  urn: string;
  /** The Genesys flow id (update and delete; a create has none yet). */
  flowId?: string;
  /** Preview: nothing is published; a guard reports instead of acting. */
  dryRun: boolean;
}

/** A run's guard: throws to refuse the change, with the message a person reads. */
export interface FlowGuard {
  beforeChange(change: FlowChange): Promise<void>;
}

/** The hooks of one program run; created once, bound to every managed flow. */
export function guardHooks(guard: FlowGuard): pulumi.ResourceHookBinding {
  const hook = (name: string, action: FlowChange["action"]) =>
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
