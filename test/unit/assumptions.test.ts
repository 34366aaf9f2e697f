// The assumptions register (project/assumptions.yaml) held to the code: every answer the emulator plays
// is an entry's and is played somewhere, every test an answer or an entry names exists, the
// register's operations are the emulator's, and every route the tool sends to the org is named by
// an entry: the routes are derived from the source (each call of the org client, org/client.ts, in
// the production code: its method and the route it writes; a route read from a table, the table's
// routes; a call whose route cannot be read fails), so a route a guard, verify, a deploy, the probe
// or any other command comes to depend on fails this until the register says what it relies on.
// The provider's own publish and the guards' run are checked against the emulator's log besides.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as ts from "typescript";
import { productionSources, read } from "./tree";
import { resolveApiRoute } from "../../emulator/apiRoutes";
import { KIND_ENDPOINTS } from "../../org/objects";
import { ROUTING_KIND_UNITS } from "../../model/routing/kinds";
import { assumptions, playable, RegisterSchema } from "../../project/assumptions";
import { parseBehave } from "../../emulator/behave";
import { OPERATION_KINDS } from "../../emulator/requestLog";
import { parseEmulatorArgs } from "../../emulator/cliArgs";
import { startEmulator } from "../../emulator/server";
import { flowClaimGuard } from "../../run/ownership/claimGuard";
import { ownershipGuard } from "../../run/ownership/guard";
import { OrgProbe } from "../../org/probe";
import { guardRun } from "../../testkit/programRun";
import { publish } from "../../testkit/emulator";
import { inboundCallYaml } from "../../testkit/archyFlows";
import { OrgApi } from "../../org/client";

const ROOT = join(__dirname, "../..");
const register = assumptions();

test("every test an answer or an entry names exists in the file it names", () => {
  const answers = (a: (typeof register)[number]) =>
    Object.entries(a.answers ?? {}).flatMap(([answer, { tests }]) => tests.map((t) => [`${a.id}=${answer}`, t]));
  const named = register.flatMap((a) => [...a.heldBy.map((t) => [a.id, t]), ...answers(a)]);
  const exists = (t: string) => {
    const [file, name] = [t.slice(0, t.indexOf(": ")), t.slice(t.indexOf(": ") + 2)];
    return readFileSync(join(ROOT, file), "utf8").includes(`"${name}"`);
  };
  expect(named.filter(([, t]) => !exists(t)).map(([who, t]) => `${who}: ${t}`)).toEqual([]);
});

test("every answer the emulator plays is a register entry's, and every answer other than its model is played", () => {
  const sources = readdirSync(join(ROOT, "emulator"))
    .filter((f) => f.endsWith(".ts"))
    .map((f) => readFileSync(join(ROOT, "emulator", f), "utf8"))
    .join("\n");
  const played = [...sources.matchAll(/plays\([^,]+, "(\w+)", "(\w+)"\)/g)].map((m) => `${m[1]}=${m[2]}`);
  const known = [...playable()].flatMap(([id, answers]) => answers.map((a) => `${id}=${a}`));
  expect(played.filter((p) => !known.includes(p))).toEqual([]);
  const otherwise = [...playable()].flatMap(([id, answers]) => answers.slice(1).map((a) => `${id}=${a}`));
  expect(otherwise.filter((o) => !played.includes(o))).toEqual([]);
});

test("the register's operations are the emulator's request log kinds", () => {
  const kinds: readonly string[] = OPERATION_KINDS;
  expect(kinds.length).toBeGreaterThan(40);
  expect(register.flatMap((a) => a.operations.filter((o) => !kinds.includes(o)).map((o) => `${a.id}: ${o}`))).toEqual(
    [],
  );
});

test("the register refuses an assumed behaviour on a deploy or guard path without two answers, and an evidenced one without a quote", () => {
  const entry = {
    id: "somethingNew",
    title: "t",
    reliedOn: "r",
    usedBy: ["guard"],
    status: "assumed",
    evidence: [],
    searched: "s",
    emulator: "e",
    ifDiffers: "i",
    operations: ["flow.get"],
  };
  Object.assign(entry, { heldBy: ["test/unit/x.test.ts: x"] });
  expect(RegisterSchema.safeParse([entry]).error?.issues.map((i) => i.message)).toEqual([
    expect.stringContaining("lists every plausible answer"),
  ]);
  expect(RegisterSchema.safeParse([{ ...entry, status: "evidenced" }]).error?.issues.map((i) => i.message)).toEqual([
    expect.stringContaining("evidenced or contradicted means quoted evidence"),
  ]);
  expect(RegisterSchema.safeParse([{ ...entry, usedBy: ["verify"] }]).success).toBe(true);
  const unheld = RegisterSchema.safeParse([{ ...entry, usedBy: ["verify"], heldBy: [] }]);
  expect(unheld.error?.issues.map((i) => i.message)).toEqual(["name the test that holds it"]);
});

test("--behave and the behave option take the register's answers only", () => {
  expect(parseEmulatorArgs(["--behave", "claimPublish=refused", "--behave", "nameCase=sensitive"])).toMatchObject({
    options: { behave: { claimPublish: "refused", nameCase: "sensitive" } },
  });
  expect(() => parseEmulatorArgs(["--behave", "claimPublish"])).toThrow(
    '--behave takes <behaviour>=<answer>, got "claimPublish"',
  );
  expect(() => parseBehave({ claimPublish: "sometimes" })).toThrow(
    "behave: claimPublish answers configures or refused, not sometimes",
  );
});

test("every operation the guards, the provider's publish and the probe send to the org is named by a register entry", async () => {
  const emu = await startEmulator({ behave: { claimDelete: "needsUnlock" } });
  try {
    const { run } = guardRun(emu, {
      flows: {
        "calls/sales": { kind: "inboundCall", name: "Sales", start: "Bye", nodes: { Bye: { type: "disconnect" } } },
      },
      settings: { namePrefix: "link-" },
    });
    expect((await ownershipGuard.decide(run)).refusal).toBeUndefined();
    const hooks = flowClaimGuard.hooks!(run, { warn: jest.fn(), info: jest.fn() });
    const create = {
      action: "create" as const,
      resource: "flow" as const,
      name: "calls/sales",
      urn: "urn:x",
      dryRun: false,
    };
    await hooks.before!(create);
    const flowId = (await publish(emu, inboundCallYaml("link-Sales"))).flow!.id;
    await hooks.afterCreate!({ ...create, objectId: flowId });
    await new OrgProbe(new OrgApi(emu.url, emu.accessToken), { write: true }).run();
    const sent = new Set(emu.requestLog.list().map((e) => e.operation));
    const named = new Set(register.flatMap((a) => a.operations));
    expect([...sent].filter((op) => !named.has(op)).sort()).toEqual([]);
    // It saw the guards' and the publish's routes.
    for (const op of ["flow.create", "flow.unlock", "flow.delete", "job.upload", "org.get", "token.get"])
      expect(sent.has(op as never)).toBe(true);
  } finally {
    await emu.stop();
  }
});

/** One request the tool's code sends to the org: where, its method, the route it writes (`{}`: a computed part). */
interface OrgCall {
  at: string;
  method: string;
  route?: string;
  /** The call's route argument as written (a table's entry, when it is not a route). */
  written: string;
  /** The enclosing functions, innermost first: a download or upload (a URL a job handed out) is its job's. */
  fns: ts.Node[];
}

/** The org client's methods (org/client.ts) and the HTTP method of each; `request` names its own. */
const CLIENT_METHODS: Readonly<Record<string, string>> = {
  get: "GET",
  all: "GET",
  post: "POST",
  delete: "DELETE",
  request: "",
  upload: "upload",
  download: "download",
};

/** A route a call writes: literal text, module constants, `{}` for any other part; undefined when none is written. */
function routeWriter(source: ts.SourceFile): (e: ts.Expression) => string | undefined {
  const consts = new Map<string, string>();
  for (const st of source.statements.filter(ts.isVariableStatement)) {
    for (const d of st.declarationList.declarations) {
      const value = d.initializer && ts.isStringLiteralLike(d.initializer) ? d.initializer.text : undefined;
      if (ts.isIdentifier(d.name) && value !== undefined) consts.set(d.name.text, value);
    }
  }
  const part = (e: ts.Expression) => (ts.isIdentifier(e) ? consts.get(e.text) : undefined) ?? "{}";
  return (e) => {
    if (ts.isStringLiteralLike(e)) return e.text;
    if (ts.isIdentifier(e)) return consts.get(e.text);
    if (!ts.isTemplateExpression(e)) return undefined;
    return e.head.text + e.templateSpans.map((sp) => `${part(sp.expression)}${sp.literal.text}`).join("");
  };
}

/** The org client's calls in a file (on `api`, `this.api`, `<x>.api`), and URLs of its own (`${base}/oauth/token`). */
function orgCalls(file: string): OrgCall[] {
  const source = ts.createSourceFile(file, read(file), ts.ScriptTarget.ES2022, true);
  const written = routeWriter(source);
  const out: OrgCall[] = [];
  const at = (n: ts.Node) => `${file}:${source.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
  const visit = (n: ts.Node): void => {
    const callee = ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) ? n.expression : undefined;
    if (callee && Object.hasOwn(CLIENT_METHODS, callee.name.text) && /(^|\.)api$/.test(callee.expression.getText())) {
      const call = n as ts.CallExpression;
      const first = call.arguments[0];
      const method = CLIENT_METHODS[callee.name.text] || (first && ts.isStringLiteralLike(first) ? first.text : "?");
      const arg = call.arguments[callee.name.text === "request" ? 1 : 0];
      const fns: ts.Node[] = [];
      for (let up: ts.Node | undefined = n.parent; up; up = up.parent) if (ts.isFunctionLike(up)) fns.push(up);
      const route = arg && written(arg);
      const api = route?.startsWith("/api/v2/") ? { route: route.split("?")[0] } : {};
      out.push({ at: at(n), method, ...api, written: arg?.getText() ?? "", fns });
    }
    // A URL of its own: `${target.loginBase}/oauth/token`, `${target.apiBase}/api/v2/organizations/me`.
    const own = ts.isTemplateExpression(n) && n.head.text === "" ? n.templateSpans[0].literal.text : "";
    if (/^\/(oauth\/token|api\/v2\/)/.test(own)) {
      const method = own.startsWith("/oauth/") ? "POST" : "GET";
      out.push({ at: at(n), method, route: own, written: n.getText(), fns: [] });
    }
    ts.forEachChild(n, visit);
  };
  visit(source);
  return out;
}

/** Routes read from a table ("<file>: <the call's route argument>"): the table's routes. */
const ROUTING_ENDPOINTS = ROUTING_KIND_UNITS.map((u) => u.org.endpoint);
const ROUTING_READS = ["unit.org.endpoint", "unitOf(kind).org.endpoint", 'unitOf("didPool").org.endpoint'];
/** The kinds read again one by one (a data action's contract): their object's route, and the routes naming what they name. */
const DETAILED = ROUTING_KIND_UNITS.flatMap((u) => (u.org.detail ? [u.org] : []));
const TABLE_ROUTES: Readonly<Record<string, readonly string[]>> = {
  "org/objects.ts: ep.path": Object.values(KIND_ENDPOINTS).map((e) => e.path),
  "org/objects.ts: path": [`${KIND_ENDPOINTS.dataAction.path}/{}`],
  ...Object.fromEntries(ROUTING_READS.map((w) => [`org/routing.ts: ${w}`, ROUTING_ENDPOINTS])),
  "org/routing.ts: path": DETAILED.map((o) => `${o.endpoint}/{}`),
  "org/routing.ts: route": DETAILED.flatMap((o) => Object.values(o.detail?.names ?? {})),
};
const tableOf = (c: OrgCall) => TABLE_ROUTES[`${c.at.split(":")[0]}: ${c.written}`];

/** The emulator's operation of a route (its request log's kind), "unknown" for one it does not serve. */
function operationOf(method: string, route: string): string {
  if (route === "/oauth/token") return "oauth.token";
  return resolveApiRoute(method, route.slice("/api/v2/".length).split("/"))?.operation ?? "unknown";
}

/** Each request the tool's production code sends (the emulator, testkit and the benchmark are not the tool). */
function toolRequests(): Array<{ at: string; request: string; operation: string }> {
  const files = productionSources().filter((f) => f.endsWith(".ts") && !/^(emulator|testkit|bench)\//.test(f));
  const calls = files.flatMap(orgCalls);
  const jobUrl = (c: OrgCall) => c.method === "upload" || c.method === "download";
  const unread = calls.filter((c) => c.route === undefined && !jobUrl(c) && !tableOf(c));
  // A call whose route this cannot read fails: write the route in the call, or add its table above.
  expect(unread.map((c) => `${c.at}: ${c.method} ${c.written}`)).toEqual([]);
  return calls.flatMap((c) => {
    if (jobUrl(c)) {
      // A URL a job handed out: its job's family (job.create -> job.upload, export.create -> export.download).
      const job = calls.find((o) => o.method === "POST" && o.route && o.fns.length > 0 && c.fns.includes(o.fns[0]));
      const family = job ? operationOf("POST", job.route!).split(".")[0] : "unknown";
      return [{ at: c.at, request: `${c.method} ${c.written}`, operation: `${family}.${c.method}` }];
    }
    const routes = c.route !== undefined ? [c.route] : tableOf(c);
    return routes.map((route) => ({
      at: c.at,
      request: `${c.method} ${route}`,
      operation: operationOf(c.method, route),
    }));
  });
}

test("every route the tool sends to the org (each call of its org client, read from the source) has an entry", () => {
  const sent = toolRequests();
  const named = new Set(register.flatMap((a) => a.operations));
  expect(sent.filter((s) => !named.has(s.operation)).map((s) => `${s.at}: ${s.request} (${s.operation})`)).toEqual([]);
  // It sees the guards', verify's, the probe's, the publish's, the traffic's and the sign-in's routes.
  const ops = new Set(sent.map((s) => s.operation));
  const seen = ["flow.create", "flow.delete", "flow.unlock", "flow.versions.list", "job.upload", "job.poll"];
  seen.push("export.download", "executions.download", "routing.list", "org.objects.list", "org.get", "token.get");
  seen.push("oauth.token", "validate.poll");
  expect(seen.filter((op) => !ops.has(op))).toEqual([]);
  expect(sent.filter((s) => /^run\/(guards|ownership|people|waves)\//.test(s.at)).length).toBeGreaterThan(0);
});
