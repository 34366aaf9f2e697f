// A data action (genesyscloud_integration_action): what a flow's Call Data Action runs, named by
// its category and name. An org object kind (../kind.ts `object`, docs/objects.md) declared under
// objects/data-actions/: its name, the integration it belongs to (the org's, by name: never
// created, found by the provider's genesyscloud_integration data source), its category, its input
// and output contracts (JSON schemas of type object, kept as YAML), the request it makes and how
// its response is translated, and whether it is secure. Genesys replaces an action whose
// integration, secure flag or contracts change (ForceNew in the provider's schema,
// genesyscloud/integration_action/resource_genesyscloud_integration_action_schema.go, v1.84.2);
// its name, category and configuration change in place. Function data actions (a category
// naming one, with a zip of code) are not declared here. Watched for people's changes: the
// category (the org's list of actions answers no contract).
import { z } from "zod";
import { namedFields } from "../fields";
import { when, type Json, defineRoutingKind } from "../kind";
import { ORG_OBJECT_KINDS, routingOrgRow } from "../../../archy/orgObjectKinds";

const JSON_TYPES = ["object", "array", "string", "integer", "number", "boolean", "null"] as const;

/** A JSON schema as a data action's contract holds one: typed properties and items; other keywords kept as written. */
interface JsonSchema {
  type?: (typeof JSON_TYPES)[number];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  required?: string[];
  [keyword: string]: unknown;
}

const jsonSchema: z.ZodType<JsonSchema> = z
  .looseObject({
    type: z.enum(JSON_TYPES).optional(),
    get properties() {
      return z.record(z.string().min(1), jsonSchema).optional();
    },
    get items() {
      return jsonSchema.optional();
    },
    required: z.array(z.string().min(1)).optional(),
  })
  .superRefine((s, ctx) => {
    for (const [i, name] of (s.required ?? []).entries())
      if (!(name in (s.properties ?? {})))
        ctx.addIssue({ code: "custom", path: ["required", i], message: `"${name}" is not one of its properties` });
  });

/** A contract: a JSON schema of type object (what Genesys and Architect read as the action's inputs or outputs). */
const contract = jsonSchema.refine((s) => s.type === "object", {
  message: "a contract is a JSON schema of `type: object` (its properties are the inputs or outputs)",
});

const text = z.record(z.string().min(1), z.string());

export const dataActionFile = z
  .object({
    kind: z.literal("dataAction"),
    name: namedFields.name,
    /** The org's integration the action belongs to, by name (`{{placeholders}}` from the stack's substitutions). */
    integration: z.string().min(1).max(200),
    /** What a flow's Call Data Action names it by with its name (`{{placeholders}}` as the integration's). */
    category: z.string().min(1).max(256),
    /** It takes sensitive data (Genesys then keeps its inputs out of logs); a change is a new action. */
    secure: z.boolean().default(false),
    /** 1 to 60 seconds; absent: Genesys's default. */
    timeoutSeconds: z.number().int().min(1).max(60).optional(),
    contract: z.object({ input: contract, output: contract }).strict(),
    /** The request to the service: its method, URL template, body template (Velocity) and headers. */
    request: z
      .object({
        method: z.enum(["GET", "PUT", "POST", "PATCH", "DELETE"]),
        url: z.string().min(1).optional(),
        template: z.string().optional(),
        headers: text.optional(),
      })
      .strict()
      .optional(),
    /** How the service's answer becomes the outputs: JSON paths by output, their defaults, the success template. */
    response: z
      .object({
        translationMap: text.optional(),
        translationMapDefaults: text.optional(),
        successTemplate: z.string().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type DataActionFile = z.infer<typeof dataActionFile>;

/** The provider's arguments besides name and the integration's id. */
function actionArgs(v: DataActionFile): Json {
  const { request: rq, response: rs } = v;
  return {
    category: v.category,
    secure: v.secure,
    ...when("configTimeoutSeconds", v.timeoutSeconds),
    contractInput: JSON.stringify(v.contract.input),
    contractOutput: JSON.stringify(v.contract.output),
    ...when(
      "configRequest",
      rq && {
        requestType: rq.method,
        ...when("requestUrlTemplate", rq.url),
        ...when("requestTemplate", rq.template),
        ...when("headers", rq.headers),
      },
    ),
    ...when(
      "configResponse",
      rs && {
        ...when("translationMap", rs.translationMap),
        ...when("translationMapDefaults", rs.translationMapDefaults),
        ...when("successTemplate", rs.successTemplate),
      },
    ),
  };
}

export const dataAction = defineRoutingKind<DataActionFile>({
  schema: dataActionFile,
  label: ORG_OBJECT_KINDS.dataAction.label,
  folder: "data-actions",
  stackValues: ["integration", "category", "timeoutSeconds", "request", "response"],
  object: {
    substituted: ["integration", "category"],
    referencedAs: (v, name) => `${v.category.trim()}/${name.trim()}`,
  },
  details(b, a, field) {
    const json = (v: unknown) => (v === undefined ? undefined : JSON.stringify(v));
    field("integration", b.integration, a.integration);
    field("category", b.category, a.category);
    field("secure", String(b.secure), String(a.secure));
    field("input contract", json(b.contract.input), json(a.contract.input));
    field("output contract", json(b.contract.output), json(a.contract.output));
    field("request", json(b.request), json(a.request));
    field("response", json(b.response), json(a.response));
  },
  provider: {
    resource: "IntegrationAction",
    args: (v, refs) => ({ integrationId: refs.integration?.(v.integration) ?? v.integration, ...actionArgs(v) }),
    replaceOn: ["integrationId", "secure", "contractInput", "contractOutput"],
  },
  org: {
    ...routingOrgRow("dataAction"),
    fields: { category: "category" },
    observe: (e) => ({ category: e.category }),
    detail: { query: { expand: "contract", includeConfig: "true" }, names: { integrationId: "/api/v2/integrations" } },
    file: (e) => {
      const contract = (e.contract ?? {}) as { input?: Json; output?: Json };
      const config = (e.config ?? {}) as { timeoutSeconds?: number; request?: Json; response?: Json };
      const rq = config.request;
      const rs = config.response;
      return {
        integration: (e.names as Json | undefined)?.integrationId,
        category: e.category,
        secure: e.secure,
        ...when("timeoutSeconds", config.timeoutSeconds || undefined),
        contract: { input: contract.input?.inputSchema, output: contract.output?.successSchema },
        ...when(
          "request",
          rq && {
            method: rq.requestType,
            ...when("url", rq.requestUrlTemplate),
            ...when("template", rq.requestTemplate),
            ...when("headers", rq.headers),
          },
        ),
        ...when(
          "response",
          rs && {
            ...when("translationMap", rs.translationMap),
            ...when("translationMapDefaults", rs.translationMapDefaults),
            ...when("successTemplate", rs.successTemplate),
          },
        ),
      };
    },
  },
});
