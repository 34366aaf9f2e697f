// Architect dependency tracking on the emulator: consumed and consuming resources with the
// version each consumer was published against, org objects, the object route, paging, the build
// status, bad requests, persistence.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { call, publishOk } from "../../testkit/emulator";
import { commonModuleYaml, inboundCallYaml } from "../../testkit/archyFlows";

interface Dependency {
  id: string;
  name: string;
  version?: string;
  type: string;
  deleted: boolean;
  updated: boolean;
  stateUnknown: boolean;
  selfUri: string;
}
interface Listing {
  entities: Dependency[];
  pageSize: number;
  pageNumber: number;
  total: number;
  pageCount: number;
  nextUri?: string;
}

const DT = "/api/v2/architect/dependencytracking";

async function get<T = Listing>(emu: RunningEmulator, path: string): Promise<{ status: number; body: T }> {
  const res = await call<T>(`${emu.url}${path}`, { token: emu.accessToken });
  return { status: res.status, body: res.body };
}

async function published(emu: RunningEmulator, text: string): Promise<string> {
  return (await publishOk(emu, text)).flow.id;
}

const queueTransfer = (queue: string) => `
          - transferToAcd:
              name: To ${queue}
              targetQueue:
                lit:
                  name: ${queue}`;

describe("dependency tracking: modules and their callers", () => {
  let emu: RunningEmulator;
  let moduleId: string;
  let callerId: string;
  beforeAll(async () => {
    emu = await startEmulator({});
    moduleId = await published(emu, commonModuleYaml("dev-Lookup"));
    callerId = await published(emu, inboundCallYaml("dev-Sales", "", "dev-Lookup"));
  });
  afterAll(async () => {
    await emu.stop();
  });

  it("consumingresources lists the caller, with its own published version and type", async () => {
    const res = await get(emu, `${DT}/consumingresources?id=${moduleId}&objectType=COMMONMODULEFLOW`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ pageSize: 25, pageNumber: 1, total: 1, pageCount: 1 });
    expect(res.body.entities).toEqual([
      {
        id: callerId,
        name: "dev-Sales",
        version: "1.0",
        type: "INBOUNDCALLFLOW",
        deleted: false,
        updated: false,
        stateUnknown: false,
        selfUri: `/api/v2/flows/${callerId}`,
      },
    ]);
  });

  it("consumedresources of the caller's version names the module version it was published against", async () => {
    const res = await get(emu, `${DT}/consumedresources?id=${callerId}&version=1.0&objectType=INBOUNDCALLFLOW`);
    expect(res.status).toBe(200);
    expect(res.body.entities).toEqual([
      {
        id: moduleId,
        name: "dev-Lookup",
        version: "1.0",
        type: "COMMONMODULEFLOW",
        deleted: false,
        updated: false,
        stateUnknown: false,
        selfUri: `/api/v2/flows/${moduleId}`,
      },
    ]);
  });

  it("after the module is republished, the caller still consumes version 1.0 and is marked updated until it is republished", async () => {
    await published(emu, commonModuleYaml("dev-Lookup", ["inboundcall"], "\n    - disconnect:\n        name: Bye"));
    const consumed = await get(
      emu,
      `${DT}/consumedresources?id=${callerId}&version=1.0&objectType=INBOUNDCALLFLOW&resourceType=COMMONMODULEFLOW`,
    );
    expect(consumed.body.entities.map((d) => [d.name, d.version, d.updated])).toEqual([["dev-Lookup", "1.0", true]]);
    const consumers = await get(emu, `${DT}/consumingresources?id=${moduleId}&objectType=COMMONMODULEFLOW`);
    expect(consumers.body.entities.map((d) => [d.name, d.version, d.updated])).toEqual([["dev-Sales", "1.0", true]]);
    // Consumers of a given version of the module.
    expect(
      (await get(emu, `${DT}/consumingresources?id=${moduleId}&objectType=COMMONMODULEFLOW&version=2.0`)).body.total,
    ).toBe(0);
    expect(
      (await get(emu, `${DT}/consumingresources?id=${moduleId}&objectType=COMMONMODULEFLOW&version=1.0`)).body.total,
    ).toBe(1);

    await published(emu, inboundCallYaml("dev-Sales", "", "dev-Lookup"));
    const after = await get(emu, `${DT}/consumedresources?id=${callerId}&version=2.0&objectType=INBOUNDCALLFLOW`);
    expect(after.body.entities.map((d) => [d.name, d.version, d.updated])).toEqual([["dev-Lookup", "2.0", false]]);
    // The old version keeps what it consumed.
    const old = await get(emu, `${DT}/consumedresources?id=${callerId}&version=1.0&objectType=INBOUNDCALLFLOW`);
    expect(old.body.entities.map((d) => d.version)).toEqual(["1.0"]);
  });

  it("filters consumers by type and pages them in the Genesys shape", async () => {
    for (const n of ["dev-A", "dev-B", "dev-C"]) await published(emu, inboundCallYaml(n, "", "dev-Lookup"));
    const first = await get(emu, `${DT}/consumingresources?id=${moduleId}&objectType=COMMONMODULEFLOW&pageSize=2`);
    expect(first.body).toMatchObject({ pageSize: 2, pageNumber: 1, total: 4, pageCount: 2 });
    expect(first.body.entities.map((d) => d.name)).toEqual(["dev-A", "dev-B"]);
    expect(first.body.nextUri).toContain("pageNumber=2");
    const second = await get(
      emu,
      `${DT}/consumingresources?id=${moduleId}&objectType=COMMONMODULEFLOW&pageSize=2&pageNumber=2`,
    );
    expect(second.body.entities.map((d) => d.name)).toEqual(["dev-C", "dev-Sales"]);
    expect(
      (
        await get(
          emu,
          `${DT}/consumingresources?id=${moduleId}&objectType=COMMONMODULEFLOW&resourceType=INBOUNDEMAILFLOW`,
        )
      ).body.total,
    ).toBe(0);
    expect(
      (
        await get(
          emu,
          `${DT}/consumingresources?id=${moduleId}&objectType=COMMONMODULEFLOW&resourceType=INBOUNDCALLFLOW&flowFilter=published`,
        )
      ).body.total,
    ).toBe(4);
  });

  it("the object route answers a DependencyObject with both directions on request", async () => {
    const res = await get<Record<string, unknown>>(
      emu,
      `${DT}/object?id=${moduleId}&consumingResources=true&consumedResources=true`,
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: moduleId,
      name: "dev-Lookup",
      version: "2.0",
      type: "COMMONMODULEFLOW",
      deleted: false,
      consumedResources: [],
    });
    expect((res.body.consumingResources as Dependency[]).map((d) => d.name)).toEqual([
      "dev-A",
      "dev-B",
      "dev-C",
      "dev-Sales",
    ]);
    const plain = await get<Record<string, unknown>>(
      emu,
      `${DT}/object?id=${callerId}&objectType=INBOUNDCALLFLOW&version=1.0`,
    );
    expect(plain.body).toMatchObject({ id: callerId, version: "1.0", type: "INBOUNDCALLFLOW" });
    expect(plain.body.consumedResources).toBeUndefined();
  });

  it("logs the calls under their own operations", () => {
    const ops = new Set(emu.requestLog.list().map((e) => e.operation));
    for (const op of ["dependencytracking.consumers", "dependencytracking.consumed", "dependencytracking.object"])
      expect(ops).toContain(op);
  });
});

describe("dependency tracking: org objects and flows referred to by name", () => {
  it("records the queue a flow transfers to, with the queue's API id, in both directions", async () => {
    const emu = await startEmulator({ org: { queues: ["Sales", "Support"] } });
    try {
      const flowId = await published(emu, inboundCallYaml("dev-Queue", queueTransfer("Sales")));
      const queues = await get<{ entities: Array<{ id: string; name: string }> }>(
        emu,
        "/api/v2/routing/queues?name=Sales",
      );
      const queueId = queues.body.entities[0].id;
      const consumed = await get(emu, `${DT}/consumedresources?id=${flowId}&version=1.0&objectType=INBOUNDCALLFLOW`);
      expect(consumed.body.entities).toEqual([
        expect.objectContaining({ id: queueId, name: "Sales", type: "QUEUE", deleted: false }),
      ]);
      const consumers = await get(emu, `${DT}/consumingresources?id=${queueId}&objectType=QUEUE`);
      expect(consumers.body.entities.map((d) => [d.name, d.version])).toEqual([["dev-Queue", "1.0"]]);
      const object = await get<Record<string, unknown>>(emu, `${DT}/object?id=${queueId}&consumingResources=true`);
      expect(object.body).toMatchObject({ id: queueId, name: "Sales", type: "QUEUE" });
      expect((object.body.consumingResources as Dependency[]).map((d) => d.name)).toEqual(["dev-Queue"]);
    } finally {
      await emu.stop();
    }
  });

  it("records a user prompt created through the API by the id the API gave it (what down reads before deleting it)", async () => {
    const emu = await startEmulator({ org: { queues: ["Sales"] } });
    try {
      const made = await call<{ id: string }>(`${emu.url}/api/v2/architect/prompts`, {
        method: "POST",
        token: emu.accessToken,
        body: JSON.stringify({ name: "Welcome_prompt" }),
        headers: { "content-type": "application/json" },
      });
      const play = `
          - playAudio:
              name: Greet
              audio:
                exp: ToAudio(Prompt.Welcome_prompt)`;
      await published(emu, inboundCallYaml("Promo line", play));
      const consumers = await get(
        emu,
        `${DT}/consumingresources?id=${made.body.id}&objectType=USERPROMPT&flowFilter=published`,
      );
      expect(consumers.body.entities.map((d) => [d.name, d.type])).toEqual([["Promo line", "INBOUNDCALLFLOW"]]);
    } finally {
      await emu.stop();
    }
  });

  it("a queue the org does not have is not recorded (the publish only warns)", async () => {
    const emu = await startEmulator({ org: { queues: ["Sales"] } });
    try {
      const flowId = await published(emu, inboundCallYaml("dev-Nowhere", queueTransfer("Sails")));
      expect(
        (await get(emu, `${DT}/consumedresources?id=${flowId}&version=1.0&objectType=INBOUNDCALLFLOW`)).body.total,
      ).toBe(0);
    } finally {
      await emu.stop();
    }
  });
});

describe("dependency tracking: build status, bad requests, persistence", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator({});
  });
  afterAll(async () => {
    await emu.stop();
  });

  it("reports an operational build; a rebuild answers 202; the fault reports a stale index", async () => {
    const status = await get<Record<string, unknown>>(emu, `${DT}/build`);
    expect(status.body).toMatchObject({ status: "OPERATIONAL", failedObjects: [], selfUri: `${DT}/build` });
    expect(typeof status.body.dateCompleted).toBe("string");
    const rebuild = await fetch(`${emu.url}${DT}/build`, {
      method: "POST",
      headers: { authorization: `Bearer ${emu.accessToken}` },
    });
    expect(rebuild.status).toBe(202);
    expect(await rebuild.text()).toBe("");
    emu.setFaults({ dependencyTrackingStatus: "OPERATIONALNEEDSREBUILD" });
    expect((await get<Record<string, unknown>>(emu, `${DT}/build`)).body.status).toBe("OPERATIONALNEEDSREBUILD");
    emu.setFaults({ dependencyTrackingStatus: "BUILDINPROGRESS" });
    const building = await get<Record<string, unknown>>(emu, `${DT}/build`);
    expect(building.body.status).toBe("BUILDINPROGRESS");
    expect(building.body.dateCompleted).toBeUndefined();
    // While the index is rebuilt, the answers are 206 Partial Content (the spec's documented status).
    expect((await get(emu, `${DT}/consumingresources?id=x&objectType=QUEUE`)).status).toBe(206);
    emu.setFaults({});
    expect((await get(emu, `${DT}/consumingresources?id=x&objectType=QUEUE`)).status).toBe(200);
  });

  it.each([
    [`${DT}/consumingresources?objectType=COMMONMODULEFLOW`, 400, "id is required"],
    [`${DT}/consumingresources?id=x`, 400, "objectType is required"],
    [
      `${DT}/consumingresources?id=x&objectType=MODULE`,
      400,
      "Value [MODULE] is not valid for parameter [objectType]. Allowable values are: ACDLANGUAGE, ",
    ],
    [
      `${DT}/consumingresources?id=x&objectType=QUEUE&flowFilter=drafts`,
      400,
      "Value [drafts] is not valid for parameter [flowFilter]. Allowable values are: checkedIn, published",
    ],
    [`${DT}/consumedresources?id=x&objectType=INBOUNDCALLFLOW`, 400, "version is required"],
    [`${DT}/consumedresources?id=x&version=1.0&objectType=QUEUE`, 404, "not found"],
    [`${DT}/consumedresources?id=x&version=1.0&objectType=INBOUNDCALLFLOW`, 404, "not found"],
    [`${DT}/object?id=nope`, 404, "not found"],
    [
      `${DT}/object?id=x&consumingResources=yes`,
      400,
      "Value [yes] is not valid for parameter [consumingResources]. Allowable values are: true, false",
    ],
    [
      `${DT}/object?id=x&consumingResourceType=QUEUES`,
      400,
      "Value [QUEUES] is not valid for parameter [consumingResourceType]",
    ],
    [`${DT}/consumingresources?id=x&objectType=QUEUE&pageSize=0`, 400, "pageSize"],
  ])("GET %s answers %i", async (path, status, text) => {
    const res = await get<{ message: string }>(emu, path);
    expect(res.status).toBe(status);
    expect(res.body.message).toContain(text);
  });

  it("filters consumers by any type, flows or not (the spec closes resourceType to no type)", async () => {
    for (const path of [
      `${DT}/consumingresources?id=x&objectType=QUEUE&resourceType=QUEUE`,
      `${DT}/consumingresources?id=x&objectType=QUEUE&resourceType=IVRCONFIGURATION`,
      `${DT}/object?id=nope&consumingResourceType=IVRCONFIGURATION`,
    ]) {
      expect({ path, status: (await get(emu, path)).status }).toEqual({
        path,
        status: path.includes("/object?") ? 404 : 200,
      });
    }
  });

  it("an unknown object has no consumers (an empty page, not an error)", async () => {
    const res = await get(emu, `${DT}/consumingresources?id=nope&objectType=COMMONMODULEFLOW`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 0, entities: [] });
  });

  it("needs the bearer token", async () => {
    const res = await call(`${emu.url}${DT}/build`);
    expect(res.status).toBe(401);
  });

  it("what a version consumed survives a restart of an emulator with a data file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dt-persist-"));
    const dataFile = join(dir, "org.json");
    try {
      const first = await startEmulator({ dataFile, org: { queues: ["Sales"] } });
      const moduleId = await published(first, commonModuleYaml("dev-M"));
      const callerId = await published(first, inboundCallYaml("dev-C", queueTransfer("Sales"), "dev-M"));
      await first.stop();
      const second = await startEmulator({ dataFile, org: { queues: ["Sales"] } });
      try {
        const consumed = await get(
          second,
          `${DT}/consumedresources?id=${callerId}&version=1.0&objectType=INBOUNDCALLFLOW`,
        );
        expect(consumed.body.entities.map((d) => [d.type, d.name])).toEqual([
          ["COMMONMODULEFLOW", "dev-M"],
          ["QUEUE", "Sales"],
        ]);
        expect(
          (await get(second, `${DT}/consumingresources?id=${moduleId}&objectType=COMMONMODULEFLOW`)).body.total,
        ).toBe(1);
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("consumed resources of an object that is not a flow", () => {
  it("an IVR config consumes the flows and schedule group it routes with; an object of another type consumes nothing (404, not a refused type)", async () => {
    const emu = await startEmulator({});
    try {
      const flow = await published(emu, inboundCallYaml("Sales"));
      const post = (path: string, body: unknown) =>
        call<{ id: string }>(`${emu.url}${path}`, {
          method: "POST",
          token: emu.accessToken,
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        });
      const group = (await post("/api/v2/architect/schedulegroups", { name: "Office" })).body.id;
      const ivr = (
        await post("/api/v2/architect/ivrs", {
          name: "Line",
          dnis: [],
          openHoursFlow: { id: flow },
          scheduleGroup: { id: group },
        })
      ).body.id;
      const consumed = await get(emu, `${DT}/consumedresources?id=${ivr}&version=1&objectType=IVRCONFIGURATION`);
      expect(consumed.status).toBe(200);
      expect(consumed.body.entities.map((e) => [e.type, e.name, e.id])).toEqual([
        ["SCHEDULEGROUP", "Office", group],
        ["INBOUNDCALLFLOW", "Sales", flow],
      ]);
      expect(
        (
          await get(
            emu,
            `${DT}/consumedresources?id=${ivr}&version=1&objectType=IVRCONFIGURATION&resourceType=INBOUNDCALLFLOW`,
          )
        ).body.entities.map((e) => e.id),
      ).toEqual([flow]);
      expect((await get(emu, `${DT}/consumedresources?id=${ivr}&version=1&objectType=QUEUE`)).status).toBe(404);
    } finally {
      await emu.stop();
    }
  });
});
