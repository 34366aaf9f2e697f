// The project as the refactoring core reads it (refactor/project.ts ProjectSnapshot): every flow
// file, every scenario, the routing and every stack with its policy config. Read by
// `genesys-flows refactor` and by the MCP server's refactoring tools alike.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { FlowLoadError } from "../model/errors";
import { MAX_FLOW_FILE_BYTES } from "../model/parse";
import { type PolicyConfig, PolicyConfigError, readPolicyConfig } from "../policies/config";
import { readFlowSources } from "../project/flowFiles";
import { readProjectFile } from "../project/files";
import { readRoutingSources } from "../project/routingFiles";
import { readStackFile } from "../project/stackFile";
import type { ProjectSnapshot, SnapshotStack } from "../refactor/project";
import { scenarioFiles } from "./scenarios";

/** The project as the refactoring core reads it: flows, scenarios, routing, every stack. */
export function readSnapshot(root: string): ProjectSnapshot {
  const scenarios: Array<{ file: string; text: string }> = [];
  if (existsSync(join(root, "scenarios"))) {
    const walked = scenarioFiles(root, join(root, "scenarios"));
    if (walked.issues.length > 0) throw new FlowLoadError(walked.issues);
    for (const file of walked.files) {
      const read = readProjectFile(root, file, MAX_FLOW_FILE_BYTES, "a scenario file");
      if (!read.ok) throw new FlowLoadError([read.issue]);
      scenarios.push({ file, text: read.text });
    }
  }
  const stacks: SnapshotStack[] = [];
  for (const entry of readdirSync(root).sort()) {
    const m = /^Pulumi\.(.+)\.yaml$/.exec(entry);
    if (!m) continue;
    const stack = readStackFile(root, m[1]);
    let config: PolicyConfig | undefined;
    try {
      config = readPolicyConfig(m[1], join(root, "policies", "config"));
    } catch (e) {
      if (!(e instanceof PolicyConfigError)) throw e;
    }
    stacks.push({
      name: m[1],
      settings: stack.settings,
      ...(config ? { config } : {}),
      ...(stack.text !== undefined ? { file: { name: stack.file, text: stack.text } } : {}),
    });
  }
  return { flows: readFlowSources(root), scenarios, routing: readRoutingSources(root), stacks };
}
