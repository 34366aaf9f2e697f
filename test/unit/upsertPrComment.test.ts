// tools/ci/upsertPrComment.ts against a GitHub REST API stand-in on 127.0.0.1: our marked comment
// is found (on any page) and edited in place; Pulumi's preview comment and people's comments are
// never touched, even when they quote the marker; without one, a comment is created.
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { commentBody, MAX_BODY, upsertComment } from "../../tools/ci/upsertPrComment";

const MARKER = "<!-- genesys-flows:flow-diff -->";
const BOT = "github-actions[bot]";

interface Comment {
  id: number;
  body: string;
  user: { login: string };
}

let server: http.Server;
let api: string;
let comments: Comment[];
let requests: string[];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let data = "";
    req.on("data", (d: Buffer) => (data += d.toString()));
    req.on("end", () => {
      requests.push(`${req.method} ${req.url}`);
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { "Content-Type": "application/json" });
        res.end(JSON.stringify(body));
      };
      if (req.headers.authorization !== "Bearer t0ken") return send(401, { message: "Bad credentials" });
      const url = new URL(req.url ?? "/", "http://x");
      let m = /^\/repos\/o\/r\/issues\/7\/comments$/.exec(url.pathname);
      if (m && req.method === "GET") {
        const per = Number(url.searchParams.get("per_page"));
        const page = Number(url.searchParams.get("page"));
        return send(200, comments.slice((page - 1) * per, page * per));
      }
      if (m && req.method === "POST") {
        const c = {
          id: 1000 + comments.length,
          body: (JSON.parse(data) as { body: string }).body,
          user: { login: BOT },
        };
        comments.push(c);
        return send(201, c);
      }
      m = /^\/repos\/o\/r\/issues\/comments\/(\d+)$/.exec(url.pathname);
      if (m && req.method === "PATCH") {
        const c = comments.find((x) => x.id === Number(m![1]));
        if (!c) return send(404, { message: "Not Found" });
        c.body = (JSON.parse(data) as { body: string }).body;
        return send(200, c);
      }
      send(404, { message: "Not Found" });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  requests = [];
  comments = [];
});

const options = (body: string) => ({ api, token: "t0ken", repo: "o/r", pr: 7, marker: MARKER, body, author: BOT });
const filler = (n: number, login = "someone"): Comment[] =>
  Array.from({ length: n }, (_, i) => ({ id: i + 1, body: `comment ${i + 1}`, user: { login } }));

it("no marked comment yet: creates one that starts with the marker", async () => {
  comments = [{ id: 1, body: "#### :tropical_drink: `preview` on dev\n...", user: { login: BOT } }];
  expect(await upsertComment(options("diff v1"))).toEqual({ action: "created", id: 1001 });
  expect(comments.map((c) => c.body)).toEqual(["#### :tropical_drink: `preview` on dev\n...", `${MARKER}\ndiff v1`]);
});

it("updates our comment in place, found on a later page; Pulumi's comment (same bot) and a person quoting the marker stay as they were", async () => {
  comments = [
    ...filler(100),
    { id: 200, body: "Pulumi preview comment", user: { login: BOT } },
    { id: 201, body: `${MARKER}\nI quote the marker`, user: { login: "mallory" } },
    { id: 202, body: `${MARKER}\ndiff v1`, user: { login: BOT } },
  ];
  expect(await upsertComment(options("diff v2"))).toEqual({ action: "updated", id: 202 });
  expect(comments.find((c) => c.id === 202)?.body).toBe(`${MARKER}\ndiff v2`);
  expect(comments.find((c) => c.id === 200)?.body).toBe("Pulumi preview comment");
  expect(comments.find((c) => c.id === 201)?.body).toBe(`${MARKER}\nI quote the marker`);
  expect(requests).toEqual([
    "GET /repos/o/r/issues/7/comments?per_page=100&page=1",
    "GET /repos/o/r/issues/7/comments?per_page=100&page=2",
    "PATCH /repos/o/r/issues/comments/202",
  ]);
});

it("a second run updates the comment the first one created (never a second comment)", async () => {
  await upsertComment(options("one"));
  await upsertComment(options("two"));
  expect(comments).toHaveLength(1);
  expect(comments[0].body).toBe(`${MARKER}\ntwo`);
});

it("a marker per stack: each stack's review edits its own comment, the stack-less comment and the other stack's untouched", async () => {
  const dev = "<!-- genesys-flows:flow-diff:dev -->";
  const prod = "<!-- genesys-flows:flow-diff:prod -->";
  comments = [{ id: 1, body: `${MARKER}\nold stack-less diff`, user: { login: BOT } }];
  await upsertComment({ ...options("dev v1"), marker: dev });
  await upsertComment({ ...options("prod v1"), marker: prod });
  await upsertComment({ ...options("prod v2"), marker: prod });
  expect(comments.map((c) => c.body)).toEqual([`${MARKER}\nold stack-less diff`, `${dev}\ndev v1`, `${prod}\nprod v2`]);
});

it("refuses a marker that is not an HTML comment, and reports API errors", async () => {
  await expect(upsertComment({ ...options("x"), marker: "flow-diff" })).rejects.toThrow(
    "the marker must be an HTML comment",
  );
  await expect(upsertComment({ ...options("x"), token: "wrong" })).rejects.toThrow("HTTP 401");
});

it("bodies over GitHub's limit are cut with a note", () => {
  const body = commentBody(MARKER, "x".repeat(MAX_BODY + 10));
  expect(body.length).toBeLessThan(65_536);
  expect(body).toContain("truncated");
});
