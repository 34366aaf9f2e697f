import { stableId } from "./ids";
import { FlowRecord, VersionRecord } from "./store";

/** The emulated org (fixed, so ids are stable across restarts). */
export const ORG = {
  id: "6f0b4e5a-2c1d-4c7e-9a3b-0e1f2a3b4c5d",
  name: "Genesys Flows Local Emulator",
  defaultLanguage: "en-us",
  defaultCountryCode: "US",
  thirdPartyOrgName: "genesys-flows-emulator",
  thirdPartyURI: "http://127.0.0.1",
  domain: "genesys-flows-emulator",
  version: 1,
  state: "active",
  defaultSiteId: "",
  supportURI: "",
  voicemailEnabled: true,
  productPlatform: "PureCloud",
  selfUri: "/api/v2/organizations/me",
  features: { realtimeCIC: false, purecloud: true, hipaa: false, ucEnabled: false, pci: false, purecloudVoice: true, xmppFederation: false, chat: true, informalPhotos: false, directory: true, contactCenter: true, unifiedCommunications: false, custserv: false },
} as const;

/** The org's products (DomainOrganizationProduct: an id only). */
export const PRODUCTS = ["architect", "botFlows", "digitalBotFlows", "workitems", "workflows"].map((id) => ({ id }));

/** The user shown as author of every publish (the OAuth client acts as this user). */
export const API_CLIENT_USER = { id: stableId("user", "emulator-api-client"), name: "Emulator API Client" };

function entityRef(id: string, name: string, kind: string): { id: string; name: string; selfUri: string } {
  return { id, name, selfUri: `/api/v2/${kind}/${id}` };
}

/** A user as Genesys embeds one (User: `version` is required). */
function userRef(id: string, name: string): { id: string; name: string; version: number; selfUri: string } {
  return { ...entityRef(id, name, "users"), version: 1 };
}

export function divisionJson(name: string): { id: string; name: string; selfUri: string } {
  return entityRef(stableId("division", name), name, "authorization/divisions");
}

export function versionJson(flow: FlowRecord, version: VersionRecord): Record<string, unknown> {
  const base = `/api/v2/flows/${flow.id}/versions/${version.id}`;
  return {
    id: version.id,
    name: version.id,
    commitVersion: version.id,
    configurationVersion: version.id,
    // FlowVersion.type is PUBLISH, CHECKIN or SAVE: every version the emulator keeps was published.
    type: "PUBLISH",
    secure: flow.type === "SECURECALL",
    debug: false,
    createdBy: userRef(API_CLIENT_USER.id, API_CLIENT_USER.name),
    createdByClient: { id: stableId("client", "emulator-api-client"), name: "Emulator API Client" },
    configurationUri: `${base}/configuration`,
    dateCreated: version.dateCreated,
    generationId: String(version.number),
    publishResultUri: `${base}/health`,
    supportedLanguages: languagesJson(version),
    compatibleFlowTypes: version.moduleInterface?.compatibleFlowTypes.map((t) => t.toUpperCase()),
    selfUri: base,
  };
}

function languagesJson(version: VersionRecord): Array<{ language: string; isDefault: boolean }> {
  return version.supportedLanguages.map((language) => ({ language, isDefault: language === version.defaultLanguage }));
}

/** Flow JSON as GET /api/v2/flows/{id} answers it. */
export function flowJson(flow: FlowRecord): Record<string, unknown> {
  const published = flow.versions[flow.versions.length - 1];
  const json: Record<string, unknown> = {
    id: flow.id,
    name: flow.name,
    description: flow.description,
    type: flow.type,
    division: divisionJson(flow.divisionName),
    active: !flow.deleted,
    system: false,
    deleted: flow.deleted,
    publishedVersion: versionJson(flow, published),
    checkedInVersion: versionJson(flow, published),
    publishedBy: userRef(API_CLIENT_USER.id, API_CLIENT_USER.name),
    supportedLanguages: languagesJson(published),
    selfUri: `/api/v2/flows/${flow.id}`,
  };
  if (published.moduleInterface) {
    json.compatibleFlowTypes = published.moduleInterface.compatibleFlowTypes.map((t) => t.toUpperCase());
    json.inputSchema = variableSchema(published.moduleInterface.inputs);
    json.outputSchema = variableSchema(published.moduleInterface.outputs);
  }
  if (flow.lockedBy) {
    json.lockedUser = userRef(flow.lockedBy.id, flow.lockedBy.name);
    json.lockedClient = { id: stableId("client", "architect-ui"), name: "Architect", selfUri: "" };
  }
  return json;
}

function variableSchema(names: string[]): Record<string, unknown> {
  return { type: "object", properties: Object.fromEntries(names.map((n) => [n, { type: "string" }])) };
}

/** Paged list envelope in the Genesys shape. */
export function pagedJson<T>(
  all: T[],
  pageNumber: number,
  pageSize: number,
  selfPath: string,
): { entities: T[]; pageSize: number; pageNumber: number; total: number; pageCount: number; selfUri: string; firstUri: string; lastUri: string; nextUri?: string; previousUri?: string } {
  const total = all.length;
  const pageCount = Math.ceil(total / pageSize);
  const start = (pageNumber - 1) * pageSize;
  const uri = (n: number): string => `${selfPath}${selfPath.includes("?") ? "&" : "?"}pageSize=${pageSize}&pageNumber=${n}`;
  const out = {
    entities: all.slice(start, start + pageSize),
    pageSize,
    pageNumber,
    total,
    pageCount,
    selfUri: uri(pageNumber),
    firstUri: uri(1),
    lastUri: uri(Math.max(1, pageCount)),
  } as ReturnType<typeof pagedJson<T>>;
  if (pageNumber < pageCount) out.nextUri = uri(pageNumber + 1);
  if (pageNumber > 1) out.previousUri = uri(pageNumber - 1);
  return out;
}
