/** The signed-in person as every page needs them: role, name, time zone and participation. */

import { createContext, useCallback, useContext } from "react";
import { useClient } from "urql";

import { graphql } from "../gql";
import type { ViewerQuery } from "../gql/graphql";

export const ViewerDocument = graphql(`
  query Viewer {
    me {
      id
      role
      profile {
        name
        email
      }
      preferences {
        timeZone
      }
      participation {
        status
        pausedUntil
      }
    }
  }
`);

export type Viewer = ViewerQuery["me"];

export const ViewerContext = createContext<Viewer | null>(null);

export function useViewer(): Viewer {
  const viewer = useContext(ViewerContext);
  if (viewer === null) throw new Error("useViewer outside a signed-in route");
  return viewer;
}

/** Reloads the viewer from the server, for changes the page must see before it moves on. */
export function useReloadViewer(): () => Promise<void> {
  const client = useClient();
  return useCallback(async () => {
    await client.query(ViewerDocument, {}, { requestPolicy: "network-only" }).toPromise();
  }, [client]);
}
