/** "Did you meet?": the feedback a member gives on one match, in a modal. */

import Box from "@cloudscape-design/components/box";
import Button from "@cloudscape-design/components/button";
import FormField from "@cloudscape-design/components/form-field";
import Modal from "@cloudscape-design/components/modal";
import RadioGroup from "@cloudscape-design/components/radio-group";
import Select from "@cloudscape-design/components/select";
import SpaceBetween from "@cloudscape-design/components/space-between";
import Textarea from "@cloudscape-design/components/textarea";
import { useEffect, useState } from "react";
import type { CombinedError } from "urql";

import ErrorAlert from "../../components/error-alert";
import { LIMITS } from "../../generated/limits";
import type { FeedbackOutcome } from "../../gql/graphql";

export interface FeedbackValues {
  outcome: FeedbackOutcome | null;
  rating: number | null;
  comment: string;
}

export type FeedbackErrors = Partial<Record<keyof FeedbackValues, string>>;

export const COMMENT_MAX = LIMITS.feedbackComment.maxLength;

export const OUTCOME_LABELS: Record<FeedbackOutcome, string> = {
  MET: "Yes, we met",
  DID_NOT_MEET: "No, we did not meet",
  RESCHEDULED: "We moved it to another time",
};

export function validateFeedback(values: FeedbackValues): FeedbackErrors {
  const errors: FeedbackErrors = {};
  if (values.outcome === null) errors.outcome = "Tell us whether you met.";
  if (values.rating !== null && (values.rating < 1 || values.rating > 5)) errors.rating = "Rate from 1 to 5.";
  if (values.rating !== null && values.outcome !== "MET") errors.rating = "Rate the chat only if you met.";
  if (values.comment.length > COMMENT_MAX) errors.comment = `Use at most ${COMMENT_MAX} characters (now ${values.comment.length}).`;
  return errors;
}

const RATINGS = [
  { value: "", label: "No rating" },
  { value: "5", label: "5 — great" },
  { value: "4", label: "4 — good" },
  { value: "3", label: "3 — fine" },
  { value: "2", label: "2 — meh" },
  { value: "1", label: "1 — poor" },
];

export interface FeedbackModalProps {
  visible: boolean;
  withWhom: string;
  initial: FeedbackValues;
  submitting: boolean;
  error?: CombinedError | undefined;
  onDismiss: () => void;
  onSubmit: (values: FeedbackValues & { outcome: FeedbackOutcome }) => void;
}

export default function FeedbackModal({ visible, withWhom, initial, submitting, error, onDismiss, onSubmit }: FeedbackModalProps) {
  const [values, setValues] = useState<FeedbackValues>(initial);
  const [errors, setErrors] = useState<FeedbackErrors>({});
  useEffect(() => {
    if (visible) {
      setValues(initial);
      setErrors({});
    }
    // Reset only when the modal opens for a match, not on every parent render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [visible, withWhom]);

  const update = (patch: Partial<FeedbackValues>) => {
    const next = { ...values, ...patch };
    if (patch.outcome && patch.outcome !== "MET") next.rating = null;
    setValues(next);
    if (Object.keys(errors).length > 0) setErrors(validateFeedback(next));
  };
  const submit = () => {
    const found = validateFeedback(values);
    setErrors(found);
    if (Object.keys(found).length === 0 && values.outcome !== null) onSubmit({ ...values, outcome: values.outcome, comment: values.comment.trim() });
  };

  return (
    <Modal
      visible={visible}
      onDismiss={onDismiss}
      header={`Did you meet ${withWhom}?`}
      footer={
        <Box float="right">
          <SpaceBetween direction="horizontal" size="xs">
            <Button variant="link" onClick={onDismiss}>
              Cancel
            </Button>
            <Button variant="primary" loading={submitting} onClick={submit} data-testid="submit-feedback">
              Send feedback
            </Button>
          </SpaceBetween>
        </Box>
      }
    >
      <SpaceBetween size="m">
        {error && <ErrorAlert error={error} />}
        <FormField label="Did you meet?" errorText={errors.outcome}>
          <RadioGroup
            value={values.outcome}
            onChange={({ detail }) => update({ outcome: detail.value as FeedbackOutcome })}
            items={(Object.keys(OUTCOME_LABELS) as FeedbackOutcome[]).map((outcome) => ({ value: outcome, label: OUTCOME_LABELS[outcome] }))}
          />
        </FormField>
        <FormField label={<span>How was it? <i>- optional</i></span>} errorText={errors.rating} controlId="feedback-rating">
          <Select
            controlId="feedback-rating"
            disabled={values.outcome !== "MET"}
            selectedOption={RATINGS.find((r) => r.value === (values.rating === null ? "" : String(values.rating))) ?? null}
            onChange={({ detail }) => update({ rating: detail.selectedOption.value ? Number(detail.selectedOption.value) : null })}
            options={RATINGS}
          />
        </FormField>
        <FormField
          label={<span>Comment <i>- optional, seen only by admins</i></span>}
          constraintText={`${values.comment.length}/${COMMENT_MAX} characters`}
          errorText={errors.comment}
          controlId="feedback-comment"
        >
          <Textarea controlId="feedback-comment" value={values.comment} onChange={({ detail }) => update({ comment: detail.value })} invalid={!!errors.comment} />
        </FormField>
      </SpaceBetween>
    </Modal>
  );
}
