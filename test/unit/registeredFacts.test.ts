// The registered form of a component's facts (model/facts.ts): the model gzipped in base64, read
// back by registeredModelJson. What the policy pack reads is tested in test/policy/pack.test.ts.
import { gzipSync } from "node:zlib";
import {
  decodeRegisteredFacts,
  encodeRegisteredFacts,
  registeredFacts,
  registeredModelJson,
  stateFacts,
  type FlowFacts,
} from "../../model/facts";
import { parseFlowText } from "../../model/load";
import { callFlow, flowText } from "../../testkit/portfolio";

function factsOf(model: FlowFacts["model"]): FlowFacts {
  return {
    stack: "dev",
    environment: "development",
    namePrefix: "dev-",
    forceUnlock: false,
    id: "c",
    file: "flows/c.yaml",
    kind: model.kind,
    publishedName: `dev-${model.name}`,
    model,
    calls: [{ id: "m", name: "Lookup", publishedName: "dev-Lookup" }],
    substitutionKeys: ["QUEUE"],
  };
}

describe("registered facts", () => {
  const model = parseFlowText(flowText(callFlow("Sales")), "flows/c.yaml").model;

  test("carry every fact but the model as given, and the model gzipped: it reads back to the same JSON", () => {
    const facts = factsOf(model);
    const registered = registeredFacts(facts);
    const { model: _model, ...rest } = facts;
    const { modelGzip, ...registeredRest } = registered;
    expect(registeredRest).toEqual(rest);
    expect("model" in registered).toBe(false);
    expect(registeredModelJson(modelGzip)).toBe(JSON.stringify(model));
    expect(JSON.parse(registeredModelJson(modelGzip) ?? "null")).toEqual(model);
  });

  test("are deterministic: the same facts give byte-identical text", () => {
    expect(registeredFacts(factsOf(model)).modelGzip).toBe(registeredFacts(factsOf(structuredClone(model))).modelGzip);
  });

  test("hold a flow of real size in fewer bytes than its JSON", () => {
    const nodes: Record<string, unknown> = { ...model.nodes };
    for (let i = 0; i < 50; i++)
      nodes[`Say${i}`] = { type: "playAudio", prompt: `Thank you for calling, option ${i}.`, next: "Transfer" };
    const big = { ...model, nodes } as FlowFacts["model"];
    const json = JSON.stringify(big);
    const gz = registeredFacts(factsOf(big)).modelGzip;
    expect(gz.length * 3).toBeLessThan(json.length);
    expect(registeredModelJson(gz)).toBe(json);
  });

  test("read back as undefined when the text is not gzip in base64", () => {
    expect(registeredModelJson("not base64 gzip")).toBeUndefined();
    expect(registeredModelJson(Buffer.from(JSON.stringify(model)).toString("base64"))).toBeUndefined();
    expect(registeredModelJson("")).toBeUndefined();
    // Gzip of something that is not a model still reads back: the pack's shape check refuses it.
    expect(registeredModelJson(gzipSync("[]").toString("base64"))).toBe("[]");
  });
});

describe("facts as one registered text", () => {
  const model = parseFlowText(flowText(callFlow("Sales")), "flows/c.yaml").model;

  test("the registered facts go in as one JSON text and decode to the same facts; the same facts give the same text", () => {
    const registered = registeredFacts(factsOf(model));
    const text = encodeRegisteredFacts(registered);
    expect(typeof text).toBe("string");
    expect(decodeRegisteredFacts(text)).toEqual({ facts: registered });
    expect(encodeRegisteredFacts(registeredFacts(factsOf(structuredClone(model))))).toBe(text);
    expect(stateFacts(text)).toEqual(registered);
  });

  test("facts as an object (a stack deployed before) decode as they are", () => {
    const registered = registeredFacts(factsOf(model));
    expect(decodeRegisteredFacts(registered)).toEqual({ facts: registered });
  });

  test("anything else decodes to the reason it is not facts", () => {
    expect(decodeRegisteredFacts(undefined)).toEqual({ problem: "it registered no facts" });
    expect(decodeRegisteredFacts("{")).toEqual({ problem: expect.stringMatching(/^its facts are not JSON text \(/) });
    expect(decodeRegisteredFacts("[]")).toEqual({ problem: "its facts are not an object (an array)" });
    expect(decodeRegisteredFacts(7)).toEqual({ problem: "its facts are not an object (number)" });
    expect(stateFacts("{")).toBeUndefined();
  });
});
