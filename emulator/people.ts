// The people and programs that act in the emulated org: OAuth clients (the stack's own, and others
// such as an ops team's script) and users who sign in to Architect. A token the emulator issues
// carries who it was issued to, so every write (a publish, a checkout, a saved draft, a rename, a
// deletion) is recorded with its author, as Genesys records `createdBy`/`createdByClient`,
// `lockedUser`/`lockedClient` and `publishedBy`. Users sign in with the OAuth password grant
// (grant_type=password, through one of the clients), as a script acting for a person does.
import { z } from "zod";
import { safeEqual, type Actor } from "./auth";
import { stableId } from "./ids";

export type { Actor };

const text = z.string().trim().min(1).max(200);

export const PeopleConfigSchema = z
  .object({
    /** OAuth clients besides the stack's own (client-credentials and password grants). */
    clients: z.array(z.object({ id: text, secret: text, name: text }).strict()).default([]),
    /** Users who can sign in with the password grant (through any client). */
    users: z
      .array(
        z
          .object({
            /** The user's id (default: derived from the username). */
            id: text.optional(),
            name: text,
            username: text,
            password: text,
          })
          .strict(),
      )
      .default([]),
  })
  .strict();
export type PeopleConfig = z.output<typeof PeopleConfigSchema>;
export type PeopleConfigInput = z.input<typeof PeopleConfigSchema>;

/** The name the stack's own client shows under (lockedClient, createdByClient). */
export const STACK_CLIENT_NAME = "Emulator API Client";

/** The org's clients and users; the stack's own client is always there and cannot be replaced. */
export class People {
  private config: PeopleConfig;

  constructor(
    private readonly stackClient: { id: string; secret: string },
    initial: PeopleConfigInput = {},
  ) {
    this.config = parsePeople(initial, stackClient.id);
  }

  /** Replace the clients and users (tokens already issued keep acting as who they were issued to). */
  set(input: PeopleConfigInput): PeopleConfig {
    this.config = parsePeople(input, this.stackClient.id);
    return this.current;
  }

  get current(): PeopleConfig {
    return structuredClone(this.config);
  }

  /** The actor of the fixed access token: the stack's own client. */
  stackActor(): Actor {
    return { client: { id: this.stackClient.id, name: STACK_CLIENT_NAME } };
  }

  /** The client these credentials belong to, or undefined. */
  client(id: string, secret: string): Actor["client"] | undefined {
    if (safeEqual(id, this.stackClient.id) && safeEqual(secret, this.stackClient.secret))
      return this.stackActor().client;
    const found = this.config.clients.find((c) => safeEqual(id, c.id) && safeEqual(secret, c.secret));
    return found ? { id: found.id, name: found.name } : undefined;
  }

  /** The user these credentials belong to, or undefined. */
  user(username: string, password: string): Actor["user"] | undefined {
    const found = this.config.users.find((u) => safeEqual(username, u.username) && safeEqual(password, u.password));
    return found ? { id: found.id ?? userId(found.username), name: found.name } : undefined;
  }
}

function userId(username: string): string {
  return stableId("user", username);
}

function parsePeople(input: unknown, stackClientId: string): PeopleConfig {
  const config = PeopleConfigSchema.parse(input ?? {});
  const ids = new Set<string>([stackClientId]);
  for (const c of config.clients) {
    if (ids.has(c.id))
      throw new z.ZodError([
        {
          code: "custom",
          path: ["clients"],
          message: `client id ${c.id} is given twice (or is the stack's own client)`,
        },
      ]);
    ids.add(c.id);
  }
  const names = new Set<string>();
  for (const u of config.users) {
    if (names.has(u.username))
      throw new z.ZodError([{ code: "custom", path: ["users"], message: `username ${u.username} is given twice` }]);
    names.add(u.username);
  }
  return config;
}

/** Two actors are the same caller: the same client, and the same user or none. */
export function sameActor(a: Actor, b: Actor): boolean {
  return a.client.id === b.client.id && a.user?.id === b.user?.id;
}

/** "Jane Doe (user <id>) via Architect (client <id>)" for messages. */
export function describeActor(a: Actor): string {
  const client = `client "${a.client.name}" (${a.client.id})`;
  return a.user ? `${a.user.name} (user id ${a.user.id}) through ${client}` : client;
}
