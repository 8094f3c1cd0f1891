/** Data of the current-match page: my latest match, kept live by the new-match subscription. */

import { useState } from "react";
import { useQuery, useSubscription } from "urql";

import { graphql } from "../../gql";
import type { CurrentMatchFragment } from "../../gql/graphql";

export const CurrentMatchFragmentDoc = graphql(`
  fragment CurrentMatch on Match {
    id
    slot
    scheduledDate
    status
    createdAt
    participants {
      id
      name
      email
      timeZone
      team
      topics
    }
    suggestedTime {
      start
      end
    }
    myFeedback {
      matchId
      outcome
    }
  }
`);

export const CurrentMatchPageDocument = graphql(`
  query CurrentMatchPage {
    me {
      id
      preferences {
        topics
        meetingLength
        timeZone
      }
      participation {
        status
        pausedUntil
      }
    }
    deploymentSettings {
      timeZone
      nextRoundAt
    }
    myCurrentMatch {
      ...CurrentMatch
    }
  }
`);

export const MyNewMatchDocument = graphql(`
  subscription MyNewMatch {
    myNewMatch {
      ...CurrentMatch
    }
  }
`);

/** The latest match: from the query on load, replaced by each match the subscription delivers. */
export function useCurrentMatch() {
  const [query, reexecute] = useQuery({ query: CurrentMatchPageDocument });
  const [live, setLive] = useState<CurrentMatchFragment | null>(null);
  const [subscription] = useSubscription({ query: MyNewMatchDocument }, (_previous: unknown, event) => {
    setLive(event.myNewMatch);
    return event;
  });
  const match = live ?? query.data?.myCurrentMatch ?? null;
  return { query, match, arrivedLive: live !== null, subscriptionError: subscription.error, reload: () => reexecute({ requestPolicy: "network-only" }) };
}
