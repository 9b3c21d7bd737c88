// A secret Staffroom shows this once and then keeps only a fingerprint of (an API token, a
// calendar link): a copy button, the field to select it by hand if copying is refused, and the
// focus brought to it, since the button the person pressed is gone.
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { Button } from "./Button.tsx";
import "./shown-once-secret.css";

export function ShownOnceSecret({
  heading,
  warning,
  label,
  value,
  copyLabel,
  what,
  children,
}: {
  heading: string;
  /** Why it must be copied now, and what to do if it is lost or leaks. */
  warning: ReactNode;
  label: string;
  value: string;
  copyLabel: string;
  /** The secret in words, for the sentence when the browser refuses to copy ("the token"). */
  what: string;
  children?: ReactNode;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const fieldId = useId();
  const [copy, setCopy] = useState<"idle" | "copied" | "refused">("idle");
  useEffect(() => headingRef.current?.focus(), []);

  const copyValue = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopy("copied");
    } catch {
      setCopy("refused");
    }
  };

  return (
    <div className="shown-once">
      <h3 ref={headingRef} tabIndex={-1}>
        {heading}
      </h3>
      <p>{warning}</p>
      <label className="field__label" htmlFor={fieldId}>
        {label}
      </label>
      <div className="shown-once__row">
        <input id={fieldId} className="input shown-once__value" readOnly value={value} onFocus={(e) => e.currentTarget.select()} spellCheck={false} />
        <Button onClick={copyValue}>{copyLabel}</Button>
      </div>
      <p role="status" className="shown-once__copied">
        {copy === "copied" ? "Copied to the clipboard." : copy === "refused" ? `The browser did not allow copying: select ${what} above and copy it.` : ""}
      </p>
      {children}
    </div>
  );
}
