/** The admin users page. */

import { useAdminUsers, useDeactivatePerson, usePausePerson, useReactivatePerson, useResumePerson } from "./hooks";
import AdminUsersView from "./root";
import type { AdminUserFragment } from "../../gql/graphql";
import { useViewer } from "../../app/viewer";

export default function AdminUsersPage() {
  const viewer = useViewer();
  const { items, error, reload, replace } = useAdminUsers();
  const [deactivateState, deactivate] = useDeactivatePerson();
  const [reactivateState, reactivate] = useReactivatePerson();
  const [pauseState, pause] = usePausePerson();
  const [resumeState, resume] = useResumePerson();
  const apply = (updated: AdminUserFragment | undefined) => {
    if (!updated) return false;
    replace((current) => current?.map((u) => (u.id === updated.id ? updated : u)) ?? current);
    return true;
  };
  return (
    <AdminUsersView
      users={items}
      viewerId={viewer.id}
      error={error}
      actionError={deactivateState.error ?? reactivateState.error ?? pauseState.error ?? resumeState.error}
      busy={deactivateState.fetching || reactivateState.fetching || pauseState.fetching || resumeState.fetching}
      onReload={reload}
      onDeactivate={async (user) => apply((await deactivate({ userId: user.id })).data?.deactivatePerson)}
      onReactivate={async (user) => apply((await reactivate({ userId: user.id })).data?.reactivatePerson)}
      onPause={async (user, until) => apply((await pause({ userId: user.id, until })).data?.pausePerson)}
      onResume={async (user) => apply((await resume({ userId: user.id })).data?.resumePerson)}
    />
  );
}
