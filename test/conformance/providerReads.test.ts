// Every emulator answer of the realistic sequence (realisticSequence.ts) carries what the official
// provider reads from it with no nil check (providerReads.ts, each entry citing the provider's file
// and line); each citation is checked against the provider's source at the pinned version (the Go
// module the toolchain builds, found as tools/toolchain/setup.sh finds it).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { genesysSpec } from "../../testkit/genesysSpec";
import { missingReads, PROVIDER_MODULE, PROVIDER_READS } from "./providerReads";
import { recordConformanceSequence, type Exchange } from "./realisticSequence";

const ROOT = join(__dirname, "../..");

/** The provider module's folder in the Go module cache (downloaded by the toolchain's build). */
function providerSource(): string {
  const wrapper = join(ROOT, "tools/toolchain/genesys-provider");
  const version = readFileSync(join(wrapper, "go.mod"), "utf8").match(
    new RegExp(`${PROVIDER_MODULE.replace(/[./]/g, "\\$&")} (v\\S+)`),
  )?.[1];
  if (!version) throw new Error(`tools/toolchain/genesys-provider/go.mod does not pin ${PROVIDER_MODULE}`);
  const json = execFileSync("go", ["mod", "download", "-json", `${PROVIDER_MODULE}@${version}`], {
    cwd: wrapper,
    env: { ...process.env, GOFLAGS: "-mod=readonly" },
    encoding: "utf8",
  });
  return (JSON.parse(json) as { Dir: string }).Dir;
}

let log: Exchange[];
beforeAll(async () => {
  log = await recordConformanceSequence();
}, 60_000);

it("cites lines of the provider's source that dereference what they name", () => {
  const dir = providerSource();
  const wrong = PROVIDER_READS.flatMap((r) => {
    const [file, line] = r.at.split(":");
    const text = readFileSync(join(dir, file), "utf8").split("\n")[Number(line) - 1]?.trim();
    return text === r.code ? [] : [`${r.at}: ${JSON.stringify(text)}, not ${JSON.stringify(r.code)}`];
  });
  expect(wrong).toEqual([]);
});

it("every successful emulator answer of a listed route carries what the provider reads", () => {
  const spec = genesysSpec();
  const routed = log
    .filter((x) => x.status < 300)
    .map((x) => ({ x, route: `${x.method} ${spec.operation(x.method, x.path.split("?")[0])?.template}` }));
  const answers = (route: string): Exchange[] => routed.filter((a) => a.route === route).map((a) => a.x);
  // Each listed route is answered at least once, so no entry goes unchecked.
  expect([...new Set(PROVIDER_READS.map((r) => r.route))].filter((route) => answers(route).length === 0)).toEqual([]);
  const missing = PROVIDER_READS.flatMap((r) =>
    answers(r.route).flatMap((x) =>
      missingReads(x.body, r.field).map((at) => `${x.method} ${x.path}: ${at} (${r.by}, ${r.at})`),
    ),
  );
  expect(missing).toEqual([]);
});

it("finds a field an answer lacks (the tokens/me answer before issue 76, an IVR config without numbers)", () => {
  const tokensMe = PROVIDER_READS.find((r) => r.route === "GET /api/v2/tokens/me")!;
  expect(missingReads({ organization: { id: "o" }, OAuthClient: { id: "c", name: "Client" } }, tokensMe.field)).toEqual(
    ["OAuthClient.organization"],
  );
  expect(missingReads({ entities: [{ id: "a", name: "A" }, { name: "B" }] }, "entities?.[].id")).toEqual([
    "entities[1].id",
  ]);
  expect(missingReads({}, "entities?.[].id")).toEqual([]);
  expect(missingReads({ emergencyCallFlows: [{ ivrs: [{}] }] }, "emergencyCallFlows?.[].emergencyFlow?.id")).toEqual(
    [],
  );
  expect(
    missingReads({ emergencyCallFlows: [{ emergencyFlow: {} }] }, "emergencyCallFlows?.[].emergencyFlow?.id"),
  ).toEqual(["emergencyCallFlows[0].emergencyFlow.id"]);
  expect(missingReads({ name: "Line" }, "dnis")).toEqual(["dnis"]);
});
