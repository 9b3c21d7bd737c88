// The new token's secret, shown this once: Staffroom keeps only its hash, so nobody (not even an
// admin) can see it again. A copy button, and the field to select it by hand if copying is refused.
import { useEffect, useId, useRef, useState } from "react";
import { Button } from "../../ui/Button.tsx";
import type { CreatedToken } from "./CreateTokenForm.tsx";

export function NewTokenSecret({ token, onDone }: { token: CreatedToken; onDone: () => void }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const fieldId = useId();
  const [copy, setCopy] = useState<"idle" | "copied" | "refused">("idle");
  // The form the person was in is gone: bring them to what they must do next.
  useEffect(() => headingRef.current?.focus(), []);

  const copySecret = async () => {
    try {
      await navigator.clipboard.writeText(token.secret);
      setCopy("copied");
    } catch {
      setCopy("refused");
    }
  };

  return (
    <div className="token-secret">
      <h3 ref={headingRef} tabIndex={-1}>
        Copy your new token now
      </h3>
      <p>
        <strong>It will not be shown again.</strong> Staffroom keeps only a fingerprint of it, so nobody can look it up later. If it is lost, revoke it and
        create another.
      </p>
      <label className="field__label" htmlFor={fieldId}>
        Token “{token.name}”
      </label>
      <div className="token-secret__row">
        <input id={fieldId} className="input token-secret__value" readOnly value={token.secret} onFocus={(e) => e.currentTarget.select()} spellCheck={false} />
        <Button onClick={copySecret}>Copy</Button>
      </div>
      <p role="status" className="token-secret__copied">
        {copy === "copied" ? "Copied to the clipboard." : copy === "refused" ? "The browser did not allow copying: select the token above and copy it." : ""}
      </p>
      <p>
        Send it as a header with every request: <code>Authorization: Bearer sra_…</code>
      </p>
      <Button variant="secondary" onClick={onDone}>
        I have stored it
      </Button>
    </div>
  );
}
