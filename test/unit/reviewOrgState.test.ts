// The review's read of the org's state (diff/reviewOrgState.ts): the read when the stack's Pulumi
// state and its org can be read; otherwise "not checked", naming each missing thing and what to set
// (in GitHub Actions also the workflow's variables and secrets), both at once when both are missing.
import { notCheckedReason, reviewOrgState, type ReviewReadInput } from "../../diff/reviewOrgState";
import { StateError } from "../../org/stackExport";
import { ConnectError } from "../../org/signIn";
import type { OrgStateOfRun } from "../../org/personChanges";

const NO_TOKEN =
  "pulumi stack export --stack prod failed: error: PULUMI_ACCESS_TOKEN must be set for login during non-interactive CLI sessions";
const NO_CLIENT = new ConnectError(
  'no Genesys Cloud credentials for stack "prod": Pulumi.prod.yaml has none of genesys-flows:oauthClientId/oauthClientSecret/accessToken, and GENESYSCLOUD_OAUTHCLIENT_ID/GENESYSCLOUD_OAUTHCLIENT_SECRET/GENESYSCLOUD_ACCESS_TOKEN are not set',
  "export GENESYSCLOUD_OAUTHCLIENT_ID and GENESYSCLOUD_OAUTHCLIENT_SECRET",
);
const READ: OrgStateOfRun = { checked: true, org: "region us-east-1", changes: [] };

function input(over: Partial<ReviewReadInput>): ReviewReadInput {
  return {
    stack: "prod",
    deployment: async () => ({ stack: "prod", flows: [] }),
    probeOrg: async () => undefined,
    read: async () => READ,
    ci: false,
    ...over,
  };
}

describe("the review's read of the org's state", () => {
  it("state and org readable: the read itself", async () => {
    const seen: unknown[] = [];
    const r = await reviewOrgState(input({ read: async (d) => (seen.push(d), READ) }));
    expect(r).toBe(READ);
    expect(seen).toEqual([{ stack: "prod", flows: [] }]);
  });

  it("no Pulumi token, locally: not checked, naming the export's failure and PULUMI_ACCESS_TOKEN", async () => {
    const noisy = NO_TOKEN.replace("failed: ", "failed: [setup] installing plugin terraform-provider into /tmp/x ");
    const r = await reviewOrgState(input({ deployment: async () => Promise.reject(new StateError(noisy)) }));
    expect(r).toEqual({
      checked: false,
      reason: `the stack's Pulumi state was not read (${NO_TOKEN}): set PULUMI_ACCESS_TOKEN to a token that can read stack prod (or PULUMI_BACKEND_URL for a self-managed backend)`,
    });
  });

  it("neither token nor client, in GitHub Actions (a fork): both named, with the workflow's variables and secrets", async () => {
    const r = await reviewOrgState(
      input({
        ci: true,
        deployment: async () => Promise.reject(new StateError(NO_TOKEN)),
        probeOrg: async () => Promise.reject(NO_CLIENT),
      }),
    );
    expect(r.checked).toBe(false);
    const reason = r.checked ? "" : r.reason;
    expect(reason).toContain(
      "set the repository variables PULUMI_ORGANIZATION and PULUMI_PREVIEW_TEAM (a team whose only permission on prod is read)",
    );
    expect(reason).toContain(
      `; and the org was not read (${NO_CLIENT.message}): export GENESYSCLOUD_OAUTHCLIENT_ID and GENESYSCLOUD_OAUTHCLIENT_SECRET`,
    );
    expect(reason).toContain(
      "from the repository secrets GENESYSCLOUD_OAUTHCLIENT_ID_PROD_READONLY and GENESYSCLOUD_OAUTHCLIENT_SECRET_PROD_READONLY; fork pull requests get none",
    );
  });

  it("state read, org not: the read's own reason, in GitHub Actions with the secrets the workflow passes for the stack", async () => {
    const r = await reviewOrgState(
      input({
        stack: "dev",
        ci: true,
        read: async () => ({ checked: false, reason: "the OAuth login answered HTTP 401" }),
      }),
    );
    expect(r).toEqual({
      checked: false,
      reason:
        "the OAuth login answered HTTP 401; the pull-request workflow passes the stack's read-only client from the repository secrets GENESYSCLOUD_OAUTHCLIENT_ID_DEV_READONLY and GENESYSCLOUD_OAUTHCLIENT_SECRET_DEV_READONLY; fork pull requests get none",
    });
  });

  it("any other failure is not swallowed", async () => {
    await expect(reviewOrgState(input({ deployment: async () => Promise.reject(new Error("bug")) }))).rejects.toThrow(
      "bug",
    );
  });

  it("the reason names only what is missing", () => {
    expect(notCheckedReason("dev", { org: { message: "no credentials", fix: "" } }, false)).toBe(
      "the org was not read (no credentials)",
    );
  });
});
