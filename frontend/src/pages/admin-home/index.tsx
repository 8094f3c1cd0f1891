/** The admin overview page, where an admin lands. */

import { useNavigate } from "react-router";

import { useViewer } from "../../app/viewer";
import ErrorAlert from "../../components/error-alert";
import Loading from "../../components/loading";
import { useAdminHome } from "./hooks";
import AdminHomeView from "./root";

export default function AdminHomePage() {
  const viewer = useViewer();
  const navigate = useNavigate();
  const [{ data, error, fetching }] = useAdminHome();
  if (!data) return error && !fetching ? <ErrorAlert error={error} /> : <Loading label="Loading the overview" />;
  return <AdminHomeView data={data} myParticipation={viewer.participation.status} myTimeZone={viewer.preferences.timeZone} onNavigate={navigate} />;
}
