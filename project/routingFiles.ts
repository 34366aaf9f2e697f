// Reads the routing files: every `*.yaml`/`*.yml` under routing/ (subfolders too), sorted by path.
// A project without routing/ routes nothing: that is no error, flows may be reached some other way.
import { existsSync } from "fs";
import { join } from "path";
import { routingIdOf } from "../model/routing/load";
import { ROUTING_DIR } from "../model/routing/schema";
import type { FlowSource } from "../planner/portfolio";
import { readYamlSources } from "./flowFiles";

export function readRoutingSources(root: string): FlowSource[] {
  if (!existsSync(join(root, ROUTING_DIR))) return [];
  return readYamlSources(root, ROUTING_DIR, routingIdOf, "no routing/ folder");
}
