import { describe, expect, it } from "vitest";

import { cronProblem, describeCron, nextRuns } from "./cron";

const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

describe("cron schedule", () => {
  it("reads a weekly schedule in plain English", () => {
    expect(describeCron("0 9 * * mon")).toBe("At 09:00 on Monday");
    expect(describeCron("30 10 1 * *")).toBe("At 10:30 on the 1st of the month");
    expect(describeCron("0 9 * * 1,3")).toBe("At 09:00 on Monday and Wednesday");
  });

  it("gives the next runs in the deployment's time zone", () => {
    const from = new Date("2026-11-27T12:00:00Z"); // a Friday
    expect(iso(nextRuns({ expression: "0 9 * * mon", timeZone: "Europe/Berlin", from, count: 2 }))).toEqual([
      "2026-11-30T08:00:00.000Z",
      "2026-12-07T08:00:00.000Z",
    ]);
    expect(iso(nextRuns({ expression: "0 9 * * mon", timeZone: "America/New_York", from, count: 1 }))).toEqual(["2026-11-30T14:00:00.000Z"]);
  });

  it("follows daylight saving time", () => {
    const from = new Date("2026-03-20T00:00:00Z");
    // Berlin moves to summer time on 29 March 2026: 09:00 is 08:00Z before and 07:00Z after.
    expect(iso(nextRuns({ expression: "0 9 * * mon", timeZone: "Europe/Berlin", from, count: 2 }))).toEqual([
      "2026-03-23T08:00:00.000Z",
      "2026-03-30T07:00:00.000Z",
    ]);
  });

  it("treats restricted day-of-month and day-of-week as either", () => {
    const from = new Date("2026-11-27T12:00:00Z");
    expect(iso(nextRuns({ expression: "0 12 1 * fri", timeZone: "UTC", from, count: 2 }))).toEqual([
      "2026-12-01T12:00:00.000Z",
      "2026-12-04T12:00:00.000Z",
    ]);
  });

  it("explains what is wrong with a bad expression", () => {
    expect(cronProblem("0 9 * *")).toMatch(/five fields/);
    expect(cronProblem("0 25 * * *")).toBe("The hour must be between 0 and 23, not 25.");
    expect(cronProblem("0 9 * * funday")).toBe('"funday" is not a valid day of week.');
    expect(cronProblem("*/15 9-17 * * mon-fri")).toBeUndefined();
  });
});
