// `genesys-flows org probe`: settles entries of the assumptions register (project/assumptions.yaml) on
// one org, signed in as a stack's provider is. Read-only by default (who the org and the token are,
// the list by name and pageSize 500, dependency tracking's status); with `write`, flows created by
// name under a fixed prefix (PROBE_PREFIX, in a division if given), each deleted before it ends
// (its name and description say which probe made it, in which org: only those are ever deleted):
// a second create of the name (its status and code), the name in upper case (nameCase), whether the
// list shows it (claimListed), its delete while checked out (claimDelete), an unlock (unlockConfigurationless),
// a publish by the same client onto one (claimPublish), a 201-character name (flowNameLength).
// A 403 names the permission the client lacks and leaves that probe not run. What the org answered,
// per entry, is the record the run reads (project/probeRecord.ts).
import { randomBytes } from "node:crypto";
import { toArchyYaml } from "../compiler/archyYaml";
import type { ProbeRecord, ProbeResult } from "../project/probeRecord";
import { OrgApiError, type OrgApi } from "./client";
import { findFlowsByName, readBuildStatus, readOrganization, unlockFlow } from "./flows";
import { publishArchy } from "./publishJob";

/** Every flow a write probe creates is named with it, so leftovers are found (and taken for nothing else). */
export const PROBE_PREFIX = "genesys-flows-probe";

/** The description a probe (`tag`) writes on each flow it creates in org `orgId`. */
const probeDescription = (tag: string, orgId: string): string =>
  `genesys-flows org probe ${tag} in org ${orgId}: deleted when the probe ends`;

/** Whether a flow is one a probe created in org `orgId`: its name and its description as a probe writes them. */
export function isProbeFlow(f: { name: string; description?: string }, orgId: string): boolean {
  const m = new RegExp(`^${PROBE_PREFIX}-([0-9a-f]{8})-(claim|unlock|publish|long-x+)$`, "i").exec(f.name);
  return m !== null && f.description === probeDescription(m[1]!.toLowerCase(), orgId);
}

/** `division`: the id of the division the probe's flows are created in (Home when absent). */
export interface ProbeOptions {
  write: boolean;
  division?: string;
}

/** A probe run: its results so far and the flows it created and has not deleted yet (listed if it is interrupted). */
export class OrgProbe {
  readonly results: Record<string, ProbeResult> = {};
  readonly notRun: Record<string, string> = {};
  readonly created = new Map<string, string>();
  private readonly tag = randomBytes(4).toString("hex");
  private divisionName = "Home";
  private orgId = "";

  constructor(
    private readonly api: OrgApi,
    private readonly options: ProbeOptions,
  ) {}

  async run(): Promise<ProbeRecord> {
    const org = await readOrganization(this.api);
    this.orgId = org.id;
    this.note("organizationMe", `${org.name} (${org.id})`, true);
    await this.step("tokenOwner", async () => {
      const me = await this.api.get<{ OAuthClient?: { id?: string; name?: string } }>("/api/v2/tokens/me");
      this.note(
        "tokenOwner",
        me?.OAuthClient?.id
          ? `client ${me.OAuthClient.name ?? ""} (${me.OAuthClient.id})`
          : "no OAuthClient in the answer",
        me?.OAuthClient?.id !== undefined,
      );
    });
    await this.step("listByName", () => this.listByName());
    await this.step("dependencyTracking", async () =>
      this.note("dependencyTracking", `build status ${(await readBuildStatus(this.api)).status}`, true),
    );
    if (this.options.write) await this.writes();
    return {
      org,
      probedAt: new Date().toISOString(),
      write: this.options.write,
      results: this.results,
      notRun: this.notRun,
    };
  }

  private async listByName(): Promise<void> {
    const page = await this.api.get<{ entities?: Array<{ name?: string }> }>("/api/v2/flows", {
      pageSize: 500,
      pageNumber: 1,
    });
    const name = page?.entities?.find((f) => typeof f.name === "string")?.name;
    const named = name === undefined ? [] : await this.api.all<{ name?: string }>("/api/v2/flows", { name });
    const exact = named.filter((f) => f.name === name).length;
    this.note(
      "listByName",
      `pageSize 500 answered; ${name === undefined ? "no flow to look up by name" : `the name filter answered ${named.length} flows for "${name}", ${exact} of that name`}`,
      name === undefined || exact > 0,
    );
  }

  private async writes(): Promise<void> {
    if (this.options.division)
      this.divisionName =
        (
          await this.api.get<{ name: string }>(
            `/api/v2/authorization/divisions/${encodeURIComponent(this.options.division)}`,
          )
        )?.name ?? "Home";
    await this.step("flowNameLength", async () => {
      const long = `${this.name("long")}-`.padEnd(201, "x");
      const refused = await this.create("long", false, long).then(
        () => undefined,
        (e: unknown) => this.refusal(e),
      );
      this.note(
        "flowNameLength",
        refused === undefined ? "a 201-character name is accepted" : `a 201-character name is refused (${refused})`,
        refused?.startsWith("400") === true,
      );
    });
    await this.step("createFlowByName", () => this.claimLifecycle());
    await this.step("unlockConfigurationless", async () => {
      const id = (await this.create("unlock"))!;
      await unlockFlow(this.api, id);
      const after = await this.api.get<{ lockedClient?: unknown }>(`/api/v2/flows/${id}`);
      this.note(
        "unlockConfigurationless",
        after?.lockedClient === undefined
          ? "200, and the created flow is unlocked"
          : "200, but the created flow is still locked",
        after?.lockedClient === undefined,
      );
      await this.remove(id);
    });
    await this.step("claimPublish", async () => {
      const name = this.name("publish");
      const id = (await this.create("publish"))!;
      const archy = archyOf(name, this.divisionName, probeDescription(this.tag, this.orgId));
      const job = await publishArchy(this.api, archy, `the probe's flow ${name}`, { pollMs: 2000 });
      const configures = job.status === "Success" && job.flowId === id;
      const observed = configures
        ? "configured, same id"
        : job.status === "Success"
          ? `published as another flow (${job.flowId})`
          : `refused: ${job.messages.map((m) => m.text).join(" ")}`;
      this.note(
        "claimPublish",
        observed,
        configures,
        configures || job.status !== "Success" ? (configures ? "configures" : "refused") : undefined,
      );
      if (job.flowId !== undefined && job.flowId !== id) this.created.set(job.flowId, name);
    });
  }

  /** One created flow: a second create (status, code), the name in upper case, the list, the delete while it is checked out. */
  private async claimLifecycle(): Promise<void> {
    const name = this.name("claim");
    const id = (await this.create("claim"))!;
    const again = await this.create("claim", false).then(
      () => "a second create is accepted",
      (e: unknown) => this.refusal(e),
    );
    this.note("createFlowByName", `a second create: ${again}`, again === "409 architect.flow.already.exists");
    const twin = await this.create("claim", false, name.toUpperCase()).then(
      () => true,
      (e: unknown) => (this.refusal(e), false),
    );
    this.note(
      "nameCase",
      twin ? "the name in upper case is another flow" : "the name in upper case is taken",
      !twin,
      twin ? "sensitive" : "insensitive",
    );
    const listed = (await findFlowsByName(this.api, name, "INBOUNDCALL")).some((f) => f.flowId === id);
    this.note("claimListed", listed ? "listed by name" : "not listed by name", listed, listed ? "listed" : "hidden");
    const deleted = await this.api.delete(`/api/v2/flows/${id}`).then(
      () => true,
      () => false,
    );
    if (!deleted) await this.remove(id);
    this.created.delete(id);
    const freed = await this.create("claim").catch(() => undefined);
    this.note(
      "claimDelete",
      `${deleted ? "deleted" : "refused until unlocked"}; ${freed !== undefined ? "the name is free again" : "the name stays taken"}`,
      deleted && freed !== undefined,
      freed === undefined ? undefined : deleted ? "frees" : "needsUnlock",
    );
    if (freed !== undefined) await this.remove(freed);
  }

  private name = (what: string): string => `${PROBE_PREFIX}-${this.tag}-${what}`;

  /** Creates a flow by name (tracked until deleted): its id. */
  private async create(what: string, track = true, name = this.name(what)): Promise<string | undefined> {
    const division = this.options.division ? { division: { id: this.options.division } } : {};
    const body = { name, type: "INBOUNDCALL", description: probeDescription(this.tag, this.orgId), ...division };
    const { id } = await this.api.post<{ id: string }>("/api/v2/flows", body);
    this.created.set(id, body.name);
    if (!track) await this.remove(id);
    return id;
  }

  /** An answer the probe expects may be a refusal: its status and code (403s go on up). */
  private refusal(e: unknown): string {
    if (!(e instanceof OrgApiError) || e.status === undefined || e.status === 403) throw e;
    return `${e.status} ${e.code ?? ""}`.trim();
  }

  /** Deletes a flow the probe created, unlocking it first if the org refuses. */
  async remove(id: string): Promise<void> {
    await this.api
      .delete(`/api/v2/flows/${id}`)
      .catch(async () => (await unlockFlow(this.api, id), this.api.delete(`/api/v2/flows/${id}`)));
    this.created.delete(id);
  }

  private note(id: string, observed: string, asModelled: boolean, answer?: string): void {
    this.results[id] = { observed, ...(answer !== undefined ? { answer } : {}), asModelled };
  }

  /** One probe, its flows deleted after it: a 403 leaves it not run, naming the permission; any other failure is its observation. */
  private async step(id: string, probe: () => Promise<void>): Promise<void> {
    try {
      await probe();
    } catch (e) {
      if (e instanceof OrgApiError && e.status === 403) this.notRun[id] = e.message;
      else this.note(id, `failed: ${(e as Error).message}`, false);
    } finally {
      for (const flowId of [...this.created.keys()]) await this.remove(flowId).catch(() => undefined);
    }
  }
}

type Listed = { id: string; name: string; description?: string };

/** The flows named with the prefix in org `orgId`: those a probe left there (interrupted), and others (a person's). */
export async function probeLeftovers(api: OrgApi, orgId: string): Promise<{ ours: Listed[]; others: Listed[] }> {
  const found = await api.all<Listed>("/api/v2/flows", { name: PROBE_PREFIX });
  const named = found.filter((f) => f.name.toLowerCase().startsWith(PROBE_PREFIX));
  const pick = (ours: boolean) =>
    named.filter((f) => isProbeFlow(f, orgId) === ours).map(({ id, name }) => ({ id, name }));
  return { ours: pick(true), others: pick(false) };
}

/** The smallest inbound call flow that publishes: it hangs up. */
function archyOf(name: string, division: string, description: string): string {
  const task = { name: "Probe", refId: "Probe_10", actions: [{ disconnect: { name: "Disconnect" } }] };
  const supportedLanguages = { "en-us": { defaultLanguageSkill: { noValue: true } } };
  const startUpRef = "/inboundCall/tasks/task[Probe_10]";
  const languages = { defaultLanguage: "en-us", supportedLanguages };
  const flow = { name, description, division, startUpRef, ...languages, initialGreeting: { tts: "Probe." } };
  return toArchyYaml({ inboundCall: { ...flow, tasks: [{ task }] } });
}
