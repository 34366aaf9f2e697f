// iCalendar recurrence rules (RFC 5545, section 3.3.10) as Genesys schedules take them: checked
// here so a bad rule fails at lint with its file and line, not at apply time with the provider's
// "invalid rrule". Pure: no dependency, the grammar is small.

const FREQS = ["SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"];
const DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

/** Integer list parts: name -> allowed absolute range (and whether a sign is allowed). */
const INT_LISTS: Readonly<Record<string, { min: number; max: number; signed: boolean }>> = {
  BYSECOND: { min: 0, max: 60, signed: false },
  BYMINUTE: { min: 0, max: 59, signed: false },
  BYHOUR: { min: 0, max: 23, signed: false },
  BYMONTHDAY: { min: 1, max: 31, signed: true },
  BYYEARDAY: { min: 1, max: 366, signed: true },
  BYWEEKNO: { min: 1, max: 53, signed: true },
  BYMONTH: { min: 1, max: 12, signed: false },
  BYSETPOS: { min: 1, max: 366, signed: true },
};
const PARTS = ["FREQ", "UNTIL", "COUNT", "INTERVAL", "BYDAY", "WKST", ...Object.keys(INT_LISTS)];

/** The rule's parts, keyed by upper-case name (no validation). */
export function rruleParts(rule: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of rule.replace(/^RRULE:/i, "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0) out.set(part.slice(0, eq).toUpperCase(), part.slice(eq + 1));
  }
  return out;
}

/** The two-letter week days a rule's BYDAY lists (ordinals dropped), e.g. ["MO", "FR"]. */
export function rruleWeekDays(rule: string): string[] {
  const byday = rruleParts(rule).get("BYDAY");
  return byday === undefined ? [] : byday.split(",").map((d) => d.slice(-2).toUpperCase());
}

/** Why `rule` is not a valid RRULE, or undefined when it is. */
export function rruleProblem(rule: string): string | undefined {
  const text = rule.replace(/^RRULE:/i, "");
  if (text.trim() === "")
    return "an empty RRULE; write e.g. FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR, or leave rrule out for a one-off schedule";
  const seen = new Set<string>();
  let freq: string | undefined;
  for (const part of text.split(";")) {
    const eq = part.indexOf("=");
    if (eq <= 0) return `RRULE part ${JSON.stringify(part)} is not NAME=VALUE`;
    const name = part.slice(0, eq).toUpperCase();
    const value = part.slice(eq + 1);
    if (!PARTS.includes(name)) return `RRULE part ${name} is not one of ${PARTS.join(", ")}`;
    if (seen.has(name)) return `RRULE part ${name} is given twice`;
    seen.add(name);
    if (value === "") return `RRULE part ${name} has no value`;
    const problem = partProblem(name, value);
    if (problem) return `RRULE part ${name}=${value}: ${problem}`;
    if (name === "FREQ") freq = value.toUpperCase();
  }
  if (!freq) return "RRULE has no FREQ (e.g. FREQ=WEEKLY)";
  if (seen.has("COUNT") && seen.has("UNTIL")) return "RRULE has both COUNT and UNTIL; RFC 5545 allows one of them";
  const byday = rruleParts(text).get("BYDAY");
  if (byday && /[0-9]/.test(byday) && freq !== "MONTHLY" && freq !== "YEARLY") {
    return `RRULE BYDAY=${byday}: a numbered day (e.g. 1MO) needs FREQ=MONTHLY or FREQ=YEARLY`;
  }
  if (seen.has("BYWEEKNO") && freq !== "YEARLY") return "RRULE BYWEEKNO needs FREQ=YEARLY";
  return undefined;
}

function partProblem(name: string, value: string): string | undefined {
  switch (name) {
    case "FREQ":
      return FREQS.includes(value.toUpperCase()) ? undefined : `expected one of ${FREQS.join(", ")}`;
    case "COUNT":
    case "INTERVAL":
      return /^[1-9][0-9]*$/.test(value) ? undefined : "expected a positive integer";
    case "UNTIL":
      return /^\d{8}(T\d{6}Z?)?$/.test(value)
        ? undefined
        : "expected a date (20261231) or date-time (20261231T235959Z)";
    case "WKST":
      return DAYS.includes(value.toUpperCase()) ? undefined : `expected one of ${DAYS.join(", ")}`;
    case "BYDAY":
      for (const d of value.split(",")) {
        const m = /^([+-]?)(\d{1,2})?([A-Za-z]{2})$/.exec(d);
        if (!m || !DAYS.includes(m[3].toUpperCase()))
          return `${JSON.stringify(d)} is not a week day (${DAYS.join(", ")}, optionally numbered as in 1MO or -1FR)`;
        if (m[2] !== undefined && (Number(m[2]) < 1 || Number(m[2]) > 53))
          return `${JSON.stringify(d)}: the number must be 1 to 53`;
      }
      return undefined;
    default: {
      const range = INT_LISTS[name];
      for (const item of value.split(",")) {
        const m = /^([+-]?)(\d{1,3})$/.exec(item);
        const n = m ? Number(m[2]) : NaN;
        if (!m || (m[1] !== "" && !range.signed) || n < range.min || n > range.max) {
          return `${JSON.stringify(item)} is not ${range.signed ? "±" : ""}${range.min} to ${range.max}`;
        }
      }
      return undefined;
    }
  }
}
