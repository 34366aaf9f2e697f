import * as fs from "node:fs";
import * as path from "node:path";
import { PersistedState, PersistedStateSchema, emptyState } from "./store";

let tempCounter = 0;

/**
 * Write `data` to `file` atomically: write a temporary file in the same directory, fsync it,
 * rename it over the target, then fsync the directory. A crash at any point leaves either the
 * old or the new complete file (plus at worst a stray `*.tmp` file, ignored on load).
 */
export function writeFileAtomic(file: string, data: string): void {
  const dir = path.dirname(path.resolve(file));
  fs.mkdirSync(dir, { recursive: true });
  tempCounter += 1;
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${tempCounter}.tmp`);
  const fd = fs.openSync(temp, "w", 0o600);
  try {
    fs.writeSync(fd, data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.renameSync(temp, file);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
  syncDirectory(dir);
}

function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, "r");
    fs.fsyncSync(fd);
  } catch {
    // Some platforms (Windows) cannot fsync a directory; the rename is still atomic there.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

export class CorruptDataFileError extends Error {
  constructor(file: string, reason: string) {
    super(`emulator data file ${file} is corrupt: ${reason}. Move it away or delete it to start with an empty org.`);
    this.name = "CorruptDataFileError";
  }
}

/** Load the org state; a missing file means an empty org; a corrupt one throws CorruptDataFileError. */
export function loadState(file: string): PersistedState {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return emptyState();
    throw err;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new CorruptDataFileError(file, `not valid JSON (${(err as Error).message})`);
  }
  const parsed = PersistedStateSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new CorruptDataFileError(file, `unexpected content at ${first.path.join(".") || "<root>"}: ${first.message}`);
  }
  return parsed.data;
}

/** Serialise the state deterministically (stable key order comes from the store's snapshot). */
export function saveState(file: string, state: PersistedState): void {
  writeFileAtomic(file, `${JSON.stringify(state, null, 2)}\n`);
}
