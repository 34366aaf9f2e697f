// Adds a third common module and a 50-node inbound call flow calling it to a project's flows/ (a
// number routed to it), then a call flow no number reaches yet and a flow lint warns about (a
// function the Archy catalogue does not know): what a team does when its portfolio grows (the diagrams' tests and
// the docs' images draw it).

/** The queues the growth flows transfer to. */
export const GROWTH_QUEUES = ["Growth", "Growth agents"] as const;

export function growthFlows(nodes = 50): Record<string, unknown> {
  const id = (i: number) => `Step${String(i).padStart(2, "0")}`;
  const graph: Record<string, unknown> = {};
  for (let i = 0; i < nodes - 3; i++) {
    const next = id(i + 1);
    switch (i % 5) {
      case 0:
        graph[id(i)] = {
          type: "subflow",
          module: "GrowthEscalate",
          inputs: { reason: `"step ${i}"` },
          outputs: { ticket: "ticket" },
          transitions: { completed: next, error: "Sorry" },
        };
        break;
      case 1:
        graph[id(i)] = { type: "playMessage", prompt: `This is step ${i}.`, transitions: { next } };
        break;
      case 2:
        graph[id(i)] = {
          type: "collectDigits",
          prompt: "Press a key.",
          variable: "choice",
          maxDigits: 1,
          transitions: { success: next, failure: "Sorry" },
        };
        break;
      case 3:
        graph[id(i)] = {
          type: "decision",
          expression: `Flow.choice == "${i % 10}"`,
          transitions: { yes: "Agent", no: next },
        };
        break;
      default:
        graph[id(i)] = { type: "setVariable", variable: "choice", value: `"${i % 10}"`, transitions: { next } };
    }
  }
  graph[id(nodes - 3)] = { type: "transferToQueue", queue: GROWTH_QUEUES[0], transitions: { failure: "Sorry" } };
  graph.Agent = { type: "transferToQueue", queue: GROWTH_QUEUES[1], transitions: { failure: "Sorry" } };
  graph.Sorry = { type: "disconnect" };
  return {
    "growth/escalate.yaml": {
      kind: "commonModule",
      name: "GrowthEscalate",
      compatibleFlowTypes: ["inboundCall"],
      inputs: { reason: { type: "string" } },
      outputs: { ticket: { type: "string" } },
      start: "Open",
      nodes: {
        Open: {
          type: "setVariable",
          variable: "ticket",
          value: 'Append("T-", Common.reason)',
          transitions: { next: "Done" },
        },
        Done: { type: "return", outcome: "completed" },
      },
    },
    // A new call flow no IVR config routes yet, and one lint warns about (archy-unknown: advisory).
    "growth/unrouted.yaml": {
      kind: "inboundCall",
      name: "GrowthUnrouted",
      start: "Hello",
      nodes: {
        Hello: { type: "playMessage", prompt: "Not routed yet.", transitions: { next: "Bye" } },
        Bye: { type: "disconnect" },
      },
    },
    "growth/warned.yaml": {
      kind: "inboundCall",
      name: "GrowthWarned",
      variables: { shout: { type: "string" } },
      start: "Shout",
      nodes: {
        Shout: { type: "setVariable", variable: "shout", value: "ShoutCase(Call.Ani)", transitions: { next: "Bye" } },
        Bye: { type: "disconnect" },
      },
    },
    "growth/fifty-nodes.yaml": {
      kind: "inboundCall",
      name: "GrowthFiftyNodes",
      variables: { choice: { type: "string" }, ticket: { type: "string" } },
      start: id(0),
      nodes: graph,
    },
  };
}
