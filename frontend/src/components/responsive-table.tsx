/**
 * A table on wide screens and a list of cards on a phone, from the same columns: a phone never
 * scrolls sideways to reach a row's action.
 */

import Cards from "@cloudscape-design/components/cards";
import Table, { type TableProps } from "@cloudscape-design/components/table";

import { useNarrow } from "./use-narrow";

export default function ResponsiveTable<T>(props: TableProps<T>) {
  const narrow = useNarrow();
  if (!narrow) return <Table {...props} />;
  const { columnDefinitions } = props;
  const title = columnDefinitions.find((column) => column.isRowHeader) ?? columnDefinitions[0];
  const label = props.ariaLabels?.tableLabel;
  return (
    <Cards
      items={props.items}
      trackBy={props.trackBy}
      loading={props.loading}
      loadingText={props.loadingText}
      empty={props.empty}
      header={props.header}
      filter={props.filter}
      pagination={props.pagination}
      variant={props.variant === "full-page" ? "full-page" : "container"}
      ariaLabels={label ? { cardsLabel: label, itemSelectionLabel: () => "", selectionGroupLabel: "" } : undefined}
      cardDefinition={{
        header: title ? (item: T) => title.cell(item) : undefined,
        sections: columnDefinitions
          .filter((column) => column !== title)
          .map((column) => ({ id: column.id, header: column.header, content: (item: T) => column.cell(item) })),
      }}
    />
  );
}
