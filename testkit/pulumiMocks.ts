// Pulumi mocks that record every resource registration, for the component unit tests.
// The mocks' `newResource` only sees type, name and inputs; parent and dependencies are read
// from the RegisterResource request itself by wrapping the mock monitor's `registerResource`.
import * as pulumi from "@pulumi/pulumi";
import { cmp, isMap } from "../archy/json";

export const PROJECT = "genesys-flows";

export interface Registration {
  type: string;
  name: string;
  custom: boolean;
  /** Inputs as the mock monitor deserialised them. */
  inputs: Record<string, unknown>;
  /** URN of the parent resource ("" when none). */
  parent: string;
  /** URNs of every resource this one depends on (dependsOn and input dependencies). */
  dependencies: string[];
  /** Per input property: URNs of the resources its value came from. */
  propertyDependencies: Record<string, string[]>;
  /** The id of an existing resource it imports (Pulumi's `import` option), if any. */
  importId?: string;
}

/** Only the parts of the RegisterResource request and the monitor these tests read. */
interface RegisterRequest {
  getType(): string;
  getName(): string;
  getCustom(): boolean;
  getParent(): string;
  getDependenciesList(): string[];
  getPropertydependenciesMap(): { forEach(f: (value: { getUrnsList(): string[] }, key: string) => void): void };
}
interface OutputsRequest {
  getUrn(): string;
}
type Callback = (err: unknown, response?: unknown) => void;
interface HookRequest {
  getName(): string;
  getOnDryRun(): boolean;
}
interface PatchableMonitor {
  registerResource(req: RegisterRequest, callback: Callback): unknown;
  registerResourceOutputs(req: OutputsRequest, callback: Callback): unknown;
  registerResourceHook?(req: HookRequest, callback: Callback): unknown;
  registerErrorHook?(req: HookRequest, callback: Callback): unknown;
}

/** The URN the mock monitor gives a resource (children's types are qualified by the parent's type). */
export function urnOf(stack: string, type: string, name: string, parentType?: string): string {
  return `urn:pulumi:${stack}::${PROJECT}::${parentType ? `${parentType}$` : ""}${type}::${name}`;
}

export interface MockSession {
  registrations: Registration[];
  /** `<type>::<name>` of each resource, in the order the mock monitor was asked to register it. */
  order: string[];
  /** URNs of the components whose outputs were registered (each component does it once). */
  outputsRegistered: string[];
  /** The resource hooks the program registered (the mock monitor has none of its own): name, and whether they run in preview. */
  hooks: Array<{ name: string; onDryRun: boolean }>;
  /**
   * Resolves once every component's outputs are registered and no registration is in flight, so
   * the next scenario can install new mocks without late calls reaching the new monitor.
   */
  settled(): Promise<void>;
  /** Resolves once no registration has been in flight for a few timer ticks. */
  idle(): Promise<void>;
}

/**
 * Installs fresh mocks (a new mock monitor) for `stack` and returns the session that records
 * every registration. Call before constructing any resource of the scenario.
 */
export async function installMocks(stack: string): Promise<MockSession> {
  const flight = { n: 0 };
  const session = recordingSession(flight);
  const pending = new Map<string, Omit<Registration, "inputs">>();
  await pulumi.runtime.setMocks(recordingMocks(session, pending), PROJECT, stack, false);
  watchMonitor(pulumi.runtime.getMonitor() as unknown as PatchableMonitor, session, pending, flight);
  return session;
}

/** A session with nothing recorded yet; `flight.n` counts the monitor's calls in flight. */
function recordingSession(flight: { n: number }): MockSession {
  const session: MockSession = {
    registrations: [],
    order: [],
    outputsRegistered: [],
    hooks: [],
    async settled() {
      const components = () => session.registrations.filter((r) => !r.custom).length;
      for (let i = 0; i < 2000; i++) {
        if (flight.n === 0 && session.outputsRegistered.length >= components()) return;
        await new Promise((r) => setTimeout(r, 5));
      }
      throw new Error(
        `mocks did not settle: ${flight.n} calls in flight, ${session.outputsRegistered.length}/${components()} component outputs`,
      );
    },
    async idle() {
      for (let quiet = 0, i = 0; quiet < 5; i++) {
        if (i > 2000) throw new Error(`mocks did not go idle: ${flight.n} calls in flight`);
        await new Promise((r) => setTimeout(r, 5));
        quiet = flight.n === 0 ? quiet + 1 : 0;
      }
    },
  };
  return session;
}

/** Mocks that record each resource with what the monitor saw of it (parent, dependencies). */
function recordingMocks(
  session: MockSession,
  pending: Map<string, Omit<Registration, "inputs">>,
): pulumi.runtime.Mocks {
  return {
    newResource(args: pulumi.runtime.MockResourceArgs): { id: string | undefined; state: Record<string, unknown> } {
      const key = `${args.type}::${args.name}`;
      const meta = pending.get(key);
      session.registrations.push({
        type: args.type,
        name: args.name,
        custom: meta?.custom ?? !!args.custom,
        inputs: args.inputs as Record<string, unknown>,
        parent: meta?.parent ?? "",
        dependencies: meta?.dependencies ?? [],
        propertyDependencies: meta?.propertyDependencies ?? {},
        ...(args.id ? { importId: args.id } : {}),
      });
      session.order.push(key);
      if (!args.custom) return { id: undefined, state: {} };
      return { id: args.id || `${args.name}-id`, state: { ...args.inputs, name: args.inputs.name } };
    },
    call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
      throw new Error(`unexpected call to ${args.token}`);
    },
  };
}

/** The mock monitor, watched: each registration's parent and dependencies, the calls in flight, the outputs and hooks registered. */
function watchMonitor(
  monitor: PatchableMonitor,
  session: MockSession,
  pending: Map<string, Omit<Registration, "inputs">>,
  flight: { n: number },
): void {
  const original = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, callback) => {
    const propertyDependencies: Record<string, string[]> = {};
    req.getPropertydependenciesMap().forEach((value, key) => {
      propertyDependencies[key] = [...value.getUrnsList()].sort();
    });
    pending.set(`${req.getType()}::${req.getName()}`, {
      type: req.getType(),
      name: req.getName(),
      custom: req.getCustom(),
      parent: req.getParent(),
      dependencies: [...req.getDependenciesList()].sort(),
      propertyDependencies,
    });
    flight.n++;
    return original(req, (err, response) => {
      flight.n--;
      callback(err, response);
    });
  };
  const originalOutputs = monitor.registerResourceOutputs.bind(monitor);
  monitor.registerResourceOutputs = (req, callback) => {
    flight.n++;
    return originalOutputs(req, (err, response) => {
      flight.n--;
      session.outputsRegistered.push(req.getUrn());
      callback(err, response);
    });
  };
  // Pulumi's mock monitor cannot register resource hooks (the engine calls them; mocks run none):
  // record them, so tests see which the program binds.
  monitor.registerResourceHook = (req, callback) => {
    session.hooks.push({ name: req.getName(), onDryRun: req.getOnDryRun() });
    callback(null, {});
    return undefined;
  };
  monitor.registerErrorHook = (req, callback) => {
    session.hooks.push({ name: req.getName(), onDryRun: false });
    callback(null, {});
    return undefined;
  };
}

/** The value of an output (mocks run with preview = false, so every output becomes known). */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise<T>((resolve) => {
    output.apply((v) => {
      resolve(v);
      return v;
    });
  });
}

/** JSON with sorted keys: two values are "byte-identical" when their canonical texts are equal. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    isMap(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => cmp(a, b))) : v,
  );
}
