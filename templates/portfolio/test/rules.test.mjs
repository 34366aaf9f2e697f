// This repository's own policy rules (../policies/rules.ts), each on a flow it accepts and one it
// refuses. `npm test`'s lint runs them over every flow as every stack deploys it; the policy pack
// runs them in preview and up.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// ../policies/rules.ts compiled as the policy pack runs it (genesys-flows' loader).
const { rules } = createRequire(import.meta.url)("genesys-flows/loader").load("policies/rules.ts", root);
const rule = (id) => rules.find((r) => r.id === id);

/** A flow as a rule sees it (TeamRuleFlow of genesys-flows/policies), with `model` fields over a minimal one. */
const flow = (model) => ({
  file: "flows/digital/chat.yaml",
  id: "digital/chat",
  name: "local-Chat",
  model: { kind: "inboundShortMessage", name: "Chat", start: "End", nodes: { End: { type: "disconnect" } }, ...model },
  stack: { name: "local", environment: "local", namePrefix: "local-" },
});

test("team-flow-description: a flow with a description passes", () => {
  assert.deepEqual(rule("team-flow-description").check(flow({ description: "Routes chats by tier." })), []);
});

test("team-flow-description: a flow without one is refused, the field named", () => {
  const [violation, ...more] = rule("team-flow-description").check(flow({ description: " " }));
  assert.equal(more.length, 0);
  assert.equal(violation.field, "description");
  assert.match(violation.message, /flow "local-Chat" has no description/);
});
