// A small project with routing, shared by the routing tests of several tiers (lint, the policy
// pack, the diagram, the diff): two inbound call flows (Sales names the schedule group through a
// {{hours}} placeholder) and a chat flow, a schedule, a schedule group, two IVR configs and a stack
// file "test" with per-stack values. Tests edit their copy; the shipped routing/ is never read.
import { editFile, tempProject } from "./tempProject";

const call = (name: string, hours = false) => `kind: inboundCall
name: ${name}
start: ${hours ? "Hours" : "Bye"}
nodes:
${hours ? `  Hours:\n    type: scheduleGroup\n    scheduleGroup: "{{hours}}"\n    transitions: {open: Bye, closed: Bye, holiday: Bye}\n` : ""}  Bye:
    type: disconnect
`;

export const ROUTING_PROJECT_FILES: Record<string, string> = {
  "flows/calls/sales.yaml": call("Sales", true),
  "flows/calls/support.yaml": call("Support"),
  "flows/digital/chat.yaml":
    "kind: inboundShortMessage\nname: Chat\nstart: Bye\nnodes:\n  Bye:\n    type: disconnect\n",
  "routing/schedules/weekdays.yaml":
    "kind: schedule\nname: Weekdays\nstart: 2026-01-05T08:00:00\nend: 2026-01-05T18:00:00\nrrule: FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR\n",
  "routing/hours/business.yaml":
    "kind: scheduleGroup\nname: Business hours\ntimeZone: America/New_York\nopen: [schedules/weekdays]\n",
  "routing/ivr/sales-line.yaml":
    'kind: ivr\nname: Sales line\nnumbers: ["+13175550100"]\nflows:\n  open: calls/sales\nscheduleGroup: hours/business\n',
  "routing/ivr/support-line.yaml":
    'kind: ivr\nname: Support line\nnumbers: ["+13175550200"]\nflows:\n  open: calls/support\n  closed: calls/support\nscheduleGroup: hours/business\n',
  "Pulumi.test.yaml":
    'config:\n  genesys-flows:environment: test\n  genesys-flows:namePrefix: "test-"\n  genesys-flows:substitutions:\n    hours: test-Business hours\n  genesys-flows:routing:\n    objects:\n      ivr/sales-line: {numbers: ["+13175550101"]}\n',
  "policies/config/test.json": "{}\n",
};

/** A fresh copy of the project with `edits` (file, from, to) applied. */
export const routingProject = (edits: Array<[file: string, from: string | RegExp, to: string]> = []) => {
  const root = tempProject(ROUTING_PROJECT_FILES, { prefix: "lint-routing-" });
  for (const [file, from, to] of edits) editFile(root, file, from, to);
  return root;
};
