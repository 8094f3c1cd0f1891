/** Whether the window is phone-narrow, following it as it is resized or turned. */

import { useEffect, useState } from "react";

// Cloudscape's own breakpoint between phone and tablet layouts.
export const NARROW_QUERY = "(max-width: 687px)";

export function useNarrow(): boolean {
  const [narrow, setNarrow] = useState(() => typeof window !== "undefined" && typeof window.matchMedia === "function" && window.matchMedia(NARROW_QUERY).matches);
  useEffect(() => {
    if (typeof window.matchMedia !== "function") return;
    const query = window.matchMedia(NARROW_QUERY);
    const follow = () => setNarrow(query.matches);
    query.addEventListener("change", follow);
    return () => query.removeEventListener("change", follow);
  }, []);
  return narrow;
}
