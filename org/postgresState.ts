// The blobs of Pulumi's PostgreSQL backend (Pulumi 3.259 pkg/backend/diy/postgres), read with
// node-postgres (`pg`) instead of the CLI: one table (`pulumi_state`, or the URL's `table`), one row
// per blob, `key` the path a file backend would have under its folder (`.pulumi/stacks/<project>/
// <stack>.json`, `.pulumi/locks/...`) after the URL's path (the database's name: the DIY backend
// prefixes the keys of any bucket but a folder with it, backend/diy/backend.go), `data` JSON
// `{"data": <base64 of the bytes>}`.
// The CLI's driver (lib/pq) takes the URL's other parameters as settings of the session: one that
// could make it read elsewhere than `pg` does (search_path, options, several hosts...), or
// PGOPTIONS/PGSERVICE, leaves the read to the CLI (undefined). lib/pq requires TLS when no sslmode
// is given, and so does this read; sslmode has libpq's meaning (pg's `uselibpqcompat`).

/** Pulumi's DIY blobs by key (`.pulumi/...`): these rows, or a file backend's files (org/fileBackendState.ts). */
export interface StateStore {
  /** The blobs of `keys` that exist. */
  read(keys: readonly string[]): Promise<Map<string, Buffer>>;
  /** The keys under `prefix` (a folder's, ending in `/`). */
  list(prefix: string): Promise<string[]>;
  close(): Promise<void>;
}

/** The URL's parameters both drivers read alike. */
const ALIKE = new Set(["table", "sslmode", "sslrootcert", "sslcert", "sslkey", "connect_timeout", "application_name"]);
const TABLE = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/;

type Rows = { rows: Array<{ key: string; data?: string }> };
type PgClient = {
  connect(): Promise<unknown>;
  query(sql: string, values: unknown[]): Promise<Rows>;
  end(): Promise<void>;
  on(event: "error", f: () => void): void;
};
type Pg = { Client: new (config: { connectionString: string; connectionTimeoutMillis: number }) => PgClient };

/** The backend's blobs at `url`, or undefined when this read is not certainly the CLI's. */
export function postgresStore(url: string, env: NodeJS.ProcessEnv): StateStore | undefined {
  let u: URL;
  let path: string;
  try {
    u = new URL(url);
    path = decodeURIComponent(u.pathname).replace(/^\/+/, "");
  } catch {
    return undefined;
  }
  const table = u.searchParams.get("table") ?? "pulumi_state";
  const unlike = [...u.searchParams.keys()].some((k) => !ALIKE.has(k));
  if (unlike || u.hash !== "" || env.PGOPTIONS || env.PGSERVICE || !TABLE.test(table)) return undefined;
  u.searchParams.delete("table");
  const prefix = path === "" || path.endsWith("/") ? path : `${path}/`;
  if (!u.searchParams.has("sslmode")) u.searchParams.set("sslmode", env.PGSSLMODE || "require");
  u.searchParams.set("uselibpqcompat", "true");
  let client: Promise<PgClient> | undefined;
  const open = () =>
    (client ??= (async () => {
      // Loaded only for a postgres:// backend (a runtime dependency; its types are these few lines).
      const { Client } = require("pg") as Pg;
      const c = new Client({ connectionString: u.toString(), connectionTimeoutMillis: 10_000 });
      c.on("error", () => undefined); // a connection lost after the reads: nothing waits on it
      await c.connect();
      return c;
    })());
  const query = async (sql: string, values: unknown[]) => (await (await open()).query(sql, values)).rows;
  const unprefixed = (key: string) => key.slice(prefix.length);
  return {
    read: async (keys) => {
      const sql = `SELECT key, data->>'data' AS data FROM ${table} WHERE key = ANY($1)`;
      const rows = await query(sql, [keys.map((k) => prefix + k)]);
      return new Map(rows.map((r) => [unprefixed(r.key), Buffer.from(r.data ?? "", "base64")]));
    },
    list: async (under) => {
      const rows = await query(`SELECT key FROM ${table} WHERE left(key, length($1)) = $1`, [prefix + under]);
      return rows.map((r) => unprefixed(r.key));
    },
    close: async () => {
      if (client) await (await client).end();
    },
  };
}
