/** The sent-mail view: caught messages newest first, and the text of the one selected. */

import Box from "@cloudscape-design/components/box";
import Button from "@cloudscape-design/components/button";
import Container from "@cloudscape-design/components/container";
import ContentLayout from "@cloudscape-design/components/content-layout";
import Header from "@cloudscape-design/components/header";
import SpaceBetween from "@cloudscape-design/components/space-between";
import type { TableProps } from "@cloudscape-design/components/table";
import { useState } from "react";

import EmptyState from "../../components/empty-state";
import ResponsiveTable from "../../components/responsive-table";
import type { CaughtMailQuery } from "../../gql/graphql";
import { formatDateTime } from "../../time/zoned";

export type CaughtMessage = CaughtMailQuery["caughtMail"][number];

export default function SentMailView({
  messages,
  timeZone,
  loading,
  onReload,
}: {
  messages: CaughtMessage[];
  timeZone: string;
  loading: boolean;
  onReload: () => void;
}) {
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const selected = messages.find((m) => m.id === selectedId) ?? null;
  const columns: TableProps.ColumnDefinition<CaughtMessage>[] = [
    { id: "sentAt", header: "Sent", cell: (m) => formatDateTime(m.sentAt, timeZone) },
    { id: "to", header: "To", cell: (m) => m.to.join(", ") },
    { id: "subject", header: "Subject", cell: (m) => m.subject || "(no subject)" },
  ];
  return (
    <ContentLayout
      header={
        <Header variant="h1" description="Email this instance sent, caught locally instead of delivered.">
          Sent mail (development)
        </Header>
      }
    >
      <SpaceBetween size="l">
        <ResponsiveTable
          items={messages}
          columnDefinitions={columns}
          trackBy="id"
          loading={loading && messages.length === 0}
          loadingText="Loading sent mail"
          selectionType="single"
          selectedItems={selected ? [selected] : []}
          onSelectionChange={({ detail }) => setSelectedId(detail.selectedItems[0]?.id ?? null)}
          ariaLabels={{
            itemSelectionLabel: (_, m) => `Show ${m.subject || "(no subject)"} to ${m.to.join(", ")}`,
            selectionGroupLabel: "Messages",
          }}
          header={
            <Header counter={`(${messages.length})`} actions={<Button iconName="refresh" ariaLabel="Reload" onClick={onReload} />}>
              Messages, newest first
            </Header>
          }
          empty={<EmptyState title="No mail caught" subtitle="Messages appear here once this instance sends email." />}
        />
        {selected && (
          <Container header={<Header variant="h2" description={`From ${selected.sender} to ${selected.to.join(", ")}`}>{selected.subject || "(no subject)"}</Header>}>
            {selected.text ? (
              <Box variant="code">
                <pre data-testid="caught-mail-text" style={{ whiteSpace: "pre-wrap", margin: 0 }}>
                  {selected.text}
                </pre>
              </Box>
            ) : (
              <Box color="text-status-inactive">This message has no plain-text part.</Box>
            )}
          </Container>
        )}
      </SpaceBetween>
    </ContentLayout>
  );
}
