// A Terraform state as the migration reads it: a state file (`terraform.tfstate`, format version
// 4, as Terraform and OpenTofu write it) or `terraform show -json` / `tofu show -json` output
// (format_version 1.x: values.root_module with child_modules). Each managed resource with one
// instance becomes its full address (`module.flows.genesyscloud_flow.main`, as `state rm` and
// `removed` blocks name it) and attributes (id, name, filepath, the provider's resolved
// substitutions...); counted and for_each instances are kept apart so the migration can name
// them. Pure: the text comes in.
import { isMap } from "../../archy/json";

export interface StateResource {
  address: string;
  type: string;
  name: string;
  attributes: Record<string, unknown>;
}

export interface TfState {
  /** Managed resources with one instance (in any module), by address. */
  resources: Map<string, StateResource>;
  /** Addresses of resources with instance keys (count/for_each, on them or their module): `genesyscloud_flow.many`. */
  elsewhere: string[];
}

/** `module.a["x"].module.b[0]` -> whether a module path carries instance keys. */
const keyed = (modulePath: string) => /\[[^\]]*\]/.test(modulePath);

export function readState(text: string, file: string): TfState {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(
      `${file}: not JSON (${(e as Error).message}); give a state file (terraform.tfstate) or the output of \`tofu show -json\``,
    );
  }
  const resources = new Map<string, StateResource>();
  const elsewhere: string[] = [];
  if (isMap(json) && json.version === 4 && Array.isArray(json.resources)) {
    for (const r of json.resources as unknown[]) {
      if (!isMap(r) || r.mode !== "managed" || typeof r.type !== "string" || typeof r.name !== "string") continue;
      const module = typeof r.module === "string" ? r.module : "";
      const address = `${module === "" ? "" : `${module}.`}${r.type}.${r.name}`;
      const instances = Array.isArray(r.instances) ? (r.instances as unknown[]).filter(isMap) : [];
      if (keyed(module) || instances.length !== 1 || instances[0].index_key !== undefined) {
        elsewhere.push(address.replace(/\[[^\]]*\]/g, ""));
        continue;
      }
      resources.set(address, {
        address,
        type: r.type,
        name: r.name,
        attributes: isMap(instances[0].attributes) ? instances[0].attributes : {},
      });
    }
    return { resources, elsewhere: [...new Set(elsewhere)].sort() };
  }
  if (isMap(json) && typeof json.format_version === "string") {
    const visit = (m: unknown) => {
      if (!isMap(m)) return;
      for (const r of Array.isArray(m.resources) ? (m.resources as unknown[]) : []) {
        if (
          !isMap(r) ||
          r.mode !== "managed" ||
          typeof r.type !== "string" ||
          typeof r.name !== "string" ||
          typeof r.address !== "string"
        )
          continue;
        if (r.index !== undefined || keyed(r.address.slice(0, -`${r.type}.${r.name}`.length))) {
          elsewhere.push(r.address.replace(/\[[^\]]*\]/g, ""));
          continue;
        }
        resources.set(r.address, {
          address: r.address,
          type: r.type,
          name: r.name,
          attributes: isMap(r.values) ? r.values : {},
        });
      }
      for (const c of Array.isArray(m.child_modules) ? m.child_modules : []) visit(c);
    };
    visit(isMap(json.values) ? json.values.root_module : undefined);
    return { resources, elsewhere: [...new Set(elsewhere)].sort() };
  }
  throw new Error(`${file}: neither a state file of format version 4 nor \`tofu show -json\` output`);
}
