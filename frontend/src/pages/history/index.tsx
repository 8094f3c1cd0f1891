/** The history page: past matches and the "did you meet?" feedback for each. */

import SpaceBetween from "@cloudscape-design/components/space-between";
import { useEffect, useRef, useState } from "react";
import { useSearchParams } from "react-router";

import { useViewer } from "../../app/viewer";
import ErrorAlert from "../../components/error-alert";
import SavedFlash from "../../components/saved-flash";
import FeedbackModal from "./feedback-form";
import { useAllMyMatches, useSubmitFeedback } from "./hooks";
import HistoryTable, { toRows, type HistoryRow } from "./root";

export default function HistoryPage() {
  const viewer = useViewer();
  const { items, error, reload, replace } = useAllMyMatches();
  const [feedbackState, submitFeedback] = useSubmitFeedback();
  const [selected, setSelected] = useState<HistoryRow | null>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const rows = items ? toRows(items, viewer.id, viewer.preferences.timeZone) : null;
  const feedback = selected?.match.myFeedback;
  // The match page links here with ?feedback=<match id>: open that match's question at once.
  const [params, setParams] = useSearchParams();
  const asked = params.get("feedback");
  const answered = useRef<string | null>(null);
  useEffect(() => {
    // Once per link followed, as soon as the matches are in.
    if (asked === null || rows === null || answered.current === asked) return;
    answered.current = asked;
    const row = rows.find((candidate) => candidate.id === asked);
    if (row) setSelected(row);
    setParams({}, { replace: true });
  }, [asked, rows, setParams]);

  return (
    <SpaceBetween size="m">
      <SavedFlash message={flash} onDismiss={() => setFlash(null)} />
      {error && <ErrorAlert error={error} />}
      <HistoryTable rows={rows} onReload={reload} onFeedback={(row) => setSelected(row)} />
      <FeedbackModal
        visible={selected !== null}
        withWhom={selected?.withWhom || "your match"}
        initial={{ outcome: feedback?.outcome ?? null, rating: feedback?.rating ?? null, comment: feedback?.comment ?? "" }}
        submitting={feedbackState.fetching}
        error={feedbackState.error}
        onDismiss={() => setSelected(null)}
        onSubmit={async (values) => {
          if (!selected) return;
          const result = await submitFeedback({
            input: { matchId: selected.id, outcome: values.outcome, rating: values.rating, comment: values.comment || null },
          });
          const saved = result.data?.submitFeedback;
          if (!saved) return;
          replace((current) => current?.map((m) => (m.id === selected.id ? { ...m, myFeedback: saved } : m)) ?? current);
          setSelected(null);
          setFlash("Thanks, your feedback is recorded.");
        }}
      />
    </SpaceBetween>
  );
}
