/** The loading state every page shows while its data arrives. */

import Box from "@cloudscape-design/components/box";
import Spinner from "@cloudscape-design/components/spinner";

export default function Loading({ label = "Loading" }: { label?: string }) {
  return (
    <Box textAlign="center" padding="xxl" color="text-status-inactive">
      <Spinner size="large" />
      <Box variant="p" color="inherit">
        {label}…
      </Box>
    </Box>
  );
}
