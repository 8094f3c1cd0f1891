/**
 * Repairs in markup the app does not write itself. AppLayout's phone toolbar is a <nav> with
 * aria-orientation, which ARIA does not allow on the navigation role (axe: aria-allowed-attr,
 * critical); screen readers may announce it wrongly. The attribute is dropped as it appears.
 */

import { useEffect } from "react";

const INVALID = "nav[aria-orientation]";

function repair(root: ParentNode): void {
  for (const element of root.querySelectorAll(INVALID)) element.removeAttribute("aria-orientation");
}

export function useAriaRepairs(): void {
  useEffect(() => {
    repair(document);
    const observer = new MutationObserver(() => repair(document));
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["aria-orientation"] });
    return () => observer.disconnect();
  }, []);
}
