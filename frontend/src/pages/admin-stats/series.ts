/** Chart series built from rounds: oldest first, completed rounds only. */

import type { AdminStatsQuery } from "../../gql/graphql";

export type RoundItem = AdminStatsQuery["rounds"]["items"][number];

export interface RoundPoint {
  label: string;
  participants: number;
  groups: number;
  repeats: number;
  repeatShare: number;
}

export function roundLabel(slot: string): string {
  // Slots read YYYY-MM-DD or YYYY-MM-DDTHH:MMZ; the date part is enough on an axis.
  return slot.length > 10 ? `${slot.slice(0, 10)} ${slot.slice(11, 16)}` : slot;
}

export function roundPoints(rounds: RoundItem[]): RoundPoint[] {
  return rounds
    .filter((round) => round.status === "COMPLETED")
    .slice()
    .sort((a, b) => a.slot.localeCompare(b.slot))
    .map((round) => {
      const groups = round.groups ?? 0;
      const repeats = round.quality?.repeats ?? 0;
      return {
        label: roundLabel(round.slot),
        participants: round.participants ?? 0,
        groups,
        repeats,
        repeatShare: groups > 0 ? repeats / groups : 0,
      };
    });
}

export function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : `${Math.round(value * 1000) / 10}%`;
}
