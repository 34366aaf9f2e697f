// What the official Genesys provider reads from an answer with no nil check: a field it
// dereferences (`*x.Field`, `x.Field.Id`) that, missing from an answer, crashes the provider (the
// peer suite's `genesyscloud_oauth_client` create crashed on `tokens/me` so). Read from the
// provider's source at the version the project pins (terraform-provider-genesyscloud v1.84.2,
// tools/toolchain/versions.env; the Go module of that tag), for the resources and data sources the
// project deploys or its stacks and the provider's own acceptance tests use: the provider's start
// (organizations/me, products), flows, schedules, schedule groups, IVR configs, emergency groups,
// DID pools, divisions and the OAuth client's token read; and the org objects a flow names that the
// emulator writes (queues, skills, languages, wrap-up codes, prompts, data tables, groups, users). The exporter (tfexporter's `getAll*`) is
// left out: the project never runs it. A field the provider checks for nil first is not listed.
// providerReads.test.ts checks each citation against the provider's source (the line holds
// `code`) and every emulator answer of the route against `field`.
//
// `field` is a path into the answer: `.` between steps, `[]` for every item of a list, and `?`
// after a step the provider checks for nil before it goes further (absent: nothing below is read).

export interface ProviderRead {
  /** The request: method and the spec's path template. */
  route: string;
  field: string;
  /** The provider's resource or data source, or its start. */
  by: string;
  /** The provider's file (from the module root) and line. */
  at: string;
  /** That line, trimmed. */
  code: string;
}

export const PROVIDER_MODULE = "github.com/mypurecloud/terraform-provider-genesyscloud";

const G = "genesyscloud";

export const PROVIDER_READS: readonly ProviderRead[] = [
  // The provider's start (every resource).
  {
    route: "GET /api/v2/organizations/me",
    field: "defaultCountryCode",
    by: "provider configure",
    at: `${G}/provider/provider.go:166`,
    code: "DefaultCountryCode:    *currentOrg.DefaultCountryCode,",
  },
  {
    route: "GET /api/v2/authorization/products",
    field: "total",
    by: "provider configure",
    at: `${G}/provider/provider.go:224`,
    code: "products := make([]string, *productEntities.Total)",
  },
  {
    route: "GET /api/v2/authorization/products",
    field: "entities",
    by: "provider configure",
    at: `${G}/provider/provider.go:225`,
    code: "for _, product := range *productEntities.Entities {",
  },
  {
    route: "GET /api/v2/authorization/products",
    field: "entities.[].id",
    by: "provider configure",
    at: `${G}/provider/provider.go:226`,
    code: "products = append(products, *product.Id)",
  },
  // Who the token is (genesyscloud_oauth_client create and update, through updateTerraformUserWithRole).
  {
    route: "GET /api/v2/tokens/me",
    field: "OAuthClient.organization.id",
    by: "genesyscloud_oauth_client",
    at: `${G}/oauth_client/resource_genesyscloud_oauth_client.go:213`,
    code: 'if *tokenInfo.OAuthClient.Organization.Id != "purecloud-builtin" {',
  },
  // Flows.
  {
    route: "POST /api/v2/flows/jobs",
    field: "presignedUrl",
    by: "genesyscloud_flow",
    at: `${G}/architect_flow/resource_genesyscloud_flow.go:161`,
    code: "presignedUrl := *flowJob.PresignedUrl",
  },
  {
    route: "POST /api/v2/flows/jobs",
    field: "id",
    by: "genesyscloud_flow",
    at: `${G}/architect_flow/resource_genesyscloud_flow.go:162`,
    code: "jobId := *flowJob.Id",
  },
  {
    route: "POST /api/v2/flows/jobs",
    field: "headers",
    by: "genesyscloud_flow",
    at: `${G}/architect_flow/resource_genesyscloud_flow.go:163`,
    code: "headers := *flowJob.Headers",
  },
  {
    route: "GET /api/v2/flows/{flowId}",
    field: "name",
    by: "genesyscloud_flow",
    at: `${G}/architect_flow/resource_genesyscloud_flow.go:87`,
    code: 'log.Printf("Read flow %s, %s", d.Id(), *flow.Name)',
  },
  {
    route: "GET /api/v2/flows",
    field: "entities?.[].name",
    by: "data genesyscloud_flow",
    at: `${G}/architect_flow/resource_genesyscloud_architect_flow_proxy.go:250`,
    code: "if *flow.Name == name {",
  },
  {
    route: "GET /api/v2/flows",
    field: "entities?.[].type",
    by: "data genesyscloud_flow",
    at: `${G}/architect_flow/resource_genesyscloud_architect_flow_proxy.go:258`,
    code: "if *flow.VarType == varType {",
  },
  {
    route: "GET /api/v2/flows",
    field: "entities?.[].id",
    by: "data genesyscloud_flow",
    at: `${G}/architect_flow/resource_genesyscloud_architect_flow_proxy.go:389`,
    code: "rc.SetCache(p.flowCache, *flow.Id, flow)",
  },
  // Schedules.
  {
    route: "POST /api/v2/architect/schedules",
    field: "id",
    by: "genesyscloud_architect_schedules",
    at: `${G}/architect_schedules/resource_genesyscloud_architect_schedules.go:98`,
    code: "d.SetId(*scheduleResponse.Id)",
  },
  {
    route: "GET /api/v2/architect/schedules/{scheduleId}",
    field: "division.id",
    by: "genesyscloud_architect_schedules",
    at: `${G}/architect_schedules/resource_genesyscloud_architect_schedules.go:135`,
    code: 'resourcedata.SetNillableValue(d, "division_id", scheduleResponse.Division.Id)',
  },
  {
    route: "GET /api/v2/architect/schedules/{scheduleId}",
    field: "name",
    by: "genesyscloud_architect_schedules",
    at: `${G}/architect_schedules/resource_genesyscloud_architect_schedules.go:141`,
    code: 'log.Printf("Read schedule %s %s", d.Id(), *scheduleResponse.Name)',
  },
  {
    route: "GET /api/v2/architect/schedules",
    field: "pageCount",
    by: "data genesyscloud_architect_schedules",
    at: `${G}/architect_schedules/genesyscloud_architect_schedules_proxy.go:154`,
    code: "for pageNum := 2; pageNum <= *schedules.PageCount; pageNum++ {",
  },
  {
    route: "GET /api/v2/architect/schedules",
    field: "entities?.[].id",
    by: "data genesyscloud_architect_schedules",
    at: `${G}/architect_schedules/genesyscloud_architect_schedules_proxy.go:169`,
    code: "rc.SetCache(p.schedulesCache, *schedule.Id, schedule)",
  },
  {
    route: "GET /api/v2/architect/schedules",
    field: "entities?.[].name",
    by: "data genesyscloud_architect_schedules",
    at: `${G}/architect_schedules/genesyscloud_architect_schedules_proxy.go:190`,
    code: "if *schedule.Name == name {",
  },
  // Schedule groups.
  {
    route: "POST /api/v2/architect/schedulegroups",
    field: "id",
    by: "genesyscloud_architect_schedulegroups",
    at: `${G}/architect_schedulegroups/resource_genesyscloud_architect_schedulegroups.go:61`,
    code: "d.SetId(*scheduleGroup.Id)",
  },
  {
    route: "GET /api/v2/architect/schedulegroups/{scheduleGroupId}",
    field: "name",
    by: "genesyscloud_architect_schedulegroups",
    at: `${G}/architect_schedulegroups/resource_genesyscloud_architect_schedulegroups.go:107`,
    code: 'log.Printf("Read schedule group %s %s", d.Id(), *scheduleGroup.Name)',
  },
  {
    route: "GET /api/v2/architect/schedulegroups",
    field: "pageCount",
    by: "data genesyscloud_architect_schedulegroups",
    at: `${G}/architect_schedulegroups/genesyscloud_architect_schedulegroups_proxy.go:125`,
    code: "for pageNum := 2; pageNum <= *scheduleGroups.PageCount; pageNum++ {",
  },
  {
    route: "GET /api/v2/architect/schedulegroups",
    field: "entities?.[].name",
    by: "data genesyscloud_architect_schedulegroups",
    at: `${G}/architect_schedulegroups/genesyscloud_architect_schedulegroups_proxy.go:152`,
    code: "if *scheduleGroup.Name == name {",
  },
  {
    route: "GET /api/v2/architect/schedulegroups",
    field: "entities?.[].id",
    by: "data genesyscloud_architect_schedulegroups",
    at: `${G}/architect_schedulegroups/genesyscloud_architect_schedulegroups_proxy.go:154`,
    code: "return *scheduleGroup.Id, false, apiResponse, nil",
  },
  // IVR configs: a create and an update read the answer's id; an update that sets numbers reads the current ones.
  {
    route: "POST /api/v2/architect/ivrs",
    field: "id",
    by: "genesyscloud_architect_ivr",
    at: `${G}/architect_ivr/genesyscloud_architect_ivr_proxy.go:266`,
    code: "id = *respIvr.Id",
  },
  {
    route: "PUT /api/v2/architect/ivrs/{ivrId}",
    field: "id",
    by: "genesyscloud_architect_ivr",
    at: `${G}/architect_ivr/genesyscloud_architect_ivr_proxy.go:266`,
    code: "id = *respIvr.Id",
  },
  {
    route: "GET /api/v2/architect/ivrs/{ivrId}",
    field: "name",
    by: "genesyscloud_architect_ivr",
    at: `${G}/architect_ivr/resource_genesyscloud_architect_ivr.go:96`,
    code: '_ = d.Set("name", *ivrConfig.Name)',
  },
  {
    route: "GET /api/v2/architect/ivrs/{ivrId}",
    field: "dnis",
    by: "genesyscloud_architect_ivr",
    at: `${G}/architect_ivr/genesyscloud_architect_ivr_proxy.go:341`,
    code: "dnisToAdd := utillists.SliceDifference(*ivr.Dnis, *currentIvr.Dnis)",
  },
  {
    route: "GET /api/v2/architect/ivrs",
    field: "pageCount",
    by: "data genesyscloud_architect_ivr",
    at: `${G}/architect_ivr/genesyscloud_architect_ivr_proxy.go:184`,
    code: "pageCount = *ivrs.PageCount",
  },
  {
    route: "GET /api/v2/architect/ivrs",
    field: "entities?.[].name",
    by: "data genesyscloud_architect_ivr",
    at: `${G}/architect_ivr/genesyscloud_architect_ivr_proxy.go:217`,
    code: "if *ivr.Name == name {",
  },
  {
    route: "GET /api/v2/architect/ivrs",
    field: "entities?.[].id",
    by: "data genesyscloud_architect_ivr",
    at: `${G}/architect_ivr/genesyscloud_architect_ivr_proxy.go:218`,
    code: "return *ivr.Id, false, resp, nil",
  },
  // Emergency groups.
  {
    route: "POST /api/v2/architect/emergencygroups",
    field: "id",
    by: "genesyscloud_architect_emergencygroup",
    at: `${G}/architect_emergencygroup/resource_genesyscloud_architect_emergencygroup.go:72`,
    code: "d.SetId(*eGroup.Id)",
  },
  {
    route: "GET /api/v2/architect/emergencygroups/{emergencyGroupId}",
    field: "name",
    by: "genesyscloud_architect_emergencygroup",
    at: `${G}/architect_emergencygroup/resource_genesyscloud_architect_emergencygroup.go:99`,
    code: '_ = d.Set("name", *emergencyGroup.Name)',
  },
  {
    route: "GET /api/v2/architect/emergencygroups/{emergencyGroupId}",
    field: "division.id",
    by: "genesyscloud_architect_emergencygroup",
    at: `${G}/architect_emergencygroup/resource_genesyscloud_architect_emergencygroup.go:100`,
    code: '_ = d.Set("division_id", *emergencyGroup.Division.Id)',
  },
  {
    route: "GET /api/v2/architect/emergencygroups/{emergencyGroupId}",
    field: "emergencyCallFlows?.[].emergencyFlow?.id",
    by: "genesyscloud_architect_emergencygroup",
    at: `${G}/architect_emergencygroup/resource_genesyscloud_architect_emergencygroup_utils.go:41`,
    code: 'callFlowSettings["emergency_flow_id"] = *callFlow.EmergencyFlow.Id',
  },
  {
    route: "GET /api/v2/architect/emergencygroups/{emergencyGroupId}",
    field: "emergencyCallFlows?.[].ivrs?.[].id",
    by: "genesyscloud_architect_emergencygroup",
    at: `${G}/architect_emergencygroup/resource_genesyscloud_architect_emergencygroup_utils.go:46`,
    code: "ivrIds[k] = *id.Id",
  },
  {
    route: "GET /api/v2/architect/emergencygroups",
    field: "entities?.[].id",
    by: "data genesyscloud_architect_emergencygroup",
    at: `${G}/architect_emergencygroup/data_source_genesyscloud_architect_emergencygroup.go:34`,
    code: "d.SetId(*emergencyGroup.Id)",
  },
  // DID pools.
  {
    route: "POST /api/v2/telephony/providers/edges/didpools",
    field: "id",
    by: "genesyscloud_telephony_providers_edges_did_pool",
    at: `${G}/telephony_providers_edges_did_pool/resource_genesyscloud_telephony_providers_edges_did_pool.go:71`,
    code: "d.SetId(*createdDidPool.Id)",
  },
  {
    route: "GET /api/v2/telephony/providers/edges/didpools/{didPoolId}",
    field: "startPhoneNumber",
    by: "genesyscloud_telephony_providers_edges_did_pool",
    at: `${G}/telephony_providers_edges_did_pool/resource_genesyscloud_telephony_providers_edges_did_pool.go:99`,
    code: '_ = d.Set("start_phone_number", utilE164.FormatAsCalculatedE164Number(*didPool.StartPhoneNumber))',
  },
  {
    route: "GET /api/v2/telephony/providers/edges/didpools/{didPoolId}",
    field: "endPhoneNumber",
    by: "genesyscloud_telephony_providers_edges_did_pool",
    at: `${G}/telephony_providers_edges_did_pool/resource_genesyscloud_telephony_providers_edges_did_pool.go:100`,
    code: '_ = d.Set("end_phone_number", utilE164.FormatAsCalculatedE164Number(*didPool.EndPhoneNumber))',
  },
  {
    route: "GET /api/v2/telephony/providers/edges/didpools",
    field: "pageCount",
    by: "data genesyscloud_telephony_providers_edges_did_pool",
    at: `${G}/telephony_providers_edges_did_pool/genesyscloud_telephony_providers_edges_did_pool_proxy.go:172`,
    code: "pageCount = *didPools.PageCount",
  },
  {
    route: "GET /api/v2/telephony/providers/edges/didpools",
    field: "entities?.[].id",
    by: "data genesyscloud_telephony_providers_edges_did_pool",
    at: `${G}/telephony_providers_edges_did_pool/genesyscloud_telephony_providers_edges_did_pool_proxy.go:211`,
    code: "return *didPool.Id, false, resp, nil",
  },
  // Divisions: the home division (data genesyscloud_auth_division_home, and every resource that defaults to it), the resource, the data source.
  {
    route: "GET /api/v2/authorization/divisions/home",
    field: "id",
    by: "util.GetHomeDivisionID",
    at: `${G}/util/util_divisions.go:41`,
    code: "homeDivID = *homeDiv.Id",
  },
  {
    route: "GET /api/v2/authorization/divisions/home",
    field: "id",
    by: "data genesyscloud_auth_division_home",
    at: `${G}/data_source_genesyscloud_auth_division_home.go:59`,
    code: "d.SetId(*division.Id)",
  },
  {
    route: "POST /api/v2/authorization/divisions",
    field: "id",
    by: "genesyscloud_auth_division",
    at: `${G}/auth_division/resource_genesyscloud_auth_division.go:69`,
    code: "d.SetId(*division.Id)",
  },
  {
    route: "GET /api/v2/authorization/divisions/{divisionId}",
    field: "name",
    by: "genesyscloud_auth_division",
    at: `${G}/auth_division/resource_genesyscloud_auth_division.go:90`,
    code: '_ = d.Set("name", *division.Name)',
  },
  {
    route: "GET /api/v2/authorization/divisions",
    field: "pageCount",
    by: "data genesyscloud_auth_division",
    at: `${G}/auth_division/genesyscloud_auth_division_proxy.go:104`,
    code: "for pageNum := 2; pageNum <= *authzDivisions.PageCount; pageNum++ {",
  },
  {
    route: "GET /api/v2/authorization/divisions",
    field: "entities?.[].id",
    by: "data genesyscloud_auth_division",
    at: `${G}/auth_division/genesyscloud_auth_division_proxy.go:117`,
    code: "rc.SetCache(p.authDivisionCache, *div.Id, div)",
  },
  {
    route: "GET /api/v2/authorization/divisions",
    field: "entities?.[].name",
    by: "data genesyscloud_auth_division",
    at: `${G}/auth_division/genesyscloud_auth_division_proxy.go:161`,
    code: "if *authzDivision.Name == name {",
  },
  // The org objects a flow names (emulator/orgObjectStore.ts), as their resources read them.
  {
    route: "POST /api/v2/routing/skills",
    field: "id",
    by: "genesyscloud_routing_skill",
    at: `${G}/routing_skill/resource_genesyscloud_routing_skill.go:55`,
    code: "d.SetId(*skill.Id)",
  },
  {
    route: "GET /api/v2/routing/skills/{skillId}",
    field: "name",
    by: "genesyscloud_routing_skill",
    at: `${G}/routing_skill/resource_genesyscloud_routing_skill.go:80`,
    code: '_ = d.Set("name", *skill.Name)',
  },
  {
    route: "POST /api/v2/routing/languages",
    field: "id",
    by: "genesyscloud_routing_language",
    at: `${G}/routing_language/resource_genesyscloud_routing_language.go:59`,
    code: "d.SetId(*language.Id)",
  },
  {
    route: "GET /api/v2/routing/languages/{languageId}",
    field: "name",
    by: "genesyscloud_routing_language",
    at: `${G}/routing_language/resource_genesyscloud_routing_language.go:85`,
    code: '_ = d.Set("name", *language.Name)',
  },
  {
    route: "POST /api/v2/routing/wrapupcodes",
    field: "id",
    by: "genesyscloud_routing_wrapupcode",
    at: `${G}/routing_wrapupcode/resource_genesyscloud_routing_wrapupcode.go:54`,
    code: "d.SetId(*wrapupcodeResponse.Id)",
  },
  {
    route: "GET /api/v2/routing/wrapupcodes/{codeId}",
    field: "name",
    by: "genesyscloud_routing_wrapupcode",
    at: `${G}/routing_wrapupcode/resource_genesyscloud_routing_wrapupcode.go:81`,
    code: 'log.Printf("Read wrapupcode %s %s", d.Id(), *wrapupcode.Name)',
  },
  {
    route: "POST /api/v2/routing/queues",
    field: "id",
    by: "genesyscloud_routing_queue",
    at: `${G}/routing_queue/resource_genesyscloud_routing_queue.go:158`,
    code: "d.SetId(*queue.Id)",
  },
  {
    route: "GET /api/v2/routing/queues/{queueId}",
    field: "name",
    by: "genesyscloud_routing_queue",
    at: `${G}/routing_queue/resource_genesyscloud_routing_queue.go:474`,
    code: 'log.Printf("Read queue %s %s", d.Id(), *currentQueue.Name)',
  },
  {
    route: "POST /api/v2/architect/prompts",
    field: "id",
    by: "genesyscloud_architect_user_prompt",
    at: `${G}/architect_user_prompt/resource_genesyscloud_architect_user_prompt.go:72`,
    code: `log.Printf("Creating prompt resources. Prompt ID: '%s'", *userPrompt.Id)`,
  },
  {
    route: "GET /api/v2/architect/prompts/{promptId}",
    field: "id",
    by: "genesyscloud_architect_user_prompt",
    at: `${G}/architect_user_prompt/resource_genesyscloud_architect_user_prompt.go:114`,
    code: 'log.Printf("Read Audio Prompt %s %s", d.Id(), *userPrompt.Id)',
  },
  {
    route: "GET /api/v2/architect/prompts/{promptId}",
    field: "resources?.[].language",
    by: "genesyscloud_architect_user_prompt",
    at: `${G}/architect_user_prompt/resource_genesyscloud_architect_user_prompt_utils.go:71`,
    code: "if language != *sdkPromptAsset.Language {",
  },
  {
    route: "POST /api/v2/flows/datatables",
    field: "id",
    by: "genesyscloud_architect_datatable",
    at: `${G}/architect_datatable/resource_genesyscloud_architect_datatable.go:98`,
    code: "d.SetId(*table.Id)",
  },
  {
    route: "GET /api/v2/flows/datatables/{datatableId}",
    field: "name",
    by: "genesyscloud_architect_datatable",
    at: `${G}/architect_datatable/resource_genesyscloud_architect_datatable.go:120`,
    code: '_ = d.Set("name", *datatable.Name)',
  },
  {
    route: "GET /api/v2/flows/datatables/{datatableId}",
    field: "division.id",
    by: "genesyscloud_architect_datatable",
    at: `${G}/architect_datatable/resource_genesyscloud_architect_datatable.go:121`,
    code: '_ = d.Set("division_id", *datatable.Division.Id)',
  },
  {
    route: "POST /api/v2/groups",
    field: "id",
    by: "genesyscloud_group",
    at: `${G}/group/resource_genesyscloud_group.go:80`,
    code: "d.SetId(*group.Id)",
  },
  {
    route: "GET /api/v2/groups/{groupId}",
    field: "name",
    by: "genesyscloud_group",
    at: `${G}/group/resource_genesyscloud_group.go:158`,
    code: 'log.Printf("Read group %s %s", d.Id(), *group.Name)',
  },
  {
    route: "GET /api/v2/groups/{groupId}",
    field: "owners?.[].id",
    by: "genesyscloud_group",
    at: `${G}/group/resource_genesyscloud_group_utils.go:106`,
    code: "interfaceList[i] = *v.Id",
  },
  {
    route: "POST /api/v2/users",
    field: "id",
    by: "genesyscloud_user",
    at: `${G}/user/resource_genesyscloud_user.go:108`,
    code: "d.SetId(*userResponse.Id)",
  },
  {
    route: "GET /api/v2/users/{userId}",
    field: "division",
    by: "genesyscloud_user",
    at: `${G}/user/resource_genesyscloud_user.go:166`,
    code: 'resourcedata.SetNillableValue(d, "division_id", currentUser.Division.Id)',
  },
  {
    route: "GET /api/v2/users/{userId}",
    field: "email",
    by: "genesyscloud_user",
    at: `${G}/user/resource_genesyscloud_user.go:197`,
    code: 'log.Printf("Read user %s %s", d.Id(), *currentUser.Email)',
  },
];

/**
 * Where an answer lacks what `field` says the provider reads: each place as a path with list
 * positions (`entities[2].id`), [] when the answer carries it everywhere.
 */
export function missingReads(answer: unknown, field: string): string[] {
  const walk = (value: unknown, steps: string[], at: string): string[] => {
    if (steps.length === 0) return value === undefined || value === null ? [at] : [];
    const [step, ...rest] = steps;
    if (step === "[]") return Array.isArray(value) ? value.flatMap((item, i) => walk(item, rest, `${at}[${i}]`)) : [at];
    const name = step.replace(/\?$/, "");
    const next = typeof value === "object" && value !== null ? (value as Record<string, unknown>)[name] : undefined;
    const where = at === "" ? name : `${at}.${name}`;
    if (next === undefined || next === null) return step.endsWith("?") ? [] : [where];
    return walk(next, rest, where);
  };
  return walk(answer, field.split("."), "");
}
