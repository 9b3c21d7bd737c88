// A plain-text field that suggests people after "@" (useTextMentions holds the state, so the form
// that owns the text also owns who was mentioned).
import type { TextareaHTMLAttributes } from "react";
import { TextAreaField } from "../fields.tsx";
import { MentionListbox } from "./MentionListbox.tsx";
import type { useTextMentions } from "./useTextMentions.ts";

type FieldProps = Parameters<typeof TextAreaField>[0];

export function MentionTextArea({
  mentions,
  ...field
}: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement> & { mentions: ReturnType<typeof useTextMentions> }) {
  return (
    <div className="mention-field">
      <TextAreaField {...field} {...mentions.fieldProps} />
      <MentionListbox id={mentions.listId} state={mentions.list} onPick={mentions.pick} />
    </div>
  );
}
