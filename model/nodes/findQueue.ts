// Find queue: looks a queue of the org up by name into a queue variable, with paths `found` and
// `notFound` (Archy `findQueue` with `findName` and `findResult`, as real exports write it:
// export:CII-GitHub-Account-Org/cx-as-code-cicd-gitactions-blueprint
// blueprint/genesys-cloud-architect-flows/cicd-sample-inbound-chat-flow.yaml line 107;
// https://help.mypurecloud.com/articles/find-queue-action/). Imports from one whose name is an
// expression or a plain literal and whose result goes to a queue variable the model can declare.
import { z } from "zod";
import * as A from "../../archy/construct";
import { otherPaths, pathActions, stringExpressionOf, varOf } from "../../archy/values";
import { expression, nodeId, variableName } from "../types";
import { actionName } from "./emitContext";
import { keepRaw } from "./importContext";
import { defineNodeType, nodeSchema } from "./unit";

export const findQueue = defineNodeType({
  schema: nodeSchema("findQueue", {
    /** The queue's name: a string expression. */
    queueName: expression,
    /** The queue variable that receives the queue found. */
    variable: variableName,
    transitions: z.object({ found: nodeId, notFound: nodeId }).strict(),
  }),
  summary: "Looks a queue up by name into a queue variable; continues on found or not found.",
  fields: "`queueName` (string expression), `variable` (queue variable)",
  transitions: () => [
    { name: "found", required: true, failure: false },
    { name: "notFound", required: true, failure: true },
  ],
  expressions: (n) => [{ field: "queueName", text: n.queueName, expect: "string" }],
  writes: (n) => [{ field: "variable", variable: n.variable, type: "queue" }],
  describe: (n) => `find queue ${n.queueName} → ${n.variable}`,
  example: {
    label: "Find the queue",
    queueName: '"Support"',
    variable: "queue",
    transitions: { found: "Next", notFound: "Next" },
  },
  emit: (node, id, ctx) => {
    const found = ctx.goto(id, "found", node.transitions.found);
    const notFound = ctx.goto(id, "notFound", node.transitions.notFound);
    return [
      {
        findQueue: {
          name: actionName(node, id),
          findName: A.exp(ctx.expression(node.queueName)),
          findResult: A.varRef(ctx.variable(node.variable)),
          outputs: { found: { actions: found }, notFound: { actions: notFound } },
        },
      },
    ];
  },
  importer: {
    fields: ["name", "findName", "findResult", "outputs"],
    map(a, ctx) {
      const queueName = stringExpressionOf(a.findName);
      if (queueName === undefined) return keepRaw("its name is neither an expression nor a plain literal");
      const archyName = varOf(a.findResult);
      const target = archyName !== undefined ? ctx.variable(archyName, "queue") : undefined;
      if (target?.type !== "queue")
        return keepRaw("it does not store the queue in a queue variable the model can declare");
      const others = otherPaths(a, ["found", "notFound"]);
      if (others.length > 0) return keepRaw(`a findQueue node has no transition for ${others.join(", ")}`);
      return {
        node: { type: "findQueue", queueName, variable: target.name },
        branches: { found: pathActions(a, "found"), notFound: pathActions(a, "notFound") },
      };
    },
  },
  // Find Queue stores the queue with that name in its variable and takes found, or takes not found
  // (help.mypurecloud.com/articles/find-queue-action/): the scenario world answers no lookups of the
  // org's queues, so a run stops here.
  run: {
    findQueue: (_a, rt) => rt.cannot("a lookup of a queue by name (scenarios give no answers for it)"),
  },
});
