// Writes schema/flow.schema.json, the JSON Schema editors use to complete and check flow files,
// generated from the zod model (model/schema.ts, assembled from model/kinds and model/nodes). Deterministic: a unit test fails
// when the committed file is stale. Run: npm run schema:generate
import { writeFileSync } from "fs";
import { join } from "path";
import { z } from "zod";
import { flowFile } from "../model/schema";

export const FLOW_SCHEMA_PATH = join(__dirname, "..", "schema", "flow.schema.json");

/** The schema as committed: input shape (fields with defaults are optional), 2-space JSON + newline. */
export function renderFlowSchema(): string {
  const generated = z.toJSONSchema(flowFile, { io: "input", target: "draft-2020-12" }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  const schema = {
    $schema,
    title: "genesys-flows flow file",
    description:
      "One Genesys Cloud Architect flow as a typed node graph: a commonModule (inputs, outputs, return nodes) or a flow of another kind (inboundCall, inboundEmail, inboundShortMessage, inQueueCall). Generated from model/schema.ts by `npm run schema:generate`; do not edit.",
    ...rest,
  };
  return JSON.stringify(schema, null, 2) + "\n";
}

if (require.main === module) {
  writeFileSync(FLOW_SCHEMA_PATH, renderFlowSchema());
  process.stdout.write(`wrote ${FLOW_SCHEMA_PATH}\n`);
}
