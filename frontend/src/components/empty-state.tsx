/** What a page or table shows when there is nothing yet, with the next step to take. */

import Box from "@cloudscape-design/components/box";
import type { ReactNode } from "react";

export default function EmptyState({ title, subtitle, action }: { title: string; subtitle?: string; action?: ReactNode }) {
  return (
    <Box textAlign="center" color="inherit" padding="l">
      <Box variant="strong" textAlign="center" color="inherit">
        {title}
      </Box>
      {subtitle && (
        <Box variant="p" padding={{ bottom: "s" }} color="inherit">
          {subtitle}
        </Box>
      )}
      {action}
    </Box>
  );
}
