// /school/tokens — the admin console's API tokens section: create a token for an integration
// (name, scopes, expiry; the secret shown once), see your tokens for the school, revoke one.
//
// Who: the api lets anyone on a school's staff create tokens for themselves, since a token acts
// as its person and can never do more than they could; the console offers it to admins, who set
// up the school's integrations. Each person sees only their own tokens, admins included: which
// systems a colleague connects is theirs to tell, and a token is revoked by the person it acts as.
import { useRef, useState } from "react";
import { useConsoleSchool } from "../../app/console-school.ts";
import { Section, SectionHeader } from "../../ui/layout.tsx";
import { CreateTokenForm, type CreatedToken } from "./CreateTokenForm.tsx";
import { NewTokenSecret } from "./NewTokenSecret.tsx";
import { TokenList } from "./TokenList.tsx";
import "./tokens.css";

export function ApiTokensPage() {
  const school = useConsoleSchool();
  return (
    <>
      <SectionHeader title="API tokens" subtitle="For integrations such as district dashboards. A token acts as you, within the scopes you give it." />
      <TokensConsole key={school.id} schoolId={school.id} />
    </>
  );
}

function TokensConsole({ schoolId }: { schoolId: string }) {
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);

  return (
    <div className="tokens-console">
      <p className="tokens-intro">
        A token lets another system use Staffroom's API as you: it can do only what you can, only in this school, and only what its scopes allow. This page
        lists your own tokens; other staff members' tokens are theirs and are not shown here.
      </p>
      <Section title="Create a token">
        {created ? <NewTokenSecret token={created} onDone={() => setCreated(null)} /> : <CreateTokenForm schoolId={schoolId} onCreated={setCreated} />}
      </Section>
      <Section title="Your tokens">
        {notice ? (
          <p className="alert alert--success" role="status" tabIndex={-1} ref={noticeRef}>
            {notice}
          </p>
        ) : null}
        <TokenList
          schoolId={schoolId}
          onRevoked={(message) => {
            setNotice(message);
            requestAnimationFrame(() => noticeRef.current?.focus());
          }}
        />
      </Section>
    </div>
  );
}
