/** The opt-in step a person takes once, after their first sign-in. */

import { Navigate, useNavigate } from "react-router";

import { clearDraft, takeReturnTo, useDraft } from "../../api/drafts";
import { useReloadViewer, useViewer } from "../../app/viewer";
import { browserTimeZone } from "../../components/time-zone-select";
import { useJoin } from "./hooks";
import OptInView from "./root";
import type { OptInValues } from "./validation";

const DRAFT = "opt-in";

export default function OptInPage() {
  const viewer = useViewer();
  const navigate = useNavigate();
  const reloadViewer = useReloadViewer();
  const [{ fetching, error }, join] = useJoin();
  const initial: OptInValues = { name: viewer.profile.name, timeZone: viewer.preferences.timeZone || browserTimeZone(), consent: false };
  const draft = useDraft<OptInValues>(DRAFT, initial);

  if (viewer.participation.status !== "NOT_JOINED") return <Navigate to="/match" replace />;

  return (
    <OptInView
      values={draft.value ?? initial}
      onChange={draft.setValue}
      submitting={fetching}
      error={error}
      onSubmit={async (values) => {
        const result = await join({ input: { name: values.name, timeZone: values.timeZone } });
        if (result.data) {
          clearDraft(DRAFT);
          await reloadViewer();
          const back = takeReturnTo();
          navigate(back && back !== "/welcome" ? back : "/profile", { replace: true });
        }
      }}
    />
  );
}
