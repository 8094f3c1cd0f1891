/**
 * Warns before a person leaves a page with unsaved edits: a dialog for a move inside the app, the
 * browser's own prompt for a reload or a closed tab. Forms register their edits with
 * `useUnsavedChanges`; leaving through the dialog discards them, so they do not come back later.
 */

import Box from "@cloudscape-design/components/box";
import Button from "@cloudscape-design/components/button";
import Modal from "@cloudscape-design/components/modal";
import SpaceBetween from "@cloudscape-design/components/space-between";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { useBlocker } from "react-router";

interface Registry {
  set: (key: string, discard: (() => void) | null) => void;
}

const RegistryContext = createContext<Registry | null>(null);

/** Holds the forms' edits for the pages inside it; needs a data router (useBlocker). */
export function UnsavedChangesProvider({ children }: { children: ReactNode }) {
  const [edited, setEdited] = useState<Record<string, () => void>>({});
  const set = useCallback((key: string, discard: (() => void) | null) => {
    setEdited((current) => {
      if (discard === null) {
        if (!(key in current)) return current;
        const { [key]: _dropped, ...rest } = current;
        return rest;
      }
      return current[key] === discard ? current : { ...current, [key]: discard };
    });
  }, []);
  const registry = useMemo(() => ({ set }), [set]);
  const any = Object.keys(edited).length > 0;
  return (
    <RegistryContext.Provider value={registry}>
      {children}
      <LeaveDialog edited={any} onDiscard={() => Object.values(edited).forEach((discard) => discard())} />
    </RegistryContext.Provider>
  );
}

/** Registers a form's unsaved edits under `key` while `edited`; `discard` drops them. */
export function useUnsavedChanges(key: string, edited: boolean, discard: () => void): void {
  const registry = useContext(RegistryContext);
  const latest = useRef(discard);
  latest.current = discard;
  const stable = useCallback(() => latest.current(), []);
  useEffect(() => {
    if (registry === null) return;
    registry.set(key, edited ? stable : null);
    return () => registry.set(key, null);
  }, [registry, key, edited, stable]);
  // A reload or a closed tab: the browser's own prompt, from the moment the edit is made.
  useEffect(() => {
    if (registry === null || !edited) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [registry, edited]);
}

function LeaveDialog({ edited, onDiscard }: { edited: boolean; onDiscard: () => void }) {
  // A forced sign-in keeps the edits as a draft instead: it is not the person leaving.
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => edited && currentLocation.pathname !== nextLocation.pathname && nextLocation.pathname !== "/sign-in",
  );
  const stay = () => blocker.reset?.();
  return (
    <Modal
      visible={blocker.state === "blocked"}
      onDismiss={stay}
      header="Leave without saving?"
      footer={
        <Box float="right">
          <SpaceBetween direction="horizontal" size="xs">
            <Button variant="link" onClick={stay}>
              Keep editing
            </Button>
            <Button
              variant="primary"
              data-testid="discard-and-leave"
              onClick={() => {
                onDiscard();
                blocker.proceed?.();
              }}
            >
              Discard changes and leave
            </Button>
          </SpaceBetween>
        </Box>
      }
    >
      You have changes on this page that are not saved. If you leave, they are discarded.
    </Modal>
  );
}

/** Said beside a form's buttons while it holds edits that are not saved. */
export function UnsavedNote({ edited }: { edited: boolean }) {
  if (!edited) return null;
  return (
    <Box color="text-status-warning" data-testid="unsaved-note">
      Unsaved changes
    </Box>
  );
}
