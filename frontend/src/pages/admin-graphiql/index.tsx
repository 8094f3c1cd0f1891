/** Admins: GraphiQL against this deployment's API, as the signed-in admin; its code is served by us. */

import "graphiql/setup-workers/vite";
import "graphiql/style.css";
import "./graphiql.css";

import { GraphiQL } from "graphiql";
import { createClient } from "graphql-ws";
import { useEffect, useMemo } from "react";

import { useSession } from "../../api/session-context";
import { loadedAtGraphiQL } from "../../app/graphiql-document";
import Loading from "../../components/loading";
import { createTokenFetcher } from "./fetcher";

const FIRST_QUERY = `# Runs as you. Ctrl-Enter runs it.
query Deployment {
  deploymentConfig {
    schedule
    timeZone
    meetingSize
  }
  stats {
    activePeople
    pausedPeople
  }
}
`;

function websocketUrl(path: string): string {
  const url = new URL(path, window.location.href);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  return url.toString();
}

export default function AdminGraphiQLPage() {
  const session = useSession();
  // The editor needs style elements that only this page's own document may create.
  const needsReload = !loadedAtGraphiQL();
  useEffect(() => {
    if (needsReload) window.location.reload();
  }, [needsReload]);
  const ws = useMemo(
    () =>
      createClient({
        url: websocketUrl("/graphql"),
        lazy: true,
        connectionParams: async () => {
          const token = await session.freshToken();
          return token ? { authorization: `Bearer ${token}` } : {};
        },
      }),
    [session],
  );
  useEffect(() => () => void ws.dispose(), [ws]);
  const fetcher = useMemo(() => createTokenFetcher({ session, ws }), [session, ws]);
  if (needsReload) return <Loading label="Opening GraphiQL" />;
  return (
    <section className="vc-graphiql" aria-label="GraphiQL">
      <h1 className="vc-visually-hidden">GraphiQL</h1>
      <GraphiQL fetcher={fetcher} defaultQuery={FIRST_QUERY} isHeadersEditorEnabled={false} shouldPersistHeaders={false} />
    </section>
  );
}
