/** What a person typed, kept in sessionStorage so a forced sign-in does not lose it. */

import { useCallback, useEffect, useRef, useState } from "react";

const PREFIX = "vcoffee.draft.";
const RETURN_TO = "vcoffee.returnTo";

export function readDraft<T>(key: string): T | null {
  try {
    const raw = sessionStorage.getItem(PREFIX + key);
    return raw === null ? null : (JSON.parse(raw) as T);
  } catch {
    return null;
  }
}

export function writeDraft(key: string, value: unknown): void {
  try {
    sessionStorage.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    // Storage may be full or disabled; the form still works, only the safety net is lost.
  }
}

export function clearDraft(key: string): void {
  sessionStorage.removeItem(PREFIX + key);
}

/**
 * Form state that survives a trip to the sign-in page.
 * `saved` is the server's value; once the person edits, the edit is kept until `discard`.
 */
export function useDraft<T>(key: string, saved: T | null): {
  value: T | null;
  edited: boolean;
  setValue: (next: T) => void;
  discard: () => void;
} {
  const [draft, setDraft] = useState<T | null>(() => readDraft<T>(key));
  const keyRef = useRef(key);
  keyRef.current = key;

  const setValue = useCallback((next: T) => {
    writeDraft(keyRef.current, next);
    setDraft(next);
  }, []);
  const discard = useCallback(() => {
    clearDraft(keyRef.current);
    setDraft(null);
  }, []);

  useEffect(() => {
    setDraft(readDraft<T>(key));
  }, [key]);

  // A draft typed back to the saved value is no edit.
  const edited = draft !== null && (saved === null || JSON.stringify(draft) !== JSON.stringify(saved));
  return { value: draft ?? saved, edited, setValue, discard };
}

export function rememberReturnTo(path: string): void {
  sessionStorage.setItem(RETURN_TO, path);
}

export function takeReturnTo(): string | null {
  const path = sessionStorage.getItem(RETURN_TO);
  sessionStorage.removeItem(RETURN_TO);
  // Only same-site paths: never follow a stored absolute URL.
  return path !== null && path.startsWith("/") && !path.startsWith("//") ? path : null;
}
