/** Data of the admin users page: every person of the deployment, pause / resume, deactivate / reactivate. */

import { useMutation } from "urql";

import { useAllPages } from "../../api/paged";
import { graphql } from "../../gql";

export const AdminUsersDocument = graphql(`
  query AdminUsers($first: Int!, $after: String) {
    users(first: $first, after: $after) {
      items {
        ...AdminUser
      }
      nextCursor
    }
  }
`);

export const AdminUserFragmentDoc = graphql(`
  fragment AdminUser on User {
    id
    name
    email
    role
    status
    pausedUntil
    createdAt
  }
`);

export const DeactivatePersonDocument = graphql(`
  mutation DeactivatePerson($userId: ID!) {
    deactivatePerson(userId: $userId) {
      ...AdminUser
    }
  }
`);

export const ReactivatePersonDocument = graphql(`
  mutation ReactivatePerson($userId: ID!) {
    reactivatePerson(userId: $userId) {
      ...AdminUser
    }
  }
`);

export const PausePersonDocument = graphql(`
  mutation PausePerson($userId: ID!, $until: Date) {
    pausePerson(userId: $userId, until: $until) {
      ...AdminUser
    }
  }
`);

export const ResumePersonDocument = graphql(`
  mutation ResumePerson($userId: ID!) {
    resumePerson(userId: $userId) {
      ...AdminUser
    }
  }
`);

export function usePausePerson() {
  return useMutation(PausePersonDocument);
}

export function useResumePerson() {
  return useMutation(ResumePersonDocument);
}

export function useAdminUsers() {
  return useAllPages({ document: AdminUsersDocument, variables: {}, pick: (data) => data.users });
}

export function useDeactivatePerson() {
  return useMutation(DeactivatePersonDocument);
}

export function useReactivatePerson() {
  return useMutation(ReactivatePersonDocument);
}
