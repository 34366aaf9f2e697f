// The assumptions register: every behaviour of Genesys Cloud the tool relies on, one entry each, as
// data (project/assumptions.yaml, validated here): what is relied on, the evidence (source and quote)
// or none, its status, the emulator's model, what the tool does when a real org answers otherwise,
// the emulator operations it is about, and, for an assumed behaviour on a deploy or guard path,
// each plausible answer with the tests that run under it (the emulator plays it: emulator/behave.ts).
// docs/assumptions.md is generated from it (tools/docTables.ts); `genesys-flows org probe` settles
// entries on a team's org (org/probe.ts). Read once, from the tool's own folder.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { parseYaml } from "../model/parse";
import { toolRoot } from "./root";

const text = z.string().trim().min(1);

/** A test, "<file>: <its name>". */
const testName = z.string().regex(/^test\/\S+\.test\.ts: \S.*$/, "file: test name");
const answer = z.object({ means: text, tests: z.array(testName).min(1) }).strict();

const entry = z
  .object({
    id: z.string().regex(/^[a-z][A-Za-z]+$/, "camelCase (it is the emulator's --behave key)"),
    title: text,
    reliedOn: text,
    usedBy: z.array(z.enum(["deploy", "guard", "verify", "import", "traffic", "probe"])).min(1),
    status: z.enum(["evidenced", "assumed", "contradicted"]),
    evidence: z.array(z.object({ source: text, quote: text }).strict()),
    /** Where we looked, when there is no evidence. */
    searched: text.optional(),
    emulator: text,
    ifDiffers: text,
    /** The emulator's operations (emulator/requestLog.ts) this behaviour is about. */
    operations: z.array(z.string().regex(/^[a-z.]+$/)).min(1),
    /** Each plausible answer, the emulator's model first. */
    answers: z.record(z.string().regex(/^[a-z][A-Za-z]+$/), answer).optional(),
    /** What `genesys-flows org probe` observes of it (`--write`: only with writes). */
    probe: z.object({ write: z.boolean(), settles: text }).strict().optional(),
    /** The tests that hold the emulator's model (and the tool's reading) of it: what fails if either drifts. */
    heldBy: z.array(testName).min(1, "name the test that holds it"),
  })
  .strict()
  .superRefine((e, ctx) => {
    // Evidenced: the sources agree with the emulator; contradicted: they disagree with it; assumed: none found.
    if ((e.status !== "assumed") !== e.evidence.length > 0)
      ctx.addIssue({
        code: "custom",
        path: ["evidence"],
        message: "evidenced or contradicted means quoted evidence; none found means assumed",
      });
    if (e.evidence.length === 0 && e.searched === undefined)
      ctx.addIssue({ code: "custom", path: ["searched"], message: "say where you looked when no evidence was found" });
    const onPath = e.usedBy.includes("deploy") || e.usedBy.includes("guard");
    if (e.status === "assumed" && onPath && Object.keys(e.answers ?? {}).length < 2)
      ctx.addIssue({
        code: "custom",
        path: ["answers"],
        message:
          "an assumed behaviour on a deploy or guard path lists every plausible answer (at least two), each with its tests",
      });
  });
export type Assumption = z.infer<typeof entry>;

export const RegisterSchema = z.array(entry).superRefine((list, ctx) => {
  const seen = new Set<string>();
  for (const [i, e] of list.entries()) {
    if (seen.has(e.id)) ctx.addIssue({ code: "custom", path: [i, "id"], message: `${e.id} twice` });
    seen.add(e.id);
  }
});

export const REGISTER_FILE = "project/assumptions.yaml";

let cached: readonly Assumption[] | undefined;

/** The register (throws naming the entry and field when the file is not valid). */
export function assumptions(): readonly Assumption[] {
  if (cached) return cached;
  const parsed = RegisterSchema.safeParse(
    parseYaml(readFileSync(join(toolRoot(), REGISTER_FILE), "utf8"), REGISTER_FILE),
  );
  if (!parsed.success)
    throw new Error(
      `${REGISTER_FILE}: ${parsed.error.issues.map((i) => `entry ${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  return (cached = parsed.data);
}

/** The entries the emulator can play otherwise: id -> its answers, the emulator's model first. */
export function playable(): ReadonlyMap<string, readonly string[]> {
  return new Map(assumptions().flatMap((e) => (e.answers ? [[e.id, Object.keys(e.answers)] as const] : [])));
}
