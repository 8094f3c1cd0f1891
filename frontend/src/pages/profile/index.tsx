/** The profile page: my profile and my matching preferences, each saved on its own. */

import { useState } from "react";
import { useClient } from "urql";

import { useDraft } from "../../api/drafts";
import { useViewer } from "../../app/viewer";
import { useUnsavedChanges } from "../../forms/unsaved-changes";
import ErrorAlert from "../../components/error-alert";
import Loading from "../../components/loading";
import { ProfilePageDocument, useProfilePage, useTopicSuggestions, useUpdatePreferences, useUpdateProfile } from "./hooks";
import PreferencesForm from "./preferences-form";
import ProfileForm from "./profile-form";
import ProfileLayout from "./root";
import type { PreferencesValues, ProfileValues } from "./validation";

export default function ProfilePage() {
  const viewer = useViewer();
  const [{ data, error, fetching }] = useProfilePage();
  const client = useClient();
  // After a save, the form shows the server's values: read them before dropping the draft, so
  // the old values never flash back in between.
  const reloadSaved = () => client.query(ProfilePageDocument, {}, { requestPolicy: "network-only" }).toPromise();
  // Without suggestions (still loading, or unavailable) the form offers its starter topics.
  const [suggestions] = useTopicSuggestions();
  const [profileState, updateProfile] = useUpdateProfile();
  const [preferencesState, updatePreferences] = useUpdatePreferences();
  const [flash, setFlash] = useState<string | null>(null);

  const me = data?.me;
  const savedProfile: ProfileValues | null = me
    ? {
        name: me.profile.name,
        displayName: me.profile.displayName ?? "",
        pronouns: me.profile.pronouns ?? "",
        title: me.profile.title ?? "",
        team: me.profile.team ?? "",
        bio: me.profile.bio ?? "",
      }
    : null;
  const savedPreferences: PreferencesValues | null = me
    ? { timeZone: me.preferences.timeZone, availability: me.preferences.availability, topics: me.preferences.topics, meetingLength: me.preferences.meetingLength }
    : null;
  const profileDraft = useDraft<ProfileValues>(`profile:${viewer.id}`, savedProfile);
  const preferencesDraft = useDraft<PreferencesValues>(`preferences:${viewer.id}`, savedPreferences);
  useUnsavedChanges("profile", profileDraft.edited, profileDraft.discard);
  useUnsavedChanges("preferences", preferencesDraft.edited, preferencesDraft.discard);

  let body;
  if (!me || !profileDraft.value || !preferencesDraft.value) {
    body = error && !fetching ? <ErrorAlert error={error} /> : <Loading label="Loading your profile" />;
  } else {
    body = (
      <>
        <ProfileForm
          email={me.profile.email}
          values={profileDraft.value}
          edited={profileDraft.edited}
          onChange={profileDraft.setValue}
          onDiscard={profileDraft.discard}
          submitting={profileState.fetching}
          error={profileState.error}
          onSubmit={async (values) => {
            setFlash(null);
            const result = await updateProfile({ input: values });
            if (result.data) {
              await reloadSaved();
              profileDraft.discard();
              setFlash("Profile saved.");
            }
          }}
        />
        <PreferencesForm
          topicSuggestions={suggestions.data?.topicSuggestions}
          values={preferencesDraft.value}
          edited={preferencesDraft.edited}
          onChange={preferencesDraft.setValue}
          onDiscard={preferencesDraft.discard}
          submitting={preferencesState.fetching}
          error={preferencesState.error}
          onSubmit={async (values) => {
            setFlash(null);
            const result = await updatePreferences({
              input: { availability: values.availability, topics: values.topics, meetingLength: values.meetingLength ?? 0, timeZone: values.timeZone },
            });
            if (result.data) {
              await reloadSaved();
              preferencesDraft.discard();
              setFlash("Preferences saved.");
            }
          }}
        />
      </>
    );
  }
  return (
    <ProfileLayout flash={flash} onDismissFlash={() => setFlash(null)}>
      {body}
    </ProfileLayout>
  );
}
