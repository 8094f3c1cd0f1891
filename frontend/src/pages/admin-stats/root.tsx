/** The statistics view: headline figures and charts of participation, meetings and repeats over rounds. */

import BarChart from "@cloudscape-design/components/bar-chart";
import Box from "@cloudscape-design/components/box";
import ColumnLayout from "@cloudscape-design/components/column-layout";
import Container from "@cloudscape-design/components/container";
import ContentLayout from "@cloudscape-design/components/content-layout";
import Header from "@cloudscape-design/components/header";
import SpaceBetween from "@cloudscape-design/components/space-between";

import EmptyState from "../../components/empty-state";
import type { AdminStatsQuery } from "../../gql/graphql";
import { percent, type RoundPoint } from "./series";

function Figure({ label, value, testId }: { label: string; value: string | number; testId: string }) {
  return (
    <div>
      <Box variant="awsui-key-label">{label}</Box>
      <Box variant="awsui-value-large" data-testid={testId}>
        {value}
      </Box>
    </div>
  );
}

export default function AdminStatsView({ stats, points }: { stats: AdminStatsQuery["stats"]; points: RoundPoint[] }) {
  const empty = <EmptyState title="No completed round yet" subtitle="Charts appear after the first round." testId="chart-empty" />;
  const x = points.map((p) => p.label);
  return (
    <ContentLayout header={<Header variant="h1" description="How the deployment is doing.">Statistics</Header>}>
      <SpaceBetween size="l">
        <Container header={<Header variant="h2">People</Header>}>
          <ColumnLayout columns={4} variant="text-grid" minColumnWidth={140}>
            <Figure label="Taking part" value={stats.activePeople} testId="stat-active" />
            <Figure label="Paused" value={stats.pausedPeople} testId="stat-paused" />
            <Figure label="Not joined yet" value={stats.notJoinedPeople} testId="stat-not-joined" />
            <Figure label="Deactivated" value={stats.deactivatedPeople} testId="stat-deactivated" />
          </ColumnLayout>
        </Container>
        <Container header={<Header variant="h2">Rounds and meetings</Header>}>
          <ColumnLayout columns={4} variant="text-grid" minColumnWidth={140}>
            <Figure label="Rounds completed" value={`${stats.completedRounds} of ${stats.rounds}`} testId="stat-rounds" />
            <Figure label="Groups formed" value={stats.groups} testId="stat-groups" />
            <Figure label="Feedback answers" value={stats.feedback} testId="stat-feedback" />
            <Figure label="Met, of those who answered" value={percent(stats.metShare)} testId="stat-met-share" />
            <Figure
              label={stats.ratings === 1 ? "Average rating, of 1 rating" : `Average rating, of ${stats.ratings} ratings`}
              value={stats.averageRating === null || stats.averageRating === undefined ? "—" : `${stats.averageRating.toFixed(1)} / 5`}
              testId="stat-rating"
            />
            <Figure label="Repeat rate" value={percent(stats.repeatRate)} testId="stat-repeat-rate" />
            <Figure label="Notification failures" value={stats.notificationFailures} testId="stat-notification-failures" />
            <Figure label="People not reached" value={stats.undeliverable} testId="stat-undeliverable" />
          </ColumnLayout>
        </Container>
        <ColumnLayout columns={2}>
          <Container header={<Header variant="h2">Participation and meetings over rounds</Header>}>
            <BarChart
              // No series at all, not series without points: only then the chart shows its empty state.
              series={
                points.length === 0
                  ? []
                  : [
                      { title: "People matched", type: "bar", data: points.map((p) => ({ x: p.label, y: p.participants })) },
                      { title: "Groups", type: "bar", data: points.map((p) => ({ x: p.label, y: p.groups })) },
                    ]
              }
              xDomain={x}
              xScaleType="categorical"
              xTitle="Round"
              yTitle="Count"
              height={240}
              hideFilter
              empty={empty}
              ariaLabel="People matched and groups formed per round"
            />
          </Container>
          <Container header={<Header variant="h2">Repeats over rounds</Header>}>
            <BarChart
              series={points.length === 0 ? [] : [{ title: "Repeated pairs", type: "bar", data: points.map((p) => ({ x: p.label, y: p.repeats })) }]}
              xDomain={x}
              xScaleType="categorical"
              xTitle="Round"
              yTitle="Pairs who had met before"
              height={240}
              hideFilter
              empty={empty}
              ariaLabel="Repeated pairs per round"
            />
          </Container>
        </ColumnLayout>
        <Container header={<Header variant="h2">Notification delivery</Header>}>
          <BarChart
            series={
              stats.notificationFailures + stats.undeliverable === 0
                ? []
                : [
                    { title: "Failed attempts", type: "bar", data: [{ x: "Failed attempts", y: stats.notificationFailures }] },
                    { title: "People not reached", type: "bar", data: [{ x: "People not reached", y: stats.undeliverable }] },
                  ]
            }
            xScaleType="categorical"
            xDomain={["Failed attempts", "People not reached"]}
            height={160}
            horizontalBars
            hideFilter
            ariaLabel="Notification failures"
            empty={<EmptyState title="No failures" subtitle="Every message reached its reader." testId="delivery-empty" />}
          />
        </Container>
      </SpaceBetween>
    </ContentLayout>
  );
}
