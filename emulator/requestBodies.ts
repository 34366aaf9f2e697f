// The JSON bodies of the write routes, read one way: parsed, shown to the request-body tap (the
// tests check what clients send against Genesys's spec), and refused with 400 where Genesys's
// published specification says they are invalid: a required field missing, or a field of another
// JSON type than the spec's (a string for an integer `version`, an object for a list of `dnis`).
// The shapes are the spec's request schemas (Platform API v2, SDK v193) for the fields the routes
// read; the conformance tier (test/conformance/requestBodies.test.ts) derives invalid bodies from
// the spec itself and fails when the emulator accepts one. Other checks (an unknown flow, a
// taken name) stay with the route.
import type { IncomingMessage } from "node:http";
import { badRequest, parseJsonBody, readBody } from "./http";

/** What reading a body needs of the route's context and request (apiTypes.ts's, structurally: the store, which imports the shapes, is not imported back). */
interface BodyContext {
  maxBodyBytes: number;
  bodyTap?: (entry: { method: string; path: string; body: unknown }) => void;
}
interface BodyRequest {
  req: IncomingMessage;
  segments: string[];
}

export type JsonType = "string" | "integer" | "number" | "boolean" | "array" | "object";

export interface BodyShape {
  /** The spec's definition, for messages ("Schedule"). */
  what: string;
  required: readonly string[];
  /** The JSON type of each field the spec types (readOnly fields left out: they are ignored). */
  fields: Readonly<Record<string, JsonType>>;
  /** The values the spec allows for a field (its enum). */
  enums?: Readonly<Record<string, readonly string[]>>;
}

const entity = { name: "string", description: "string", version: "integer", division: "object" } as const;
const audit = { dateCreated: "string", dateModified: "string", createdBy: "string", modifiedBy: "string" } as const;
/** QueueRequest's fields (CreateQueueRequest adds sourceQueueId). */
const queue = {
  name: "string",
  division: "object",
  description: "string",
  ...audit,
  mediaSettings: "object",
  routingRules: "array",
  conditionalGroupRouting: "object",
  conditionalGroupActivation: "object",
  bullseye: "object",
  scoringMethod: "string",
  lastAgentRoutingMode: "string",
  acwSettings: "object",
  skillEvaluationMethod: "string",
  memberGroups: "array",
  queueFlow: "object",
  emailInQueueFlow: "object",
  messageInQueueFlow: "object",
  whisperPrompt: "object",
  onHoldPrompt: "object",
  autoAnswerOnly: "boolean",
  cannedResponseLibraries: "object",
  enableTranscription: "boolean",
  enableAudioMonitoring: "boolean",
  enableManualAssignment: "boolean",
  agentOwnedRouting: "object",
  directRouting: "object",
  callingPartyName: "string",
  callingPartyNumber: "string",
  defaultScripts: "object",
  outboundMessagingAddresses: "object",
  outboundEmailAddress: "object",
  peerId: "string",
  suppressInQueueCallRecording: "boolean",
} as const;
const queueEnums = {
  scoringMethod: ["TimestampAndPriority", "PriorityOnly"],
  lastAgentRoutingMode: ["Disabled", "QueueMembersOnly", "AnyAgent"],
  skillEvaluationMethod: ["NONE", "BEST", "ALL"],
};
const group = {
  name: "string",
  description: "string",
  images: "array",
  addresses: "array",
  rulesVisible: "boolean",
  visibility: "string",
  rolesEnabled: "boolean",
  includeOwners: "boolean",
  callsEnabled: "boolean",
  ownerIds: "array",
} as const;
const userStates = ["active", "inactive", "deleted"];
const promptAsset = {
  name: "string",
  ttsString: "string",
  text: "string",
  tags: "object",
  durationSeconds: "number",
} as const;

/** Request schemas by the definition the spec names for the write routes the emulator serves (the name is the shape's `what`). */
const SHAPES = {
  Schedule: {
    required: ["name", "start", "end"],
    fields: { ...entity, start: "string", end: "string", rrule: "string" },
  },
  ScheduleGroup: {
    required: ["name"],
    fields: {
      ...entity,
      timeZone: "string",
      openSchedules: "array",
      closedSchedules: "array",
      holidaySchedules: "array",
    },
  },
  IVR: {
    required: ["name"],
    fields: {
      ...entity,
      dnis: "array",
      openHoursFlow: "object",
      closedHoursFlow: "object",
      holidayHoursFlow: "object",
      scheduleGroup: "object",
    },
  },
  EmergencyGroup: {
    required: ["name"],
    fields: { ...entity, enabled: "boolean", emergencyCallFlows: "array" },
  },
  // The spec requires `name` too, but the provider creates pools without one (specDifferences.ts).
  DIDPool: {
    required: ["startPhoneNumber", "endPhoneNumber"],
    fields: { ...entity, startPhoneNumber: "string", endPhoneNumber: "string", comments: "string", provider: "string" },
  },
  // The org objects a flow names (orgObjectStore.ts).
  CreateRoutingSkill: { required: ["name"], fields: { name: "string" } },
  Language: {
    required: ["name"],
    fields: { name: "string", dateModified: "string", state: "string", version: "string" },
    enums: { state: ["active", "inactive", "deleted"] },
  },
  WrapupCodeRequest: {
    required: ["name"],
    fields: { name: "string", division: "object", description: "string", ...audit },
  },
  CreateQueueRequest: {
    required: ["name"],
    fields: { ...queue, sourceQueueId: "string" },
    enums: queueEnums,
  },
  QueueRequest: { required: ["name"], fields: queue, enums: queueEnums },
  Prompt: { required: ["name"], fields: { id: "string", name: "string", description: "string" } },
  PromptAssetCreate: {
    required: ["language"],
    fields: { ...promptAsset, language: "string" },
  },
  PromptAsset: { required: [], fields: promptAsset },
  QueueObservationQuery: {
    required: ["filter", "metrics"],
    fields: { filter: "object", metrics: "array", detailMetrics: "array" },
  },
  GroupCreate: {
    required: ["name", "rulesVisible", "type", "visibility"],
    fields: { ...group, type: "string" },
    enums: { type: ["official", "social"], visibility: ["public", "owners", "members"] },
  },
  GroupUpdate: {
    required: ["version"],
    fields: { ...group, state: "string", version: "integer" },
    enums: { state: ["active", "inactive", "deleted"], visibility: ["public", "owners", "members"] },
  },
  // The spec requires divisionId too, but the provider leaves it out for the home division (specDifferences.ts).
  CreateUser: {
    required: ["email", "name"],
    fields: {
      name: "string",
      department: "string",
      email: "string",
      addresses: "array",
      title: "string",
      password: "string",
      divisionId: "string",
      state: "string",
    },
    enums: { state: userStates },
  },
  UpdateUser: {
    required: ["version"],
    fields: {
      id: "string",
      name: "string",
      chat: "object",
      department: "string",
      email: "string",
      primaryContactInfo: "array",
      addresses: "array",
      title: "string",
      username: "string",
      preferredName: "string",
      manager: "string",
      images: "array",
      version: "integer",
      profileSkills: "array",
      locations: "array",
      groups: "array",
      state: "string",
      acdAutoAnswer: "boolean",
      certifications: "array",
      biography: "object",
      employerInfo: "object",
      selfUri: "string",
    },
    enums: { state: userStates },
  },
  UserSearchRequest: {
    required: [],
    fields: {
      sortOrder: "string",
      sortBy: "string",
      pageSize: "integer",
      pageNumber: "integer",
      sort: "array",
      expand: "array",
      query: "array",
      integrationPresenceSource: "string",
      enforcePermissions: "boolean",
    },
    enums: {
      sortOrder: ["ASC", "DESC", "SCORE"],
      integrationPresenceSource: ["MicrosoftTeams", "ZoomPhone", "EightByEight"],
    },
  },
  GroupSearchRequest: {
    required: [],
    fields: {
      sortOrder: "string",
      sortBy: "string",
      pageSize: "integer",
      pageNumber: "integer",
      sort: "array",
      query: "array",
    },
    enums: { sortOrder: ["ASC", "DESC", "SCORE"] },
  },
  VoicemailUserPolicy: {
    required: [],
    fields: {
      enabled: "boolean",
      alertTimeoutSeconds: "integer",
      pin: "string",
      modifiedDate: "string",
      sendEmailNotifications: "boolean",
    },
  },
  GroupMembersUpdate: {
    required: ["memberIds"],
    fields: { memberIds: "array", version: "integer" },
  },
  VoicemailGroupPolicy: {
    required: [],
    fields: {
      name: "string",
      enabled: "boolean",
      sendEmailNotifications: "boolean",
      disableEmailPii: "boolean",
      includeEmailTranscriptions: "boolean",
      languagePreference: "string",
      emailPolicy: "object",
      rotateCallsSecs: "integer",
      stopRingingAfterRotations: "integer",
      overflowGroupId: "string",
      groupAlertType: "string",
      interactiveResponsePromptId: "string",
      interactiveResponseRequired: "boolean",
      includeGroupNumberInUserCallerIdLists: "boolean",
    },
    enums: { groupAlertType: ["RANDOM", "ROUND_ROBIN", "SEQUENTIAL"] },
  },
  DataTable: {
    required: [],
    fields: { name: "string", division: "object", description: "string", schema: "object" },
  },
  // A data action's create and update (its config: request and response; its contract: input and output schemas).
  PostActionInput: {
    required: ["category", "config", "contract", "integrationId", "name"],
    fields: {
      category: "string",
      name: "string",
      integrationId: "string",
      config: "object",
      contract: "object",
      secure: "boolean",
    },
  },
  UpdateActionInput: {
    required: ["version"],
    fields: { category: "string", name: "string", config: "object", version: "integer" },
  },
  // An integration (the spec requires a name, which the provider leaves out: specDifferences.ts), its state, its config.
  CreateIntegrationRequest: {
    required: ["integrationType"],
    fields: { id: "string", name: "string", integrationType: "object", selfUri: "string" },
  },
  Integration: {
    required: ["intendedState"],
    fields: { name: "string", notes: "string", intendedState: "string", attributes: "object" },
    enums: { intendedState: ["ENABLED", "DISABLED", "DELETED", "RESTORED"] },
  },
  IntegrationConfiguration: {
    required: ["advanced", "credentials", "name", "notes", "properties", "version"],
    fields: {
      name: "string",
      version: "integer",
      properties: "object",
      advanced: "object",
      notes: "string",
      credentials: "object",
    },
  },
  AuthzDivision: {
    required: ["description"],
    fields: { name: "string", description: "string" },
  },
  // Historical flow execution data (executionSettingsRoutes.ts, executionRoutes.ts).
  ExecutionDataSettingsRequest: {
    required: ["enabled"],
    fields: { enabled: "boolean" },
  },
  FlowLogLevelRequest: {
    required: ["logLevelCharacteristics"],
    fields: { logLevelCharacteristics: "object" },
  },
  CriteriaQuery: { required: ["query"], fields: { query: "array" } },
  ExecutionDataRequest: { required: ["ids"], fields: { ids: "array" } },
  FlowExecutionAggregationQuery: {
    required: ["interval", "metrics"],
    fields: {
      interval: "string",
      granularity: "string",
      timeZone: "string",
      groupBy: "array",
      filter: "object",
      metrics: "array",
      flattenMultivaluedDimensions: "boolean",
      views: "array",
      alternateTimeDimension: "string",
    },
    enums: { alternateTimeDimension: ["eventTime"] },
  },
  RegisterArchitectExportJob: { required: ["flows"], fields: { flows: "array" } },
  RegisterArchitectValidateJob: {
    required: ["flows"],
    fields: { flows: "array" },
  },
  Flow: {
    required: ["name"],
    fields: {
      id: "string",
      name: "string",
      description: "string",
      type: "string",
      division: "object",
      lockedUser: "object",
      lockedClient: "object",
      active: "boolean",
      system: "boolean",
      deleted: "boolean",
      publishedVersion: "object",
      savedVersion: "object",
      checkedInVersion: "object",
      debugVersion: "object",
      publishedBy: "object",
      currentOperation: "object",
      inputSchema: "object",
      outputSchema: "object",
      worktypeId: "string",
      virtualAgentEnabled: "boolean",
    },
  },
} as const satisfies Record<string, Omit<BodyShape, "what">>;

export const REQUEST_BODIES = Object.fromEntries(
  Object.entries(SHAPES).map(([what, shape]): [string, BodyShape] => [what, { what, ...shape }]),
) as { readonly [K in keyof typeof SHAPES]: BodyShape };

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

/** What is wrong with a body against a shape: missing required fields and fields of another type (null is "not set"). */
export function bodyProblems(body: Record<string, unknown>, shape: BodyShape): string[] {
  const problems: string[] = [];
  for (const field of shape.required)
    if (body[field] === undefined || body[field] === null) problems.push(`Field '${field}' is required`);
  for (const [field, type] of Object.entries(shape.fields)) {
    if (body[field] === undefined) continue;
    const actual = typeOf(body[field]);
    if (actual === "null" || actual === type || (type === "number" && actual === "integer")) continue;
    problems.push(
      `Field '${field}' must be ${type === "integer" ? "an integer" : type === "array" ? "a list" : `a${type === "object" ? "n" : ""} ${type}`}, not ${actual === "array" ? "a list" : actual}`,
    );
  }
  for (const [field, values] of Object.entries(shape.enums ?? {})) {
    if (typeof body[field] === "string" && !values.includes(body[field] as string))
      problems.push(`Field '${field}' must be one of ${values.join(", ")}, not "${String(body[field])}"`);
  }
  return problems;
}

/**
 * The request's JSON object body, shown to the tap; a body that is not an object, or (with a shape)
 * that the spec says is invalid, is a 400 naming every problem.
 */
export async function readJsonObject(
  ctx: BodyContext,
  r: BodyRequest,
  shape?: BodyShape,
): Promise<Record<string, unknown>> {
  const body = await readJson(ctx, r);
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw badRequest("The request body must be a JSON object");
  const problems = shape ? bodyProblems(body as Record<string, unknown>, shape) : [];
  if (problems.length > 0) throw badRequest(`Invalid ${shape!.what}: ${problems.join("; ")}`);
  return body as Record<string, unknown>;
}

/** The request's JSON body (any JSON value: some routes take a list), shown to the tap. */
export async function readJson(ctx: BodyContext, r: BodyRequest): Promise<unknown> {
  const body = parseJsonBody(await readBody(r.req, ctx.maxBodyBytes));
  ctx.bodyTap?.({ method: r.req.method ?? "", path: `/api/v2/${r.segments.join("/")}`, body });
  return body;
}
