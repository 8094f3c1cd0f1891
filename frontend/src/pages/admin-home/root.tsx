/** The admin overview: whether I take part myself, when the next round runs, and where each task lives. */

import Alert from "@cloudscape-design/components/alert";
import Box from "@cloudscape-design/components/box";
import Button from "@cloudscape-design/components/button";
import ColumnLayout from "@cloudscape-design/components/column-layout";
import Container from "@cloudscape-design/components/container";
import ContentLayout from "@cloudscape-design/components/content-layout";
import Header from "@cloudscape-design/components/header";
import KeyValuePairs from "@cloudscape-design/components/key-value-pairs";
import Link from "@cloudscape-design/components/link";
import SpaceBetween from "@cloudscape-design/components/space-between";

import type { AdminHomeQuery, ParticipationStatus } from "../../gql/graphql";
import { describeSchedule } from "../../time/schedule";
import { formatDateTime } from "../../time/zoned";

export const ADMIN_TASKS: { href: string; title: string; description: string }[] = [
  { href: "/admin/users", title: "Users", description: "Who takes part; pause, resume, deactivate; roles." },
  { href: "/admin/rounds", title: "Rounds", description: "Preview the groups of a round and run one now." },
  { href: "/admin/stats", title: "Statistics", description: "Participation, meetings, ratings and delivery." },
  { href: "/admin/settings", title: "Deployment settings", description: "Schedule, group size, channels, the match message." },
  { href: "/admin/deliveries", title: "Undelivered", description: "Who no channel could reach; send again." },
  { href: "/admin/audit", title: "Audit log", description: "What changed, who changed it and when." },
];

export interface AdminHomeViewProps {
  data: AdminHomeQuery;
  myParticipation: ParticipationStatus;
  myTimeZone: string;
  onNavigate: (href: string) => void;
}

export default function AdminHomeView({ data, myParticipation, myTimeZone, onNavigate }: AdminHomeViewProps) {
  const { deploymentSettings: settings, stats } = data;
  const next = settings.nextRoundAt;
  return (
    <ContentLayout header={<Header variant="h1" description="Run this deployment of Virtual Coffee.">Administration</Header>}>
      <SpaceBetween size="l">
        {myParticipation === "NOT_JOINED" && (
          <Alert
            type="info"
            header="You are not taking part in coffee rounds yourself"
            action={<Button onClick={() => onNavigate("/welcome")}>Join Virtual Coffee</Button>}
            data-testid="admin-not-joined"
          >
            You can run the deployment without being matched. Join to be matched too.
          </Alert>
        )}
        {stats.undeliverable > 0 && (
          <Alert
            type="warning"
            header={stats.undeliverable === 1 ? "1 person could not be told of their match" : `${stats.undeliverable} people could not be told of their match`}
            action={<Button onClick={() => onNavigate("/admin/deliveries")}>Review and send again</Button>}
            data-testid="admin-undeliverable"
          >
            Their channels refused the message, or did not answer within a day of tries.
          </Alert>
        )}
        <Container header={<Header variant="h2">Next round</Header>}>
          <KeyValuePairs
            columns={2}
            items={[
              {
                label: `When (${settings.timeZone})`,
                value: <span data-testid="admin-next-round">{next ? formatDateTime(next, settings.timeZone) : "Not scheduled"}</span>,
              },
              { label: "Schedule", value: `${describeSchedule(settings.schedule) ?? settings.schedule} (${settings.schedule})` },
              ...(next && myTimeZone !== settings.timeZone ? [{ label: `Your time (${myTimeZone})`, value: formatDateTime(next, myTimeZone) }] : []),
            ]}
          />
        </Container>
        <Container header={<Header variant="h2">People</Header>}>
          <ColumnLayout columns={4} variant="text-grid" minColumnWidth={120}>
            <Figure label="Taking part" value={stats.activePeople} />
            <Figure label="Paused" value={stats.pausedPeople} />
            <Figure label="Not joined yet" value={stats.notJoinedPeople} />
            <Figure label="Rounds completed" value={stats.completedRounds} />
          </ColumnLayout>
        </Container>
        <Container header={<Header variant="h2">Tasks</Header>}>
          <ColumnLayout columns={2} minColumnWidth={240}>
            {ADMIN_TASKS.map((task) => (
              <div key={task.href}>
                <Link
                  href={task.href}
                  fontSize="heading-s"
                  onFollow={(event) => {
                    event.preventDefault();
                    onNavigate(task.href);
                  }}
                >
                  {task.title}
                </Link>
                <Box variant="p" color="text-body-secondary">
                  {task.description}
                </Box>
              </div>
            ))}
          </ColumnLayout>
        </Container>
      </SpaceBetween>
    </ContentLayout>
  );
}

function Figure({ label, value }: { label: string; value: number }) {
  return (
    <div>
      <Box variant="awsui-key-label">{label}</Box>
      <Box variant="awsui-value-large">{value}</Box>
    </div>
  );
}
