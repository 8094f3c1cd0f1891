import { describe, expect, it } from "vitest";

import { qualitySummary } from "./root";

describe("a round's quality in one cell", () => {
  it("names every figure, in the words of the preview", () => {
    expect(qualitySummary({ repeats: 1, groupsWithoutCommonWindow: 2, crossTeamShare: 0.5, unmatched: 0 })).toBe(
      "1 repeated pair, 2 groups without a common free hour, 50% cross-team pairs, 0 left unmatched",
    );
  });

  it("leaves out the cross-team share when nobody named a team", () => {
    expect(qualitySummary({ repeats: 0, groupsWithoutCommonWindow: 1, crossTeamShare: null, unmatched: 3 })).toBe(
      "0 repeated pairs, 1 group without a common free hour, 3 left unmatched",
    );
  });
});
