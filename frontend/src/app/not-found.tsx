/** The page for a path the app does not know. */

import Button from "@cloudscape-design/components/button";
import Container from "@cloudscape-design/components/container";
import Header from "@cloudscape-design/components/header";

import EmptyState from "../components/empty-state";

export default function NotFound() {
  return (
    <Container header={<Header variant="h1">Page not found</Header>}>
      <EmptyState title="There is no page at this address" action={<Button href="/match">Go to my match</Button>} />
    </Container>
  );
}
