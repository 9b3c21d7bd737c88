// Sharing an insight out of a group: the only way a group's learning reaches the school's
// coaches and admins. The form says, before anything is sent, exactly what they will see (the
// api gives leaders the title, text and themes, and the day it was shared; never the author or
// the group), and that the group's own members see who shared it.
import { useState, type FormEvent } from "react";
import { useMutation } from "urql";
import { formFailure, withoutField, type FormFailure } from "../graphql/field-issues.ts";
import { graphql } from "../graphql/graphql.ts";
import { mutationFailure, MutationErrorFragment } from "../graphql/mutation-outcome.ts";
import { Button } from "./Button.tsx";
import { TextAreaField, TextField } from "./fields.tsx";
import { ErrorState, SuccessMessage } from "./states.tsx";
import "./share.css";

const ShareInsightMutation = graphql(
  `
    mutation ShareInsight($input: ShareInsightInput!) {
      shareInsight(input: $input) {
        __typename
        ... on MutationShareInsightSuccess {
          data {
            id
            title
          }
        }
        ...MutationError
      }
    }
  `,
  [MutationErrorFragment],
);

/** Who sees a shared insight, in plain words: the same sentence wherever the form appears. */
export function insightAudienceSentence(groupName: string): string {
  return `Coaches and admins in your school will see this insight's title, text and themes, and the day it was shared, without your name or ${groupName}'s name. Members of ${groupName} will see it with your name. Leave names of colleagues and students out of the text.`;
}

const FIELDS = ["title", "body", "themes"] as const;

/** "Wait time, questioning" → ["Wait time", "questioning"] (the api stores them trimmed and lower-case). */
function themesOf(text: string): string[] {
  return text
    .split(",")
    .map((theme) => theme.trim())
    .filter((theme) => theme.length > 0);
}

export function ShareInsightForm({ groupId, groupName, onShared }: { groupId: string; groupName: string; onShared?: () => void }) {
  const [title, setTitle] = useState("");
  const [themes, setThemes] = useState("");
  const [body, setBody] = useState("");
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const [shared, setShared] = useState<string | null>(null);
  const [{ fetching }, share] = useMutation(ShareInsightMutation);
  const sentence = insightAudienceSentence(groupName);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    setShared(null);
    const result = await share({ input: { groupId, title, body, themes: themesOf(themes) } });
    const failed = mutationFailure(result, "shareInsight");
    if (failed) return setFailure(formFailure(failed, FIELDS));
    setShared(title.trim());
    setTitle("");
    setThemes("");
    setBody("");
    onShared?.();
  };
  const changed = (field: (typeof FIELDS)[number]) => setFailure(withoutField(failure, field));

  return (
    <form className="share-form" onSubmit={submit} aria-label="Share an insight with coaches">
      <p className="share-form__audience">{sentence}</p>
      <TextField
        label="Themes"
        hint="One or more, separated by commas, e.g. “wait time, questioning”. Coaches count insights by theme to plan professional development."
        value={themes}
        onChange={(event) => {
          setThemes(event.target.value);
          changed("themes");
        }}
        error={failure?.fields.themes}
        required
      />
      <TextField
        label="Title"
        value={title}
        maxLength={160}
        onChange={(event) => {
          setTitle(event.target.value);
          changed("title");
        }}
        error={failure?.fields.title}
        required
      />
      <TextAreaField
        label="What the group learned"
        rows={4}
        maxLength={10_000}
        value={body}
        onChange={(event) => {
          setBody(event.target.value);
          changed("body");
        }}
        error={failure?.fields.body}
        required
      />
      {failure?.general ? <ErrorState error={failure.general} title="The insight was not shared" /> : null}
      {shared ? <SuccessMessage>“{shared}” is shared. Coaches and admins see it without your name or the group's name.</SuccessMessage> : null}
      <Button type="submit" busy={fetching} busyLabel="Sharing…">
        Share with coaches
      </Button>
    </form>
  );
}
