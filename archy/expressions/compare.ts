// Equality of run-time values, as `==`, `!=` and AreEqual compare them. Pure.
import { CannotEvaluate } from "./faults";
import { display, type Members, type RunValue } from "./values";

/**
 * `==` of two known values. NOT_SET differs from every set value ("ToString(NOT_SET) == \"\" ...
 * returns as false", help:not-set). Texts that are equal are equal; texts that differ only in case
 * are a question no page answers (whether Architect compares case-sensitively): cannot simulate.
 */
export function equal(l: RunValue, r: RunValue): boolean {
  if (l.kind === "notSet" || r.kind === "notSet") {
    if (l.kind === "notSet" && r.kind === "notSet")
      throw new CannotEvaluate("comparing two NOT_SET values (not documented)");
    return false;
  }
  if (l.kind === "list" || r.kind === "list")
    throw new CannotEvaluate("comparing collections with == (not documented)");
  if (l.kind !== "set" || r.kind !== "set") throw new CannotEvaluate("comparing unknown values");
  if (typeof l.value === "number" && typeof r.value === "number") return l.value === r.value;
  if (typeof l.value === "boolean" && typeof r.value === "boolean") return l.value === r.value;
  if (typeof l.value === "string" && typeof r.value === "string") {
    if (l.value === r.value) return true;
    if (l.value.toLowerCase() === r.value.toLowerCase()) {
      throw new CannotEvaluate(
        `comparing ${JSON.stringify(l.value)} with ${JSON.stringify(r.value)}: whether Architect compares texts case-sensitively is not documented`,
      );
    }
    return false;
  }
  const ln = nameOf(l);
  const rn = nameOf(r);
  if (ln !== undefined && rn !== undefined && l.type === r.type) {
    if (ln === rn) return true;
    throw new CannotEvaluate(
      `comparing ${display(l)} with ${display(r)} (objects of the org compare by identity, which a run does not know)`,
    );
  }
  throw new CannotEvaluate(`comparing ${display(l)} with ${display(r)}`);
}

function nameOf(v: RunValue): string | undefined {
  if (v.kind !== "set" || typeof v.value !== "object" || v.value === null || Array.isArray(v.value)) return undefined;
  const n = (v.value as Members).name;
  return n?.kind === "set" && typeof n.value === "string" ? n.value : undefined;
}
