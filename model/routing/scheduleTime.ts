// When the schedules of the routing files are in force, and so which state a schedule group is in
// at a moment: a schedule's first occurrence runs from `start` to `end` (local times of the schedule
// group's time zone, daylight saving time included: help.mypurecloud.com/articles/schedule-groups/),
// repeated on the dates its RRULE gives (RFC 5545 section 3.3.10); a group is "holiday" when one
// of its holiday schedules is in force, else "closed" when a closed one is, else "open" when an
// open one is, else "closed" ("Genesys Cloud evaluates schedules in the following order: Holiday,
// Closed, Open", same page; "If none of the defined schedules include the supplied date and time,
// then at runtime the flow takes the Closed output path",
// help.mypurecloud.com/articles/evaluate-schedule-group-action/). Behaviour scenarios evaluate
// routing with it. Local times are handled as milliseconds of a UTC date with the same fields, so
// calendar arithmetic needs no time zone. Rule parts this module cannot evaluate (sub-daily
// frequencies, BYHOUR, BYMINUTE, BYSECOND, BYSETPOS, BYWEEKNO, BYYEARDAY) throw ScheduleRuleUnsupported.
// Pure.
import { rruleParts } from "./rrule";

const DAY = 86_400_000;
const WEEK_DAYS = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"];
/** Dates searched for COUNT: a rule this long ago is a mistake, not a schedule. */
const MAX_COUNT_DAYS = 366 * 200;

export class ScheduleRuleUnsupported extends Error {}

export type GroupState = "open" | "closed" | "holiday";

/** A schedule as the routing files give it. */
export interface ScheduleTimes {
  start: string;
  end: string;
  rrule?: string;
}

/** `2026-01-05T08:00:00` (seconds optional) -> local milliseconds. */
export function parseLocalTime(s: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?$/.exec(s);
  if (!m) throw new Error(`${JSON.stringify(s)} is not a local date-time`);
  return Date.UTC(
    Number(m[1]),
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4]),
    Number(m[5]),
    Number(m[6] ?? 0),
    Math.floor(Number(`0.${m[7] ?? "0"}`) * 1000),
  );
}

/** The wall-clock time of `instant` (ms since the epoch) in `timeZone`, as local milliseconds. */
export function wallTime(instant: number, timeZone: string): number {
  const format = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
  const parts = Object.fromEntries(format.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
    new Date(instant).getUTCMilliseconds(),
  );
}

/** The instant whose wall-clock time in `timeZone` is `local` (a time skipped by daylight saving time: the instant that many minutes later). */
export function instantOf(local: number, timeZone: string): number {
  let guess = local;
  for (let i = 0; i < 3; i++) guess = local - (wallTime(guess, timeZone) - guess);
  return guess;
}

const dayOf = (local: number) => Math.floor(local / DAY) * DAY;

interface DateFields {
  year: number;
  /** 1 to 12. */
  month: number;
  /** Day of the month, 1 to 31. */
  date: number;
  /** 0 (Sunday) to 6. */
  weekDay: number;
  daysInMonth: number;
  /** Day of the year, 1 to 366. */
  yearDay: number;
  daysInYear: number;
}

function fields(day: number): DateFields {
  const d = new Date(day);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + 1;
  return {
    year,
    month,
    date: d.getUTCDate(),
    weekDay: d.getUTCDay(),
    daysInMonth: new Date(Date.UTC(year, month, 0)).getUTCDate(),
    yearDay: (day - Date.UTC(year, 0, 1)) / DAY + 1,
    daysInYear: (Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / DAY,
  };
}

/** A BYDAY entry: the week day (0 Sunday), and its ordinal when numbered (1MO, -1FR). */
interface ByDay {
  weekDay: number;
  ordinal?: number;
}

function byDays(value: string | undefined): ByDay[] | undefined {
  if (value === undefined) return undefined;
  return value.split(",").map((d) => {
    const m = /^([+-]?\d{1,2})?([A-Za-z]{2})$/.exec(d)!;
    return { weekDay: WEEK_DAYS.indexOf(m[2].toUpperCase()), ...(m[1] !== undefined ? { ordinal: Number(m[1]) } : {}) };
  });
}

const numbers = (value: string | undefined) => (value === undefined ? undefined : value.split(",").map(Number));

/** Is the `index`-th of `length` such week days the one `ordinal` names (negative: counted from the end)? */
const ordinalMatches = (ordinal: number, index: number, length: number) =>
  ordinal > 0 ? index === ordinal : length - index + 1 === -ordinal;

function weekDayMatches(list: readonly ByDay[], f: DateFields, withinYear: boolean): boolean {
  return list.some((b) => {
    if (b.weekDay !== f.weekDay) return false;
    if (b.ordinal === undefined) return true;
    // The n-th such week day of the month (or of the year): its index among them, from the start and from the end.
    const [at, days] = withinYear ? [f.yearDay, f.daysInYear] : [f.date, f.daysInMonth];
    const index = Math.floor((at - 1) / 7) + 1;
    const length = index + Math.floor((days - at) / 7);
    return ordinalMatches(b.ordinal, index, length);
  });
}

function monthDayMatches(list: readonly number[], f: DateFields): boolean {
  return list.some((n) => (n > 0 ? f.date === n : f.daysInMonth + n + 1 === f.date));
}

const UNSUPPORTED = ["BYHOUR", "BYMINUTE", "BYSECOND", "BYSETPOS", "BYWEEKNO", "BYYEARDAY"];

/** Is `day` (local midnight) a date the rule repeats the first occurrence on (the UNTIL and COUNT limits aside)? */
function onRuleDate(parts: ReadonlyMap<string, string>, first: number, day: number): boolean {
  const freq = (parts.get("FREQ") ?? "").toUpperCase();
  const interval = Number(parts.get("INTERVAL") ?? "1");
  const f = fields(day);
  const s = fields(first);
  const months = numbers(parts.get("BYMONTH"));
  const monthDays = numbers(parts.get("BYMONTHDAY"));
  const days = byDays(parts.get("BYDAY"));
  if (months && !months.includes(f.month)) return false;
  switch (freq) {
    case "DAILY":
      if (((day - first) / DAY) % interval !== 0) return false;
      return (!days || weekDayMatches(days, f, false)) && (!monthDays || monthDayMatches(monthDays, f));
    case "WEEKLY": {
      const wkst = WEEK_DAYS.indexOf((parts.get("WKST") ?? "MO").toUpperCase());
      const weekStart = (d: number) => d - ((fields(d).weekDay - wkst + 7) % 7) * DAY;
      if (((weekStart(day) - weekStart(first)) / (7 * DAY)) % interval !== 0) return false;
      return weekDayMatches(days ?? [{ weekDay: s.weekDay }], f, false);
    }
    case "MONTHLY": {
      if (((f.year - s.year) * 12 + f.month - s.month) % interval !== 0) return false;
      if (!days && !monthDays) return f.date === s.date;
      return (!days || weekDayMatches(days, f, false)) && (!monthDays || monthDayMatches(monthDays, f));
    }
    case "YEARLY": {
      if ((f.year - s.year) % interval !== 0) return false;
      if (!days && !monthDays) return (months ? true : f.month === s.month) && f.date === s.date;
      if (!months && !days && monthDays) return monthDayMatches(monthDays, f);
      return (!days || weekDayMatches(days, f, months === undefined)) && (!monthDays || monthDayMatches(monthDays, f));
    }
    default:
      throw new ScheduleRuleUnsupported(
        `RRULE FREQ=${freq}: only DAILY, WEEKLY, MONTHLY and YEARLY schedules can be evaluated`,
      );
  }
}

/** The last local time an occurrence may start at under the rule's UNTIL (a date: that whole day; a UTC time: in `timeZone`). */
function untilOf(until: string | undefined, timeZone: string): number | undefined {
  if (until === undefined) return undefined;
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/.exec(until)!;
  if (m[4] === undefined) return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 23, 59, 59, 999);
  const at = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  return m[7] === "Z" ? wallTime(at, timeZone) : at;
}

/** Is the schedule in force at local time `t` of `timeZone` (an occurrence's start included, its end not)? */
export function scheduleInForce(schedule: ScheduleTimes, t: number, timeZone: string): boolean {
  const start = parseLocalTime(schedule.start);
  const duration = parseLocalTime(schedule.end) - start;
  const firstDay = dayOf(start);
  const timeOfDay = start - firstDay;
  const parts = schedule.rrule !== undefined ? rruleParts(schedule.rrule) : undefined;
  for (const part of UNSUPPORTED)
    if (parts?.has(part)) throw new ScheduleRuleUnsupported(`RRULE ${part}: schedules with it cannot be evaluated yet`);
  const until = untilOf(parts?.get("UNTIL"), timeZone);
  const count = parts?.has("COUNT") ? Number(parts.get("COUNT")) : undefined;
  const isOccurrence = (day: number): boolean => {
    if (day < firstDay) return false;
    if (!parts) return day === firstDay;
    if (until !== undefined && day + timeOfDay > until) return false;
    if (!onRuleDate(parts, firstDay, day)) return false;
    if (count === undefined) return true;
    // COUNT: the occurrences from the first up to this one.
    if ((day - firstDay) / DAY > MAX_COUNT_DAYS)
      throw new ScheduleRuleUnsupported(
        `RRULE COUNT: the first occurrence is more than ${MAX_COUNT_DAYS} days before the time evaluated`,
      );
    let n = 0;
    for (let d = firstDay; d <= day && n <= count; d += DAY) if (onRuleDate(parts, firstDay, d)) n++;
    return n <= count;
  };
  // The occurrences that may cover t start on a day from t - duration to t.
  for (let day = dayOf(t - duration); day <= dayOf(t); day += DAY) {
    const begins = day + timeOfDay;
    if (begins <= t && t < begins + duration && isOccurrence(day)) return true;
  }
  return false;
}

/** A schedule group as the routing files give it, its schedules resolved. */
export interface ScheduleGroupTimes {
  timeZone: string;
  open: readonly ScheduleTimes[];
  closed: readonly ScheduleTimes[];
  holiday: readonly ScheduleTimes[];
}

/** The group's state at `instant` (ms since the epoch): holiday, then closed, then open; closed when none is in force. */
export function scheduleGroupStateAt(group: ScheduleGroupTimes, instant: number): GroupState {
  const t = wallTime(instant, group.timeZone);
  const inForce = (list: readonly ScheduleTimes[]) => list.some((s) => scheduleInForce(s, t, group.timeZone));
  if (inForce(group.holiday)) return "holiday";
  if (inForce(group.closed)) return "closed";
  if (inForce(group.open)) return "open";
  return "closed";
}
