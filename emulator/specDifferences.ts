// Where the emulator differs from Genesys's published Platform API specification on purpose: the
// one list, read by the conformance tier (test/conformance), which fails on any other difference
// and on an entry no answer shows any more. Each entry says why the difference is kept.
// A `route` entry is a path the emulator serves that is not a spec operation; a `response` entry
// matches the conformance tier's message for an answer ("<METHOD> <template> <status>: <where> <what>");
// a `parameter` entry a query parameter the spec documents for a route that the emulator does not
// apply ("<METHOD> <template> ?<parameter>"; test/conformance/listParameters.test.ts); a `request`
// entry a request body the spec calls invalid that the emulator accepts ("<METHOD> <template>
// required|type|value <field>"; test/conformance/requestBodies.test.ts, and the official provider's
// bodies in test/provider); a `behaviour` entry something the spec allows that the emulator does
// otherwise, seen over more than one answer ("<METHOD> <template> <what>";
// test/conformance/behaviours.test.ts).

export interface SpecDifference {
  kind: "route" | "response" | "parameter" | "request" | "behaviour";
  /** What the difference matches: a request path (route), a validation message (response) or "GET <template> ?<name>" (parameter). */
  matches: RegExp;
  why: string;
  /** A request difference the official provider's bodies show (the provider tier checks them), not the request-body probes. */
  byProvider?: true;
}

export const SPEC_DIFFERENCES: readonly SpecDifference[] = [
  {
    kind: "behaviour",
    matches:
      /^GET \/api\/v2\/architect\/(schedules\/\{scheduleId\}|schedulegroups\/\{scheduleGroupId\}|emergencygroups\/\{emergencyGroupId\}) after DELETE$/,
    why: "A deleted schedule, schedule group or emergency group answers 404, where the spec's `state` enum would let it keep a deleted state: the official provider's own acceptance tests of these resources (v1.84.2, run against Genesys) fail their destroy check on any answer but 404, so Genesys evidently answers 404. (IVR configs and DID pools keep their deleted state, which the provider's code and tests read: routingStore.ts AfterDelete.)",
  },
  {
    kind: "behaviour",
    matches: /^POST \/api\/v2\/flows\/export\/jobs exportType Architect$/,
    why: "Architect's own export format (the spec's other exportType value) is not documented; the emulator exports Archy YAML only and refuses the request with 400 rather than hand out a file that is not one. The provider's exporter and this project's import ask for YAML.",
  },
  {
    kind: "behaviour",
    matches: /^GET \/api\/v2\/flows\/\{flowId\}(\/versions\/\{versionId\}\/configuration|\/latestconfiguration) body$/,
    why:
      "Genesys answers a flow version's configuration in Architect's internal JSON, which the spec types " +
      "only as a free-form object and documents nowhere; the emulator answers the version's Archy YAML with " +
      "its parse (flowId, name, type, versionId, format: archy-yaml, sha256, text, document), which is what " +
      "was published. No client of this project reads the configuration: verify compares times, not " +
      "content, and `traffic pull` maps executions through what the execution data itself gives (flow id " +
      "and version, action ids, item kinds, output path ids) and the stack's release record.",
  },
  {
    kind: "route",
    matches: /^\/oauth\/token$/,
    why: "Genesys serves sign-in on its login host (login.<domain>/oauth/token), which the API specification does not describe; the emulator is both hosts on one port, as the provider's gateway block makes them.",
  },
  {
    kind: "behaviour",
    matches:
      /^POST \/api\/v2\/(users|groups)\/search type (REGEX|TERM|TERMS|REQUIRED_FIELDS|MATCH_ALL|QUERY_STRING|RANGE|LESS_THAN|LESS_THAN_EQUAL_TO|GREATER_THAN|GREATER_THAN_EQUAL_TO)$/,
    why: "A user or group search of these criterion types is refused with 400 naming the type: the spec lists them without their semantics (a query string's syntax, what a range compares), and the provider searches by EXACT only (its user create and delete, by e-mail and state; its group data source, by name); the emulator takes EXACT, CONTAINS and STARTS_WITH.",
  },
  {
    kind: "route",
    matches: /^\/__emulator\//,
    why: "The emulator's admin routes (state, request log, faults, reset) for tests and the benchmark; Genesys has nothing like them.",
  },
  {
    kind: "route",
    matches: /^\/(uploads|downloads)\//,
    why: "The presigned upload and download URLs a publish or export job hands out; on Genesys they point at S3, outside the API.",
  },
  {
    kind: "response",
    matches:
      /^GET \/api\/v2\/integrations\/actions\/\{actionId\} 200: \/contract\/(input\/inputSchema|output\/successSchema)\/additionalProperties must be object$/,
    why: "A data action's contract schemas are JSON Schema documents as Genesys's data action editor writes them, with `additionalProperties: true`; the spec's JsonSchemaDocument can only type the keyword as an object.",
  },
  {
    kind: "response",
    matches:
      /^(GET|POST|PUT) \/api\/v2\/flows\/datatables(\/\{datatableId\})? 200: \/schema\/additionalProperties must be object$/,
    why: "A data table's schema is a JSON Schema document with `additionalProperties: false` (the official provider writes it so: genesyscloud/architect_datatable/resource_genesyscloud_architect_datatables_utils.go:22); the spec's JsonSchemaDocument can only type the keyword as an object.",
  },
  {
    kind: "response",
    matches:
      /^(GET|POST|PUT) \/api\/v2\/flows\/datatables\/\{datatableId\}\/rows(\/\{rowId\})? 200: \/(entities\/\[n\]\/)?[^/ ]+ must be object$/,
    why: 'The spec types a row\'s values as objects, yet its own description of POST .../rows shows a row of strings and Booleans ({"Field1": "XYZZY", "Field2": false, "KEY": "27272"}), and the official provider reads a row as a map of JSON values (properties_json); the emulator answers the row\'s values as written, of the table\'s property types.',
  },
  {
    kind: "response",
    matches:
      /^(GET|POST|PUT) \/api\/v2\/telephony\/providers\/edges\/didpools\S* 200: \S+ must have required property 'name'$/,
    why: "DIDPool lists name as required, but the provider creates a pool without one (start and end number, description, comments, provider) and Genesys does not document what name it gives such a pool; the emulator sends none rather than invent one.",
  },
  {
    kind: "request",
    matches: /^(POST|PUT) \/api\/v2\/telephony\/providers\/edges\/didpools\S* required name$/,
    why: "DIDPool lists name as required, but the official provider creates and updates pools without one (its acceptance tests do); refusing them would fail the provider where Genesys evidently does not.",
  },
  {
    kind: "request",
    matches:
      /^(POST|PUT) \/api\/v2\/flows\/datatables(\/\{datatableId\})? request: \/schema\/additionalProperties must be object$/,
    why: "The provider writes a data table's schema with `additionalProperties: false` (genesyscloud/architect_datatable/resource_genesyscloud_architect_datatables_utils.go:22), a JSON Schema document as Genesys keeps it; the spec's JsonSchemaDocument can only type the keyword as an object.",
    byProvider: true,
  },
  {
    kind: "request",
    matches: /^(POST|PUT) \/api\/v2\/flows\/datatables\/\{datatableId\}\/rows(\/\{rowId\})? type .+$/,
    why: "The provider sends a row as its key and values (strings, numbers, Booleans), as the spec's own description of POST .../rows shows a row, while the spec types each value as an object.",
    byProvider: true,
  },
  {
    kind: "request",
    matches: /^POST \/api\/v2\/integrations required name$/,
    why: "CreateIntegrationRequest lists name as required, but the official provider creates an integration by its type only (genesyscloud/integration/resource_genesyscloud_integration.go, createIntegration) and names it through its configuration; the emulator names it as its type until then.",
    byProvider: true,
  },
  {
    kind: "request",
    matches: /^POST \/api\/v2\/users required divisionId$/,
    why: 'CreateUser lists divisionId as required, but the official provider creates a user without one when its division_id is not set (genesyscloud/user/resource_genesyscloud_user.go:86, `if divisionID != ""`), and Genesys puts such a user in the home division; the emulator does the same.',
  },
  {
    kind: "request",
    matches: /^(POST|PUT) \/api\/v2\/telephony\/providers\/edges\/didpools\S* value provider$/,
    why: 'The official provider sends provider: "" for a pool created without pool_provider (it sends the unset string), which is not one of the spec\'s values (PURE_CLOUD, PURE_CLOUD_VOICE); its acceptance tests create such pools, so the emulator takes any string there.',
  },
  {
    kind: "request",
    matches: /^(POST|PUT) \/api\/v2\/architect\/emergencygroups\S* type emergencyCallFlows$/,
    why: "The official provider sends emergencyCallFlows: null for a group without call flows, where the spec types a list; its acceptance tests create such groups, so the emulator reads null as not set (any other non-list is refused).",
  },
  {
    kind: "parameter",
    matches: /^GET \/api\/v2\/(authorization\/divisions|integrations\/actions) \?(nextPage|previousPage)$/,
    why: "Page tokens: the emulator pages by number only (pageNumber, pageSize, which every caller in this project and the provider uses) and hands out no tokens, so there is none to pass back.",
  },
  {
    kind: "parameter",
    matches:
      /^GET \/api\/v2\/(authorization\/divisions|architect\/ivrs|routing\/queues|users)(\/\{[A-Za-z]+\})? \?expand$/,
    why: "Expansions: the emulator's entities carry no expandable parts (a queue's identity resolution, a user's presence or skills, a division's extra views) beyond what its answers always hold; an expansion would have nothing to add. The values are checked against the spec's (queryParams.ts). (A data table's schema comes with expand=schema only: honoured.)",
  },
  {
    kind: "parameter",
    matches:
      /^(GET|POST|PUT) \/api\/v2\/flows\/(\{flowId\}\/)?instances\/(settings\/loglevels(\/default)?|querycapabilities|jobs|\{instanceId\}) \?expand$/,
    why: "Expansions of execution data: a log level's answer always holds its name, type and characteristics, the query capabilities all their criteria, and the emulator records no bot or data action detail to expand in a job's or an execution's answer. The values are checked against the spec's (queryParams.ts).",
  },
  {
    kind: "parameter",
    matches: /^POST \/api\/v2\/flows\/instances\/query \?indexOnly$/,
    why: '"indexes only" is all the spec says; what an index-only result leaves out is not documented, so the emulator answers the full FlowExecutionDataQueryResult either way (the value is checked: a Boolean).',
  },
  {
    kind: "parameter",
    matches: /^POST \/api\/v2\/flows \?language$/,
    why: 'A flow created by name has no configuration yet, so nothing of it is in a language; the spec says only "Language". The emulator accepts the parameter and stores nothing for it (its publish brings the flow\'s languages).',
  },
  {
    kind: "parameter",
    matches: /^GET \/api\/v2\/tokens\/me \?preserveIdleTTL$/,
    why: "Idle token timeouts are not modelled: an emulator token lives until it expires (or the emulator stops), so whether a read resets its idle timer changes nothing.",
  },
  {
    kind: "parameter",
    matches: /^GET \/api\/v2\/flows \?(editableBy|secure|virtualAgentEnabled)$/,
    why: "The spec names these flow filters without saying what they select (who may edit a flow under Architect's permissions, which versions count as secure, which flows have a virtual agent); the emulator models none of it and applies none of them rather than guess.",
  },
  {
    kind: "parameter",
    matches:
      /^(DELETE \/api\/v2\/routing\/queues\/\{queueId\} \?forceDelete|DELETE \/api\/v2\/flows\/datatables\/\{datatableId\} \?force|DELETE \/api\/v2\/architect\/prompts\/\{promptId\} \?allResources)$/,
    why:
      "What these force past is not modelled: the emulator refuses no queue or data table delete for being in use " +
      "(a queue with members goes with them, and flows name tables by name), and a prompt's resources always go " +
      "with it; the values are checked (queryParams.ts).",
  },
  {
    kind: "parameter",
    matches: /^PUT \/api\/v2\/flows\/datatables\/\{datatableId\} \?expand$/,
    why: "A data table's update answers the table as written, its schema included, whatever expand says (the provider reads the table again with expand=schema after its update).",
  },
  {
    kind: "parameter",
    matches: /^GET \/api\/v2\/routing\/queues\/\{queueId\}\/members \?/,
    why:
      "A queue's members are users added and removed by POST .../members, with none of what the filters select " +
      "(skills, languages, routing status, presence, joined, group membership): the list is every member, " +
      "whatever they say.",
  },
  {
    kind: "parameter",
    matches: /^GET \/api\/v2\/routing\/queues \?(peerId|hasPeer|cannedResponseLibraryId)$/,
    why: "Queue peers and canned response libraries are not modelled: the emulator's queues (the org file's) have neither.",
  },
  {
    kind: "parameter",
    matches: /^GET \/api\/v2\/architect\/prompts(\/\{promptId\})? \?(includeMediaUris|includeResources|language)$/,
    why: "Prompt audio is not modelled: a resource is its text-to-speech and text, with no media URI, and a prompt is answered with all its resources whatever includeResources or language ask (the provider asks for them all).",
  },
  {
    kind: "parameter",
    matches:
      /^GET \/api\/v2\/outbound\/contactlists(\/\{contactListId\})? \?(includeImportStatus|includeSize|allowEmptyResult)$/,
    why: "Contact list contents (imports, sizes) are not modelled: the org file's contact lists are names; an empty page is always answered as such.",
  },
  {
    kind: "parameter",
    matches: /^GET \/api\/v2\/integrations\/actions(\/\{actionId\})? \?(includeAuthActions|includeConfig|flatten)$/,
    why: "Data actions have no authentication actions, and an action is answered with its configuration whatever includeConfig says (the provider always asks for it); the org file's contracts are the flat schemas it describes, which Architect's flattening format (`flatten`, not documented beyond its name) would leave as they are.",
  },
  {
    kind: "parameter",
    matches:
      /^GET \/api\/v2\/integrations \?(expand|nextPage|previousPage|ids|integrationType|reportedState|credentialId)$/,
    why: "The org's integrations are listed only for the data actions that belong to them (an integration's id by its name, as the provider's data source pages them all): their types, states and credentials are not filtered on.",
  },
  {
    kind: "parameter",
    matches:
      /^(GET|PATCH) \/api\/v2\/integrations\/\{integrationId\} \?(pageSize|pageNumber|sortBy|expand|nextPage|previousPage)$/,
    why: "An integration is read only for the data actions that belong to it (its id by its name): its configuration and credentials, which these parameters page and expand, are not modelled.",
  },
  {
    kind: "parameter",
    matches:
      /^GET \/api\/v2\/(users|groups)(\/\{userId\})? \?(jabberId|integrationPresenceSource|userCustomAttributeSchemaIds)$/,
    why: "Chat ids (jabberId), presence integrations and custom user attributes are not modelled: the org file's users and groups are names.",
  },
  {
    kind: "parameter",
    matches: /^GET \/api\/v2\/architect\/dependencytracking\/object \?consumedResourceRequest$/,
    why: "The spec says only that it indicates the lookup is of a consumed resource object, not what it changes in the answer; the emulator looks an object up the same way either way (the value is checked).",
  },
  {
    kind: "parameter",
    matches: /^DELETE \/api\/v2\/authorization\/divisions\/\{divisionId\} \?force$/,
    why: "Deprecated in the spec, which warns that it leaves the division's objects inaccessible; the emulator keeps every object reachable and refuses to delete a division that still holds any, whatever `force` says (the value is checked).",
  },
  {
    kind: "parameter",
    matches: /^GET \/api\/v2\/architect\/dependencytracking\/consumingresources \?flowFilter$/,
    why: "The emulator records the dependencies of published versions only (each publish also checks the flow in), so checkedIn and published select the same consumers; the value is checked against the spec's enum.",
  },
];

/** The kept difference a message or path falls under, if any. */
export function differenceFor(message: string): SpecDifference | undefined {
  return SPEC_DIFFERENCES.find((d) => d.matches.test(message));
}
