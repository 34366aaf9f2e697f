// What people do to a flow in Architect, through Architect's own API as Genesys's Platform API
// specification defines it: check out (lock for editing), save a draft (POST /flows/{id}/versions),
// check in (the draft becomes a CHECKIN version), revert (drop the draft), unlock (break a lock;
// the holder's draft is kept as a version), publish (the draft or a version), rename or move
// (PUT /flows/{id}), and a deleted flow answering 410 Gone. Every action is recorded with the
// caller its token was issued to (people.ts), so a test signed in as a person or as another client
// leaves the traces Genesys leaves: lockedUser/lockedClient, savedVersion, createdBy/createdByClient.
import { stringify } from "yaml";
import type { ApiAnswer, ApiContext, ApiRequest, Route } from "./apiTypes";
import { claimJson, flowJson, operationJson } from "./flowJson";
import { ApiError, badRequest, notFound, readBody } from "./http";
import { readJsonObject, REQUEST_BODIES } from "./requestBodies";
import { newId } from "./ids";
import { flowNameTooLong } from "../archy/catalogue/flowTypes";
import { describeActor } from "./people";
import { lockHolderOf, type FlowActionResult, type FlowRecord } from "./store";

/** The flow named by the path or `?flow=`: 404 for an id the org never had, 410 for a deleted one. */
export function liveFlow(ctx: ApiContext, id: string): FlowRecord {
  return settled(ctx.store.live(id), id, "reading").flow;
}

function flowParam(r: ApiRequest): string {
  const id = r.query.get("flow");
  if (!id) throw badRequest("Query parameter flow is required");
  return id;
}

/** The flow of a successful action, or the refusal as Genesys answers it. */
function settled(result: FlowActionResult, id: string, action: string): Extract<FlowActionResult, { kind: "ok" }> {
  switch (result.kind) {
    case "ok":
      return result;
    case "not-found":
      throw notFound(`Flow ${id} not found`);
    case "gone":
      throw new ApiError(410, "flow.deleted", `Flow ${id} was deleted`);
    case "locked":
      throw new ApiError(
        409,
        "flow.locked",
        `Flow "${result.flow.name}" (${result.flow.id}) is locked by ${describeActor(result.by)}; ${action} needs the lock (POST /api/v2/flows/actions/unlock?flow=${result.flow.id} breaks it)`,
      );
    case "not-locked":
      throw new ApiError(
        409,
        "flow.not.locked",
        `Flow "${result.flow.name}" (${result.flow.id}) is not checked out; check it out first (POST /api/v2/flows/actions/checkout?flow=${result.flow.id}) to ${action}`,
      );
    case "name-taken":
      throw new ApiError(
        409,
        "flow.name.conflict",
        `Another ${result.other.type} flow is named "${result.other.name}" (${result.other.id})`,
      );
  }
}

async function drain(ctx: ApiContext, r: ApiRequest): Promise<void> {
  await readBody(r.req, ctx.maxBodyBytes);
}

function checkout(ctx: ApiContext, r: ApiRequest): ApiAnswer {
  const id = flowParam(r);
  return { status: 200, body: flowJson(settled(ctx.store.checkout(id, ctx.actor), id, "checking out").flow) };
}

function checkin(ctx: ApiContext, r: ApiRequest): ApiAnswer {
  const id = flowParam(r);
  const { flow } = settled(ctx.store.checkin(id, ctx.actor, ctx.now()), id, "checking in");
  return { status: 200, body: operationJson(flow.lastOperation!) };
}

function unlock(ctx: ApiContext, r: ApiRequest): ApiAnswer {
  const id = flowParam(r);
  // A flow created by name has no configuration to check in: this is what the route is for.
  const claim = ctx.store.claims.unlock(id);
  if (claim) return { status: 200, body: claimJson(claim, ctx.store.behave) };
  liveFlow(ctx, id);
  return { status: 200, body: flowJson(ctx.store.unlock(id, ctx.now(), ctx.actor)!) };
}

function revert(ctx: ApiContext, r: ApiRequest): ApiAnswer {
  const id = flowParam(r);
  return { status: 200, body: flowJson(settled(ctx.store.revert(id, ctx.actor), id, "reverting").flow) };
}

/**
 * Publish the flow's draft (the caller's saved draft, else the checked-in version) or `?version=`:
 * validated as a publish job is, by the caller. Answers the Operation (complete: the emulator
 * publishes at once); a refusal is a 400 naming what the validator found.
 */
function publish(ctx: ApiContext, r: ApiRequest): ApiAnswer {
  const id = flowParam(r);
  const flow = liveFlow(ctx, id);
  const versionId = r.query.get("version");
  const holder = lockHolderOf(flow);
  let text: string;
  if (versionId) {
    const version = flow.versions.find((v) => v.id === versionId);
    if (!version) throw notFound(`Version ${versionId} of flow ${id} not found`);
    text = version.text;
  } else {
    text = flow.draft && holder ? flow.draft.text : flow.versions[flow.versions.length - 1].text;
  }
  const outcome = ctx.jobs.publishText(text, ctx.actor, { type: flow.type, name: flow.name });
  if (outcome.flowId === undefined) {
    const errors = outcome.messages.filter((m) => m.type === "Error").map((m) => m.text);
    const locked = errors.some((e) => e.includes("rule flow-locked"));
    throw new ApiError(
      locked ? 409 : 400,
      locked ? "flow.locked" : "flow.publish.failed",
      errors.join("; ") || `Flow ${id} could not be published`,
    );
  }
  const published = ctx.store.getFlow(outcome.flowId)!;
  return {
    status: 200,
    body: operationJson(
      published.lastOperation ?? {
        id: newId(),
        actionName: "PUBLISH",
        actionStatus: "SUCCESS",
        client: ctx.actor.client,
      },
    ),
  };
}

/** A flow's name as POST and PUT /flows take it: required, at most 200 characters (Genesys's "Create a flow"). */
export function flowName(body: Record<string, unknown>): string {
  const name = typeof body.name === "string" ? body.name.trim() : "";
  if (name === "") throw badRequest("Field 'name' is required and cannot be empty.");
  const long = flowNameTooLong(name);
  if (long !== undefined) throw new ApiError(400, "architect.object.validate.failed.value", `Field 'name' ${long}`);
  return name;
}

/** PUT /flows/{id}: rename, describe, move to a division (`name` required, `type` cannot change). */
async function updateFlow(ctx: ApiContext, r: ApiRequest): Promise<ApiAnswer> {
  const id = r.params[0];
  const flow = liveFlow(ctx, id);
  const body = await readJsonObject(ctx, r, REQUEST_BODIES.Flow);
  const name = flowName(body);
  if (body.type !== undefined && String(body.type).toUpperCase() !== flow.type) {
    throw badRequest(`Field 'type': a flow's type cannot change (${flow.type}, not ${String(body.type)})`);
  }
  if (body.description !== undefined && typeof body.description !== "string")
    throw badRequest("Field 'description' must be a string");
  const division = body.division === undefined ? undefined : ctx.divisions.resolve(body.division);
  const result = ctx.store.update(id, ctx.actor, {
    name,
    ...(typeof body.description === "string" ? { description: body.description } : {}),
    ...(division ? { divisionName: division.name } : {}),
  });
  return { status: 200, body: flowJson(settled(result, id, "updating").flow) };
}

/**
 * POST /flows/{id}/versions: the lock holder saves a draft. The body is the flow's configuration: an
 * Archy document ({"inboundCall": {...}}) is kept as Archy YAML, so it can be checked in and
 * published; any other object is kept as JSON.
 */
async function saveDraft(ctx: ApiContext, r: ApiRequest): Promise<ApiAnswer> {
  const id = r.params[0];
  liveFlow(ctx, id);
  // A draft is Architect's own document: the spec gives POST .../versions a free-form object.
  const body = await readJsonObject(ctx, r);
  const keys = Object.keys(body);
  const text = keys.length === 1 && typeof body[keys[0]] === "object" ? stringify(body) : JSON.stringify(body, null, 2);
  const { flow } = settled(ctx.store.saveDraft(id, ctx.actor, text, ctx.now()), id, "saving a draft");
  const json = flowJson(flow);
  return { status: 200, body: json.savedVersion };
}

/** Architect's actions on a flow, each a POST to /api/v2/flows/actions/<action>, by action. */
const ACTIONS = { checkout, checkin, unlock, revert, publish };

export function flowActionRoutes(): Route[] {
  return (Object.keys(ACTIONS) as Array<keyof typeof ACTIONS>).map(
    (action): Route => ({
      pattern: ["flows", "actions", action],
      operation: `flow.${action}` as const,
      methods: { POST: async (ctx, r) => (await drain(ctx, r), ACTIONS[action](ctx, r)) },
    }),
  );
}

/** The methods people use on /flows/{id} and /flows/{id}/versions besides reading. */
export const flowWrites = { updateFlow, saveDraft };
