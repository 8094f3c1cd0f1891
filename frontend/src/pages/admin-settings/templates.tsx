/** The match message template wired to the API: saved text, drafts, live preview and save. */

import { useCallback, useRef, useState } from "react";

import { toProblem, type ApiProblem } from "../../api/errors";
import { useDraft } from "../../api/drafts";
import { useUnsavedChanges } from "../../forms/unsaved-changes";
import ErrorAlert from "../../components/error-alert";
import Loading from "../../components/loading";
import { useMessageTemplates, usePreviewTemplate, useUpdateMatchTemplate } from "./hooks";
import type { TemplateValues } from "./template-validation";
import TemplatesSection, { type RenderedPreview } from "./templates-section";

export default function MatchTemplate() {
  const [{ data, error, fetching }] = useMessageTemplates();
  const [saveState, save] = useUpdateMatchTemplate();
  const [previewState, renderPreview] = usePreviewTemplate();
  const [preview, setPreview] = useState<RenderedPreview | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [flash, setFlash] = useState<string | null>(null);
  // Only the answer to the latest request counts; earlier ones may arrive after it.
  const latest = useRef(0);
  const match = data?.messageTemplates.match;
  const draft = useDraft<TemplateValues>("match-template", match ? { subject: match.subject, body: match.body } : null);
  useUnsavedChanges("match-template", draft.edited, draft.discard);

  const onPreview = useCallback(
    async (values: TemplateValues) => {
      const request = ++latest.current;
      const result = await renderPreview({ input: values });
      if (request !== latest.current) return;
      if (result.data) {
        setPreview(result.data.previewTemplate);
        setProblem(null);
      } else if (result.error) {
        setProblem(toProblem(result.error));
      }
    },
    [renderPreview],
  );

  if (!match || !draft.value) return error && !fetching ? <ErrorAlert error={error} /> : <Loading label="Loading the match message" />;
  return (
    <TemplatesSection
      values={draft.value}
      defaults={{ subject: match.defaultSubject, body: match.defaultBody }}
      variables={match.variables}
      isDefault={match.isDefault}
      edited={draft.edited}
      onChange={(values) => {
        setFlash(null);
        draft.setValue(values);
      }}
      onDiscard={draft.discard}
      onPreview={onPreview}
      preview={preview}
      previewing={previewState.fetching}
      problem={problem}
      saving={saveState.fetching}
      flash={flash}
      onDismissFlash={() => setFlash(null)}
      onSave={async (values) => {
        setFlash(null);
        const result = await save({ input: values });
        if (result.data) {
          draft.discard();
          setProblem(null);
          setFlash(result.data.updateMatchTemplate.match.isDefault ? "Saved: people receive the built-in message." : "Template saved.");
        } else if (result.error) {
          setProblem(toProblem(result.error));
        }
      }}
    />
  );
}
