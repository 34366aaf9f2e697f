// The one did-you-mean engine (archy/suggest.ts): the same typo gets the same suggestion in a flow
// file (model/shape.ts, the checks, the stack file) and in Archy (the validator, expressions).
import { closest, didYouMean, editDistance, nearest, nearestNames } from "../../../archy/suggest";
import { FlowLoadError } from "../../../model/errors";
import { parseFlowText } from "../../../model/load";

describe("did-you-mean", () => {
  it("counts a swap of two neighbours as one edit, and ignores case", () => {
    expect(editDistance("promtp", "prompt")).toBe(1);
    expect(editDistance("Lookup", "lookup")).toBe(0);
    expect(editDistance("kitten", "sitting")).toBe(3);
  });

  it("with a cut-off: the distance when it is within it, else cut-off + 1 (every pair of words of up to 5 letters over a, b, c)", () => {
    const words = [""];
    for (let len = 1; len <= 5; len++)
      for (const w of words.filter((x) => x.length === len - 1)) for (const c of "abc") words.push(w + c);
    const wrong: string[] = [];
    for (const a of words)
      for (const b of words) {
        const d = editDistance(a, b);
        for (let limit = 0; limit <= 4; limit++)
          if (editDistance(a, b, limit) !== (d <= limit ? d : limit + 1)) wrong.push(`${a}/${b}/${limit}`);
      }
    expect({ pairs: words.length ** 2, wrong: wrong.slice(0, 5) }).toEqual({ pairs: 364 ** 2, wrong: [] });
    // Known distances, swaps included, in both directions.
    expect([
      editDistance("abcd", "badc"),
      editDistance("badc", "abcd"),
      editDistance("ab", "ba", 0),
      editDistance("abcdef", "ghijkl", 2),
    ]).toEqual([2, 2, 1, 3]);
  });

  it("suggests within a third of the word's length, an abbreviation as one edit, ties alphabetically", () => {
    expect(closest("promtp", ["prompt", "queue"])).toBe("prompt");
    expect(closest("str", ["string", "integer"])).toBe("string");
    expect(closest("LOOKUP", ["Lookup"])).toBe("Lookup");
    expect(closest("abc", ["xyz"])).toBeUndefined();
    expect(closest("Sails", ["Sales"])).toBe("Sales");
    expect(closest("Sals", ["Sxly"])).toBeUndefined();
    expect(closest("bat", ["cat", "bag"])).toBe("bag");
    expect(closest("timeout", ["timeOut"])).toBe("timeOut");
    expect(didYouMean("Lokup", ["Lookup", "Verify"])).toBe('; did you mean "Lookup"?');
    expect(didYouMean("Zzz", ["Lookup"])).toBe("");
  });

  it("nearest names what an unknown name is near, closest first", () => {
    expect(nearest("Flow.Foo", ["Flow.Fob", "Flow.Food", "Task.X"])).toEqual(["Flow.Fob", "Flow.Food"]);
  });

  it("a flow file's mistyped key gets the engine's suggestion", () => {
    const text =
      "kind: inboundCall\nname: A\nstart: Q\nnodes:\n  Q:\n    type: transferToQueue\n    queue: Sales\n    promtp: hi\n    transitions: { failure: D }\n  D:\n    type: disconnect\n";
    let message = "";
    try {
      parseFlowText(text, "flows/a.yaml");
    } catch (e) {
      if (!(e instanceof FlowLoadError)) throw e;
      message = e.message;
    }
    expect(message).toContain(`field "promtp": unknown key${didYouMean("promtp", ["prompt"])}`);
  });
});

describe("nearestNames: a queue renamed in the org is named, however many names are a few edits away", () => {
  it("names that hold the missing name come before the edit-distance ones, so the renamed queue is never cut", () => {
    const org = ["Sport", "Suppor", "Supply", "Imports", "Support Tier 1", "Billing"];
    // Three names within three edits of "Support" (Sport, Suppor, Supply) used to fill the list.
    expect(nearestNames("Support", org)).toEqual(["Suppor", "Support Tier 1", "Sport"]);
    expect(nearestNames("Sales Team", ["Sales", "Sale Team", "Bales Team", "Sales Teams"])).toEqual([
      "Sales",
      "Sales Teams",
      "Bales Team",
    ]);
  });
});
