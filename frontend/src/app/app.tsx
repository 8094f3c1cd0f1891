/** The app's providers: session, GraphQL client and router. */

import { I18nProvider } from "@cloudscape-design/components/i18n";
import messages from "@cloudscape-design/components/i18n/messages/all.en";
import { useState } from "react";
import { createBrowserRouter, RouterProvider } from "react-router";
import { Provider as UrqlProvider } from "urql";

import { createApiClient } from "../api/client";
import { Session } from "../api/session";
import { SessionProvider } from "../api/session-context";
import { FlashProvider } from "../components/flash";
import AppRoutes from "./routes";

// A data router, so a page with unsaved edits can hold a navigation (useBlocker); the routes
// themselves stay declared as <Routes> under the catch-all.
const router = createBrowserRouter([{ path: "*", element: <AppRoutes /> }]);

export default function App() {
  const [{ session, client }] = useState(() => {
    const created = new Session();
    return { session: created, client: createApiClient({ session: created }).client };
  });
  return (
    // English labels for every control Cloudscape draws itself: close, dismiss, next page, clear.
    <I18nProvider locale="en" messages={[messages]}>
      <SessionProvider session={session}>
        <UrqlProvider value={client}>
          <FlashProvider>
            <RouterProvider router={router} />
          </FlashProvider>
        </UrqlProvider>
      </SessionProvider>
    </I18nProvider>
  );
}
