// Reads the routing files: every `*.yaml`/`*.yml` under routing/ (subfolders too), sorted by path.
// A project without routing/ routes nothing: that is no error, flows may be reached some other way.
import { existsSync } from "fs";
import { join } from "path";
import { routingIdOf } from "../model/routing/load";
import { ROUTING_DIR } from "../model/routing/schema";
import type { FlowSource, Portfolio } from "../planner/portfolio";
import type { RoutingPlanInput } from "../planner/routing";
import { readYamlSources } from "./flowFiles";
import { stackFileName } from "./stackFile";

export function readRoutingSources(root: string): FlowSource[] {
  if (!existsSync(join(root, ROUTING_DIR))) return [];
  return readYamlSources(root, ROUTING_DIR, routingIdOf, "no routing/ folder");
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
