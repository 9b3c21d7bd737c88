// A link to hand on: shown in full in a read-only field (so it can be selected and read), with a
// Copy button. Where the browser refuses the clipboard, the link is selected instead and the
// person is told to copy it.
import { useId, useRef, useState } from "react";
import { Button } from "../../ui/Button.tsx";

export function CopyableLink({ label, link }: { label: string; link: string }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState<string | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setStatus("Link copied.");
    } catch {
      input.current?.select();
      setStatus("The link is selected: press Ctrl+C (⌘C on a Mac) to copy it.");
    }
  };
  return (
    <div className="copyable-link">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <div className="copyable-link__row">
        <input ref={input} id={id} className="input" readOnly value={link} onFocus={(event) => event.currentTarget.select()} />
        <Button variant="secondary" size="small" onClick={() => void copy()}>
          Copy link
        </Button>
      </div>
      <span className="item-meta" role="status">
        {status}
      </span>
    </div>
  );
}
