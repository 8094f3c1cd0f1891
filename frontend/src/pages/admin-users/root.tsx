/** The admin users table: filter by text and status, sort, paginate, pause or resume, deactivate or reactivate. */

import { useCollection } from "@cloudscape-design/collection-hooks";
import Badge from "@cloudscape-design/components/badge";
import Box from "@cloudscape-design/components/box";
import Button from "@cloudscape-design/components/button";
import Header from "@cloudscape-design/components/header";
import Modal from "@cloudscape-design/components/modal";
import Pagination from "@cloudscape-design/components/pagination";
import Select, { type SelectProps } from "@cloudscape-design/components/select";
import SpaceBetween from "@cloudscape-design/components/space-between";
import StatusIndicator, { type StatusIndicatorProps } from "@cloudscape-design/components/status-indicator";
import type { TableProps } from "@cloudscape-design/components/table";
import TextFilter from "@cloudscape-design/components/text-filter";
import { useState } from "react";
import type { CombinedError } from "urql";

import EmptyState from "../../components/empty-state";
import ErrorAlert from "../../components/error-alert";
import ResponsiveTable from "../../components/responsive-table";
import PauseFields from "../../components/pause-fields";
import type { AdminUserFragment, ParticipationStatus } from "../../gql/graphql";
import { formatDate, todayIn } from "../../time/zoned";
import { validatePause, type PauseValues } from "../participation/validation";

const STATUS: Record<ParticipationStatus, { label: string; type: StatusIndicatorProps.Type }> = {
  ACTIVE: { label: "Active", type: "success" },
  PAUSED: { label: "Paused", type: "stopped" },
  NOT_JOINED: { label: "Not joined", type: "pending" },
  DEACTIVATED: { label: "Deactivated", type: "error" },
};

const ALL: SelectProps.Option = { value: "", label: "Any status" };
const STATUS_OPTIONS: SelectProps.Option[] = [ALL, ...(Object.keys(STATUS) as ParticipationStatus[]).map((s) => ({ value: s, label: STATUS[s].label }))];

export interface AdminUsersViewProps {
  users: AdminUserFragment[] | null;
  /** The signed-in admin, who may not deactivate themself. */
  viewerId: string;
  error?: CombinedError | undefined;
  actionError?: CombinedError | undefined;
  busy: boolean;
  onDeactivate: (user: AdminUserFragment) => Promise<boolean>;
  onReactivate: (user: AdminUserFragment) => Promise<boolean>;
  /** `until` is the last paused day, or null for a pause until resumed. */
  onPause: (user: AdminUserFragment, until: string | null) => Promise<boolean>;
  onResume: (user: AdminUserFragment) => Promise<boolean>;
  onReload: () => void;
  /** Today as YYYY-MM-DD in the admin's time zone. */
  today?: string;
}

// Deactivated, an admin could not sign in again to undo it; the API refuses it as well.
export const SELF_DEACTIVATION = "You cannot deactivate your own account. Another admin can.";

const NO_PAUSE: PauseValues = { mode: "indefinite", until: "" };

export default function AdminUsersView({ users, viewerId, error, actionError, busy, onDeactivate, onReactivate, onPause, onResume, onReload, today = todayIn(Intl.DateTimeFormat().resolvedOptions().timeZone) }: AdminUsersViewProps) {
  const [status, setStatus] = useState<SelectProps.Option>(ALL);
  const [confirm, setConfirm] = useState<AdminUserFragment | null>(null);
  const [pausing, setPausing] = useState<AdminUserFragment | null>(null);
  const [pause, setPause] = useState<PauseValues>(NO_PAUSE);
  const [pauseError, setPauseError] = useState<string | undefined>();
  const startPause = (user: AdminUserFragment) => {
    setPause(NO_PAUSE);
    setPauseError(undefined);
    setPausing(user);
  };
  const confirmPause = async () => {
    const problem = validatePause(pause, today);
    setPauseError(problem);
    if (problem || !pausing) return;
    if (await onPause(pausing, pause.mode === "until" ? pause.until : null)) setPausing(null);
  };
  const { items, actions, filteredItemsCount, collectionProps, filterProps, paginationProps } = useCollection(users ?? [], {
    filtering: {
      empty: <EmptyState title="Nobody has signed in yet" />,
      noMatch: (
        <EmptyState
          title="Nobody matches"
          action={
            <Button
              onClick={() => {
                actions.setFiltering("");
                setStatus(ALL);
              }}
            >
              Clear filters
            </Button>
          }
        />
      ),
      filteringFunction: (user, text) => {
        if (status.value && user.status !== status.value) return false;
        const needle = text.trim().toLowerCase();
        return needle === "" || user.name.toLowerCase().includes(needle) || user.email.toLowerCase().includes(needle);
      },
    },
    pagination: { pageSize: 20 },
    sorting: { defaultState: { sortingColumn: { sortingField: "name" } } },
  });
  const columns: TableProps.ColumnDefinition<AdminUserFragment>[] = [
    { id: "name", header: "Name", cell: (u) => u.name, sortingField: "name", isRowHeader: true },
    { id: "email", header: "Email", cell: (u) => u.email, sortingField: "email" },
    { id: "role", header: "Role", cell: (u) => (u.role === "ADMIN" ? <Badge color="blue">Admin</Badge> : "Member"), sortingField: "role" },
    {
      id: "status",
      header: "Status",
      sortingField: "status",
      cell: (u) => (
        <StatusIndicator type={STATUS[u.status].type}>
          {STATUS[u.status].label}
          {u.status === "PAUSED" && u.pausedUntil ? ` through ${formatDate(u.pausedUntil)}` : ""}
        </StatusIndicator>
      ),
    },
    { id: "created", header: "Signed up", cell: (u) => formatDate(u.createdAt), sortingField: "createdAt" },
    {
      id: "actions",
      header: "Actions",
      cell: (u) =>
        u.status === "DEACTIVATED" ? (
          <Button variant="inline-link" disabled={busy} onClick={() => void onReactivate(u)} ariaLabel={`Reactivate ${u.name}`}>
            Reactivate
          </Button>
        ) : (
          <SpaceBetween direction="horizontal" size="xs">
            {u.status === "ACTIVE" && (
              <Button variant="inline-link" disabled={busy} onClick={() => startPause(u)} ariaLabel={`Pause ${u.name}`}>
                Pause
              </Button>
            )}
            {u.status === "PAUSED" && (
              <Button variant="inline-link" disabled={busy} onClick={() => void onResume(u)} ariaLabel={`Resume ${u.name}`}>
                Resume
              </Button>
            )}
            <Button
              variant="inline-link"
              disabled={busy || u.id === viewerId}
              disabledReason={u.id === viewerId ? SELF_DEACTIVATION : undefined}
              onClick={() => setConfirm(u)}
              ariaLabel={`Deactivate ${u.name}`}
            >
              Deactivate
            </Button>
          </SpaceBetween>
        ),
    },
  ];
  return (
    <SpaceBetween size="m">
      <ErrorAlert error={error ?? (confirm || pausing ? undefined : actionError)} />
      <ResponsiveTable
        {...collectionProps}
        items={items}
        columnDefinitions={columns}
        loading={users === null}
        loadingText="Loading people"
        trackBy="id"
        variant="full-page"
        ariaLabels={{ tableLabel: "People of the deployment" }}
        header={
          <Header variant="awsui-h1-sticky" counter={users ? `(${users.length})` : undefined} actions={<Button iconName="refresh" ariaLabel="Reload people" onClick={onReload} />}>
            Users
          </Header>
        }
        filter={
          <SpaceBetween direction="horizontal" size="s" alignItems="center">
            <TextFilter
              {...filterProps}
              filteringPlaceholder="Find by name or email"
              filteringAriaLabel="Filter people"
              countText={filteredItemsCount === undefined ? undefined : `${filteredItemsCount} ${filteredItemsCount === 1 ? "person" : "people"}`}
            />
            <Select
              selectedOption={status}
              onChange={({ detail }) => {
                setStatus(detail.selectedOption);
                // Re-run the filter with the new status.
                actions.setFiltering(filterProps.filteringText);
              }}
              options={STATUS_OPTIONS}
              ariaLabel="Filter by status"
            />
          </SpaceBetween>
        }
        pagination={<Pagination {...paginationProps} ariaLabels={{ nextPageLabel: "Next page", previousPageLabel: "Previous page", pageLabel: (n) => `Page ${n}` }} />}
      />
      <Modal
        visible={confirm !== null}
        onDismiss={() => setConfirm(null)}
        header={`Deactivate ${confirm?.name ?? ""}?`}
        footer={
          <Box float="right">
            <SpaceBetween direction="horizontal" size="xs">
              <Button variant="link" onClick={() => setConfirm(null)}>
                Cancel
              </Button>
              <Button
                variant="primary"
                loading={busy}
                onClick={async () => {
                  if (confirm && (await onDeactivate(confirm))) setConfirm(null);
                }}
              >
                Deactivate
              </Button>
            </SpaceBetween>
          </Box>
        }
      >
        <SpaceBetween size="s">
          <ErrorAlert error={confirm ? actionError : undefined} />
          <Box variant="p">They will no longer be matched and cannot sign in until reactivated. Their history is kept.</Box>
        </SpaceBetween>
      </Modal>
      <Modal
        visible={pausing !== null}
        onDismiss={() => setPausing(null)}
        header={`Pause ${pausing?.name ?? ""}?`}
        footer={
          <Box float="right">
            <SpaceBetween direction="horizontal" size="xs">
              <Button variant="link" onClick={() => setPausing(null)}>
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
          <ErrorAlert error={pausing ? actionError : undefined} />
          <Box variant="p">They are left out of the coming rounds and can still sign in; they see the pause on their Participation page and may resume themselves.</Box>
          <PauseFields
            value={pause}
            onChange={(value) => {
              setPause(value);
              setPauseError(undefined);
            }}
            error={pauseError}
            today={today}
            controlId="admin-pause-until"
            modeLabel="How long"
            indefiniteLabel="Until resumed"
            untilDescription="They take part again the day after."
          />
        </SpaceBetween>
      </Modal>
    </SpaceBetween>
  );
}
