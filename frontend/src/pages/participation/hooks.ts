/** Data of the participation page: my status and the pause and resume mutations. */

import { useMutation, useQuery } from "urql";

import { graphql } from "../../gql";

export const ParticipationPageDocument = graphql(`
  query ParticipationPage {
    me {
      id
      preferences {
        timeZone
      }
      participation {
        status
        pausedUntil
      }
    }
    deploymentSettings {
      deploymentId
      nextRoundAt
      timeZone
    }
  }
`);

export const PauseDocument = graphql(`
  mutation Pause($until: Date) {
    pause(until: $until) {
      id
      participation {
        status
        pausedUntil
      }
    }
  }
`);

export const ResumeDocument = graphql(`
  mutation Resume {
    resume {
      id
      participation {
        status
        pausedUntil
      }
    }
  }
`);

export function useParticipationPage() {
  return useQuery({ query: ParticipationPageDocument });
}

export function usePause() {
  return useMutation(PauseDocument);
}

export function useResume() {
  return useMutation(ResumeDocument);
}
