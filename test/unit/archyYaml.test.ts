// The compiler's YAML emitter writes the common shape itself (compiler/archyYaml.ts toArchyYaml) and
// must give exactly the text of the `yaml` package's whole-document serializer (documentYaml):
// hand-picked scalars that need quoting, shapes that need the document path, and a generated
// mix (deterministic), compared byte for byte.
import YAML from "yaml";
import { documentYaml, toArchyYaml } from "../../compiler/archyYaml";

const TRICKY_STRINGS = [
  "plain",
  "Two words",
  "Common.address",
  "a/b (c) - d_e",
  "",
  " leading",
  "trailing ",
  "602",
  "1.5",
  "0x1F",
  "1e3",
  ".inf",
  "-",
  "- item",
  "? key",
  "key: value",
  "ends with colon:",
  "a #comment",
  "a#b",
  "#start",
  "'single'",
  '"double"',
  'say "hi"',
  "it's",
  "both ' and \"",
  "{{placeholder}}",
  "Welcome to {{brand}}.",
  "yes",
  "No",
  "ON",
  "off",
  "true",
  "False",
  "null",
  "NULL",
  "~",
  "y",
  "Y",
  "[list]",
  "{map}",
  "a, b",
  "@at",
  "`tick`",
  "%percent",
  "!bang",
  "&anchor",
  "*alias",
  "|pipe",
  ">fold",
  "tab\there",
  "back\\slash",
  "ünïcödé",
  "emoji 😀",
  "line\nbreak",
  "trailing newline\n",
  "---",
  "...",
  "x".repeat(1100),
  'ToAudioTTS("Hello")',
  'If(Flow.x == "a", 1, 2)',
];

const TRICKY_SCALARS: unknown[] = [
  ...TRICKY_STRINGS,
  0,
  1,
  -1,
  42,
  1.5,
  -0,
  1e21,
  2 ** 53,
  -(2 ** 53),
  Number.MAX_SAFE_INTEGER,
  NaN,
  Infinity,
  -Infinity,
  true,
  false,
  null,
];

function expectSameText(value: unknown): void {
  expect(toArchyYaml(value)).toBe(documentYaml(value));
}

describe("toArchyYaml: the same text as the yaml package's serializer", () => {
  it.each(TRICKY_SCALARS.map((v) => [JSON.stringify(v) ?? String(v), v]))(
    "a value %s in a map, in a list and as a key",
    (_label, v) => {
      expectSameText({ flow: { value: v, list: [v, "plain"], nested: [{ value: v, other: 1 }] } });
      if (typeof v === "string") expectSameText({ flow: { [v]: "key", inList: [{ [v]: { deeper: v } }] } });
    },
  );

  it("empty maps and lists, lists of lists, undefined members and a non-plain object take the document path with the same text", () => {
    expectSameText({ a: {}, b: [], c: [{}, [], [1, [2, 3]]], d: { e: [[]] } });
    expectSameText({ a: undefined, b: [undefined, 1], c: 1 });
    expectSameText({ a: new Date(0), b: 1 });
    expectSameText({ nested: { a: { b: { c: [{ d: [{ e: "f" }] }] } } } });
  });

  it("a generated mix of shapes and scalars", () => {
    let seed = 28;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const scalar = (): unknown => TRICKY_SCALARS[rand(TRICKY_SCALARS.length)];
    const node = (depth: number): unknown => {
      const r = rand(depth > 4 ? 1 : 4);
      if (r === 0) return scalar();
      if (r === 1) return Array.from({ length: rand(4) }, () => node(depth + 1));
      return Object.fromEntries(
        Array.from({ length: rand(5) }, (_, i) => [rand(3) === 0 ? String(scalar()) : `key${i}`, node(depth + 1)]),
      );
    };
    for (let i = 0; i < 300; i++) expectSameText({ inboundCall: node(0) });
  });

  it("the text reads back as the value", () => {
    const value = {
      inboundCall: { name: "local-Sales", tts: "Welcome to {{brand}}.", n: 3, flags: [true, false], when: "yes" },
    };
    expect(YAML.parse(toArchyYaml(value), { version: "1.2" })).toEqual(value);
  });
});
