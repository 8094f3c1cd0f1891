/** The app's providers: session, GraphQL client and router. */

import { useState } from "react";
import { BrowserRouter } from "react-router";
import { Provider as UrqlProvider } from "urql";

import { createApiClient } from "../api/client";
import { Session } from "../api/session";
import { SessionProvider } from "../api/session-context";
import AppRoutes from "./routes";

export default function App() {
  const [{ session, client }] = useState(() => {
    const created = new Session();
    return { session: created, client: createApiClient({ session: created }).client };
  });
  return (
    <SessionProvider session={session}>
      <UrqlProvider value={client}>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </UrqlProvider>
    </SessionProvider>
  );
}
