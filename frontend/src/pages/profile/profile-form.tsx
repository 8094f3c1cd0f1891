/** The profile form: name, team and a short bio. */

import Button from "@cloudscape-design/components/button";
import Container from "@cloudscape-design/components/container";
import Form from "@cloudscape-design/components/form";
import FormField from "@cloudscape-design/components/form-field";
import Header from "@cloudscape-design/components/header";
import Input from "@cloudscape-design/components/input";
import SpaceBetween from "@cloudscape-design/components/space-between";
import Textarea from "@cloudscape-design/components/textarea";
import type { CombinedError } from "urql";

import { UnsavedNote } from "../../forms/unsaved-changes";
import { useCheckedForm } from "../../forms/use-checked-form";
import ErrorAlert from "../../components/error-alert";
import { LIMITS, validateProfile, type ProfileValues } from "./validation";

const OPTIONAL_FIELDS = [
  { key: "displayName", label: "Display name", description: "How you are greeted, if not by your name." },
  { key: "pronouns", label: "Pronouns", description: undefined },
  { key: "title", label: "Job title", description: undefined },
  { key: "team", label: "Team", description: "Used to match you across teams when the deployment prefers it." },
] as const;

export interface ProfileFormProps {
  email: string;
  values: ProfileValues;
  edited: boolean;
  onChange: (values: ProfileValues) => void;
  onSubmit: (values: ProfileValues) => void;
  onDiscard: () => void;
  submitting: boolean;
  error?: CombinedError | undefined;
}

export default function ProfileForm({ email, values, edited, onChange, onSubmit, onDiscard, submitting, error }: ProfileFormProps) {
  const { errors, update, submit } = useCheckedForm({
    values,
    onChange,
    validate: validateProfile,
    onValid: (checked) => onSubmit({ name: checked.name.trim(), displayName: checked.displayName.trim(), pronouns: checked.pronouns.trim(), title: checked.title.trim(), team: checked.team.trim(), bio: checked.bio }),
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Profile">
      <Form
        errorText={error ? <ErrorAlert error={error} /> : undefined}
        secondaryActions={<UnsavedNote edited={edited} />}
        actions={
          <SpaceBetween direction="horizontal" size="xs">
            <Button formAction="none" variant="link" disabled={!edited || submitting} onClick={onDiscard}>
              Discard changes
            </Button>
            <Button variant="primary" formAction="submit" loading={submitting} data-testid="save-profile">
              Save profile
            </Button>
          </SpaceBetween>
        }
      >
        <Container header={<Header variant="h2" description={`Signed in as ${email}`}>Profile</Header>}>
          <SpaceBetween size="l">
            <FormField label="Name" errorText={errors.name} controlId="profile-name">
              <Input controlId="profile-name" value={values.name} onChange={({ detail }) => update({ name: detail.value })} invalid={!!errors.name} />
            </FormField>
            {OPTIONAL_FIELDS.map(({ key, label, description }) => (
              <FormField key={key} label={<span>{label} <i>- optional</i></span>} description={description} errorText={errors[key]} controlId={`profile-${key}`}>
                <Input controlId={`profile-${key}`} value={values[key]} onChange={({ detail }) => update({ [key]: detail.value })} invalid={!!errors[key]} />
              </FormField>
            ))}
            <FormField
              label={<span>About me <i>- optional</i></span>}
              constraintText={`${values.bio.length}/${LIMITS.bio} characters`}
              errorText={errors.bio}
              controlId="profile-bio"
            >
              <Textarea controlId="profile-bio" value={values.bio} onChange={({ detail }) => update({ bio: detail.value })} invalid={!!errors.bio} rows={3} />
            </FormField>
          </SpaceBetween>
        </Container>
      </Form>
    </form>
  );
}
