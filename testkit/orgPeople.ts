// What the e2e tests have the org's people do through the emulator's people API (Architect's own
// routes, as Genesys's spec documents them), after a deploy: an ops client publishing a hotfix out
// of band, a person checking a flow out, saving a draft and checking it in. Shared by the tests of
// the review's org state and of people in the org.
import * as YAML from "yaml";
import { exportState, publishedFlows, type E2eProject } from "./harness";
import { call, publish } from "./emulator";

/** Waits until the clock is past Pulumi's record of the stack's last flow change, beyond the clock allowance. */
export async function afterLastDeploy(p: E2eProject): Promise<void> {
  const state = await exportState(p);
  const last = Math.max(
    ...state.resources
      .filter((r) => r.type === "genesyscloud:index/flow:Flow")
      .map((r) => Date.parse(String((r as { modified?: string }).modified))),
  );
  const wait = last + 3000 - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
}

/** POST an Architect route as `token`; throws unless it answers 200. */
export async function post(p: E2eProject, route: string, token: string, body?: unknown): Promise<unknown> {
  const r = await call(`${p.emulator.url}/api/v2/${route}`, {
    method: "POST",
    token,
    ...(body !== undefined ? { body: JSON.stringify(body), headers: { "content-type": "application/json" } } : {}),
  });
  if (r.status !== 200) throw new Error(`POST ${route} answered ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
}

/** The flow `name` published again by `token` with a description added (an ops hotfix); returns the hotfix text. */
export async function publishHotfix(p: E2eProject, name: string, token: string): Promise<string> {
  const text = publishedFlows(p.emulator).get(name)!.text;
  const hotfix = text.replace(/^inboundCall:\n/m, "inboundCall:\n  description: Storm hotfix by ops\n");
  if (hotfix === text) throw new Error(`${name} is not an inbound call flow`);
  const job = await publish(p.emulator, hotfix, token);
  if (job.status !== "Success") throw new Error(`the hotfix of ${name} did not publish: ${JSON.stringify(job)}`);
  return hotfix;
}

/** A person (`token`) checks out the email flow `name`, saves a version with `description` and checks it in. */
export async function checkInDraft(p: E2eProject, name: string, token: string, description: string): Promise<void> {
  const id = publishedFlows(p.emulator).get(name)!.id;
  await post(p, `flows/actions/checkout?flow=${id}`, token);
  const flow = YAML.parse(publishedFlows(p.emulator).get(name)!.text) as { inboundEmail: Record<string, unknown> };
  flow.inboundEmail.description = description;
  await post(p, `flows/${id}/versions`, token, flow);
  await post(p, `flows/actions/checkin?flow=${id}`, token);
}
