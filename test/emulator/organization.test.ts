// GET /organizations/me: the fixed local org by default; another id and name when the emulator is
// started with them, so two emulators stand for two orgs (a stack pointed at the wrong org).
import { startEmulator, type RunningEmulator } from "../../emulator/server";

const running: RunningEmulator[] = [];
afterAll(async () => {
  for (const e of running) await e.stop();
});

async function me(
  options: Parameters<typeof startEmulator>[0],
): Promise<{ id: string; name: string; defaultCountryCode: string }> {
  const emu = await startEmulator({ port: 0, ...options });
  running.push(emu);
  const res = await fetch(`http://127.0.0.1:${emu.port}/api/v2/organizations/me`, {
    headers: { authorization: `Bearer ${emu.accessToken}` },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { id: string; name: string; defaultCountryCode: string };
}

it("answers the fixed org, or the id and name it was started with (the rest unchanged)", async () => {
  const fixed = await me({});
  expect(fixed.name).toBe("Genesys Flows Local Emulator");
  const other = await me({ organization: { id: "0a0a0a0a-0000-4000-8000-000000000002", name: "Prod Org" } });
  expect(other).toMatchObject({
    id: "0a0a0a0a-0000-4000-8000-000000000002",
    name: "Prod Org",
    defaultCountryCode: fixed.defaultCountryCode,
  });
  expect(other.id).not.toBe(fixed.id);
});
