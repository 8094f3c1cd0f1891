/** The deployment settings page. */

import { useState } from "react";

import { useDraft } from "../../api/drafts";
import { useUnsavedChanges } from "../../forms/unsaved-changes";
import { useViewer } from "../../app/viewer";
import ErrorAlert from "../../components/error-alert";
import Loading from "../../components/loading";
import { useDeploymentConfig, useUpdateDeploymentConfig } from "./hooks";
import AdminSettingsView from "./root";
import MatchTemplate from "./templates";
import { splitList, type SettingsValues } from "./validation";

export default function AdminSettingsPage() {
  const viewer = useViewer();
  const [{ data, error, fetching }] = useDeploymentConfig();
  const [saveState, save] = useUpdateDeploymentConfig();
  const [flash, setFlash] = useState<string | null>(null);
  const config = data?.deploymentConfig;
  const saved: SettingsValues | null = config
    ? {
        schedule: config.schedule,
        timeZone: config.timeZone,
        meetingSize: String(config.meetingSize),
        repeatWindow: String(config.repeatWindow),
        preferCrossTeam: config.preferCrossTeam,
        adminEmails: config.adminEmails.join("\n"),
        allowedEmailDomains: config.allowedEmailDomains.join("\n"),
        channels: config.channels,
        reminderDelayDays: String(config.reminderDelayDays),
        gracePeriodHours: String(config.gracePeriodHours),
      }
    : null;
  const draft = useDraft<SettingsValues>("deployment-settings", saved);
  useUnsavedChanges("deployment-settings", draft.edited, draft.discard);
  if (!draft.value) return error && !fetching ? <ErrorAlert error={error} /> : <Loading label="Loading deployment settings" />;
  return (
    <AdminSettingsView
      values={draft.value}
      edited={draft.edited}
      myTimeZone={viewer.preferences.timeZone}
      onChange={draft.setValue}
      onDiscard={draft.discard}
      submitting={saveState.fetching}
      error={saveState.error}
      flash={flash}
      onDismissFlash={() => setFlash(null)}
      onSubmit={async (values) => {
        setFlash(null);
        const result = await save({
          input: {
            schedule: values.schedule.trim(),
            timeZone: values.timeZone,
            meetingSize: Number(values.meetingSize),
            repeatWindow: Number(values.repeatWindow),
            preferCrossTeam: values.preferCrossTeam,
            adminEmails: splitList(values.adminEmails),
            allowedEmailDomains: splitList(values.allowedEmailDomains),
            channels: values.channels,
            reminderDelayDays: Number(values.reminderDelayDays),
            gracePeriodHours: Number(values.gracePeriodHours),
          },
        });
        if (result.data) {
          draft.discard();
          setFlash("Settings saved.");
        }
      }}
    >
      <MatchTemplate />
    </AdminSettingsView>
  );
}
