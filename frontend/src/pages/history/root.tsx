/** The history table: my past matches with sorting, filtering, pagination and a feedback action per row. */

import { useCollection } from "@cloudscape-design/collection-hooks";
import Button from "@cloudscape-design/components/button";
import Header from "@cloudscape-design/components/header";
import Pagination from "@cloudscape-design/components/pagination";
import StatusIndicator, { type StatusIndicatorProps } from "@cloudscape-design/components/status-indicator";
import type { TableProps } from "@cloudscape-design/components/table";
import TextFilter from "@cloudscape-design/components/text-filter";

import EmptyState from "../../components/empty-state";
import ResponsiveTable from "../../components/responsive-table";
import type { FeedbackOutcome, HistoryMatchFragment } from "../../gql/graphql";
import { formatDate, formatRange } from "../../time/zoned";
import { OUTCOME_LABELS } from "./feedback-form";

export interface HistoryRow {
  id: string;
  scheduledDate: string;
  withWhom: string;
  teams: string;
  suggested: string;
  feedback: FeedbackOutcome | null;
  match: HistoryMatchFragment;
}

export function toRows(matches: HistoryMatchFragment[], myId: string, timeZone: string): HistoryRow[] {
  return matches.map((match) => {
    const others = match.participants.filter((p) => p.id !== myId);
    return {
      id: match.id,
      scheduledDate: match.scheduledDate,
      withWhom: others.map((p) => p.name).join(", "),
      teams: others.map((p) => p.team ?? "").filter(Boolean).join(", "),
      suggested: match.suggestedTime ? formatRange(match.suggestedTime.start, match.suggestedTime.end, timeZone) : "—",
      feedback: match.myFeedback?.outcome ?? null,
      match,
    };
  });
}

// The visible text starts the accessible name, which also says which match it is.
function actionText(row: HistoryRow): string {
  return row.feedback ? "Change answer" : "Did you meet?";
}

const FEEDBACK_STATUS: Record<FeedbackOutcome, StatusIndicatorProps.Type> = { MET: "success", DID_NOT_MEET: "stopped", RESCHEDULED: "pending" };

export interface HistoryTableProps {
  rows: HistoryRow[] | null;
  onFeedback: (row: HistoryRow) => void;
  onReload: () => void;
  pageSize?: number;
}

export default function HistoryTable({ rows, onFeedback, onReload, pageSize = 10 }: HistoryTableProps) {
  const columns: TableProps.ColumnDefinition<HistoryRow>[] = [
    { id: "date", header: "Round", cell: (row) => formatDate(row.scheduledDate), sortingField: "scheduledDate", isRowHeader: true },
    { id: "with", header: "With", cell: (row) => row.withWhom || "—", sortingField: "withWhom" },
    { id: "teams", header: "Team", cell: (row) => row.teams || "—", sortingField: "teams" },
    { id: "suggested", header: "Suggested time", cell: (row) => row.suggested },
    {
      id: "feedback",
      header: "Did you meet?",
      sortingField: "feedback",
      cell: (row) =>
        row.feedback ? <StatusIndicator type={FEEDBACK_STATUS[row.feedback]}>{OUTCOME_LABELS[row.feedback]}</StatusIndicator> : <StatusIndicator type="info">No answer yet</StatusIndicator>,
    },
    {
      id: "actions",
      header: "Actions",
      cell: (row) => (
        <Button
          variant="inline-link"
          onClick={() => onFeedback(row)}
          ariaLabel={`${actionText(row)} ${row.withWhom}, ${formatDate(row.scheduledDate)}`}
          data-testid={`feedback-${row.id}`}
        >
          {actionText(row)}
        </Button>
      ),
    },
  ];
  const { items, actions, filteredItemsCount, collectionProps, filterProps, paginationProps } = useCollection(rows ?? [], {
    filtering: {
      empty: <EmptyState title="No matches yet" subtitle="Your matches appear here after each round." />,
      noMatch: <EmptyState title="No match found" action={<Button onClick={() => actions.setFiltering("")}>Clear filter</Button>} />,
      fields: ["withWhom", "teams", "scheduledDate"],
    },
    pagination: { pageSize },
    sorting: { defaultState: { sortingColumn: { sortingField: "scheduledDate" }, isDescending: true } },
  });
  return (
    <ResponsiveTable
      {...collectionProps}
      items={items}
      columnDefinitions={columns}
      loading={rows === null}
      loadingText="Loading your matches"
      trackBy="id"
      variant="full-page"
      stickyHeader
      ariaLabels={{ tableLabel: "Match history" }}
      header={
        <Header variant="awsui-h1-sticky" counter={rows ? `(${rows.length})` : undefined} actions={<Button iconName="refresh" ariaLabel="Reload history" onClick={onReload} />}>
          History
        </Header>
      }
      filter={
        <TextFilter
          {...filterProps}
          filteringPlaceholder="Find by name, team or date"
          filteringAriaLabel="Filter matches"
          countText={filteredItemsCount === undefined ? undefined : `${filteredItemsCount} ${filteredItemsCount === 1 ? "match" : "matches"}`}
        />
      }
      pagination={<Pagination {...paginationProps} ariaLabels={{ nextPageLabel: "Next page", previousPageLabel: "Previous page", pageLabel: (n) => `Page ${n}` }} />}
    />
  );
}
