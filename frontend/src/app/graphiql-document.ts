/** Whether this document was loaded at the GraphiQL page, and so carries that page's CSP. */

export const GRAPHIQL_PATH = "/admin/graphiql";

// Evaluated when the app starts: the address the browser loaded, before any client-side move.
const loadedAt = window.location.pathname;

export function loadedAtGraphiQL(): boolean {
  return loadedAt === GRAPHIQL_PATH;
}
