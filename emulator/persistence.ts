import * as fs from "node:fs";
import * as path from "node:path";
import { type PersistedState, PersistedStateSchema, emptyState } from "./store";

let tempCounter = 0;

/** The temporary file name of a write by process `pid`: `.<name>.<pid>.<n>.tmp` next to the file. */
function tempName(file: string, pid: number, n: number): string {
  return path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${pid}.${n}.tmp`);
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Remove the temporary files that writes killed mid-way left next to `file` (a SIGKILL between
 * writing the temp file and renaming it). Only files of this data file whose writer process is
 * gone are removed. Returns the names removed.
 */
export function removeStaleTempFiles(file: string): string[] {
  const dir = path.dirname(path.resolve(file));
  const prefix = `.${path.basename(file)}.`;
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const m = /^(\d+)\.(\d+)\.tmp$/.exec(name.slice(prefix.length));
    if (!m || processAlive(Number(m[1]))) continue;
    try {
      fs.rmSync(path.join(dir, name), { force: true });
      removed.push(name);
    } catch {
      // A file we cannot remove is left alone; it never shadows the data file.
    }
  }
  return removed.sort();
}

/**
 * Write `data` to `file` atomically: write a temporary file in the same directory, fsync it,
 * rename it over the target, then fsync the directory. A crash at any point leaves either the
 * old or the new complete file (plus at worst a stray `*.tmp` file, removed at the next start).
 */
export function writeFileAtomic(file: string, data: string): void {
  const dir = path.dirname(path.resolve(file));
  fs.mkdirSync(dir, { recursive: true });
  tempCounter += 1;
  const temp = tempName(file, process.pid, tempCounter);
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
