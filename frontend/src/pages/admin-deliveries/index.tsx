/** The undelivered notifications page. */

import { useState } from "react";

import { useViewer } from "../../app/viewer";
import { useFlash } from "../../components/flash";
import type { UndeliverableEntryFragment } from "../../gql/graphql";
import { useResendNotification, useUndeliverable } from "./hooks";
import UndeliverableView, { entryKey } from "./root";

export default function AdminDeliveriesPage() {
  const viewer = useViewer();
  const list = useUndeliverable();
  const flash = useFlash();
  const [resendState, resend] = useResendNotification();
  const [queued, setQueued] = useState<ReadonlySet<string>>(new Set());

  const onResend = async (entry: UndeliverableEntryFragment) => {
    const name = entry.person?.name ?? "this person";
    const result = await resend({ matchId: entry.matchId, userId: entry.userId });
    const answer = result.data?.resendNotification;
    if (!answer) {
      flash.show({ type: "error", header: `Could not send again to ${name}.`, content: result.error?.graphQLErrors[0]?.message ?? result.error?.message });
      return;
    }
    if (answer.__typename === "AlreadyDelivered") {
      flash.show({ type: "info", header: `${name} has been told of this match already; nothing was sent.` });
      list.reload();
      return;
    }
    setQueued((current) => new Set(current).add(entryKey(entry)));
    flash.show({ type: "success", header: `Sending again to ${name}.`, content: "Every channel of theirs is tried again over the next day." });
  };

  return (
    <UndeliverableView
      items={list.items}
      error={list.error}
      timeZone={viewer.preferences.timeZone}
      hasMore={list.hasMore}
      loading={list.loading}
      busy={resendState.fetching}
      queued={queued}
      onResend={onResend}
      onLoadMore={list.loadMore}
      onReload={() => {
        setQueued(new Set());
        list.reload();
      }}
    />
  );
}
