/** The audit log: what changed in the deployment, who did it and when, newest first. */

import { useCollection } from "@cloudscape-design/collection-hooks";
import Box from "@cloudscape-design/components/box";
import Button from "@cloudscape-design/components/button";
import Header from "@cloudscape-design/components/header";
import SpaceBetween from "@cloudscape-design/components/space-between";
import TextFilter from "@cloudscape-design/components/text-filter";
import type { CombinedError } from "urql";

import EmptyState from "../../components/empty-state";
import ErrorAlert from "../../components/error-alert";
import ResponsiveTable from "../../components/responsive-table";
import type { AuditEntryFragment } from "../../gql/graphql";
import { formatDateTime } from "../../time/zoned";

/** "CONFIG_UPDATED" as "Config updated". */
export function actionLabel(action: string): string {
  const words = action.toLowerCase().replace(/[_.]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export interface AuditLogViewProps {
  items: AuditEntryFragment[] | null;
  error?: CombinedError | undefined;
  timeZone: string;
  hasMore: boolean;
  loading: boolean;
  onLoadMore: () => void;
  onReload: () => void;
}

export default function AuditLogView({ items, error, timeZone, hasMore, loading, onLoadMore, onReload }: AuditLogViewProps) {
  const { items: shown, filteredItemsCount, collectionProps, filterProps, actions } = useCollection(items ?? [], {
    filtering: {
      empty: <EmptyState title="Nothing recorded yet" subtitle="Sign-ins and admin changes appear here." />,
      noMatch: <EmptyState title="No event matches" action={<Button onClick={() => actions.setFiltering("")}>Clear filter</Button>} />,
      filteringFunction: (item, text) => {
        const needle = text.trim().toLowerCase();
        return [item.action, actionLabel(item.action), item.target ?? "", item.actorId ?? "", item.detail ?? ""].some((value) => value.toLowerCase().includes(needle));
      },
    },
  });
  return (
    <SpaceBetween size="m">
      <ErrorAlert error={error} />
      <ResponsiveTable
        {...collectionProps}
        items={shown}
        loading={items === null}
        loadingText="Loading the audit log"
        trackBy="id"
        variant="full-page"
        wrapLines
        ariaLabels={{ tableLabel: "Audit log" }}
        header={
          <Header
            variant="awsui-h1-sticky"
            description={`Times in ${timeZone}.`}
            counter={items ? `(${items.length}${hasMore ? "+" : ""})` : undefined}
            actions={<Button iconName="refresh" ariaLabel="Reload the audit log" onClick={onReload} />}
          >
            Audit log
          </Header>
        }
        filter={
          <TextFilter
            {...filterProps}
            filteringPlaceholder="Find by action, person or detail"
            filteringAriaLabel="Filter events"
            countText={filteredItemsCount === undefined ? undefined : `${filteredItemsCount} ${filteredItemsCount === 1 ? "event" : "events"}`}
          />
        }
        columnDefinitions={[
          { id: "at", header: "When", cell: (item) => formatDateTime(item.at, timeZone), isRowHeader: true },
          { id: "action", header: "What", cell: (item) => actionLabel(item.action) },
          { id: "actor", header: "Who", cell: (item) => item.actorId ?? "—" },
          { id: "target", header: "On", cell: (item) => item.target ?? "—" },
          { id: "detail", header: "Detail", cell: (item) => item.detail ?? "—" },
        ]}
      />
      {hasMore && (
        <Box textAlign="center">
          <Button onClick={onLoadMore} loading={loading}>
            Show older events
          </Button>
        </Box>
      )}
    </SpaceBetween>
  );
}
