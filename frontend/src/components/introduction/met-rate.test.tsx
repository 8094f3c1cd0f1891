import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { MetRateView } from "./met-rate";

describe("met rate", () => {
  it("shows the overall shares and one row per intro channel", () => {
    render(
      <MetRateView
        report={{
          overall: {
            matches: 4,
            answered: 3,
            met: 2,
            answeredShare: 0.75,
            metShare: 0.5,
            byChannel: [
              { channel: "EMAIL", introduced: 2, answered: 1, met: 1, answeredShare: 0.5, metShare: 0.5 },
              { channel: "SLACK", introduced: 2, answered: 1, met: 0, answeredShare: 0.5, metShare: 0 },
              { channel: "TELEGRAM", introduced: 2, answered: 1, met: 1, answeredShare: 0.5, metShare: 0.5 },
            ],
          },
          rounds: [{ slot: "2030-01-14", matches: 3, answered: 2, met: 1, answeredShare: 2 / 3, metShare: 1 / 3 }],
        }}
      />,
    );
    expect(screen.getByTestId("met-rate-overall").textContent).toBe("50%");
    expect(screen.getByTestId("answered-rate-overall").textContent).toBe("75%");
    expect(screen.getByTestId("met-SLACK").textContent).toBe("0%");
    expect(screen.getByTestId("met-TELEGRAM").textContent).toBe("50%");
    const rounds = screen.getByRole("table", { name: "Met rate by round" });
    expect(within(rounds).getByText("2030-01-14")).toBeTruthy();
    expect(within(rounds).getByText("33%")).toBeTruthy();
  });
});
