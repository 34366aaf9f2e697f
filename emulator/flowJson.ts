import { stableId } from "./ids";
import type { FlowClaim } from "./flowClaims";
import { plays, type Behave } from "./behave";
import { divisionId, divisionRef } from "./divisions";
import {
  draftNumber,
  lockHolderOf,
  publishedVersionOf,
  type Draft,
  type EntityRef,
  type FlowRecord,
  type OperationRecord,
  type VersionRecord,
} from "./store";

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
  features: {
    realtimeCIC: false,
    purecloud: true,
    hipaa: false,
    ucEnabled: false,
    pci: false,
    purecloudVoice: true,
    xmppFederation: false,
    chat: true,
    informalPhotos: false,
    directory: true,
    contactCenter: true,
    unifiedCommunications: false,
    custserv: false,
  },
} as const;

/** The org's products (DomainOrganizationProduct: an id only). */
export const PRODUCTS = ["architect", "botFlows", "digitalBotFlows", "workitems", "workflows"].map((id) => ({ id }));

/** The client shown as author of versions recorded without one (org files written before people were modelled). */
const LEGACY_CLIENT = { id: stableId("client", "emulator-api-client"), name: "Emulator API Client" };

function entityRef(id: string, name: string, kind: string): { id: string; name: string; selfUri: string } {
  return { id, name, selfUri: `/api/v2/${kind}/${id}` };
}

/** A user as Flow and FlowVersion carry one (the spec's User requires `version`). */
function userJson(user: EntityRef): Record<string, unknown> {
  return { id: user.id, name: user.name, version: 1, selfUri: `/api/v2/users/${user.id}` };
}

/** An OAuth client as the API refers to one (DomainEntityRef). */
function clientJson(client: EntityRef): Record<string, unknown> {
  return entityRef(client.id, client.name, "oauth/clients");
}

/** A flow's division by the name its Archy file gives (the same id divisions.ts gives that name). */
function flowDivision(name: string): { id: string; name: string; selfUri: string } {
  return divisionRef({ id: divisionId(name), name });
}

export function versionJson(flow: FlowRecord, version: VersionRecord): Record<string, unknown> {
  const base = `/api/v2/flows/${flow.id}/versions/${version.id}`;
  const kind = version.kind ?? "PUBLISH";
  return {
    id: version.id,
    name: version.id,
    commitVersion: version.id,
    configurationVersion: version.id,
    type: kind,
    secure: flow.type === "SECURECALL",
    debug: false,
    ...(version.createdBy ? { createdBy: userJson(version.createdBy) } : {}),
    createdByClient: clientJson(version.createdByClient ?? LEGACY_CLIENT),
    configurationUri: `${base}/configuration`,
    dateCreated: version.dateCreated,
    ...(kind === "CHECKIN" ? { dateCheckedIn: version.dateCreated } : {}),
    ...(kind === "PUBLISH" ? { datePublished: new Date(version.dateCreated).toISOString() } : {}),
    generationId: String(version.number),
    publishResultUri: `${base}/health`,
    supportedLanguages: languagesJson(version),
    compatibleFlowTypes: version.moduleInterface?.compatibleFlowTypes.map((t) => t.toUpperCase()),
    selfUri: base,
  };
}

/** The lock holder's saved draft as Flow.savedVersion (type SAVE, numbered as the version a check-in makes). */
function savedVersionJson(flow: FlowRecord, draft: Draft): Record<string, unknown> {
  const number = draftNumber(flow);
  const id = `${number}.0`;
  const base = `/api/v2/flows/${flow.id}/versions/${id}`;
  return {
    id,
    name: id,
    commitVersion: id,
    configurationVersion: id,
    type: "SAVE",
    secure: flow.type === "SECURECALL",
    debug: false,
    ...(draft.createdBy ? { createdBy: userJson(draft.createdBy) } : {}),
    createdByClient: clientJson(draft.createdByClient),
    configurationUri: `/api/v2/flows/${flow.id}/latestconfiguration`,
    dateCreated: draft.dateSaved,
    dateSaved: draft.dateSaved,
    generationId: String(number),
    selfUri: base,
  };
}

function languagesJson(version: VersionRecord): Array<{ language: string; isDefault: boolean }> {
  return version.supportedLanguages.map((language) => ({ language, isDefault: language === version.defaultLanguage }));
}

/** An operation as Flow.currentOperation and the checkin/publish actions answer it. */
export function operationJson(op: OperationRecord): Record<string, unknown> {
  return {
    id: op.id,
    complete: true,
    ...(op.user ? { user: userJson(op.user) } : {}),
    client: clientJson(op.client),
    ...(op.errorMessage ? { errorMessage: op.errorMessage } : {}),
    actionName: op.actionName,
    actionStatus: op.actionStatus,
  };
}

/** A flow created by name and not published yet (flowClaims.ts): no versions, its creator's lock. */
export function claimJson(claim: FlowClaim, behave: Behave): Record<string, unknown> {
  // Played otherwise (project/assumptions.yaml claimUnversioned): the create checks a first version in.
  const holder = claim.lockedClient ? { createdByClient: clientJson(claim.lockedClient) } : {};
  const checkedIn = { id: "1.0", name: claim.name, type: "CHECKIN", dateCreated: claim.dateCreated, ...holder };
  const versioned = plays(behave, "claimUnversioned", "versioned") ? { checkedInVersion: checkedIn } : {};
  return {
    id: claim.id,
    name: claim.name,
    description: claim.description,
    type: claim.type,
    division: flowDivision(claim.divisionName),
    active: true,
    system: false,
    deleted: false,
    ...(claim.lockedBy ? { lockedUser: userJson(claim.lockedBy) } : {}),
    ...(claim.lockedClient ? { lockedClient: clientJson(claim.lockedClient) } : {}),
    ...versioned,
    selfUri: `/api/v2/flows/${claim.id}`,
  };
}

/** Flow JSON as GET /api/v2/flows/{id} answers it. */
export function flowJson(flow: FlowRecord): Record<string, unknown> {
  const published = publishedVersionOf(flow);
  const checkedIn = flow.versions[flow.versions.length - 1];
  const json: Record<string, unknown> = {
    id: flow.id,
    name: flow.name,
    description: flow.description,
    type: flow.type,
    division: flowDivision(flow.divisionName),
    active: !flow.deleted,
    system: false,
    deleted: flow.deleted,
    publishedVersion: versionJson(flow, published),
    ...(flow.draft ? { savedVersion: savedVersionJson(flow, flow.draft) } : {}),
    checkedInVersion: versionJson(flow, checkedIn),
    ...(published.createdBy ? { publishedBy: userJson(published.createdBy) } : {}),
    ...(flow.lastOperation ? { currentOperation: operationJson(flow.lastOperation) } : {}),
    supportedLanguages: languagesJson(published),
    selfUri: `/api/v2/flows/${flow.id}`,
  };
  if (published.moduleInterface) {
    json.compatibleFlowTypes = published.moduleInterface.compatibleFlowTypes.map((t) => t.toUpperCase());
    json.inputSchema = variableSchema(published.moduleInterface.inputs);
    json.outputSchema = variableSchema(published.moduleInterface.outputs);
  }
  const holder = lockHolderOf(flow);
  if (holder) {
    if (holder.user) json.lockedUser = userJson(holder.user);
    json.lockedClient = clientJson(holder.client);
  }
  return json;
}

function variableSchema(names: string[]): Record<string, unknown> {
  return { type: "object", properties: Object.fromEntries(names.map((n) => [n, { type: "string" }])) };
}

/** Paged list envelope in the Genesys shape. */
export function pagedJson<T>(all: T[], pageNumber: number, pageSize: number, selfPath: string) {
  const total = all.length;
  const pageCount = Math.ceil(total / pageSize);
  const start = (pageNumber - 1) * pageSize;
  const uri = (n: number): string =>
    `${selfPath}${selfPath.includes("?") ? "&" : "?"}pageSize=${pageSize}&pageNumber=${n}`;
  return {
    entities: all.slice(start, start + pageSize),
    pageSize,
    pageNumber,
    total,
    pageCount,
    selfUri: uri(pageNumber),
    firstUri: uri(1),
    lastUri: uri(Math.max(1, pageCount)),
    ...(pageNumber < pageCount ? { nextUri: uri(pageNumber + 1) } : {}),
    ...(pageNumber > 1 ? { previousUri: uri(pageNumber - 1) } : {}),
  };
}
