/** Data of the profile page: my profile and preferences, and the lengths the deployment offers. */

import { useMutation, useQuery } from "urql";

import { graphql } from "../../gql";

export const ProfilePageDocument = graphql(`
  query ProfilePage {
    me {
      id
      profile {
        name
        email
        displayName
        team
        title
        pronouns
        bio
      }
      preferences {
        availability
        topics
        meetingLength
        timeZone
      }
    }
  }
`);

export const UpdateProfileDocument = graphql(`
  mutation UpdateProfile($input: ProfileInput!) {
    updateProfile(input: $input) {
      id
      profile {
        name
        email
        displayName
        team
        title
        pronouns
        bio
      }
    }
  }
`);

export const UpdatePreferencesDocument = graphql(`
  mutation UpdatePreferences($input: PreferencesInput!) {
    updatePreferences(input: $input) {
      id
      preferences {
        availability
        topics
        meetingLength
        timeZone
      }
    }
  }
`);

export function useProfilePage() {
  return useQuery({ query: ProfilePageDocument });
}

export function useUpdateProfile() {
  return useMutation(UpdateProfileDocument);
}

export function useUpdatePreferences() {
  return useMutation(UpdatePreferencesDocument);
}

export const TopicSuggestionsDocument = graphql(`
  query TopicSuggestions {
    topicSuggestions(first: 30) {
      topic
      people
    }
  }
`);

export function useTopicSuggestions() {
  return useQuery({ query: TopicSuggestionsDocument });
}
