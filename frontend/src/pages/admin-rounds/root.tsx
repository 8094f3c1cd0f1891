/** The rounds view: preview the groups a round would form, run it now, and follow its progress. */

import Alert from "@cloudscape-design/components/alert";
import Box from "@cloudscape-design/components/box";
import Button from "@cloudscape-design/components/button";
import ColumnLayout from "@cloudscape-design/components/column-layout";
import Container from "@cloudscape-design/components/container";
import ContentLayout from "@cloudscape-design/components/content-layout";
import DatePicker from "@cloudscape-design/components/date-picker";
import FormField from "@cloudscape-design/components/form-field";
import Header from "@cloudscape-design/components/header";
import Modal from "@cloudscape-design/components/modal";
import ProgressBar from "@cloudscape-design/components/progress-bar";
import SpaceBetween from "@cloudscape-design/components/space-between";
import StatusIndicator, { type StatusIndicatorProps } from "@cloudscape-design/components/status-indicator";
import TimeInput from "@cloudscape-design/components/time-input";
import { useState } from "react";
import type { CombinedError } from "urql";

import EmptyState from "../../components/empty-state";
import ErrorAlert from "../../components/error-alert";
import ResponsiveTable from "../../components/responsive-table";
import type { PreviewRoundMutation, QualityFragment, RoundStatus, RoundsQuery } from "../../gql/graphql";
import { formatDate, formatRange, wallClock } from "../../time/zoned";
import type { Progress } from "./hooks";
import { slotProblem } from "./slot";

type RoundItem = RoundsQuery["rounds"]["items"][number];
type Preview = PreviewRoundMutation["previewRound"];

const STATUS: Record<RoundStatus, StatusIndicatorProps.Type> = {
  QUEUED: "pending",
  CLAIMED: "pending",
  RUNNING: "in-progress",
  COMPLETED: "success",
  FAILED: "error",
  SKIPPED: "stopped",
};

function share(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : `${Math.round(value * 100)}%`;
}

/** The figures of `QualityFigures` as one line of text: "0 repeated pairs, 1 group without …". */
export function qualitySummary(quality: QualityFragment): string {
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  return [
    count(quality.repeats, "repeated pair", "repeated pairs"),
    count(quality.groupsWithoutCommonWindow, "group without a common free hour", "groups without a common free hour"),
    quality.crossTeamShare === null ? null : `${share(quality.crossTeamShare)} cross-team pairs`,
    `${quality.unmatched} left unmatched`,
  ]
    .filter((part) => part !== null)
    .join(", ");
}

/** A slot as the deployment reads it: "2026-11-30T08:00Z" as "Mon, 30 Nov 2026, 09:00". */
function roundTime(slot: string, timeZone: string): string {
  if (slot.length === 10) return formatDate(slot);
  const [date, time] = wallClock(new Date(slot), timeZone);
  return `${formatDate(date)}, ${time}`;
}

export function QualityFigures({ quality, testId }: { quality: QualityFragment; testId?: string }) {
  return (
    <ColumnLayout columns={4} variant="text-grid" minColumnWidth={140}>
      <div data-testid={testId ? `${testId}-repeats` : undefined}>
        <Box variant="awsui-key-label">Repeated pairs</Box>
        <Box variant="awsui-value-large">{quality.repeats}</Box>
      </div>
      <div>
        <Box variant="awsui-key-label">Groups without a common free hour</Box>
        <Box variant="awsui-value-large">{quality.groupsWithoutCommonWindow}</Box>
      </div>
      <div>
        <Box variant="awsui-key-label">Cross-team pairs</Box>
        <Box variant="awsui-value-large">{share(quality.crossTeamShare)}</Box>
      </div>
      <div>
        <Box variant="awsui-key-label">Left unmatched</Box>
        <Box variant="awsui-value-large">{quality.unmatched}</Box>
      </div>
    </ColumnLayout>
  );
}

export interface AdminRoundsViewProps {
  rounds: RoundItem[] | null;
  roundsError?: CombinedError | undefined;
  /** The slot the date and time name, in UTC as the API names it; null while they are incomplete. */
  slot: string | null;
  date: string;
  time: string;
  onDateChange: (date: string) => void;
  onTimeChange: (time: string) => void;
  /** The deployment's time zone: the picker and every time on the page are in it. */
  timeZone: string;
  preview: Preview | null;
  previewing: boolean;
  previewError?: CombinedError | undefined;
  onPreview: (slot: string) => void;
  running: boolean;
  runError?: CombinedError | undefined;
  runOutcome: { slot: string; already: boolean } | null;
  onRun: (slot: string) => Promise<boolean>;
  progress: Record<string, Progress>;
  progressError?: CombinedError | undefined;
  onReload: () => void;
}

export default function AdminRoundsView(props: AdminRoundsViewProps) {
  const { rounds, slot, preview, progress } = props;
  const [slotError, setSlotError] = useState<string | undefined>();
  const [confirm, setConfirm] = useState(false);
  /** The slot when the date and time name one; otherwise says what is missing. */
  const checked = (): string | null => {
    const problem = slot === null ? "Choose a date and a time." : slotProblem(slot);
    setSlotError(problem);
    return problem === undefined ? slot : null;
  };
  const live = props.runOutcome ? progress[props.runOutcome.slot] : undefined;
  const outcomeHeader = !props.runOutcome
    ? ""
    : live?.status === "COMPLETED"
      ? "Round complete"
      : live?.status === "FAILED"
        ? "Round failed"
        : live?.status === "SKIPPED"
          ? "Round skipped"
          : props.runOutcome.already
            ? "This round was already queued or done"
            : live
              ? "Round running"
              : "Round queued";

  return (
    <ContentLayout header={<Header variant="h1" description="Preview the groups a round would form, and run one now.">Rounds</Header>}>
      <SpaceBetween size="l">
        <Container header={<Header variant="h2">Run a round</Header>}>
          <SpaceBetween size="m">
            <ColumnLayout columns={2} minColumnWidth={160}>
              <FormField label={`Date (${props.timeZone})`} errorText={slotError} controlId="round-date">
                <DatePicker
                  controlId="round-date"
                  value={props.date}
                  onChange={({ detail }) => {
                    props.onDateChange(detail.value);
                    setSlotError(undefined);
                  }}
                  placeholder="YYYY/MM/DD"
                  invalid={!!slotError}
                  openCalendarAriaLabel={(selected) => `Choose the round's date${selected ? `, ${selected}` : ""}`}
                />
              </FormField>
              <FormField label={`Time (${props.timeZone})`} controlId="round-time">
                <TimeInput
                  controlId="round-time"
                  value={props.time}
                  format="hh:mm"
                  placeholder="hh:mm"
                  use24Hour
                  onChange={({ detail }) => {
                    props.onTimeChange(detail.value);
                    setSlotError(undefined);
                  }}
                />
              </FormField>
            </ColumnLayout>
            <Box variant="small" color="text-body-secondary">
              Each slot runs at most once; choose another time to run another round. Slot{" "}
              <span data-testid="round-slot-utc">{slot ?? "—"}</span> (UTC).
            </Box>
            <SpaceBetween direction="horizontal" size="xs">
              <Button loading={props.previewing} onClick={() => {
                  const value = checked();
                  if (value !== null) props.onPreview(value);
                }} data-testid="preview-round">
                Preview groups
              </Button>
              <Button variant="primary" onClick={() => checked() !== null && setConfirm(true)} data-testid="run-round">
                Run now
              </Button>
            </SpaceBetween>
            <ErrorAlert error={props.previewError} />
            {!confirm && <ErrorAlert error={props.runError} />}
            {props.runOutcome && (
              <Alert
                type={props.runOutcome.already ? "info" : "success"}
                header={outcomeHeader}
                data-testid="run-outcome"
              >
                <SpaceBetween size="s">
                  <span>Slot {props.runOutcome.slot}.</span>
                  {live && (
                    <ProgressBar
                      label="Groups written"
                      value={live.groupsTotal > 0 ? (100 * live.groupsWritten) / live.groupsTotal : live.status === "COMPLETED" ? 100 : 0}
                      additionalInfo={live.status === "COMPLETED" ? undefined : `${live.groupsWritten} of ${live.groupsTotal} groups`}
                      status={live.status === "COMPLETED" ? "success" : live.status === "FAILED" ? "error" : "in-progress"}
                      resultText={live.status === "COMPLETED" ? `${live.groupsWritten} of ${live.groupsTotal} groups written` : "The round stopped"}
                    />
                  )}
                </SpaceBetween>
              </Alert>
            )}
            <ErrorAlert error={props.progressError} />
          </SpaceBetween>
        </Container>

        {preview && (
          <Container header={<Header variant="h2" description={`A preview: nothing was written. Slot ${preview.slot} (UTC); times in ${props.timeZone}.`}>
                Preview: {preview.groups.length} {preview.groups.length === 1 ? "group" : "groups"}
              </Header>} data-testid="round-preview">
            <SpaceBetween size="l">
              <QualityFigures quality={preview.quality} testId="preview-quality" />
              <ResponsiveTable
                variant="embedded"
                items={preview.groups.map((group, index) => ({ ...group, index: index + 1 }))}
                trackBy="index"
                ariaLabels={{ tableLabel: "Groups the round would form" }}
                columnDefinitions={[
                  { id: "n", header: "#", cell: (g) => g.index },
                  { id: "members", header: "Members", cell: (g) => g.members.map((m) => (m.team ? `${m.name} (${m.team})` : m.name)).join(", "), isRowHeader: true },
                  { id: "time", header: `Suggested time (${props.timeZone})`, cell: (g) => (g.suggestedTime ? formatRange(g.suggestedTime.start, g.suggestedTime.end, props.timeZone) : "No common hour") },
                ]}
                empty={<EmptyState title="Nobody to match" subtitle="No one is taking part right now." />}
              />
              {preview.unmatched.length > 0 && <Box>Unmatched: {preview.unmatched.map((p) => p.name).join(", ")}</Box>}
            </SpaceBetween>
          </Container>
        )}

        <ResponsiveTable
          items={rounds ?? []}
          loading={rounds === null}
          loadingText="Loading rounds"
          trackBy="slot"
          ariaLabels={{ tableLabel: "Rounds" }}
          header={
            <Header variant="h2" counter={rounds ? `(${rounds.length})` : undefined} description={`Times in ${props.timeZone}.`} actions={<Button iconName="refresh" ariaLabel="Reload rounds" onClick={props.onReload} />}>
              Past rounds
            </Header>
          }
          // Beside the navigation at 1280 px: the quality figures share one cell, whose lines wrap.
          wrapLines
          columnDefinitions={[
            { id: "slot", header: "Round", cell: (r) => roundTime(r.slot, props.timeZone), isRowHeader: true, minWidth: 190 },
            { id: "status", header: "Status", cell: (r) => <StatusIndicator type={STATUS[r.status]}>{r.status.toLowerCase()}</StatusIndicator>, minWidth: 130 },
            { id: "people", header: "People", cell: (r) => r.participants ?? "—" },
            { id: "groups", header: "Groups", cell: (r) => r.groups ?? "—" },
            { id: "quality", header: "Quality", cell: (r) => (r.quality ? qualitySummary(r.quality) : "—") },
          ]}
          empty={<EmptyState title="No rounds yet" subtitle="Run one now or wait for the schedule." />}
        />
        <ErrorAlert error={props.roundsError} />
      </SpaceBetween>

      <Modal
        visible={confirm}
        onDismiss={() => setConfirm(false)}
        header="Run this round now?"
        footer={
          <Box float="right">
            <SpaceBetween direction="horizontal" size="xs">
              <Button variant="link" onClick={() => setConfirm(false)}>
                Cancel
              </Button>
              <Button
                variant="primary"
                loading={props.running}
                data-testid="confirm-run"
                onClick={async () => {
                  if (slot !== null && (await props.onRun(slot))) setConfirm(false);
                }}
              >
                Run round
              </Button>
            </SpaceBetween>
          </Box>
        }
      >
        <SpaceBetween size="s">
          <ErrorAlert error={confirm ? props.runError : undefined} />
          <Box variant="p">
            Everyone taking part is matched for {props.date} {props.time} ({props.timeZone}), slot {slot}, and notified. This cannot be undone.
          </Box>
        </SpaceBetween>
      </Modal>
    </ContentLayout>
  );
}
