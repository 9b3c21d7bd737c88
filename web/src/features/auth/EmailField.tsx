// The email field every sign-in, sign-up and password form has, with its issue from the api.
import { TextField } from "../../ui/fields.tsx";
import { issueFor, type ShowableError } from "../../ui/states.tsx";

export function EmailField({
  value,
  onChange,
  failure,
  autoComplete = "username",
}: {
  value: string;
  onChange: (value: string) => void;
  failure: ShowableError | null | undefined;
  autoComplete?: "username" | "email";
}) {
  return (
    <TextField
      label="Email"
      type="email"
      name="email"
      autoComplete={autoComplete}
      required
      value={value}
      error={issueFor(failure, "email")}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}
