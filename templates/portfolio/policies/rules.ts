// This repository's own policy rules, beside genesys-flows' (policies/index.ts hands them to the
// pack): the policy pack runs them in `npm run preview` and `npm run up`, `genesys-flows lint` (and
// so `npm test`) runs them too. A rule looks at one flow as a stack deploys it (its file, id,
// published name, model and stack) and returns its violations; a `mandatory` rule (the default)
// refuses, an `advisory` one warns. The example below is advisory (flows imported from an org often
// have no description): make it mandatory once yours all have one. ../test/rules.test.mjs tests it;
// add yours beside it.
import type { TeamRule } from "genesys-flows/policies";

export const rules: TeamRule[] = [
  {
    id: "team-flow-description",
    description: "Every flow says in its description what it is for.",
    remediation: "Add a description to the flow file: what the flow does, for whom.",
    enforcementLevel: "advisory",
    check: (flow) =>
      (flow.model.description ?? "").trim() === ""
        ? [
            {
              message: `flow "${flow.name}" has no description`,
              field: "description",
              fix: "add `description:` saying what the flow does",
            },
          ]
        : [],
  },
];
