/** Which page answers which path; every page is its own chunk, admin pages only for admins. */

import { lazy } from "react";
import { Navigate, Route, Routes } from "react-router";

import { RequireAdmin, RequireJoined, RequireSession, RedirectWhenSignedIn } from "./guards";
import NotFound from "./not-found";
import Shell from "./shell";
import { useViewer } from "./viewer";

const SignInPage = lazy(() => import("../pages/sign-in"));
const OptInPage = lazy(() => import("../pages/opt-in"));
const MatchPage = lazy(() => import("../pages/match"));
const ProfilePage = lazy(() => import("../pages/profile"));
const NotificationsPage = lazy(() => import("../pages/notifications"));
const ParticipationPage = lazy(() => import("../pages/participation"));
const HistoryPage = lazy(() => import("../pages/history"));
const AdminUsersPage = lazy(() => import("../pages/admin-users"));
const AdminStatsPage = lazy(() => import("../pages/admin-stats"));
const AdminSettingsPage = lazy(() => import("../pages/admin-settings"));
const AdminRoundsPage = lazy(() => import("../pages/admin-rounds"));
const AdminGraphiQLPage = lazy(() => import("../pages/admin-graphiql"));
const AdminHomePage = lazy(() => import("../pages/admin-home"));
const AdminAuditPage = lazy(() => import("../pages/admin-audit"));
const AdminSentMailPage = lazy(() => import("../pages/admin-sent-mail"));
const AdminDeliveriesPage = lazy(() => import("../pages/admin-deliveries"));

/** Where "/" leads: admins to their overview, everyone else to their match. */
function Home() {
  const viewer = useViewer();
  return <Navigate to={viewer.role === "ADMIN" ? "/admin" : "/match"} replace />;
}

export default function AppRoutes() {
  return (
    <Routes>
      <Route element={<RedirectWhenSignedIn />}>
        <Route path="/sign-in" element={<SignInPage />} />
      </Route>
      <Route element={<RequireSession />}>
        <Route path="/welcome" element={<OptInPage />} />
        <Route element={<RequireJoined />}>
          <Route element={<Shell />}>
            <Route index element={<Home />} />
            <Route path="/match" element={<MatchPage />} />
            <Route path="/profile" element={<ProfilePage />} />
            <Route path="/notifications" element={<NotificationsPage />} />
            <Route path="/participation" element={<ParticipationPage />} />
            <Route path="/history" element={<HistoryPage />} />
            <Route path="/admin" element={<RequireAdmin />}>
              <Route index element={<AdminHomePage />} />
              <Route path="audit" element={<AdminAuditPage />} />
              <Route path="deliveries" element={<AdminDeliveriesPage />} />
              <Route path="users" element={<AdminUsersPage />} />
              <Route path="stats" element={<AdminStatsPage />} />
              <Route path="settings" element={<AdminSettingsPage />} />
              <Route path="rounds" element={<AdminRoundsPage />} />
              <Route path="graphiql" element={<AdminGraphiQLPage />} />
              <Route path="sent-mail" element={<AdminSentMailPage />} />
            </Route>
            <Route path="*" element={<NotFound />} />
          </Route>
        </Route>
      </Route>
    </Routes>
  );
}
