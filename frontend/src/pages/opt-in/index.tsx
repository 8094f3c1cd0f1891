/** The opt-in step a person takes once, after their first sign-in. */

import { useRef, useState } from "react";
import { Navigate } from "react-router";

import { clearDraft, takeReturnTo, useDraft } from "../../api/drafts";
import { useReloadViewer, useViewer } from "../../app/viewer";
import { browserTimeZone } from "../../components/time-zone-select";
import { useJoin } from "./hooks";
import OptInView from "./root";
import type { OptInValues } from "./validation";

const DRAFT = "opt-in";

export default function OptInPage() {
  const viewer = useViewer();
  const [next, setNext] = useState<string | null>(null);
  // While joining, the refreshed viewer already says ACTIVE; the page then leaves for `next`, not /match.
  const joining = useRef(false);
  const reloadViewer = useReloadViewer();
  const [{ fetching, error }, join] = useJoin();
  const initial: OptInValues = { name: viewer.profile.name, timeZone: browserTimeZone(), consent: false };
  const draft = useDraft<OptInValues>(DRAFT, initial);

  if (next !== null) return <Navigate to={next} replace />;
  if (viewer.participation.status !== "NOT_JOINED" && !joining.current) return <Navigate to="/match" replace />;

  return (
    <OptInView
      values={draft.value ?? initial}
      onChange={draft.setValue}
      submitting={fetching}
      error={error}
      onSkip={viewer.role === "ADMIN" ? () => setNext("/admin") : undefined}
      onSubmit={async (values) => {
        joining.current = true;
        const result = await join({ input: { name: values.name, timeZone: values.timeZone } });
        if (!result.data) {
          joining.current = false;
          return;
        }
        clearDraft(DRAFT);
        // The next page must see the person as joined.
        await reloadViewer();
        const back = takeReturnTo();
        // A newcomer who came to no page in particular sets their preferences first.
        const general = back === null || ["/", "/match", "/welcome"].includes(back);
        setNext(general ? "/profile" : back);
      }}
    />
  );
}
