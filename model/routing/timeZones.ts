// IANA time zones, as schedule groups take them. The runtime's own tz database decides (Intl), so
// a zone added by a tz release is accepted when Node has it; UTC offsets and abbreviations
// (`+01:00`, `EST`) are refused: Genesys wants a zone name. Pure.
import { didYouMean } from "../../archy/suggest";

const ZONE_NAME = /^(UTC|[A-Z][A-Za-z_-]+(\/[A-Za-z0-9_+-]+){1,2})$/;

let known: string[] | undefined;
function knownZones(): string[] {
  known ??= Intl.supportedValuesOf("timeZone");
  return known;
}

/** Why `zone` is not an IANA time zone name, or undefined when it is. */
export function timeZoneProblem(zone: string): string | undefined {
  let valid = ZONE_NAME.test(zone);
  if (valid) {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: zone });
    } catch {
      valid = false;
    }
  }
  return valid
    ? undefined
    : `${JSON.stringify(zone)} is not an IANA time zone (e.g. America/New_York, Europe/London)${didYouMean(zone, knownZones())}`;
}
