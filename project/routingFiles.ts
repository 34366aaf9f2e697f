// Reads the routing files and the org object files: every `*.yaml`/`*.yml` under routing/, then
// under objects/ (subfolders too), each sorted by path. A project without either folder declares
// none: that is no error, flows may be reached some other way, and name what the org has.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { routingIdOf } from "../model/routing/load";
import { ROUTING_ROOTS } from "../model/routing/schema";
import type { FlowSource, Portfolio } from "../planner/portfolio";
import type { RoutingPlanInput } from "../planner/routing";
import { readYamlSources } from "./flowFiles";
import { stackFileName } from "./stackFile";

export function readRoutingSources(root: string): FlowSource[] {
  const read = (dir: string) => readYamlSources(root, dir, routingIdOf, `no ${dir}/ folder`);
  return ROUTING_ROOTS.flatMap((dir) => (existsSync(join(root, dir)) ? read(dir) : []));
}

/** What the routing plan of a stack's portfolio is made from: its settings, the routing files, its flows. */
export function routingPlanInput(root: string, portfolio: Portfolio): RoutingPlanInput {
  return {
    settings: portfolio.settings,
    sources: readRoutingSources(root),
    flows: portfolio.flows.map((f) => ({ id: f.id, apiType: f.kind.apiType })),
    stackFile: stackFileName(portfolio.stack),
  };
}
