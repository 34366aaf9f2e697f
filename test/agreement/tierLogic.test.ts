// The agreement tier's own logic, pure (no engine, no emulator): how the engine's steps fold into
// one action per resource, which resources count, and which cases may share a preview.
import { engineActions, type PreviewStep } from "./actions";
import { batches, STACK_BATCH_FLOWS, type AgreementCase } from "./cases";
import { MUTATION_KINDS, mutationOf, randomCase } from "./mutations";

const FLOW = (name: string) =>
  `urn:pulumi:local::genesys-flows::genesys-flows:index:InteractionFlow$genesyscloud:index/flow:Flow::${name}`;
const IVR =
  "urn:pulumi:local::genesys-flows::genesys-flows:index:IvrConfig$genesyscloud:index/architectIvr:ArchitectIvr::routing/ivr/a";
const fold = (...steps: PreviewStep[]) => [...engineActions(steps)];

describe("the engine's steps, one action per resource", () => {
  it("a replacement's steps are one replace; an update, a create, a delete are themselves", () => {
    expect(
      fold(
        { op: "create-replacement", urn: FLOW("a") },
        { op: "replace", urn: FLOW("a") },
        { op: "delete-replaced", urn: FLOW("a") },
      ),
    ).toEqual([["flow a", "replace"]]);
    expect(
      fold({ op: "update", urn: IVR }, { op: "create", urn: FLOW("b") }, { op: "delete", urn: FLOW("c") }),
    ).toEqual([
      ["flow b", "create"],
      ["flow c", "delete"],
      ["ivr routing/ivr/a", "update"],
    ]);
  });

  it("an adopted flow: read is nothing; its first change (the read replaced by an import, then published) an update; renamed, a replace", () => {
    expect(fold({ op: "read", urn: FLOW("a") }, { op: "same", urn: FLOW("b") })).toEqual([]);
    expect(
      fold({ op: "replace", urn: FLOW("a"), oldState: { external: true } }, { op: "update", urn: FLOW("a") }),
    ).toEqual([["flow a", "update"]]);
    expect(
      fold(
        { op: "replace", urn: FLOW("a"), oldState: { external: true } },
        { op: "replace", urn: FLOW("a"), oldState: {} },
      ),
    ).toEqual([["flow a", "replace"]]);
    expect(fold({ op: "import", urn: IVR })).toEqual([["ivr routing/ivr/a", "import"]]);
  });

  it("what leaves the stack but stays in the org is forgotten", () => {
    expect(
      fold({ op: "delete", urn: FLOW("a"), oldState: { retainOnDelete: true } }, { op: "discard", urn: FLOW("b") }),
    ).toEqual([
      ["flow a", "forget"],
      ["flow b", "forget"],
    ]);
  });

  it("components and records are bookkeeping; a type the tier does not know fails it", () => {
    expect(
      fold(
        { op: "update", urn: "urn:pulumi:local::genesys-flows::genesys-flows:index:InteractionFlow::a" },
        { op: "create", urn: "urn:pulumi:local::genesys-flows::genesys-flows:index:WaveRollout::waves-m" },
      ),
    ).toEqual([]);
    expect(() =>
      fold({
        op: "create",
        urn: "urn:pulumi:local::genesys-flows::genesyscloud:index/user:User::a",
      }),
    ).toThrow(/does not classify resource type genesyscloud:index\/user:User/);
  });
});

describe("cases sharing a preview", () => {
  const c = (kind: string, touches: string[], stack = false): AgreementCase => ({
    kind,
    touches,
    ...(stack ? { stack } : {}),
    apply: () => undefined,
  });
  const kinds = (cases: AgreementCase[]) => batches(cases).map((b) => b.map((x) => x.kind));

  it("disjoint changes share; overlapping ones and one touching everything do not", () => {
    expect(kinds([c("a", ["flow x"]), c("b", ["flow y"]), c("c", ["flow x"]), c("prefix", ["*"], true)])).toEqual([
      ["a", "b"],
      ["c"],
      ["prefix"],
    ]);
  });

  it(`a stack-wide setting only in a batch changing at most ${STACK_BATCH_FLOWS} flows on purpose (a wrong action on every flow still shows)`, () => {
    const locals = (n: number) => Array.from({ length: n }, (_, i) => c(`local ${i}`, [`flow f${i}`]));
    expect(kinds([c("quiet 1", [], true), ...locals(3), c("quiet 2", [], true)])).toEqual([
      ["quiet 1", "local 0", "local 1", "local 2", "quiet 2"],
    ]);
    const many = locals(STACK_BATCH_FLOWS + 1);
    expect(kinds([...many, c("sub", ["flow s"], true)])).toEqual([many.map((m) => m.kind), ["sub"]]);
    expect(kinds([c("sub", ["flow s"], true), ...many])).toEqual([
      ["sub", ...many.slice(0, STACK_BATCH_FLOWS - 1).map((m) => m.kind)],
      many.slice(STACK_BATCH_FLOWS - 1).map((m) => m.kind),
    ]);
  });

  it("what one case touches, no other touches or reaches; two cases reaching the same resource share", () => {
    const r = (kind: string, touches: string[], reaches: string[]): AgreementCase => ({
      kind,
      touches,
      reaches,
      apply: () => undefined,
    });
    expect(
      kinds([r("prompt of a", ["flow a"], ["routing ivr"]), r("prompt of b", ["flow b"], ["routing ivr"])]),
    ).toEqual([["prompt of a", "prompt of b"]]);
    expect(kinds([r("prompt of a", ["flow a"], ["routing ivr"]), c("ivr numbers", ["routing ivr"])])).toEqual([
      ["prompt of a"],
      ["ivr numbers"],
    ]);
    expect(kinds([c("ivr numbers", ["routing ivr"]), r("prompt of a", ["flow a"], ["routing ivr"])])).toEqual([
      ["ivr numbers"],
      ["prompt of a"],
    ]);
  });
});

it("a random case is the same for the same seed and index, whatever ran before", () => {
  expect(randomCase(42, 7).kind).toBe(randomCase(42, 7).kind);
  expect(randomCase(42, 7).touches).toEqual(randomCase(42, 7).touches);
  expect(randomCase(42, 7).kind).toMatch(/^random #7 \(seed 42\): /);
});

it("each run of as many random cases as there are kinds of change takes every kind once", () => {
  for (const seed of [1, 42, 2 ** 31 - 1]) {
    for (const run of [0, 1])
      expect(
        new Set(Array.from({ length: MUTATION_KINDS }, (_, i) => mutationOf(seed, run * MUTATION_KINDS + i))).size,
      ).toBe(MUTATION_KINDS);
  }
});
