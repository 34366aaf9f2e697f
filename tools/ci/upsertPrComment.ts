// Posts a pull-request comment of our own and keeps it up to date: the comment is found by a
// hidden HTML marker on its first line and its author (the workflow's token,
// github-actions[bot]), and edited in place. Other comments (pulumi/actions' preview comments,
// people's) are never touched, unlike `gh pr comment --edit-last`.
// Usage: ts-node tools/ci/upsertPrComment.ts --pr <n> --marker '<!-- name -->' --body-file <f> [--author <login>]
// Environment: GITHUB_TOKEN, GITHUB_REPOSITORY (<owner>/<repo>), GITHUB_API_URL (Actions sets them).
import { readFileSync } from "node:fs";
import { parseCommandLine, UsageError } from "../../project/cliArgs";

/** GitHub refuses comment bodies over 65536 characters. */
export const MAX_BODY = 60_000;

export interface UpsertOptions {
  api: string;
  token: string;
  repo: string;
  pr: number;
  marker: string;
  body: string;
  author: string;
}

interface Comment {
  id: number;
  body?: string;
  user?: { login?: string };
}

export function commentBody(marker: string, text: string): string {
  const body =
    text.length > MAX_BODY
      ? `${text.slice(0, MAX_BODY)}\n\n_(truncated: the full text is in the workflow run's job summary)_`
      : text;
  return `${marker}\n${body}`;
}

async function call(o: UpsertOptions, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${o.api}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${o.token}`,
      Accept: "application/vnd.github+json",
      "X-GitHub-Api-Version": "2022-11-28",
      ...(body ? { "Content-Type": "application/json" } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(30_000),
  });
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${await res.text()}`);
  return res.json();
}

/** Creates or updates the marked comment; returns what it did. */
export async function upsertComment(o: UpsertOptions): Promise<{ action: "created" | "updated"; id: number }> {
  if (!/^<!--[^"\\]*-->$/.test(o.marker)) throw new UsageError(`the marker must be an HTML comment, got: ${o.marker}`);
  const body = commentBody(o.marker, o.body);
  for (let page = 1; ; page++) {
    const comments = (await call(
      o,
      "GET",
      `/repos/${o.repo}/issues/${o.pr}/comments?per_page=100&page=${page}`,
    )) as Comment[];
    const mine = comments.find((c) => c.user?.login === o.author && (c.body ?? "").startsWith(o.marker));
    if (mine) {
      await call(o, "PATCH", `/repos/${o.repo}/issues/comments/${mine.id}`, { body });
      return { action: "updated", id: mine.id };
    }
    if (comments.length < 100) break;
  }
  const created = (await call(o, "POST", `/repos/${o.repo}/issues/${o.pr}/comments`, { body })) as Comment;
  return { action: "created", id: created.id };
}

export async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const args = parseCommandLine(argv, {
    pr: { type: "string" },
    marker: { type: "string" },
    "body-file": { type: "string" },
    author: { type: "string" },
  }).values;
  const missing = (["pr", "marker", "body-file"] as const).filter((k) => !args[k]);
  if (missing.length > 0) throw new UsageError(`missing ${missing.map((k) => `--${k}`).join(", ")}`);
  if (!env.GITHUB_TOKEN || !env.GITHUB_REPOSITORY)
    throw new UsageError("GITHUB_TOKEN and GITHUB_REPOSITORY must be set");
  const r = await upsertComment({
    api: env.GITHUB_API_URL ?? "https://api.github.com",
    token: env.GITHUB_TOKEN,
    repo: env.GITHUB_REPOSITORY,
    pr: Number(args.pr),
    marker: args.marker!,
    body: readFileSync(args["body-file"]!, "utf8"),
    author: args.author ?? "github-actions[bot]",
  });
  process.stdout.write(`${r.action} comment ${r.id} on #${args.pr}\n`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2), process.env).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`upsertPrComment: ${(e as Error).message}\n`);
      process.exit(e instanceof UsageError ? 2 : 1);
    },
  );
}
