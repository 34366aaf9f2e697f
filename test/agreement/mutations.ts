// Seeded random changes of the tier's stack file, flow files and routing files: random case number
// i of seed S is drawn from its own generator (emulator/faults.ts seededRandom, mulberry32, of S
// and i), so `--seed S --only "random #i "` reruns exactly it. Every mutation keeps the project
// deployable (names, numbers and references stay valid); what it touches is the target and what
// may change with it on purpose (the callers of a module; what names a flow or object that gets a
// new id), what it reaches the rest of what depends on it, for batching (cases.ts).
import * as YAML from "yaml";
import { seededRandom as generator } from "../../emulator/faults";
import type { AgreementCase } from "./cases";
import { ADOPTED } from "./cases";

type Rand = () => number;
const pick = <T>(r: Rand, list: readonly T[]): T => list[Math.floor(r() * list.length)];
const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const word = (r: Rand) =>
  `${pick(r, ["Welcome", "Hello", "Thanks", "Please hold", "One moment", "Goodbye", "Sorry"])} ${int(r, 1, 9999)}`;

/** What depends on each flow and routing object of the tier's portfolio (portfolio.ts), for `touches`. */
const DEPENDENTS: Readonly<Record<string, readonly string[]>> = {
  "flow modules/lookup": [
    "flow modules/verify",
    "flow modules/greet",
    "flow calls/sales",
    "flow calls/support",
    "flow calls/vip",
    "flow calls/direct",
    "flow digital/mail",
    "flow digital/chat",
  ],
  "flow modules/verify": ["flow modules/greet", "flow calls/sales", "flow calls/support", "flow calls/vip"],
  "flow modules/greet": ["flow calls/vip"],
  "flow calls/sales": ["routing ivr/sales-line"],
  "flow calls/support": ["routing ivr/support-line"],
  "flow calls/closed": ["routing ivr/sales-line", "routing emergency/closure"],
  "routing schedules/weekdays": ["routing hours/business"],
  "routing schedules/weekend": ["routing hours/business"],
  "routing schedules/new-year": ["routing hours/business"],
  "routing hours/business": ["routing ivr/sales-line", "routing ivr/support-line"],
  "routing ivr/sales-line": ["routing emergency/closure"],
};

/** A target and everything depending on it, transitively. */
export function withDependents(target: string): string[] {
  const out = new Set<string>([target]);
  const queue = [target];
  while (queue.length > 0) for (const d of DEPENDENTS[queue.shift()!] ?? []) if (!out.has(d)) out.add(d), queue.push(d);
  return [...out].sort();
}

/**
 * What a change of `target` in place (its Genesys id kept) touches and reaches: a flow's content
 * touches the flow and the flows compiled with it (a module's callers republish), and reaches the
 * routing objects naming them (unchanged unless the plan gives a flow a new id); a routing object's
 * value touches the object and reaches what names it.
 */
export function inPlace(target: string): { touches: string[]; reaches: string[] } {
  const all = withDependents(target);
  const touches = target.startsWith("flow ") ? all.filter((t) => t.startsWith("flow ")) : [target];
  return { touches, reaches: all.filter((t) => !touches.includes(t)) };
}

/**
 * What renaming `target` touches and reaches: a flow, an IVR config or an emergency group renamed is
 * replaced (a new Genesys id), so what names it directly is re-pointed on purpose; a schedule or a
 * schedule group is renamed in place.
 */
export function renamed(target: string): { touches: string[]; reaches: string[] } {
  if (/^routing (schedules|hours)\//.test(target)) return inPlace(target);
  const touches = [target, ...(DEPENDENTS[target] ?? [])];
  return { touches, reaches: withDependents(target).filter((t) => !touches.includes(t)) };
}

const CALLERS = ["calls/sales", "calls/support", "calls/vip", "calls/direct"];
const MODULE_NODES: ReadonlyArray<[string, string[]]> = [
  ["modules/lookup", ["nodes", "Check", "label"]],
  ["modules/verify", ["nodes", "Ask", "prompt"]],
  ["modules/greet", ["nodes", "Ok", "label"]],
];
const PROMPTS: ReadonlyArray<[string, string[]]> = [
  ...CALLERS.map((c): [string, string[]] => [c, ["nodes", "Welcome", "prompt"]]),
  ["calls/billing", ["nodes", "Closed", "prompt"]],
  ["calls/billing", ["nodes", "Queue", "prompt"]],
  ["calls/closed", ["nodes", "Sorry", "prompt"]],
];
const FLOWS = [
  "modules/lookup",
  "modules/verify",
  "modules/greet",
  ...CALLERS,
  "calls/billing",
  "calls/closed",
  "digital/mail",
  "digital/chat",
  ADOPTED,
];
const ROUTING = [
  "schedules/weekdays",
  "schedules/weekend",
  "schedules/new-year",
  "hours/business",
  "ivr/sales-line",
  "ivr/support-line",
  "emergency/closure",
  "numbers/block",
];
const NAMED_ROUTING = ROUTING.filter((r) => r !== "numbers/block");
const TIME_ZONES = ["America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "Europe/London"];
/** Each schedule's weekdays to draw from: every set lists the day its start falls on (the provider refuses one that does not). */
const DAYS: Readonly<Record<string, readonly string[]>> = {
  "schedules/weekdays": ["MO,TU,WE,TH,FR", "MO,TU,WE,TH", "MO,WE,FR", "MO,TU"],
  "schedules/weekend": ["SA,SU", "SA", "FR,SA,SU", "SA,SU,MO"],
};

type Draft = Omit<AgreementCase, "kind" | "seed"> & { category: string };

/** The mutations, each drawing its target and values from `r`. */
const MUTATIONS: ReadonlyArray<(r: Rand) => Draft> = [
  (r) => {
    const [flow, path] = pick(r, PROMPTS);
    const text = word(r);
    return {
      category: `a prompt of ${flow}`,
      ...inPlace(`flow ${flow}`),
      apply: (w) => w.editYaml(`flows/${flow}.yaml`, (d) => d.setIn(path, text)),
    };
  },
  (r) => {
    const [flow, path] = pick(r, MODULE_NODES);
    const text = word(r);
    return {
      category: `a node of module ${flow}`,
      ...inPlace(`flow ${flow}`),
      apply: (w) => w.editYaml(`flows/${flow}.yaml`, (d) => d.setIn(path, text)),
    };
  },
  (r) => {
    const flow = pick(r, FLOWS);
    const text = `${word(r)} (described)`;
    return {
      category: `the description of ${flow}`,
      ...inPlace(`flow ${flow}`),
      apply: (w) => w.editYaml(`flows/${flow}.yaml`, (d) => d.set("description", text)),
    };
  },
  (r) => {
    const flow = pick(r, FLOWS);
    const comment = word(r);
    // The same model, written another way: keys in reverse order, a comment on top.
    return {
      category: `the layout of ${flow} (same model)`,
      ...inPlace(`flow ${flow}`),
      apply: (w) => {
        const value = YAML.parse(w.read(`flows/${flow}.yaml`)) as Record<string, unknown>;
        const reversed = Object.fromEntries(Object.entries(value).reverse());
        w.write(`flows/${flow}.yaml`, `# ${comment}\n${YAML.stringify(reversed, { version: "1.2", indent: 4 })}`);
      },
    };
  },
  (r) => {
    const flow = pick(r, ["calls/support", "calls/vip", "calls/direct"]);
    const queue = `Queue ${int(r, 1, 99)}`;
    return {
      category: `the queue of ${flow}`,
      ...inPlace(`flow ${flow}`),
      apply: (w) => w.editYaml(`flows/${flow}.yaml`, (d) => d.setIn(["nodes", "Transfer", "queue"], queue)),
    };
  },
  (r) => {
    const flow = pick(r, [...CALLERS, "calls/billing", "calls/closed", "digital/mail"]);
    const name = `Renamed ${int(r, 1, 999999)}`;
    return {
      category: `the name of ${flow}`,
      ...renamed(`flow ${flow}`),
      apply: (w) => w.editYaml(`flows/${flow}.yaml`, (d) => d.set("name", name)),
    };
  },
  (r) => {
    const which = pick(r, ["shared sales_queue", "calls/billing's billing_queue", "the shared billing_queue"]);
    const value = `Queue ${int(r, 1, 99)}`;
    const touches =
      which === "shared sales_queue"
        ? ["flow calls/sales"]
        : which === "calls/billing's billing_queue"
          ? ["flow calls/billing"]
          : [];
    return {
      category: `the substitution ${which}`,
      touches,
      stack: true,
      apply: (w) =>
        w.editConfig((c) => {
          const flows = c.flows as Record<string, { substitutions: Record<string, string> }>;
          if (which === "calls/billing's billing_queue") flows["calls/billing"].substitutions.billing_queue = value;
          else
            (c.substitutions as Record<string, string>)[
              which === "shared sales_queue" ? "sales_queue" : "billing_queue"
            ] = value;
        }),
    };
  },
  (r) => {
    const key = `unused_${int(r, 1, 999)}`;
    const where = pick(r, ["shared", "calls/direct", "modules/lookup", ADOPTED]);
    const remove = r() < 0.3;
    return {
      category: remove ? "an unused substitution removed" : `an unused substitution added (${where})`,
      // The flow whose settings it edits: were the plan wrong, that flow would change.
      touches: remove || where === "shared" ? [] : [`flow ${where}`],
      stack: true,
      apply: (w) =>
        w.editConfig((c) => {
          const shared = c.substitutions as Record<string, string>;
          const flows = c.flows as Record<string, { substitutions?: Record<string, string> }>;
          if (remove) delete shared.spare;
          else if (where === "shared") shared[key] = "unused";
          else
            flows[where] = {
              ...(flows[where] ?? {}),
              substitutions: { ...(flows[where]?.substitutions ?? {}), [key]: "unused" },
            };
        }),
    };
  },
  (r) => {
    const setting = pick(r, ["forceUnlock", "environment", "releasesKept", "skipOrgReferenceCheck"]);
    const value =
      setting === "forceUnlock"
        ? pick(r, ["false", "true"])
        : setting === "environment"
          ? pick(r, ["test", "staging", "local"])
          : setting === "releasesKept"
            ? int(r, 1, 50)
            : `reason ${int(r, 1, 99)}`;
    return {
      category: `the stack setting ${setting}`,
      touches: [],
      stack: true,
      apply: (w) => w.editConfig((c) => (c[setting] = value)),
    };
  },
  (r) => {
    const what = pick(r, ["tokenPoolSize", "customRetryTimeout"]);
    const value = what === "tokenPoolSize" ? int(r, 2, 6) : `${int(r, 16, 90)}s`;
    return {
      category: `the provider's ${what}`,
      touches: ["provider genesyscloud"],
      stack: true,
      apply: (w) => w.editConfig((c) => ((c.provider as Record<string, unknown>)[what] = value)),
    };
  },
  (r) => {
    const what = pick(r, ["ivr/sales-line numbers", "hours/business timeZone", "emergency/closure enabled"]);
    const value = what.startsWith("ivr")
      ? [`+1317555010${int(r, 2, 9)}`]
      : what.startsWith("hours")
        ? pick(r, TIME_ZONES)
        : r() < 0.5;
    const [id, field] = what.split(" ");
    return {
      category: `the stack value ${what}`,
      ...inPlace(`routing ${id}`),
      stack: true,
      apply: (w) =>
        w.editConfig((c) => {
          const objects = (c.routing as { objects: Record<string, Record<string, unknown>> }).objects;
          objects[id] = { ...(objects[id] ?? {}), [field]: value };
        }),
    };
  },
  (r) => {
    const id = pick(r, ["schedules/weekdays", "schedules/weekend"]);
    const edit = pick(r, ["start", "end", "rrule"]);
    const hour = String(int(r, 1, 9)).padStart(2, "0");
    const endHour = String(int(r, 19, 23));
    const days = pick(r, DAYS[id]);
    return {
      category: `the ${edit} of ${id}`,
      ...inPlace(`routing ${id}`),
      apply: (w) =>
        w.editYaml(`routing/${id}.yaml`, (d) => {
          const start = String(d.get("start"));
          if (edit === "start") d.set("start", `${start.slice(0, 11)}${hour}:00:00`);
          else if (edit === "end") d.set("end", `${start.slice(0, 11)}${endHour}:30:00`);
          else d.set("rrule", `FREQ=WEEKLY;BYDAY=${days}`);
        }),
    };
  },
  (r) => {
    const id = pick(r, ROUTING);
    const text = `${word(r)} (routing)`;
    return {
      category: `the description of routing/${id}`,
      ...inPlace(`routing ${id}`),
      apply: (w) => w.editYaml(`routing/${id}.yaml`, (d) => d.set("description", text)),
    };
  },
  (r) => {
    const id = pick(r, NAMED_ROUTING);
    const name = `Renamed ${int(r, 1, 999999)}`;
    // The billing flow names the schedule group through {{hours}}: the stack's value follows the rename.
    return {
      category: `the name of routing/${id}`,
      ...(() => {
        const { touches, reaches } = renamed(`routing ${id}`);
        return { touches: id === "hours/business" ? [...touches, "flow calls/billing"] : touches, reaches };
      })(),
      ...(id === "hours/business" ? { stack: true } : {}),
      apply: (w) => {
        w.editYaml(`routing/${id}.yaml`, (d) => d.set("name", name));
        if (id === "hours/business")
          w.editConfig((c) => ((c.substitutions as Record<string, string>).hours = `local-${name}`));
      },
    };
  },
];

/** How many kinds of random change there are. */
export const MUTATION_KINDS = MUTATIONS.length;

/**
 * Which mutation case `index` of `seed` draws: each run of MUTATIONS.length cases takes every
 * mutation once, in an order drawn from the seed and the run (stratified: a sample of 20 spreads
 * over the kinds of change, and so over the files, which lets more cases share a preview).
 */
export function mutationOf(seed: number, index: number): number {
  const n = MUTATIONS.length;
  const r = generator((seed ^ Math.imul(Math.floor(index / n) + 1, 0x85ebca6b)) >>> 0);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order[index % n];
}

/** Random case `index` of `seed`. */
export function randomCase(seed: number, index: number): AgreementCase {
  const r = generator((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const draft = MUTATIONS[mutationOf(seed, index)](r);
  const { category, ...rest } = draft;
  return { ...rest, kind: `random #${index} (seed ${seed}): ${category}`, seed };
}

/** `count` random cases of `seed`. */
export function randomCases(seed: number, count: number): AgreementCase[] {
  return Array.from({ length: count }, (_, i) => randomCase(seed, i));
}
