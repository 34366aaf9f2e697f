// Names a refactoring gives what it adds (a module's file, a call node, a return) without taking
// one a flow already has. Pure.
import { fileSlug } from "../import/plan";

/** A name not in `taken`: `base`, else `base2`, `base3`... */
export function freeName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}${i}`)) return `${base}${i}`;
}

/** `PinCheck` -> `pin-check`: the module's file name. */
export function moduleSlug(name: string): string {
  return fileSlug(name.replace(/([a-z0-9])([A-Z])/g, "$1-$2"));
}

/** A node id made of a module's name (`Pin Check` -> `PinCheck`), for the node that calls it. */
export function callNodeId(module: string, taken: ReadonlySet<string>): string {
  const id = module.replace(/[^A-Za-z0-9_]/g, "");
  return freeName(taken.has(id) ? `Call${id}` : id, taken);
}
