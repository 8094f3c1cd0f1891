/** The admin statistics page. */

import ErrorAlert from "../../components/error-alert";
import Loading from "../../components/loading";
import MetRate from "../../components/introduction/met-rate";
import { useAdminStats } from "./hooks";
import AdminStatsView from "./root";
import { roundPoints } from "./series";

export default function AdminStatsPage() {
  const [{ data, error, fetching }] = useAdminStats();
  if (!data) return error && !fetching ? <ErrorAlert error={error} /> : <Loading label="Loading statistics" />;
  return (
    <>
      <ErrorAlert error={error} />
      <AdminStatsView stats={data.stats} points={roundPoints(data.rounds.items)} />
      <MetRate />
    </>
  );
}
