/** The sign-in page: remembers where the person was going, then leaves for the provider. */

import { useLocation } from "react-router";

import { rememberReturnTo } from "../../api/drafts";
import { markSigningIn } from "../../api/session";
import { useSessionState } from "../../api/session-context";
import { signInRefusal, useProviders } from "./hooks";
import SignInView from "./root";

export default function SignInPage() {
  const { providers, problem } = useProviders();
  const { status } = useSessionState();
  const location = useLocation();
  const state = location.state as { from?: string; authError?: string; authReason?: string | null } | null;
  const from = state?.from;
  return (
    <SignInView
      providers={providers}
      problem={problem ?? (state?.authError ? signInRefusal(state.authError, state.authReason ?? null) : null)}
      expired={status === "expired"}
      onChoose={() => {
        markSigningIn();
        if (from) rememberReturnTo(from);
      }}
    />
  );
}
