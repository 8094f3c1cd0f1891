import { describe, expect, it } from "vitest";

import { describeSchedule } from "./schedule";

describe("describeSchedule", () => {
  it("reads a weekly schedule in plain English, 24-hour clock", () => {
    expect(describeSchedule("0 9 * * mon")).toBe("At 09:00, only on Monday");
    expect(describeSchedule("30 10 * * tue")).toBe("At 10:30, only on Tuesday");
  });

  it("says nothing for what it cannot read", () => {
    expect(describeSchedule("every monday")).toBeNull();
    expect(describeSchedule("")).toBeNull();
  });
});
