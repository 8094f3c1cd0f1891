/** Data of the sent-mail page: what the local mail catcher received for this deployment. */

import { useQuery } from "urql";

import { graphql } from "../../gql";

export const CaughtMailDocument = graphql(`
  query CaughtMail($first: Int!) {
    caughtMail(first: $first) {
      id
      sender
      to
      subject
      sentAt
      text
    }
  }
`);

export function useCaughtMail() {
  return useQuery({ query: CaughtMailDocument, variables: { first: 50 }, requestPolicy: "cache-and-network" });
}

/** Whether the signed-in admin may list caught mail, which decides if the page is offered. */
export function useCaughtMailOffered(isAdmin: boolean): boolean {
  const [{ data }] = useQuery({ query: CaughtMailDocument, variables: { first: 1 }, pause: !isAdmin });
  return isAdmin && data !== undefined;
}
