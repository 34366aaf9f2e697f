// A commit's files as a checkout of it shows them: the one reader of a commit's tree (the review's
// base, a rollback's sources). Git keeps a link as a blob holding its target, so a reader of blobs
// alone sees `flows -> templates/portfolio/flows` as a file; here every link inside the repository
// is followed as a checkout follows it (a folder link, a file link, a link in a link's target), and
// one leading outside the repository, round in a loop or to nothing is named, never read: the same
// answers as the working tree's reader (project/files.ts), with names relative to the project.
import { spawnSync } from "node:child_process";
import { posix } from "node:path";
import type { FlowIssue } from "../model/errors";
import type { ReadResult } from "./files";

interface Entry {
  link: boolean;
  /** Git's object type: `tree` (a folder), `blob` (a file or a link), `commit` (a submodule: not read). */
  type: string;
  oid: string;
}

/** Git in the project's folder: its output as bytes; throws naming the command when it fails. */
function git(root: string, args: string[], input?: string): Buffer {
  const r = spawnSync("git", ["-C", root, ...args], { input, maxBuffer: 1024 * 1024 * 1024 });
  const why = (r.stderr?.toString() ?? r.error?.message ?? "").trim();
  if (r.error || r.status !== 0) throw new Error(`git ${args[0]} failed: ${why}`);
  return r.stdout;
}

/** A link that cannot be followed, and why (as the working tree's reader words it). */
class Unfollowed extends Error {}
const OUTSIDE = "is a link to a file outside the repository; only files inside the repository are read";

/** The files of one commit, read as a checkout of it would show them. */
export class CommitTree {
  private readonly entries = new Map<string, Entry>();
  private readonly children = new Map<string, string[]>();
  private readonly targets = new Map<string, string>();
  /** The project's folder in the repository ("" at its top, else ending in "/"). */
  private readonly prefix: string;

  constructor(
    private readonly root: string,
    readonly commit: string,
  ) {
    this.prefix = git(root, ["rev-parse", "--show-prefix"]).toString("utf8").trim();
    const listing = git(root, ["ls-tree", "-r", "-t", "-z", "--full-tree", commit]).toString("utf8");
    for (const line of listing.split("\0")) {
      const m = /^(\d+) (\w+) ([0-9a-f]+)\t(.*)$/s.exec(line);
      if (!m) continue;
      this.entries.set(m[4], { link: m[1] === "120000", type: m[2], oid: m[3] });
      const dir = posix.dirname(m[4]).replace(/^\.$/, "");
      if (!this.children.has(dir)) this.children.set(dir, []);
      this.children.get(dir)!.push(m[4]);
    }
    const links = [...this.entries].filter(([, e]) => e.link);
    const blobs = this.blobs(links.map(([, e]) => e.oid));
    links.forEach(([p], i) => {
      this.targets.set(p, blobs[i].toString("utf8"));
    });
  }

  /** The contents of `oids`, in order, in one read. */
  private blobs(oids: readonly string[]): Buffer[] {
    if (oids.length === 0) return [];
    const out = git(this.root, ["cat-file", "--batch"], `${oids.join("\n")}\n`);
    const blobs: Buffer[] = [];
    let at = 0;
    for (let i = 0; i < oids.length; i++) {
      const end = out.indexOf(10, at);
      const size = Number(/ (\d+)$/.exec(out.subarray(at, end).toString("utf8"))?.[1] ?? NaN);
      if (!Number.isInteger(size)) throw new Error(`git cat-file: no object ${oids[i]} at ${this.commit.slice(0, 12)}`);
      blobs.push(out.subarray(end + 1, end + 1 + size));
      at = end + 1 + size + 1;
    }
    return blobs;
  }

  /** The project's `rel` as the repository's path. */
  private inRepo(rel: string): string {
    return posix.join(this.prefix, rel).replace(/\/$/, "").replace(/^\.$/, "");
  }

  /** The real path of the repository's `p`, every link on the way followed; undefined when nothing is there. */
  private resolve(p: string): { path: string; entry?: Entry } | undefined {
    let parts = p.split("/").filter((s) => s !== "" && s !== ".");
    let at: string[] = [];
    for (let hops = 0, i = 0; i < parts.length; i++) {
      if (parts[i] === "..") {
        if (at.length === 0) throw new Unfollowed(OUTSIDE);
        at.pop();
        continue;
      }
      const here = [...at, parts[i]].join("/");
      const e = this.entries.get(here);
      if (e === undefined) return undefined;
      if (!e.link) {
        at.push(parts[i]);
        continue;
      }
      const target = this.targets.get(here)!;
      if (++hops > 40) throw new Unfollowed("is a link that leads round in a loop");
      if (target.startsWith("/")) throw new Unfollowed(OUTSIDE);
      parts = [...at, ...target.split("/"), ...parts.slice(i + 1)].filter((s) => s !== "" && s !== ".");
      at = [];
      i = -1;
    }
    const path = at.join("/");
    return path === "" ? { path } : { path, entry: this.entries.get(path)! };
  }

  /** Whether the commit has `rel` (a file or a folder, through links). */
  has(rel: string): boolean {
    try {
      return this.resolve(this.inRepo(rel)) !== undefined;
    } catch (e) {
      if (e instanceof Unfollowed) return true; // there, and refused where it is read
      throw e;
    }
  }

  /** The texts of project files `rels`, in order, in one read: each its text, or why it is not read. */
  read(rels: readonly string[]): ReadResult[] {
    const found = rels.map((rel): { oid: string } | { issue: FlowIssue } => {
      try {
        const r = this.resolve(this.inRepo(rel));
        const missing = `no such file at commit ${this.commit.slice(0, 12)}`;
        if (r?.entry?.type !== "blob") return { issue: { file: rel, message: missing } };
        return { oid: r.entry.oid };
      } catch (e) {
        if (e instanceof Unfollowed) return { issue: { file: rel, message: e.message } };
        throw e;
      }
    });
    const blobs = this.blobs(found.flatMap((f) => ("oid" in f ? [f.oid] : [])));
    let i = 0;
    const text = () => blobs[i++].toString("utf8");
    return found.map((f): ReadResult => ("oid" in f ? { ok: true, text: text() } : { ok: false, issue: f.issue }));
  }

  /**
   * Every file under the project's folder `dir` whose name `accept`s (relative to the project,
   * sorted), links followed, names starting with a dot skipped, and the links that could not be
   * followed, one issue each; a folder met twice (a link loop) is walked once. None: no such folder.
   */
  walk(dir: string, accept: (name: string) => boolean): { files: string[]; issues: FlowIssue[] } {
    const files: string[] = [];
    const issues: FlowIssue[] = [];
    const visited = new Set<string>();
    const visit = (real: string, shown: string) => {
      if (visited.has(real)) return;
      visited.add(real);
      for (const child of (this.children.get(real) ?? []).sort()) {
        const name = posix.basename(child);
        if (name.startsWith(".")) continue;
        const as = `${shown}/${name}`;
        try {
          const r = this.resolve(child);
          if (r === undefined) issues.push({ file: as, message: "is a link to nothing" });
          else if (r.entry?.type === "tree") visit(r.path, as);
          else if (r.entry?.type === "blob" && accept(name)) files.push(as);
        } catch (e) {
          if (!(e instanceof Unfollowed)) throw e;
          issues.push({ file: as, message: e.message });
        }
      }
    };
    try {
      const start = this.resolve(this.inRepo(dir));
      if (start !== undefined && (start.entry === undefined || start.entry.type === "tree")) visit(start.path, dir);
    } catch (e) {
      if (!(e instanceof Unfollowed)) throw e;
      issues.push({ file: dir, message: e.message });
    }
    return { files: files.sort(), issues };
  }
}
