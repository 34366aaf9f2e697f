// Guard: the version of genesys-flows the team's repository records (genesys-flows.json) against the
// installed one: refused while a migration of the files' format or a rule mandatory for the stack lies
// between them, a note naming `upgrade` otherwise (planner/versionAgreement.ts). First: it reads no
// state and no org, and a run on a version its files were not upgraded to should read nothing. A
// repository without the record (this tool's own, one made before init) is not judged. Runs on
// preview too, and so in every entry point (npm run up, preview, npm start, plain pulumi).
import { CURRENT_FORMAT, migrationsSince } from "../../planner/migrations";
import { versionAgreement } from "../../planner/versionAgreement";
import { effectiveEnforcement, readPolicyConfig } from "../../policies/config";
import { FLOW_AND_PACK_RULES } from "../../policies/packRules";
import { readTeamRecord } from "../../project/teamRepository";
import { toolVersion } from "../../project/template";
import { nothing, type Guard } from "./guard";

export const versionsGuard: Guard<"versions", undefined> = {
  name: "versions",
  description: "the version of genesys-flows the repository records against the installed one",
  onPreview: true,
  async decide(run) {
    try {
      const record = readTeamRecord(run.root);
      const version = toolVersion();
      if (record === undefined || record.version === version) return nothing;
      const config = readPolicyConfig(run.stack, ...(run.policyDir !== undefined ? [run.policyDir] : []));
      const mandatory = FLOW_AND_PACK_RULES.filter((r) => effectiveEnforcement(r, config) === "mandatory").map(
        (r) => r.id,
      );
      const v = versionAgreement(record, { version, format: CURRENT_FORMAT, mandatory, migrationsSince });
      const notes = v.note !== undefined ? [{ level: "warn" as const, text: v.note }] : [];
      return { ...(v.refusal !== undefined ? { refusal: v.refusal } : {}), notes, product: undefined };
    } catch (e) {
      const what = "cannot tell whether the installed genesys-flows is the version the repository records";
      return { refusal: `${what}: ${(e as Error).message}`, product: undefined };
    }
  },
};
