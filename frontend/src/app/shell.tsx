/** The frame around every signed-in page: top bar, side navigation and content area. */

import AppLayout from "@cloudscape-design/components/app-layout";
import BreadcrumbGroup, { type BreadcrumbGroupProps } from "@cloudscape-design/components/breadcrumb-group";
import SideNavigation, { type SideNavigationProps } from "@cloudscape-design/components/side-navigation";
import TopNavigation from "@cloudscape-design/components/top-navigation";
import { Suspense, useEffect, useState } from "react";
import { Outlet, useLocation, useNavigate } from "react-router";

import { useSession } from "../api/session-context";
import { Flashes, useFlash } from "../components/flash";
import Loading from "../components/loading";
import { UnsavedChangesProvider } from "../forms/unsaved-changes";
import { useCaughtMailOffered } from "../pages/admin-sent-mail/hooks";
import { useAriaRepairs } from "./aria-repairs";
import { GRAPHIQL_PATH } from "./graphiql-document";
import { SessionProblemFlash } from "./session-problem";
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
  { type: "link", text: "Overview", href: "/admin" },
  { type: "link", text: "Users", href: "/admin/users" },
  { type: "link", text: "Statistics", href: "/admin/stats" },
  { type: "link", text: "Deployment settings", href: "/admin/settings" },
  { type: "link", text: "Rounds", href: "/admin/rounds" },
  { type: "link", text: "Undelivered", href: "/admin/deliveries" },
  { type: "link", text: "Audit log", href: "/admin/audit" },
  { type: "link", text: "GraphiQL", href: GRAPHIQL_PATH },
];

// An admin who does not take part sees the way in instead of pages that would send them there.
const NOT_JOINED_ITEMS: SideNavigationProps.Item[] = [{ type: "link", text: "Join Virtual Coffee", href: "/welcome" }];

const ADMIN_TITLES: Record<string, string> = Object.fromEntries(ADMIN_ITEMS.map((item) => [item.href, item.text]));

/** Where the page sits: admin pages nest under Administration. */
export function breadcrumbsFor(pathname: string): BreadcrumbGroupProps.Item[] {
  if (!pathname.startsWith("/admin")) return [];
  const root = { text: "Administration", href: "/admin" };
  const path = pathname.replace(/\/+$/, "");
  if (path === "/admin") return [root];
  return [root, { text: ADMIN_TITLES[path] ?? "Page not found", href: path }];
}

const SENT_MAIL_ITEM: SideNavigationProps.Link = { type: "link", text: "Sent mail (development)", href: "/admin/sent-mail" };

function adminSection(withSentMail: boolean): SideNavigationProps.Item {
  return { type: "section-group", title: "Administration", items: withSentMail ? [...ADMIN_ITEMS, SENT_MAIL_ITEM] : ADMIN_ITEMS };
}

export default function Shell() {
  const viewer = useViewer();
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  // Open beside the content on wide screens; on a phone it would cover the page.
  const [navigationOpen, setNavigationOpen] = useState(() => window.matchMedia("(min-width: 688px)").matches);
  const isAdmin = viewer.role === "ADMIN";
  const sentMailOffered = useCaughtMailOffered(isAdmin);
  const memberItems = viewer.participation.status === "NOT_JOINED" ? NOT_JOINED_ITEMS : MEMBER_ITEMS;
  const items = isAdmin ? [...memberItems, { type: "divider" } as const, adminSection(sentMailOffered)] : memberItems;
  const crumbs = breadcrumbsFor(location.pathname);
  const flash = useFlash();
  useAriaRepairs();
  // Outcomes belong to the page they happened on.
  useEffect(() => flash.clear(), [location.pathname, flash]);

  return (
    <>
      <a
        className="vc-skip-link"
        href="#main-content"
        onClick={(event) => {
          event.preventDefault();
          document.getElementById("main-content")?.focus();
        }}
      >
        Skip to main content
      </a>
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
              if (!window.matchMedia("(min-width: 688px)").matches) setNavigationOpen(false);
            }}
          />
        }
        toolsHide
        notifications={
          <>
            <SessionProblemFlash />
            <Flashes />
          </>
        }
        stickyNotifications
        breadcrumbs={
          crumbs.length > 0 ? (
            <BreadcrumbGroup
              items={crumbs}
              ariaLabel="Breadcrumbs"
              expandAriaLabel="Show path"
              onFollow={(event) => {
                event.preventDefault();
                navigate(event.detail.href);
              }}
            />
          ) : undefined
        }
        ariaLabels={{
          navigation: "Side navigation",
          navigationClose: "Close side navigation",
          navigationToggle: "Open side navigation",
          notifications: "Notifications",
        }}
        content={
          <div id="main-content" tabIndex={-1} className="vc-main">
            <UnsavedChangesProvider>
              <Suspense fallback={<Loading />}>
                <Outlet />
              </Suspense>
            </UnsavedChangesProvider>
          </div>
        }
      />
    </>
  );
}
