// A Terraform state as the migration reads it: a state file (`terraform.tfstate`, format version
// 4, as Terraform and OpenTofu write it) or `terraform show -json` / `tofu show -json` output
// (format_version 1.x: values.root_module with child_modules). Each managed resource of the root
// module becomes its address and attributes (id, name, the provider's resolved substitutions...);
// resources of child modules and counted instances are kept apart so the migration can name them.
// Pure: the text comes in.

export interface StateResource {
  address: string;
  type: string;
  name: string;
  attributes: Record<string, unknown>;
}

export interface TfState {
  /** Root-module managed resources with one instance, by address. */
  resources: Map<string, StateResource>;
  /** Addresses the migration cannot take (in a module, counted or for_each instances). */
  elsewhere: string[];
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export function readState(text: string, file: string): TfState {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not JSON (${(e as Error).message}); give a state file (terraform.tfstate) or the output of \`tofu show -json\``);
  }
  const resources = new Map<string, StateResource>();
  const elsewhere: string[] = [];
  if (isMap(json) && json.version === 4 && Array.isArray(json.resources)) {
    for (const r of json.resources as unknown[]) {
      if (!isMap(r) || r.mode !== "managed" || typeof r.type !== "string" || typeof r.name !== "string") continue;
      const address = `${typeof r.module === "string" ? `${r.module}.` : ""}${r.type}.${r.name}`;
      const instances = Array.isArray(r.instances) ? (r.instances as unknown[]).filter(isMap) : [];
      if (typeof r.module === "string" || instances.length !== 1 || instances[0].index_key !== undefined) {
        elsewhere.push(address);
        continue;
      }
      resources.set(address, { address, type: r.type, name: r.name, attributes: isMap(instances[0].attributes) ? instances[0].attributes : {} });
    }
    return { resources, elsewhere: elsewhere.sort() };
  }
  if (isMap(json) && typeof json.format_version === "string") {
    const root = isMap(json.values) && isMap(json.values.root_module) ? json.values.root_module : {};
    for (const r of Array.isArray(root.resources) ? (root.resources as unknown[]) : []) {
      if (!isMap(r) || r.mode !== "managed" || typeof r.type !== "string" || typeof r.name !== "string") continue;
      if (r.index !== undefined) {
        elsewhere.push(String(r.address));
        continue;
      }
      resources.set(`${r.type}.${r.name}`, { address: `${r.type}.${r.name}`, type: r.type, name: r.name, attributes: isMap(r.values) ? r.values : {} });
    }
    const visit = (m: unknown) => {
      if (!isMap(m)) return;
      for (const r of Array.isArray(m.resources) ? (m.resources as unknown[]) : []) if (isMap(r) && r.mode === "managed") elsewhere.push(String(r.address));
      for (const c of Array.isArray(m.child_modules) ? m.child_modules : []) visit(c);
    };
    for (const c of Array.isArray(root.child_modules) ? root.child_modules : []) visit(c);
    return { resources, elsewhere: elsewhere.sort() };
  }
  throw new Error(`${file}: neither a state file of format version 4 nor \`tofu show -json\` output`);
}
