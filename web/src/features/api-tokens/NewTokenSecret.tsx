// The new token's secret, shown this once: Staffroom keeps only its hash, so nobody (not even an
// admin) can see it again.
import { Button } from "../../ui/Button.tsx";
import { ShownOnceSecret } from "../../ui/ShownOnceSecret.tsx";
import type { CreatedToken } from "./CreateTokenForm.tsx";

export function NewTokenSecret({ token, onDone }: { token: CreatedToken; onDone: () => void }) {
  return (
    <ShownOnceSecret
      heading="Copy your new token now"
      warning={
        <>
          <strong>It will not be shown again.</strong> Staffroom keeps only a fingerprint of it, so nobody can look it up later. If it is lost, revoke it and
          create another.
        </>
      }
      label={`Token “${token.name}”`}
      value={token.secret}
      copyLabel="Copy"
      what="the token"
    >
      <p>
        Send it as a header with every request: <code>Authorization: Bearer sra_…</code>
      </p>
      <Button variant="secondary" onClick={onDone}>
        I have stored it
      </Button>
    </ShownOnceSecret>
  );
}
