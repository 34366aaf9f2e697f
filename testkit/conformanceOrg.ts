// The org objects the conformance tier's emulator serves: one or two of every org-object kind, so
// every collection route answers a list and an entity, and a list parameter has something to
// select from (test/conformance).
import type { OrgFileInput } from "../project/orgFile";

export const CONFORMANCE_ORG: OrgFileInput = {
  queues: ["Sales", "Support"],
  skills: ["French", "Spanish"],
  languages: ["English", "German"],
  wrapupCodes: ["Callback", "Resolved"],
  prompts: [{ name: "Welcome Prompt", description: "Greeting for callers" }, "Goodbye Prompt"],
  contactLists: ["Callbacks", "Renewals"],
  dataTables: ["Holidays", "Stores"],
  users: ["Ada Lovelace", "Grace Hopper"],
  groups: ["Agents", "Supervisors"],
  divisions: ["Europe"],
  // Routing objects the org has besides those a test creates: a schedule by name only, one with its times.
  schedules: [
    "Bank holidays",
    { name: "Night shift", start: "2026-01-05T22:00:00.000", end: "2026-01-06T06:00:00.000", rrule: "FREQ=DAILY" },
  ],
  scheduleGroups: ["Head office"],
  emergencyGroups: ["Evacuation"],
  dataActions: [
    { category: "Web Services", name: "Customer Lookup", inputs: { phone: "string" }, outputs: { tier: "string" } },
    {
      category: "Payments",
      name: "Card Check",
      secure: true,
      inputs: { card: "string" },
      outputs: { valid: "boolean" },
    },
  ],
};
