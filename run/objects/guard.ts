// Guard: the org objects the stack declares (objects/: queues, skills, ...; docs/objects.md). Before
// anything registers, the org's objects of each kind declared are read (one list each) and each
// declared object is decided (planner/objects/decisions.ts): one the org already has under its name is
// adopted (Pulumi `import`), never created again, and the run says whether as it is or with the
// fields the next up writes; one the org holds in use (a queue with members) stays in the org when
// the stack deletes it, and the run says so. A stack whose org cannot be read stops: a create of a
// name the org has fails at the engine. Runs on preview too. Product: the decisions, by object id.
import { declaredObjects, decisionWords, type ObjectDecision } from "../../planner/objects/decisions";
import { FlowLoadError } from "../../model/errors";
import type { Guard } from "../guards/guard";
import { objectDecisions } from "./reads";

export const orgObjectsGuard: Guard<"orgObjects", ReadonlyMap<string, ObjectDecision>> = {
  name: "orgObjects",
  description: "the org objects the stack declares, adopted by name or created",
  onPreview: true,
  async decide(run) {
    let declared: ReturnType<typeof declaredObjects>;
    try {
      declared = declaredObjects(run.routing().objects);
    } catch (e) {
      if (e instanceof FlowLoadError) return { product: new Map() }; // the routing guard refused it
      throw e;
    }
    if (declared.length === 0) return { product: new Map() };
    try {
      const decisions = await objectDecisions(run);
      const words = declared.flatMap((o) => decisionWords(o, decisions.get(o.id)!));
      const notes = words.map((text) => ({ level: "info" as const, text }));
      return { notes, product: decisions };
    } catch (e) {
      const why = `cannot read the org's objects of the kinds the stack declares (to adopt one the org has by name)`;
      return { refusal: `${why}: ${(e as Error).message}`, product: new Map() };
    }
  },
};
