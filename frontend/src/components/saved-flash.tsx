/** A confirmation after a successful save: a Flashbar message on the page, kept in view while scrolled. */

import Alert from "@cloudscape-design/components/alert";
import { useEffect } from "react";

import { useFlash, useInFlashbar } from "./flash";

export default function SavedFlash({ message, onDismiss }: { message: string | null; onDismiss: () => void }) {
  const inFlashbar = useInFlashbar();
  const flash = useFlash();
  useEffect(() => {
    if (!inFlashbar || message === null) return;
    flash.show({ type: "success", header: message, id: "saved" });
    // The Flashbar holds it now; the page may say the same thing again later.
    onDismiss();
  }, [inFlashbar, message, flash, onDismiss]);
  // Outside the app's frame (a view rendered alone) it stays where it was said.
  if (inFlashbar || message === null) return null;
  return (
    <Alert type="success" dismissible onDismiss={onDismiss} statusIconAriaLabel="Success">
      {message}
    </Alert>
  );
}
