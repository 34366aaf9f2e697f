// The official provider's acceptance tests (test/provider) that do not pass against the emulator,
// each with why: the one list. The tier fails on any failure not listed here, and on a listed test
// that passes (so the list shrinks as the emulator grows). Test names are the provider's, v1.84.2.

export interface ProviderTestGap {
  /** Go package of the provider (genesyscloud/<package>). */
  pkg: string;
  test: string;
  outcome: "fail" | "skip";
  /** What the test's output shows when it fails for this reason (a failure for another reason is not this gap). */
  shows: RegExp;
  why: string;
}

const PEOPLE_API = "Architect's people API (the h/people branch: checkout/checkin/unlock, 410 Gone for a deleted flow, divisions home and as objects), not merged on this branch yet";

export const PROVIDER_TEST_GAPS: readonly ProviderTestGap[] = [
  { pkg: "architect_flow", test: "TestAccResourceArchitectFlowWithLocalStack", outcome: "skip", shows: /(?:)/, why: "Needs LocalStack (an AWS S3 stand-in) for the flow file; the test skips itself without it." },
  { pkg: "architect_flow", test: "TestAccDataSourceArchitectFlow", outcome: "fail", shows: /Unexpected error: API Error: 404 - Flow \S+ not found/, why: `Its destroy check expects 410 Gone for a deleted flow (GET /api/v2/flows/{id}); the emulator answers 404: ${PEOPLE_API}.` },
  { pkg: "architect_flow", test: "TestAccResourceArchitectFlowForceUnlock", outcome: "fail", shows: /Check failed: Check 1\/2 error: Flow \(\S+\) not found/, why: `Checks the lock with POST /api/v2/flows/actions/checkout (the SDK reads no flow from the emulator's 404), not served: ${PEOPLE_API}.` },
  { pkg: "architect_flow", test: "TestAccResourceArchitectFlowStandard", outcome: "fail", shows: /Unexpected error: API Error: 404 - Flow \S+ not found/, why: `Its destroy check expects 410 Gone for a deleted flow: ${PEOPLE_API}.` },
  { pkg: "architect_flow", test: "TestAccResourceArchitectFlowSubstitutions", outcome: "fail", shows: /Unexpected error: API Error: 404 - Flow \S+ not found/, why: `Its destroy check expects 410 Gone for a deleted flow: ${PEOPLE_API}.` },
  { pkg: "architect_flow", test: "TestAccResourceArchitectFlowSubstitutionsWithMultipleTouch", outcome: "fail", shows: /Unexpected error: API Error: 404 - Flow \S+ not found/, why: `Its destroy check expects 410 Gone for a deleted flow: ${PEOPLE_API}.` },
  { pkg: "architect_ivr", test: "TestAccResourceArchitectIvrConfigDivision", outcome: "fail", shows: /No route for \/api\/v2\/authorization\/divisions/, why: `Creates an IVR config in a division it creates (POST /api/v2/authorization/divisions): ${PEOPLE_API}.` },
  { pkg: "architect_schedules", test: "TestAccResourceArchitectSchedules", outcome: "fail", shows: /No route for \/api\/v2\/authorization\/divisions\/home/, why: `Reads GET /api/v2/authorization/divisions/home: ${PEOPLE_API}.` },
  { pkg: "architect_schedules", test: "TestAccResourceArchitectSchedulesUpdateFailsWhenStartDateNotInRRule", outcome: "fail", shows: /No route for \/api\/v2\/authorization\/divisions\/home/, why: `Reads GET /api/v2/authorization/divisions/home: ${PEOPLE_API}.` },
  { pkg: "architect_schedulegroups", test: "TestAccResourceArchitectScheduleGroups", outcome: "fail", shows: /No route for \/api\/v2\/authorization\/divisions\/home/, why: `Reads GET /api/v2/authorization/divisions/home: ${PEOPLE_API}.` },
];
