/** Data of the audit log page: events newest first, a page at a time. */

import { usePageByPage } from "../../api/paged";
import { graphql } from "../../gql";

export const AuditEntryFragmentDoc = graphql(`
  fragment AuditEntry on AuditEvent {
    id
    at
    actorId
    action
    target
    detail
  }
`);

export const AuditLogDocument = graphql(`
  query AuditLog($first: Int!, $after: String) {
    auditLog(first: $first, after: $after) {
      items {
        ...AuditEntry
      }
      nextCursor
    }
  }
`);

/** The events read so far, newest first, and a way to read the next (older) page. */
export function useAuditLog() {
  return usePageByPage({ document: AuditLogDocument, pick: (data) => data.auditLog });
}
