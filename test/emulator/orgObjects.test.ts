// The org's objects (--org): served on their API routes in Genesys's paged shape, and checked by
// strict publishes.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseEmulatorArgs } from "../../emulator/cliArgs";
import { OrgFileError } from "../../project/orgFile";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { CORPUS_ORG_FILE } from "../../testkit/corpus";
import { call, publish } from "../../testkit/emulator";
import { inboundCallYaml } from "../../testkit/archyFlows";

const ORG = {
  queues: ["Sales", "Support", { name: "Sales Backup", description: "overflow" }],
  skills: ["Spanish"],
  languages: ["English"],
  schedules: ["Open Hours"],
  scheduleGroups: ["Main Site"],
  emergencyGroups: ["Storm"],
  wrapupCodes: ["Resolved"],
  prompts: ["Welcome Prompt"],
  contactLists: ["Callbacks"],
  dataActions: [
    {
      category: "Web Services",
      name: "Customer Lookup",
      inputs: { phone: "string" },
      outputs: { tier: "string", score: "integer" },
    },
  ],
};

interface Paged {
  entities: Array<Record<string, unknown>>;
  pageSize: number;
  pageNumber: number;
  total: number;
  pageCount: number;
}

describe("org objects on their API routes", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator({ org: ORG });
  });
  afterAll(async () => {
    await emu.stop();
  });

  const get = <T = Paged>(path: string) => call<T>(`${emu.url}/api/v2/${path}`, { token: emu.accessToken });

  it.each([
    ["routing/queues", ["Sales", "Sales Backup", "Support"]],
    ["routing/skills", ["Spanish"]],
    ["routing/languages", ["English"]],
    ["routing/wrapupcodes", ["Resolved"]],
    ["architect/schedules", ["Open Hours"]],
    ["architect/schedulegroups", ["Main Site"]],
    ["architect/emergencygroups", ["Storm"]],
    ["architect/prompts", ["Welcome Prompt"]],
    ["outbound/contactlists", ["Callbacks"]],
    ["integrations/actions", ["Customer Lookup"]],
  ])("GET /api/v2/%s lists them, paged, and each by id", async (path, names) => {
    const list = await get(path);
    expect(list.status).toBe(200);
    expect(list.body).toEqual(
      expect.objectContaining({ pageNumber: 1, pageSize: 25, total: names.length, pageCount: 1 }),
    );
    expect(list.body.entities.map((e) => e.name)).toEqual(names);
    for (const e of list.body.entities) {
      expect(e).toEqual(expect.objectContaining({ id: expect.any(String), selfUri: `/api/v2/${path}/${e.id}` }));
      const one = await get<Record<string, unknown>>(`${path}/${encodeURIComponent(String(e.id))}`);
      expect(one.status).toBe(200);
      expect(one.body).toEqual(e);
    }
    expect((await get(`${path}/no-such-id`)).status).toBe(404);
  });

  it("filters by name as the API does: exact (any case) or with * wildcards", async () => {
    expect((await get("routing/queues?name=sales")).body.entities.map((e) => e.name)).toEqual(["Sales"]);
    expect((await get("routing/queues?name=Sales*")).body.entities.map((e) => e.name)).toEqual([
      "Sales",
      "Sales Backup",
    ]);
    expect((await get("routing/queues?name=Nope")).body).toEqual(
      expect.objectContaining({ entities: [], total: 0, pageCount: 0 }),
    );
    expect((await get("routing/queues?pageSize=2&pageNumber=2")).body).toEqual(
      expect.objectContaining({ total: 3, pageCount: 2, entities: [expect.objectContaining({ name: "Support" })] }),
    );
  });

  it("ids are stable across restarts (derived from kind and name)", async () => {
    const other = await startEmulator({ org: ORG });
    try {
      const a = (await get("routing/queues")).body.entities.map((e) => e.id);
      const b = (
        await call<Paged>(`${other.url}/api/v2/routing/queues`, { token: other.accessToken })
      ).body.entities.map((e) => e.id);
      expect(b).toEqual(a);
    } finally {
      await other.stop();
    }
  });

  it("data actions carry their input and output contracts with expand=contract, as on Genesys", async () => {
    const [listed] = (await get("integrations/actions?name=Customer Lookup")).body.entities;
    expect(listed.contract).toBeUndefined();
    expect(
      (
        await call<Record<string, unknown>>(`${emu.url}/api/v2/integrations/actions/${String(listed.id)}`, {
          token: emu.accessToken,
        })
      ).body.contract,
    ).toBeUndefined();
    const action = (
      await call<Record<string, unknown>>(
        `${emu.url}/api/v2/integrations/actions/${String(listed.id)}?expand=contract`,
        { token: emu.accessToken },
      )
    ).body;
    expect(action).toEqual(
      expect.objectContaining({
        category: "Web Services",
        contract: {
          input: {
            inputSchema: expect.objectContaining({
              properties: { phone: expect.objectContaining({ type: "string" }) },
            }),
          },
          output: {
            successSchema: expect.objectContaining({
              properties: {
                tier: expect.objectContaining({ type: "string" }),
                score: expect.objectContaining({ type: "integer" }),
              },
            }),
          },
        },
      }),
    );
  });

  it("needs the bearer token like every API route", async () => {
    expect((await call(`${emu.url}/api/v2/routing/queues`)).status).toBe(401);
  });

  it("the admin state counts them", () => {
    expect(emu.state().orgObjects).toEqual(expect.objectContaining({ "routing/queues": 3, "integrations/actions": 1 }));
  });
});

describe("strict publishes check references against the org", () => {
  const transfer = (queue: string): string =>
    inboundCallYaml(
      `dev-To-${queue.replace(/\W/g, "")}`,
      `
          - transferToAcd:
              name: To ${queue}
              targetQueue:
                lit:
                  name: ${queue}`,
    );

  it("an existing queue publishes; a missing one fails naming it, with a suggestion", async () => {
    const emu = await startEmulator({ org: ORG, strict: true });
    try {
      expect((await publish(emu, transfer("Sales"))).messages).toEqual([]);
      const missing = await publish(emu, transfer("Sails"));
      expect(missing.status).toBe("Failure");
      expect(missing.messages[0].text).toContain(
        'rule unknown-org-object: targetQueue "Sails": the org has no queue of that name; did you mean "Sales"? (strict mode)',
      );
    } finally {
      await emu.stop();
    }
  });

  it("without --strict, a missing object is a warning", async () => {
    const emu = await startEmulator({ org: ORG });
    try {
      const job = await publish(emu, transfer("Sails"));
      expect(job.status).toBe("Success");
      expect(job.messages.map((m) => m.type)).toEqual(["Warning"]);
    } finally {
      await emu.stop();
    }
  });
});

describe("--org", () => {
  it("is a CLI flag", () => {
    expect(parseEmulatorArgs(["--org", "emulator/orgs/corpus-org.yaml", "--strict"])).toEqual({
      kind: "run",
      options: { orgFile: "emulator/orgs/corpus-org.yaml", strict: true },
    });
    expect(
      parseEmulatorArgs(["--max-jobs", "10", "--max-versions", "5", "--max-flows", "100", "--admin-token", "a"]),
    ).toEqual({
      kind: "run",
      options: { maxJobs: 10, maxVersionsPerFlow: 5, maxFlows: 100, adminToken: "a" },
    });
    expect(() => parseEmulatorArgs(["--max-jobs", "0"])).toThrow(/--max-jobs must be a positive integer/);
  });

  it("loads the shipped corpus org file", async () => {
    const emu = await startEmulator({ orgFile: CORPUS_ORG_FILE });
    try {
      expect(emu.state().orgFile).toBe(CORPUS_ORG_FILE);
      expect(emu.state().orgObjects["routing/queues"]).toBeGreaterThan(5);
      expect(emu.state().orgObjects["integrations/actions"]).toBeGreaterThan(20);
    } finally {
      await emu.stop();
    }
  });

  it("refuses a bad org file with its name, the line and the reason", async () => {
    const dir = mkdtempSync(join(tmpdir(), "emulator-org-"));
    try {
      const file = join(dir, "org.yaml");
      writeFileSync(file, "queues:\n  - Sales\nqueus:\n  - Support\n");
      await expect(startEmulator({ orgFile: file })).rejects.toThrow(OrgFileError);
      await expect(startEmulator({ orgFile: file })).rejects.toThrow(/org file .*org\.yaml: .*queus/);
      writeFileSync(file, "dataActions:\n  - category: C\n    name: A\n    inputs:\n      x: strng\n");
      await expect(startEmulator({ orgFile: file })).rejects.toThrow(
        /dataActions\.0\.inputs\.x \(line 5\): not an Archy data type/,
      );
      writeFileSync(file, "queues:\n  - Sales\n  - Sales\n");
      await expect(startEmulator({ orgFile: file })).rejects.toThrow(/queues lists "Sales" twice/);
      await expect(startEmulator({ orgFile: join(dir, "missing.yaml") })).rejects.toThrow(
        /org file .*missing\.yaml: cannot be read \(ENOENT\)/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
