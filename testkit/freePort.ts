// A TCP port free on 127.0.0.1 now: for a server that must be told its port before it starts (the
// PostgreSQL of testkit/postgres.ts, the shipped local stack's emulator in the benchmark).
import * as net from "node:net";

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
