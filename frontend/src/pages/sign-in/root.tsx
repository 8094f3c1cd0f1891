/** The sign-in view: one button per configured provider. */

import Alert from "@cloudscape-design/components/alert";
import Box from "@cloudscape-design/components/box";
import Button from "@cloudscape-design/components/button";
import Container from "@cloudscape-design/components/container";
import Header from "@cloudscape-design/components/header";
import SpaceBetween from "@cloudscape-design/components/space-between";

import type { ApiProblem } from "../../api/errors";
import EmptyState from "../../components/empty-state";
import ErrorAlert from "../../components/error-alert";
import Loading from "../../components/loading";
import { loginHref, type Provider } from "./hooks";

export interface SignInViewProps {
  providers: Provider[] | null;
  problem: ApiProblem | null;
  expired: boolean;
  onChoose: (provider: Provider) => void;
}

export default function SignInView({ providers, problem, expired, onChoose }: SignInViewProps) {
  return (
    <Box padding={{ vertical: "xxxl", horizontal: "l" }}>
      <div style={{ maxWidth: 480, margin: "0 auto" }}>
        <Container header={<Header variant="h1" description="Meet a colleague for a coffee chat every round.">Virtual Coffee</Header>}>
          <SpaceBetween size="m">
            {expired && !problem && (
              <Alert type="info" header="Your session has ended">
                Sign in again to continue. What you typed has been kept and will be there when you return.
              </Alert>
            )}
            <ErrorAlert error={problem} />
            {providers === null ? (
              <Loading label="Loading sign-in options" />
            ) : providers.length === 0 ? (
              <EmptyState title="No sign-in option is configured" subtitle="Ask an administrator to add an identity provider." />
            ) : (
              <SpaceBetween size="s">
                {providers.map((provider) => (
                  <Button
                    key={provider.name}
                    variant="primary"
                    fullWidth
                    href={loginHref(provider)}
                    onFollow={() => onChoose(provider)}
                    data-testid={`sign-in-${provider.name}`}
                  >
                    Sign in with {provider.label}
                  </Button>
                ))}
              </SpaceBetween>
            )}
          </SpaceBetween>
        </Container>
      </div>
    </Box>
  );
}
