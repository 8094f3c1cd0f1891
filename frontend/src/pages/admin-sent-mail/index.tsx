/** The admin page listing mail the local catcher received (development instances). */

import ErrorAlert from "../../components/error-alert";
import Loading from "../../components/loading";
import { useViewer } from "../../app/viewer";
import { useCaughtMail } from "./hooks";
import SentMailView from "./root";

export default function SentMailPage() {
  const viewer = useViewer();
  const [{ data, error, fetching }, reload] = useCaughtMail();
  if (!data) return error && !fetching ? <ErrorAlert error={error} /> : <Loading label="Loading sent mail" />;
  return (
    <>
      <ErrorAlert error={error} />
      <SentMailView
        messages={data.caughtMail}
        timeZone={viewer.preferences.timeZone}
        loading={fetching}
        onReload={() => reload({ requestPolicy: "network-only" })}
      />
    </>
  );
}
