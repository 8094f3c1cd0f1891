/** Members who could not be told of a match on any channel, each with a way to send again. */

import Box from "@cloudscape-design/components/box";
import Button from "@cloudscape-design/components/button";
import Header from "@cloudscape-design/components/header";
import SpaceBetween from "@cloudscape-design/components/space-between";
import type { CombinedError } from "urql";

import EmptyState from "../../components/empty-state";
import ErrorAlert from "../../components/error-alert";
import ResponsiveTable from "../../components/responsive-table";
import type { UndeliverableEntryFragment } from "../../gql/graphql";
import { formatDateTime } from "../../time/zoned";

export function entryKey(entry: UndeliverableEntryFragment): string {
  return `${entry.matchId}/${entry.userId}`;
}

/** "2030-06-03T08:00Z_0002" names its round: "2030-06-03". */
export function roundOf(matchId: string): string {
  return matchId.slice(0, 10);
}

export interface UndeliverableViewProps {
  items: UndeliverableEntryFragment[] | null;
  error?: CombinedError | undefined;
  timeZone: string;
  hasMore: boolean;
  loading: boolean;
  busy: boolean;
  /** Entries sent again since the page was loaded. */
  queued: ReadonlySet<string>;
  onResend: (entry: UndeliverableEntryFragment) => void;
  onLoadMore: () => void;
  onReload: () => void;
}

export default function UndeliverableView({ items, error, timeZone, hasMore, loading, busy, queued, onResend, onLoadMore, onReload }: UndeliverableViewProps) {
  return (
    <SpaceBetween size="m">
      <ErrorAlert error={error} />
      <ResponsiveTable
        items={items ?? []}
        loading={items === null}
        loadingText="Loading undelivered notifications"
        trackBy={entryKey}
        variant="full-page"
        wrapLines
        ariaLabels={{ tableLabel: "Undelivered notifications" }}
        empty={<EmptyState title="Everyone was told" subtitle="Members no channel could reach appear here." />}
        header={
          <Header
            variant="awsui-h1-sticky"
            description="Members no channel could reach: every channel refused for good, or none answered within a day of tries. Sending again tries all their channels once more; nobody is told twice."
            counter={items ? `(${items.length}${hasMore ? "+" : ""})` : undefined}
            actions={<Button iconName="refresh" ariaLabel="Reload undelivered notifications" onClick={onReload} />}
          >
            Undelivered notifications
          </Header>
        }
        columnDefinitions={[
          { id: "person", header: "Person", cell: (entry) => entry.person?.name ?? "Deleted person", isRowHeader: true },
          { id: "email", header: "Email", cell: (entry) => entry.person?.email ?? "—" },
          { id: "round", header: "Round", cell: (entry) => roundOf(entry.matchId) },
          { id: "attempts", header: "Tries", cell: (entry) => entry.attempts },
          { id: "given-up", header: "Given up", cell: (entry) => formatDateTime(entry.givenUpAt, timeZone) },
          {
            id: "action",
            header: "Action",
            cell: (entry) => {
              const name = entry.person?.name ?? "deleted person";
              if (queued.has(entryKey(entry))) return <Box color="text-status-success">Sending again</Box>;
              return (
                <Button disabled={busy || entry.person === null} ariaLabel={`Send again to ${name}`} onClick={() => onResend(entry)}>
                  Send again
                </Button>
              );
            },
          },
        ]}
      />
      {hasMore && (
        <Box textAlign="center">
          <Button onClick={onLoadMore} loading={loading}>
            Show more
          </Button>
        </Box>
      )}
    </SpaceBetween>
  );
}
