import { startEmulator, EmulatorOptions, RunningEmulator } from "../../emulator/server";

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
  let body: unknown = undefined;
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

export async function withEmulator<T>(options: EmulatorOptions, fn: (emu: RunningEmulator) => Promise<T>): Promise<T> {
  const emu = await startEmulator(options);
  try {
    return await fn(emu);
  } finally {
    await emu.stop();
  }
}

/** A small valid inbound call flow written for the tests (not taken from the corpus). */
export function inboundCallYaml(name: string, extraActions = "", moduleName?: string): string {
  const moduleCall = moduleName
    ? `
          - callCommonModule:
              name: Lookup
              commonModule:
                ${moduleName}:
                  ver_latestPublished:
                    inputs:
                      Common.ani:
                        exp: Call.Ani
                    outputs:
                      Common.tier:
                        var: Task.tier`
    : "";
  return `inboundCall:
  name: ${name}
  division: Home
  startUpRef: "/inboundCall/menus/menu[Main_10]"
  defaultLanguage: en-us
  supportedLanguages:
    en-us:
      defaultLanguageSkill:
        noValue: true
  initialGreeting:
    tts: Welcome.
  menus:
    - menu:
        name: Main
        refId: Main_10
        audio:
          tts: Press 1 for sales.
        choices:
          - menuJumpToTask:
              name: Sales
              dtmf: digit_1
              targetTaskRef: "/inboundCall/tasks/task[Sales_11]"
  tasks:
    - task:
        name: Sales
        refId: Sales_11
        variables:
          - stringVariable:
              name: Task.tier
              initialValue:
                noValue: true
        actions:${moduleCall}${extraActions}
          - disconnect:
              name: Disconnect
`;
}

/** A small valid common module: input Common.ani, output Common.tier, callable from inbound calls. */
export function commonModuleYaml(name: string, compatible: string[] = ["inboundcall"], body = ""): string {
  return `commonModule:
  name: ${name}
  division: Home
  supportedLanguages:
    en-us:
      none: true
  variables:
    - stringVariable:
        name: Common.ani
        initialValue:
          noValue: true
        isInput: true
        isOutput: false
    - stringVariable:
        name: Common.tier
        initialValue:
          lit: standard
        isInput: false
        isOutput: true
  settingsCommonModule:
    compatibleFlowTypes:
${compatible.map((t) => `      - flowType: ${t}`).join("\n")}
  startUpTaskActions:${body}
    - endTask:
        name: Exit Common Module
`;
}
