/** Data of the rounds page: past rounds, a dry-run preview, running one now and its live progress. */

import { useState } from "react";
import { useMutation, useQuery, useSubscription } from "urql";

import { graphql } from "../../gql";
import type { RoundProgressSubscription } from "../../gql/graphql";

export const QualityFragmentDoc = graphql(`
  fragment Quality on RoundQuality {
    repeats
    groupsWithoutCommonWindow
    crossTeamShare
    unmatched
  }
`);

export const RoundsDocument = graphql(`
  query Rounds($first: Int!) {
    deploymentSettings {
      timeZone
      nextRoundAt
    }
    rounds(first: $first) {
      items {
        slot
        status
        participants
        groups
        startedAt
        finishedAt
        quality {
          ...Quality
        }
      }
      nextCursor
    }
  }
`);

export const PreviewRoundDocument = graphql(`
  mutation PreviewRound($slot: String!) {
    previewRound(slot: $slot) {
      slot
      groups {
        members {
          id
          name
          team
          timeZone
        }
        suggestedTime {
          start
          end
        }
      }
      unmatched {
        id
        name
      }
      quality {
        ...Quality
      }
    }
  }
`);

export const RunRoundNowDocument = graphql(`
  mutation RunRoundNow($slot: String!) {
    runRoundNow(slot: $slot) {
      __typename
      ... on RoundQueued {
        slot
        jobId
      }
      ... on RoundAlreadyQueued {
        slot
        jobId
      }
    }
  }
`);

export const RoundProgressDocument = graphql(`
  subscription RoundProgress {
    roundProgress {
      slot
      status
      groupsWritten
      groupsTotal
    }
  }
`);

export type Progress = RoundProgressSubscription["roundProgress"];

export function useRounds() {
  return useQuery({ query: RoundsDocument, variables: { first: 50 }, requestPolicy: "cache-and-network" });
}

export function usePreviewRound() {
  return useMutation(PreviewRoundDocument);
}

export function useRunRoundNow() {
  return useMutation(RunRoundNowDocument);
}

/** The latest progress event per slot, as rounds are written. */
export function useRoundProgress(onFinished: (progress: Progress) => void) {
  const [bySlot, setBySlot] = useState<Record<string, Progress>>({});
  const [state] = useSubscription({ query: RoundProgressDocument }, (_previous: unknown, event) => {
    const progress = event.roundProgress;
    setBySlot((current) => ({ ...current, [progress.slot]: progress }));
    if (progress.status === "COMPLETED" || progress.status === "FAILED" || progress.status === "SKIPPED") onFinished(progress);
    return event;
  });
  return { bySlot, error: state.error };
}
