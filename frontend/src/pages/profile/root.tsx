/** The profile page's layout: header, confirmation, and the two forms. */

import ContentLayout from "@cloudscape-design/components/content-layout";
import Header from "@cloudscape-design/components/header";
import SpaceBetween from "@cloudscape-design/components/space-between";
import type { ReactNode } from "react";

import SavedFlash from "../../components/saved-flash";

export default function ProfileLayout({ flash, onDismissFlash, children }: { flash: string | null; onDismissFlash: () => void; children: ReactNode }) {
  return (
    <ContentLayout header={<Header variant="h1">Profile and preferences</Header>}>
      <SpaceBetween size="l">
        <SavedFlash message={flash} onDismiss={onDismissFlash} />
        {children}
      </SpaceBetween>
    </ContentLayout>
  );
}
