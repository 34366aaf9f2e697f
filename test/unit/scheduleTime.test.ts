// When a schedule of the routing files is in force (its first occurrence repeated by its RRULE, in
// the schedule group's time zone, daylight saving time included) and which state a schedule group
// is in: holiday before closed before open, closed when no schedule is in force.
import {
  instantOf,
  parseLocalTime,
  ScheduleRuleUnsupported,
  scheduleGroupStateAt,
  scheduleInForce,
  wallTime,
  type ScheduleTimes,
} from "../../model/routing/scheduleTime";

const NY = "America/New_York";
const at = (local: string, schedule: ScheduleTimes, zone = NY) =>
  scheduleInForce(schedule, parseLocalTime(local), zone);

describe("wall-clock time in a time zone", () => {
  test("an instant's local time, and back, on both sides of a daylight saving change", () => {
    // 2026-03-08: New York moves from UTC-5 to UTC-4 at 02:00.
    expect(new Date(wallTime(Date.parse("2026-03-07T15:00:00Z"), NY)).toISOString()).toBe("2026-03-07T10:00:00.000Z");
    expect(new Date(wallTime(Date.parse("2026-03-09T14:00:00Z"), NY)).toISOString()).toBe("2026-03-09T10:00:00.000Z");
    expect(new Date(instantOf(parseLocalTime("2026-03-09T10:00"), NY)).toISOString()).toBe("2026-03-09T14:00:00.000Z");
    expect(new Date(instantOf(parseLocalTime("2026-11-24T09:30"), "America/Chicago")).toISOString()).toBe(
      "2026-11-24T15:30:00.000Z",
    );
  });
});

describe("a schedule in force", () => {
  const weekdays = {
    start: "2026-01-05T08:00:00",
    end: "2026-01-05T18:00:00",
    rrule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
  };

  test("weekly on week days, from its start (included) to its end (not)", () => {
    expect(at("2026-11-24T08:00", weekdays)).toBe(true); // Tuesday
    expect(at("2026-11-24T17:59:59", weekdays)).toBe(true);
    expect(at("2026-11-24T18:00", weekdays)).toBe(false);
    expect(at("2026-11-24T07:59:59", weekdays)).toBe(false);
    expect(at("2026-11-28T10:00", weekdays)).toBe(false); // Saturday
    expect(at("2026-01-02T10:00", weekdays)).toBe(false); // a Friday before the first occurrence
  });

  test("without a rule: once", () => {
    const once = { start: "2026-12-24T12:00:00", end: "2026-12-26T09:00:00" };
    expect(at("2026-12-25T03:00", once)).toBe(true); // an occurrence spanning days
    expect(at("2026-12-26T09:00", once)).toBe(false);
    expect(at("2027-12-25T03:00", once)).toBe(false);
  });

  test("an occurrence that spans midnight covers the next morning", () => {
    const nights = { start: "2026-01-05T22:00:00", end: "2026-01-06T06:00:00", rrule: "FREQ=DAILY" };
    expect(at("2026-11-25T02:00", nights)).toBe(true);
    expect(at("2026-01-05T23:00", nights)).toBe(true);
    expect(at("2026-01-05T02:00", nights)).toBe(false); // before the first occurrence
    expect(at("2026-11-25T12:00", nights)).toBe(false);
  });

  test("yearly on a date, monthly on a numbered week day, every other week", () => {
    const newYear = {
      start: "2026-01-01T00:00:00",
      end: "2026-01-01T23:59:59",
      rrule: "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=1",
    };
    expect(at("2027-01-01T10:00", newYear)).toBe(true);
    expect(at("2027-01-02T10:00", newYear)).toBe(false);
    const lastFriday = { start: "2026-01-30T09:00:00", end: "2026-01-30T12:00:00", rrule: "FREQ=MONTHLY;BYDAY=-1FR" };
    expect(at("2026-11-27T10:00", lastFriday)).toBe(true);
    expect(at("2026-11-20T10:00", lastFriday)).toBe(false);
    const thanksgiving = {
      start: "2026-11-26T00:00:00",
      end: "2026-11-26T23:59:59",
      rrule: "FREQ=YEARLY;BYMONTH=11;BYDAY=4TH",
    };
    expect(at("2027-11-25T10:00", thanksgiving)).toBe(true);
    expect(at("2027-11-18T10:00", thanksgiving)).toBe(false);
    const fortnightly = {
      start: "2026-01-05T08:00:00",
      end: "2026-01-05T12:00:00",
      rrule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO",
    };
    expect(at("2026-01-19T09:00", fortnightly)).toBe(true);
    expect(at("2026-01-12T09:00", fortnightly)).toBe(false);
  });

  test("COUNT and UNTIL end the repetition", () => {
    const three = { start: "2026-01-05T08:00:00", end: "2026-01-05T09:00:00", rrule: "FREQ=DAILY;COUNT=3" };
    expect(at("2026-01-07T08:30", three)).toBe(true);
    expect(at("2026-01-08T08:30", three)).toBe(false);
    const until = { start: "2026-01-05T08:00:00", end: "2026-01-05T09:00:00", rrule: "FREQ=DAILY;UNTIL=20260110" };
    expect(at("2026-01-10T08:30", until)).toBe(true);
    expect(at("2026-01-11T08:30", until)).toBe(false);
  });

  test("a rule part it cannot evaluate is said, not guessed", () => {
    const hourly = { start: "2026-01-05T08:00:00", end: "2026-01-05T09:00:00", rrule: "FREQ=DAILY;BYHOUR=8,9" };
    expect(() => at("2026-01-06T08:30", hourly)).toThrow(ScheduleRuleUnsupported);
    expect(() => at("2026-01-06T08:30", { ...hourly, rrule: "FREQ=HOURLY" })).toThrow(
      /only DAILY, WEEKLY, MONTHLY and YEARLY/,
    );
  });
});

describe("a schedule group's state", () => {
  const group = {
    timeZone: NY,
    open: [{ start: "2026-01-05T08:00:00", end: "2026-01-05T18:00:00", rrule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR" }],
    closed: [{ start: "2026-01-03T00:00:00", end: "2026-01-03T23:59:59", rrule: "FREQ=WEEKLY;BYDAY=SA,SU" }],
    holiday: [
      { start: "2026-01-01T00:00:00", end: "2026-01-01T23:59:59", rrule: "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=1" },
    ],
  };
  const stateAt = (iso: string, g = group) => scheduleGroupStateAt(g, Date.parse(iso));

  test("open, closed, holiday at instants read in the group's time zone", () => {
    expect(stateAt("2026-11-24T15:00:00Z")).toBe("open"); // 10:00 in New York
    expect(stateAt("2026-11-24T12:00:00Z")).toBe("closed"); // 07:00: no schedule in force
    expect(stateAt("2026-11-28T15:00:00Z")).toBe("closed"); // Saturday
    expect(stateAt("2027-01-01T15:00:00Z")).toBe("holiday"); // a Friday, and New Year's Day
  });

  test("holiday wins over closed, closed over open", () => {
    const everyDay = { start: "2026-01-01T00:00:00", end: "2026-01-01T23:59:59", rrule: "FREQ=DAILY" };
    expect(stateAt("2026-11-24T15:00:00Z", { ...group, closed: [everyDay] })).toBe("closed");
    expect(stateAt("2026-11-24T15:00:00Z", { ...group, closed: [everyDay], holiday: [everyDay] })).toBe("holiday");
  });
});
