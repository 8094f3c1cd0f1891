import { describe, expect, it } from "vitest";

import { wallClock, zonedInstant } from "./zoned";

describe("wall clock in a time zone", () => {
  it("turns a date and time in the deployment's zone into the instant", () => {
    expect(zonedInstant("2026-11-30", "09:00", "Europe/Berlin").toISOString()).toBe("2026-11-30T08:00:00.000Z");
    expect(zonedInstant("2026-07-06", "09:00", "Europe/Berlin").toISOString()).toBe("2026-07-06T07:00:00.000Z");
    expect(zonedInstant("2026-11-30", "04:00", "America/New_York").toISOString()).toBe("2026-11-30T09:00:00.000Z");
  });

  it("reads an instant back as that zone's date and time", () => {
    expect(wallClock(new Date("2026-11-30T23:30:00Z"), "Europe/Berlin")).toEqual(["2026-12-01", "00:30"]);
  });
});
