/** A dismissible confirmation shown after a successful save. */

import Alert from "@cloudscape-design/components/alert";

export default function SavedFlash({ message, onDismiss }: { message: string | null; onDismiss: () => void }) {
  if (message === null) return null;
  return (
    <Alert type="success" dismissible onDismiss={onDismiss} statusIconAriaLabel="Success">
      {message}
    </Alert>
  );
}
