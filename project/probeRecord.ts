// What `genesys-flows org probe` found on one org (org/probe.ts), recorded per org id in the project
// (`orgs/<org id>.probe.yaml`) for the team to commit: which answer the org gave to each behaviour of
// the assumptions register it probed. The run reads it: the claim on a new flow name is the new flow
// itself only where the org's publish jobs configure a flow created by name (claimPublish).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { stringify } from "yaml";
import { z } from "zod";
import { parseYaml } from "../model/parse";

/** What the org answered in a line, the register's name for it (where the entry lists answers), whether the emulator models it so. */
const result = z
  .object({ observed: z.string().min(1), answer: z.string().optional(), asModelled: z.boolean() })
  .strict();

export const ProbeRecordSchema = z
  .object({
    org: z.object({ id: z.string().min(1), name: z.string() }).strict(),
    probedAt: z.string(),
    /** Whether the write probes ran (`--write`). */
    write: z.boolean(),
    /** By register id. */
    results: z.record(z.string(), result),
    /** Probes that could not run: register id -> why (the permission the client lacked, ...). */
    notRun: z.record(z.string(), z.string()).default({}),
  })
  .strict();
export type ProbeRecord = z.infer<typeof ProbeRecordSchema>;
export type ProbeResult = z.infer<typeof result>;

/** The record's path in the project. */
export function probeFile(root: string, orgId: string): string {
  return join(root, "orgs", `${orgId.replace(/[^A-Za-z0-9_-]/g, "_")}.probe.yaml`);
}

/** The org's record, if the project has one (throws naming the file when it is not valid or is another org's). */
export function readProbeRecord(root: string, orgId: string): ProbeRecord | undefined {
  const file = probeFile(root, orgId);
  if (!existsSync(file)) return undefined;
  const parsed = ProbeRecordSchema.safeParse(parseYaml(readFileSync(file, "utf8"), file));
  if (!parsed.success)
    throw new Error(
      `${file}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")} (run genesys-flows org probe again to rewrite it)`,
    );
  const { org } = parsed.data;
  // Another org's answers are no evidence of this one's: a copied or renamed record is refused, not used.
  if (org.id !== orgId) {
    const what = `${file} records what org ${org.id} "${org.name}" answered`;
    const fix = "delete it, or run genesys-flows org probe on this org to rewrite it";
    throw new Error(`${what}, but the run reaches org ${orgId}: refused, not used (${fix})`);
  }
  return parsed.data;
}

export function writeProbeRecord(root: string, record: ProbeRecord): string {
  const file = probeFile(root, record.org.id);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(
    file,
    `# genesys-flows org probe: what this org answered (docs/assumptions.md). Commit it: runs read it.\n${stringify(record, { lineWidth: 0 })}`,
  );
  return file;
}
