// Guard: the stack's mandatory policy rules, before anything publishes. The policy pack's rules
// are stack policies, which Pulumi runs once every resource is registered: in a `pulumi up` that
// previews first the preview stops a run they refuse, but an `up` without a preview (the
// Automation API's, `--skip-preview`, Pulumi Deployments) would publish first and fail after.
// So an `up` runs the same flow rules here first (checks/: one implementation; the stack's policy
// config, policies/config/<stack>.json, says which are mandatory for it, as it does for the pack)
// over the flows as the stack deploys them, and refuses with what the pack would say. A rollback
// to a release from before a rule was made mandatory is refused here, not after its publishes. The
// team's own mandatory rules (its rules file, policies/teamRules.ts) likewise.
// Not in a preview: the pack judges it before anything could change.
import type { CheckInput } from "../../checks";
import { formatFinding, type Finding } from "../../checks/finding";
import { checkInputOf } from "../../planner/pipeline";
import { stackRuleFindings } from "../../policies/adapter";
import { TEAM_RULES_FILE, teamRuleFindings } from "../../policies/teamRules";
import { loadTeamRules } from "../../policies/teamRulesFile";
import { nothing, type Guard } from "./guard";

export const policyGateGuard: Guard<"policy", undefined> = {
  name: "policy",
  description: "the stack's mandatory policy rules, checked before anything publishes",
  onPreview: false,
  async decide(run) {
    let input: CheckInput | undefined;
    const flows = () => {
      if (input === undefined) {
        const portfolio = run.portfolio();
        input = checkInputOf(
          portfolio.flows.map((f) => ({ id: f.id, file: f.file, model: f.model })),
          { name: run.stack, settings: portfolio.settings },
        );
      }
      return input;
    };
    // A stack without a policy config of its own (undefined): the pack decides with what the engine hands it.
    const findings = stackRuleFindings(run.stack, flows, {
      ...(run.policyDir !== undefined ? { dir: run.policyDir } : {}),
      levels: ["mandatory"],
    });
    // The team's own mandatory rules (policies/teamRules.ts), which the pack runs as stack policies too.
    const teamRules = loadTeamRules(run.root).rules.filter((r) => (r.enforcementLevel ?? "mandatory") === "mandatory");
    const team = teamRules.length > 0 ? teamRuleFindings(teamRules, flows()) : [];
    const lines = (list: readonly Finding[]) => list.map((f) => `  ${formatFinding(f, run.stack)}`).join("\n");
    const refusals = [
      ...(findings !== undefined && findings.length > 0
        ? [
            `the policy config of stack "${run.stack}" (${run.stack}.json under policies/config) makes ${findings.length === 1 ? "a rule" : `${findings.length} rules`} mandatory that this run breaks; nothing was published:\n${lines(findings)}`,
          ]
        : []),
      ...(team.length > 0
        ? [
            `the team's own mandatory rules (${TEAM_RULES_FILE}) refuse this run; nothing was published:\n${lines(team)}`,
          ]
        : []),
    ];
    if (refusals.length === 0) return nothing;
    return { refusal: refusals.join("\n"), product: undefined };
  },
};
