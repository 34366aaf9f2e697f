// The org objects the conformance tier's emulator serves: one or two of every org-object kind, so
// every collection route answers a list and an entity (test/conformance).
export const CONFORMANCE_ORG = {
  queues: ["Sales", "Support"],
  skills: ["Spanish"],
  languages: ["English"],
  wrapupCodes: ["Resolved"],
  prompts: ["Welcome Prompt"],
  contactLists: ["Callbacks"],
  dataTables: ["Holidays"],
  users: ["Ada Lovelace", "Grace Hopper"],
  groups: ["Supervisors"],
  dataActions: [{ category: "Web Services", name: "Customer Lookup", inputs: { phone: "string" }, outputs: { tier: "string" } }],
};
