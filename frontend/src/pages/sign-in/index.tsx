/** The sign-in page: remembers where the person was going, then leaves for the provider. */

import { useLocation } from "react-router";

import { rememberReturnTo } from "../../api/drafts";
import { useSessionState } from "../../api/session-context";
import { useProviders } from "./hooks";
import SignInView from "./root";

export default function SignInPage() {
  const { providers, problem } = useProviders();
  const { status } = useSessionState();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  return (
    <SignInView
      providers={providers}
      problem={problem}
      expired={status === "expired"}
      onChoose={() => {
        if (from) rememberReturnTo(from);
      }}
    />
  );
}
