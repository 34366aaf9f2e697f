// The items of the export and validate jobs' bodies (ExportDetails, ValidateDetails), each naming
// a flow as Genesys's ArchitectFlowReference does: by `id`, or by `name` and upper-case `type` (one
// of Genesys's flow types), with an optional `version`; refused with the error codes the spec
// documents for each job (archy.<job>.item.cannot.be.null, .missing.flow, .cannot.id.flow).
import { API_FLOW_TYPES } from "./flowTypes";
import { ApiError, badRequest } from "./http";
import { isMap } from "../archy/json";

export interface FlowReference {
  id?: string;
  name?: string;
  type?: string;
  version?: string;
}

type Job = "export" | "validate";

/** Item `i` of a job's `flows`: the item's own fields and the flow it names. */
export function readJobItem(
  item: unknown,
  i: number,
  job: Job,
): { fields: Record<string, unknown>; flow: FlowReference } {
  if (item === null || item === undefined)
    throw new ApiError(
      400,
      `archy.${job}.item.cannot.be.null`,
      `Request body validation failed. An object in the flows array cannot be null (flows[${i}]).`,
    );
  if (!isMap(item) || !isMap(item.flow))
    throw new ApiError(
      400,
      `archy.${job}.missing.flow`,
      `Each item in the flows array must contain a flow definition (flows[${i}].flow).`,
    );
  return { fields: item, flow: readFlowReference(item.flow, `flows[${i}].flow`, job) };
}

/** The flow a job item names (`where` locates it in the body, e.g. flows[0].flow). */
function readFlowReference(flow: Record<string, unknown>, where: string, job: Job): FlowReference {
  for (const field of ["id", "name", "type", "version"] as const) {
    if (flow[field] !== undefined && typeof flow[field] !== "string")
      throw badRequest(`Field '${where}.${field}' must be a string`);
  }
  const { id, name, type, version } = flow as Record<string, string | undefined>;
  if (type !== undefined && !API_FLOW_TYPES.includes(type)) {
    throw new ApiError(
      400,
      "invalid.value",
      `Value [${type}] is not valid for field type [${where}.type]. Allowable values are: ${API_FLOW_TYPES.join(", ")}`,
    );
  }
  if (!id && !(name && type))
    throw new ApiError(
      400,
      `archy.${job}.cannot.id.flow`,
      `Request body validation failed. You must specify either the flow ID or the flow name and type (${where}).`,
    );
  return { ...(id ? { id } : { name, type }), ...(version ? { version } : {}) };
}
