/** What a page or table shows when there is nothing yet, with the next step to take. */

import Box from "@cloudscape-design/components/box";
import SpaceBetween from "@cloudscape-design/components/space-between";
import type { ReactNode } from "react";

export default function EmptyState({ title, subtitle, action, testId }: { title: string; subtitle?: string; action?: ReactNode; testId?: string }) {
  return (
    <Box textAlign="center" color="inherit" padding="l" data-testid={testId}>
      {/* Title, text and action each on a line of their own. */}
      <SpaceBetween size="xs" alignItems="center">
        <Box variant="strong" display="block" textAlign="center" color="inherit">
          {title}
        </Box>
        {subtitle && (
          <Box variant="p" color="inherit">
            {subtitle}
          </Box>
        )}
        {action && <div>{action}</div>}
      </SpaceBetween>
    </Box>
  );
}
