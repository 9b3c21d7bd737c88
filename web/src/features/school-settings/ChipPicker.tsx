// Choose several values from suggestions, or type your own: a group of checkboxes drawn as
// chips (a <fieldset> with its <legend>, so a screen reader hears the question once), and a
// text box with "Add" for anything not suggested. Values keep the order they were chosen in.
import { useId, useState, type KeyboardEvent } from "react";
import { Button } from "../../ui/Button.tsx";

export function ChipPicker({
  legend,
  hint,
  suggestions,
  value,
  onChange,
  addLabel,
  error,
  maxLength,
}: {
  legend: string;
  hint?: string;
  suggestions: readonly string[];
  value: readonly string[];
  onChange: (next: string[]) => void;
  /** The free-entry box's label, e.g. "Another grade level". */
  addLabel: string;
  error?: string | undefined;
  maxLength: number;
}) {
  const id = useId();
  const [draft, setDraft] = useState("");
  const chosen = new Set(value.map((v) => v.toLocaleLowerCase()));
  const suggested = (v: string) => suggestions.some((s) => s.toLocaleLowerCase() === v.toLocaleLowerCase());
  // Values typed in (or saved before) stay on screen once unticked, so a slip is undone with one click.
  const [typed, setTyped] = useState(() => value.filter((v) => !suggested(v)));
  const options = [...suggestions, ...typed];

  const toggle = (option: string) =>
    onChange(chosen.has(option.toLocaleLowerCase()) ? value.filter((v) => v.toLocaleLowerCase() !== option.toLocaleLowerCase()) : [...value, option]);

  const add = () => {
    const entry = draft.trim().replace(/\s+/g, " ");
    if (entry && !chosen.has(entry.toLocaleLowerCase())) onChange([...value, entry]);
    if (entry && !suggested(entry) && !typed.some((t) => t.toLocaleLowerCase() === entry.toLocaleLowerCase())) setTyped([...typed, entry]);
    setDraft("");
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    // Enter adds the value instead of submitting the whole form.
    if (event.key === "Enter") {
      event.preventDefault();
      add();
    }
  };

  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset className="chip-picker" aria-describedby={describedBy} aria-invalid={error ? true : undefined}>
      <legend className="field__label">{legend}</legend>
      {hint ? (
        <span className="field__hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      <div className="chips">
        {options.map((option) => (
          <label key={option} className="chip">
            <input type="checkbox" checked={chosen.has(option.toLocaleLowerCase())} onChange={() => toggle(option)} />
            <span>{option}</span>
          </label>
        ))}
      </div>
      <div className="chip-picker__add">
        <label className="visually-hidden" htmlFor={`${id}-add`}>
          {addLabel}
        </label>
        <input
          id={`${id}-add`}
          className="input"
          placeholder={addLabel}
          maxLength={maxLength}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={onKeyDown}
        />
        <Button variant="secondary" onClick={add} disabled={!draft.trim()}>
          Add
        </Button>
      </div>
      {error ? (
        <span className="field__error" id={`${id}-error`}>
          {error}
        </span>
      ) : null}
    </fieldset>
  );
}
