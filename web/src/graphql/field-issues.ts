// A failed form, told as people read it: each issue the api tied to an input field goes next to
// that field, and what is left is said in sentences (never a code such as VALIDATION_FAILED).
import { describeError, type ShowableError } from "../ui/states.tsx";

export type FormFailure = {
  /** Field name (the last part of the api's path, e.g. "name" for `input.name`) → its sentence. */
  fields: Record<string, string>;
  /** Whatever belongs to no field of this form, as sentences; null when every issue found its field. */
  general: string | null;
};

export function formFailure(failure: ShowableError, formFields: readonly string[]): FormFailure {
  const fields: Record<string, string> = {};
  const general: string[] = [];
  for (const detail of describeError(failure)) {
    const issues = detail.issues ?? [];
    if (issues.length === 0) general.push(detail.message);
    for (const issue of issues) {
      const field = issue.path.split(".").pop() ?? "";
      const sentence = asSentence(issue.message);
      if (formFields.includes(field)) fields[field] = fields[field] ? `${fields[field]} ${sentence}` : sentence;
      else general.push(sentence);
    }
  }
  return { fields, general: general.length > 0 ? general.join(" ") : null };
}

/** "must be at least 2 characters" → "This must be at least 2 characters." */
function asSentence(message: string): string {
  const trimmed = message.trim();
  const sentence = /^[a-z]/.test(trimmed) && /^(must|should|is|cannot)\b/.test(trimmed) ? `This ${trimmed}` : trimmed;
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

/** The failure once the person has changed `field`: its sentence goes, the rest stays. */
export function withoutField(failure: FormFailure | null, field: string): FormFailure | null {
  if (!failure?.fields[field]) return failure;
  const { [field]: _changed, ...fields } = failure.fields;
  return { ...failure, fields };
}
