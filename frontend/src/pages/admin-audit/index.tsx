/** The audit log page. */

import { useViewer } from "../../app/viewer";
import { useAuditLog } from "./hooks";
import AuditLogView from "./root";

export default function AdminAuditPage() {
  const viewer = useViewer();
  const log = useAuditLog();
  return (
    <AuditLogView
      items={log.items}
      error={log.error}
      timeZone={viewer.preferences.timeZone}
      hasMore={log.hasMore}
      loading={log.loading}
      onLoadMore={log.loadMore}
      onReload={log.reload}
    />
  );
}
