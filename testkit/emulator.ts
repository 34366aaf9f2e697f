// The tests' one way to publish Archy text into the emulator, as the provider does (create a job,
// PUT the text to the presigned URL, poll until final), the JSON call it is made of, signing in as
// another client or a person, and an emulator for the length of a test. Shared by
// the emulator and e2e tiers; the emulator's own protocol tests (providerSequence, faults,
// badRequests, hardening) drive the steps one by one on purpose.
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../emulator/server";

export interface JsonResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

/** Everything the emulator answers is JSON (except 204); parse it and fail loudly otherwise. */
export async function call<T = Record<string, unknown>>(
  url: string,
  init: RequestInit & { token?: string } = {},
): Promise<JsonResponse<T>> {
  const headers = new Headers(init.headers);
  if (init.token) headers.set("authorization", `Bearer ${init.token}`);
  const res = await fetch(url, { ...init, headers });
  const text = await res.text();
  let body: unknown;
  if (text !== "") {
    try {
      body = JSON.parse(text);
    } catch {
      throw new Error(`non-JSON answer ${res.status} from ${url}: ${text.slice(0, 200)}`);
    }
  }
  return { status: res.status, headers: res.headers, body: body as T };
}

export interface JobState {
  id: string;
  status: string;
  flow?: { id: string; name?: string };
  messages: Array<{ dateTime: string; type: string; text: string }>;
}

/** The provider's publish sequence: create job, PUT the text to the presigned URL without auth, poll. */
export async function publish(emu: RunningEmulator, text: string, token = emu.accessToken): Promise<JobState> {
  const created = await call<{ id: string; presignedUrl: string; headers: Record<string, string> }>(
    `${emu.url}/api/v2/flows/jobs`,
    { method: "POST", token },
  );
  if (created.status !== 200) throw new Error(`job create answered ${created.status}: ${JSON.stringify(created.body)}`);
  const put = await fetch(created.body.presignedUrl, { method: "PUT", headers: created.body.headers, body: text });
  if (put.status !== 200) throw new Error(`upload answered ${put.status}: ${await put.text()}`);
  await put.arrayBuffer().catch(() => undefined);
  for (let i = 0; i < 200; i++) {
    const polled = await call<JobState>(`${emu.url}/api/v2/flows/jobs/${created.body.id}?expand=messages`, { token });
    if (polled.status !== 200) throw new Error(`poll answered ${polled.status}`);
    if (polled.body.status === "Success" || polled.body.status === "Failure") return polled.body;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("job never completed");
}

/** publish(), failing with the job's messages unless it succeeded; the job with the flow's id. */
export async function publishOk(
  emu: RunningEmulator,
  text: string,
): Promise<JobState & { flow: { id: string; name?: string } }> {
  const job = await publish(emu, text);
  if (job.status !== "Success" || job.flow === undefined)
    throw new Error(`publish failed: ${job.messages.map((m) => m.text).join("\n")}`);
  return job as JobState & { flow: { id: string; name?: string } };
}

/**
 * A token acting as another client of the org, or as a person signing in through it (the OAuth
 * password grant): the clients and users come from the emulator's `people` option or
 * PUT /__emulator/people.
 */
export async function signIn(
  emu: RunningEmulator,
  as: { clientId: string; clientSecret: string; username?: string; password?: string },
): Promise<string> {
  const form = new URLSearchParams(
    as.username !== undefined
      ? { grant_type: "password", username: as.username, password: as.password ?? "" }
      : { grant_type: "client_credentials" },
  );
  const res = await call<{ access_token?: string }>(`${emu.url}/oauth/token`, {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from(`${as.clientId}:${as.clientSecret}`).toString("base64")}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: form.toString(),
  });
  if (res.status !== 200 || !res.body.access_token)
    throw new Error(`sign-in as ${as.username ?? as.clientId} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.access_token;
}

/** Runs `fn` with an emulator started with `options`, stopped after. */
export async function withEmulator<T>(options: EmulatorOptions, fn: (emu: RunningEmulator) => Promise<T>): Promise<T> {
  const emu = await startEmulator(options);
  try {
    return await fn(emu);
  } finally {
    await emu.stop();
  }
}
