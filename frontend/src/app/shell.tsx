/** The frame around every signed-in page: top bar, side navigation and content area. */

import AppLayout from "@cloudscape-design/components/app-layout";
import SideNavigation, { type SideNavigationProps } from "@cloudscape-design/components/side-navigation";
import TopNavigation from "@cloudscape-design/components/top-navigation";
import { Suspense, useState } from "react";
import { Outlet, useLocation, useNavigate } from "react-router";

import { useSession } from "../api/session-context";
import Loading from "../components/loading";
import { useCaughtMailOffered } from "../pages/admin-sent-mail/hooks";
import { GRAPHIQL_PATH } from "./graphiql-document";
import { useViewer } from "./viewer";

const MEMBER_ITEMS: SideNavigationProps.Item[] = [
  { type: "link", text: "Current match", href: "/match" },
  { type: "link", text: "History", href: "/history" },
  { type: "divider" },
  { type: "link", text: "Profile and preferences", href: "/profile" },
  { type: "link", text: "Notifications", href: "/notifications" },
  { type: "link", text: "Participation", href: "/participation" },
];

const ADMIN_ITEMS: SideNavigationProps.Link[] = [
  { type: "link", text: "Users", href: "/admin/users" },
  { type: "link", text: "Statistics", href: "/admin/stats" },
  { type: "link", text: "Deployment settings", href: "/admin/settings" },
  { type: "link", text: "Rounds", href: "/admin/rounds" },
  { type: "link", text: "GraphiQL", href: GRAPHIQL_PATH },
];

const SENT_MAIL_ITEM: SideNavigationProps.Link = { type: "link", text: "Sent mail (development)", href: "/admin/sent-mail" };

function adminSection(withSentMail: boolean): SideNavigationProps.Item {
  return { type: "section-group", title: "Administration", items: withSentMail ? [...ADMIN_ITEMS, SENT_MAIL_ITEM] : ADMIN_ITEMS };
}

export default function Shell() {
  const viewer = useViewer();
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const [navigationOpen, setNavigationOpen] = useState(true);
  const isAdmin = viewer.role === "ADMIN";
  const sentMailOffered = useCaughtMailOffered(isAdmin);
  const items = isAdmin ? [...MEMBER_ITEMS, { type: "divider" } as const, adminSection(sentMailOffered)] : MEMBER_ITEMS;

  return (
    <>
      <div id="top-nav" style={{ position: "sticky", top: 0, zIndex: 1002 }}>
        <TopNavigation
          identity={{ href: "/match", title: "Virtual Coffee", onFollow: (event) => { event.preventDefault(); navigate("/match"); } }}
          utilities={[
            {
              type: "menu-dropdown",
              text: viewer.profile.name,
              description: viewer.profile.email,
              iconName: "user-profile",
              items: [
                { id: "profile", text: "Profile and preferences" },
                { id: "sign-out", text: "Sign out" },
              ],
              onItemClick: ({ detail }) => {
                if (detail.id === "profile") navigate("/profile");
                if (detail.id === "sign-out") void session.signOut().then(() => navigate("/sign-in"));
              },
            },
          ]}
        />
      </div>
      <AppLayout
        headerSelector="#top-nav"
        navigationOpen={navigationOpen}
        onNavigationChange={({ detail }) => setNavigationOpen(detail.open)}
        navigation={
          <SideNavigation
            header={{ text: "Virtual Coffee", href: "/match" }}
            activeHref={location.pathname}
            items={items}
            onFollow={(event) => {
              // GraphiQL loads as a document of its own, which carries that page's CSP.
              if (event.detail.external || event.detail.href === GRAPHIQL_PATH) return;
              event.preventDefault();
              navigate(event.detail.href);
            }}
          />
        }
        toolsHide
        ariaLabels={{
          navigation: "Side navigation",
          navigationClose: "Close side navigation",
          navigationToggle: "Open side navigation",
          notifications: "Notifications",
        }}
        content={
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        }
      />
    </>
  );
}
