// The org's divisions (Genesys's access-control partitions): the Home division every org has, those
// the org file names, and those created through POST /api/v2/authorization/divisions. Routing
// objects keep the division they are written with (a division id the org lacks is refused, as
// Genesys does), and flows the one their Archy file names. Persisted with the flows (store.ts).
import { z } from "zod";
import { badRequest, conflict, notFound } from "./http";
import { stableId } from "./ids";
import { Records } from "./records";

export const DivisionRecordSchema = z.object({ id: z.string(), name: z.string(), description: z.string() });
export type DivisionRecord = z.infer<typeof DivisionRecordSchema>;

export const HOME_DIVISION_NAME = "Home";

/** A division's id: derived from the name it was created with, so ids stay stable across restarts. */
export function divisionId(name: string): string {
  return stableId("division", name);
}

/** A division as the API refers to it from an object ({id, name, selfUri}). */
export function divisionRef(d: { id: string; name: string }): { id: string; name: string; selfUri: string } {
  return { id: d.id, name: d.name, selfUri: `/api/v2/authorization/divisions/${d.id}` };
}

/** The Home division as the API names it (the org file's objects and DID pools are in it). */
export const HOME_DIVISION = divisionRef({ id: divisionId(HOME_DIVISION_NAME), name: HOME_DIVISION_NAME });

/** The divisions created through the API (the records), over the org file's. */
export class Divisions extends Records<DivisionRecord> {
  private fromFile: DivisionRecord[] = [];

  /** The org file's divisions (read-only). */
  setFileDivisions(names: readonly string[]): void {
    this.fromFile = names
      .filter((n) => n.toLowerCase() !== HOME_DIVISION_NAME.toLowerCase())
      .map((name) => ({ id: divisionId(name), name, description: "" }));
  }

  /** The Home division (its name and description may be changed, as the provider's `home` division does). */
  home(): DivisionRecord {
    const id = divisionId(HOME_DIVISION_NAME);
    return this.records.get(id) ?? { id, name: HOME_DIVISION_NAME, description: "The home division" };
  }

  /** Home first, then by name (case-insensitive), then id. */
  list(): DivisionRecord[] {
    const home = this.home();
    const others = [...this.fromFile, ...[...this.records.values()].filter((d) => d.id !== home.id)].sort(
      (a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()) || a.id.localeCompare(b.id),
    );
    return [this.home(), ...others];
  }

  get(id: string): DivisionRecord | undefined {
    return this.list().find((d) => d.id === id);
  }

  byName(name: string): DivisionRecord | undefined {
    return this.list().find((d) => d.name.toLowerCase() === name.toLowerCase());
  }

  /** The division a body's `division: {id}` names (Home when absent); 400 for a division the org lacks. */
  resolve(ref: unknown, field = "division"): DivisionRecord {
    if (ref === undefined || ref === null) return this.home();
    const id =
      typeof ref === "object" && typeof (ref as { id?: unknown }).id === "string"
        ? (ref as { id: string }).id
        : undefined;
    if (id === undefined) throw badRequest(`Field '${field}' must be {"id": "<division id>"}`);
    const found = this.get(id);
    if (!found) throw badRequest(`Field '${field}': division ${id} does not exist in this org`);
    return found;
  }

  create(body: Record<string, unknown>): DivisionRecord {
    const name = typeof body.name === "string" ? body.name.trim() : "";
    if (name === "") throw badRequest("Field 'name' is required and cannot be empty.");
    if (this.byName(name)) throw conflict(`A division named "${name}" already exists`);
    const record = {
      id: divisionId(name),
      name,
      description: typeof body.description === "string" ? body.description : "",
    };
    this.records.set(record.id, record);
    this.onChange();
    return record;
  }

  update(id: string, body: Record<string, unknown>): DivisionRecord {
    const home = this.home();
    const record = this.records.get(id) ?? (id === home.id ? { ...home } : undefined);
    if (!record)
      throw this.get(id)
        ? conflict(`Division ${id} comes from the emulator's org file and is read-only`)
        : notFound(`Division ${id} not found`);
    const name = typeof body.name === "string" ? body.name.trim() : "";
    if (name === "") throw badRequest("Field 'name' is required and cannot be empty.");
    const other = this.byName(name);
    if (other && other.id !== id) throw conflict(`A division named "${name}" already exists`);
    record.name = name;
    if (typeof body.description === "string") record.description = body.description;
    this.records.set(record.id, record);
    this.onChange();
    return record;
  }

  /**
   * Delete a created division; `inUse` says whether objects are still in it: Genesys refuses that
   * with a 400 (the provider retries a division delete on 400 while the objects detach).
   */
  delete(id: string, inUse: boolean): void {
    if (!this.records.has(id) || id === this.home().id)
      throw this.get(id)
        ? conflict(`Division ${id} cannot be deleted (the Home division or the emulator's org file)`)
        : notFound(`Division ${id} not found`);
    if (inUse) throw badRequest(`Division ${id} still holds objects; move or delete them first`);
    this.records.delete(id);
    this.onChange();
  }
}

/** AuthzDivision as the API answers it. */
export function divisionJson(
  d: DivisionRecord,
  home: DivisionRecord,
  objectCounts?: Record<string, number>,
): Record<string, unknown> {
  return {
    id: d.id,
    name: d.name,
    description: d.description,
    homeDivision: d.id === home.id,
    ...(objectCounts ? { objectCounts } : {}),
    selfUri: `/api/v2/authorization/divisions/${d.id}`,
  };
}
