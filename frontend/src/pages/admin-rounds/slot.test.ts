import { describe, expect, it } from "vitest";

import { slotOf, slotProblem } from "./slot";

describe("round slots", () => {
  it("names the current minute in UTC", () => {
    expect(slotOf(new Date("2026-11-27T09:05:42+01:00"))).toBe("2026-11-27T08:05Z");
  });

  it("accepts the two forms the API knows and explains any other", () => {
    expect(slotProblem("2026-11-30")).toBeUndefined();
    expect(slotProblem("2026-11-30T09:00Z")).toBeUndefined();
    expect(slotProblem("30/11/2026")).toMatch(/^Use YYYY-MM-DD/);
    expect(slotProblem("2026-11-30T09:00")).toMatch(/^Use YYYY-MM-DD/);
    expect(slotProblem("2026-13-45")).toBe("This date does not exist.");
  });
});
