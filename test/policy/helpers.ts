// Shared by the policy tests: the fixture projects under test/policy/fixtures (each a project root
// with flows/, Pulumi.<stack>.yaml and policies/config/<stack>.json; never the repository's own),
// golden files, copies of a project in a temp dir, and the official SARIF 2.1.0 schema.
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { tempProject } from "../../testkit/tempProject";

export const FIXTURES = path.join(__dirname, "fixtures");
export const GOLDEN = path.join(__dirname, "golden");

/** The root of fixture project `name` (clean, violations, advisory). */
export function project(name: string): string {
  return path.join(FIXTURES, name);
}

/** A copy of fixture project `name` in a fresh temp dir, with `files` (path -> text) written over it. */
export function copyProject(name: string, files: Record<string, string> = {}): string {
  return tempProject(files, { from: project(name), prefix: `lint-${name}-` });
}

/**
 * Compares `actual` with golden/<name>. UPDATE_GOLDEN=1 rewrites it (review the diff before
 * committing: goldens are assertions); a missing golden file is a failure.
 */
export function golden(name: string, actual: string): void {
  const file = path.join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === "1") writeFileSync(file, actual);
  if (!existsSync(file)) throw new Error(`missing golden file ${file}; run with UPDATE_GOLDEN=1 and review it`);
  expect(actual).toBe(readFileSync(file, "utf8"));
}

/**
 * A validator for the official SARIF 2.1.0 schema (sarif-2.1.0-rtm.5.json) as shipped by
 * @microsoft/jest-sarif. It is draft-04: Ajv 8 reads it once the draft-04 `id` is renamed `$id`
 * (it uses no other draft-04-only keyword). Its `language` pattern has a stray `]` that is only
 * valid in a non-unicode RegExp, hence `unicodeRegExp: false`.
 */
export function sarifValidator() {
  const schemaPath = require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");
  const { $schema: draft, id, ...rest } = JSON.parse(readFileSync(schemaPath, "utf8"));
  expect(draft).toBe("http://json-schema.org/draft-04/schema#");
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile({ $id: id, ...rest });
}
