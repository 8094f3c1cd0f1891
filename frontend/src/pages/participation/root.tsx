/** The participation view: a toggle to pause or resume, confirmed in a modal, and an optional end date. */

import Box from "@cloudscape-design/components/box";
import Button from "@cloudscape-design/components/button";
import Container from "@cloudscape-design/components/container";
import ContentLayout from "@cloudscape-design/components/content-layout";
import Header from "@cloudscape-design/components/header";
import KeyValuePairs from "@cloudscape-design/components/key-value-pairs";
import Modal from "@cloudscape-design/components/modal";
import SpaceBetween from "@cloudscape-design/components/space-between";
import StatusIndicator from "@cloudscape-design/components/status-indicator";
import Toggle from "@cloudscape-design/components/toggle";
import { useState } from "react";
import type { CombinedError } from "urql";

import ErrorAlert from "../../components/error-alert";
import PauseFields from "../../components/pause-fields";
import SavedFlash from "../../components/saved-flash";
import type { ParticipationStatus } from "../../gql/graphql";
import { formatDate, formatDateTime } from "../../time/zoned";
import { validatePause, type PauseValues } from "./validation";

export interface ParticipationViewProps {
  status: ParticipationStatus;
  pausedUntil: string | null;
  nextRoundAt: string | null;
  timeZone: string;
  today: string;
  busy: boolean;
  error?: CombinedError | undefined;
  flash: string | null;
  onDismissFlash: () => void;
  onPause: (until: string | null) => Promise<boolean>;
  onResume: () => Promise<boolean>;
}

function statusLine(status: ParticipationStatus, pausedUntil: string | null) {
  if (status === "ACTIVE") return <StatusIndicator type="success">Taking part</StatusIndicator>;
  if (status === "PAUSED") {
    return <StatusIndicator type="stopped">{pausedUntil ? `Paused through ${formatDate(pausedUntil)}` : "Paused until you resume"}</StatusIndicator>;
  }
  return <StatusIndicator type="warning">Not taking part</StatusIndicator>;
}

export default function ParticipationView(props: ParticipationViewProps) {
  const { status, pausedUntil, nextRoundAt, timeZone, today, busy, error } = props;
  const [modal, setModal] = useState<"pause" | "resume" | null>(null);
  const [pause, setPause] = useState<PauseValues>({ mode: "indefinite", until: "" });
  const [pauseError, setPauseError] = useState<string | undefined>();
  const active = status === "ACTIVE";

  const confirmPause = async () => {
    const problem = validatePause(pause, today);
    setPauseError(problem);
    if (problem) return;
    if (await props.onPause(pause.mode === "until" ? pause.until : null)) setModal(null);
  };
  const confirmResume = async () => {
    if (await props.onResume()) setModal(null);
  };

  return (
    <ContentLayout header={<Header variant="h1" description="Pause when you are away; resume when you are back.">Participation</Header>}>
      <SpaceBetween size="l">
        <SavedFlash message={props.flash} onDismiss={props.onDismissFlash} />
        {error && modal === null && <ErrorAlert error={error} />}
        <Container header={<Header variant="h2">Coffee rounds</Header>}>
          <SpaceBetween size="l">
            <Toggle
              checked={active}
              disabled={busy}
              onChange={({ detail }) => {
                setPauseError(undefined);
                setModal(detail.checked ? "resume" : "pause");
              }}
              data-testid="participation-toggle"
            >
              Take part in coffee rounds
            </Toggle>
            <KeyValuePairs
              columns={2}
              items={[
                { label: "Status", value: <span data-testid="participation-status">{statusLine(status, pausedUntil)}</span> },
                { label: "Next round", value: nextRoundAt ? `${formatDateTime(nextRoundAt, timeZone)} (${timeZone})` : "Not scheduled" },
              ]}
            />
          </SpaceBetween>
        </Container>
      </SpaceBetween>

      <Modal
        visible={modal === "pause"}
        onDismiss={() => setModal(null)}
        header="Pause coffee rounds?"
        footer={
          <Box float="right">
            <SpaceBetween direction="horizontal" size="xs">
              <Button variant="link" onClick={() => setModal(null)}>
                Cancel
              </Button>
              <Button variant="primary" loading={busy} onClick={() => void confirmPause()} data-testid="confirm-pause">
                Pause
              </Button>
            </SpaceBetween>
          </Box>
        }
      >
        <SpaceBetween size="m">
          <Box variant="p">You will not be matched while paused. People you are already matched with keep their match.</Box>
          {error && modal === "pause" && <ErrorAlert error={error} />}
          <PauseFields
            value={pause}
            onChange={(value) => {
              setPause(value);
              setPauseError(undefined);
            }}
            error={pauseError}
            today={today}
            controlId="pause-until"
            modeLabel="Pause"
            indefiniteLabel="Until I resume"
            untilDescription="You take part again the day after."
          />
        </SpaceBetween>
      </Modal>

      <Modal
        visible={modal === "resume"}
        onDismiss={() => setModal(null)}
        header="Resume coffee rounds?"
        footer={
          <Box float="right">
            <SpaceBetween direction="horizontal" size="xs">
              <Button variant="link" onClick={() => setModal(null)}>
                Cancel
              </Button>
              <Button variant="primary" loading={busy} onClick={() => void confirmResume()} data-testid="confirm-resume">
                Resume
              </Button>
            </SpaceBetween>
          </Box>
        }
      >
        <SpaceBetween size="m">
          {error && modal === "resume" && <ErrorAlert error={error} />}
          <Box variant="p">
            You will be included from the next round{nextRoundAt ? `, ${formatDateTime(nextRoundAt, timeZone)}` : ""}.
          </Box>
        </SpaceBetween>
      </Modal>
    </ContentLayout>
  );
}
