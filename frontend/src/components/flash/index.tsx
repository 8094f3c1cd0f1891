/** Outcomes of what a person did (saved, sent, failed), shown in the Flashbar at the top of the page. */

import Flashbar, { type FlashbarProps } from "@cloudscape-design/components/flashbar";
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";

export type FlashType = "success" | "error" | "info" | "warning";

export interface FlashMessage {
  type: FlashType;
  /** One line that names the outcome, e.g. "Preferences saved." */
  header: string;
  content?: ReactNode;
  /** A later flash with the same id replaces this one. */
  id?: string;
}

interface FlashApi {
  show: (message: FlashMessage) => void;
  dismiss: (id: string) => void;
  clear: () => void;
}

interface Shown extends FlashMessage {
  id: string;
}

const FlashContext = createContext<{ api: FlashApi; items: Shown[] } | null>(null);

let counter = 0;

export function FlashProvider({ children }: { children: ReactNode }) {
  const [items, setItems] = useState<Shown[]>([]);
  const dismiss = useCallback((id: string) => setItems((current) => current.filter((item) => item.id !== id)), []);
  const show = useCallback((message: FlashMessage) => {
    counter += 1;
    const id = message.id ?? `flash-${counter}`;
    // The newest first; one of each id.
    setItems((current) => [{ ...message, id }, ...current.filter((item) => item.id !== id)].slice(0, 3));
  }, []);
  const clear = useCallback(() => setItems((current) => (current.length === 0 ? current : [])), []);
  // The api keeps its identity while messages come and go: pages depend on it in effects.
  const api = useMemo(() => ({ show, dismiss, clear }), [show, dismiss, clear]);
  const value = useMemo(() => ({ api, items }), [api, items]);
  return <FlashContext.Provider value={value}>{children}</FlashContext.Provider>;
}

/** Shows outcomes; outside a FlashProvider (component tests) the calls do nothing. */
export function useFlash(): FlashApi {
  return useContext(FlashContext)?.api ?? NO_FLASH;
}

/** Whether a Flashbar shows the outcomes (inside the app's frame), rather than the page itself. */
export function useInFlashbar(): boolean {
  return useContext(FlashContext) !== null;
}

const NO_FLASH: FlashApi = { show: () => undefined, dismiss: () => undefined, clear: () => undefined };

const STATUS_LABELS: Record<FlashType, string> = { success: "Success", error: "Error", info: "Information", warning: "Warning" };

/** The Flashbar of the page; AppLayout keeps it in view (stickyNotifications). */
export function Flashes() {
  const context = useContext(FlashContext);
  const items: FlashbarProps.MessageDefinition[] = (context?.items ?? []).map((item) => ({
    id: item.id,
    type: item.type,
    header: item.header,
    content: item.content,
    dismissible: true,
    dismissLabel: "Dismiss message",
    statusIconAriaLabel: STATUS_LABELS[item.type],
    ariaRole: item.type === "error" ? "alert" : "status",
    onDismiss: () => context?.api.dismiss(item.id),
  }));
  return <Flashbar items={items} data-testid="flashbar" />;
}
