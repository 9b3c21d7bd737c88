// Your tokens for this school, newest first, revoked and expired ones included (their status says
// so): name, the secret's first characters, scopes, and when it was created, last used and expires.
import { useState } from "react";
import { useMutation, useQuery } from "urql";
import type { ResultOf } from "../../graphql/graphql.ts";
import { mutationOutcome } from "../../graphql/mutation-outcome.ts";
import { Button } from "../../ui/Button.tsx";
import { ConfirmDialog } from "../../ui/ConfirmDialog.tsx";
import { errorSentences, formatDateTime, formatDay, localDayIso } from "../../ui/format.ts";
import { Badge } from "../../ui/layout.tsx";
import { EmptyState, ErrorState, QueryState, type ShowableError } from "../../ui/states.tsx";
import { MyApiTokensQuery, RevokeApiTokenMutation, TOKENS_CHANGED } from "./queries.ts";

type Token = ResultOf<typeof MyApiTokensQuery>["myApiTokens"]["edges"][number]["node"];

const STATUS = {
  ACTIVE: { label: "Active", tone: "accent" },
  EXPIRED: { label: "Expired", tone: "warn" },
  REVOKED: { label: "Revoked", tone: "neutral" },
} as const;

export function TokenList({ schoolId, onRevoked }: { schoolId: string; onRevoked: (message: string) => void }) {
  const [result, reexecute] = useQuery({ query: MyApiTokensQuery, variables: { schoolId } });
  const [revoking, setRevoking] = useState<Token | null>(null);
  const [failure, setFailure] = useState<ShowableError | null>(null);
  const [{ fetching }, revoke] = useMutation(RevokeApiTokenMutation);

  const confirm = async () => {
    if (!revoking) return;
    setFailure(null);
    const outcome = mutationOutcome(await revoke({ id: revoking.id }, TOKENS_CHANGED), "revokeApiToken");
    if (!outcome.ok) {
      setFailure(errorSentences(outcome.failure));
      return;
    }
    setRevoking(null);
    onRevoked(`“${revoking.name}” is revoked: requests with it are refused from now on.`);
  };

  return (
    <QueryState result={result} loadingLabel="Loading your tokens…" retry={() => reexecute({ requestPolicy: "network-only" })}>
      {(data) =>
        data.myApiTokens.edges.length === 0 ? (
          <EmptyState title="You have no API tokens for this school yet.">
            <p>Create one above when a system (a district dashboard, a reporting tool) needs to use Staffroom's API for you.</p>
          </EmptyState>
        ) : (
          <>
            <ul className="token-list">
              {data.myApiTokens.edges.map(({ node }) => (
                <TokenCard key={node.id} token={node} onRevoke={() => setRevoking(node)} />
              ))}
            </ul>
            <ConfirmDialog
              open={revoking !== null}
              title={`Revoke “${revoking?.name ?? ""}”?`}
              confirmLabel="Revoke token"
              danger
              busy={fetching}
              onConfirm={confirm}
              onCancel={() => {
                setRevoking(null);
                setFailure(null);
              }}
            >
              <p>Whatever uses it stops working at once: its requests are refused and its live connections close. This cannot be undone.</p>
              {failure ? <ErrorState error={failure} title="The token was not revoked" /> : null}
            </ConfirmDialog>
          </>
        )
      }
    </QueryState>
  );
}

function TokenCard({ token, onRevoke }: { token: Token; onRevoke: () => void }) {
  const status = STATUS[token.status];
  return (
    <li className={`token-card token-card--${token.status.toLowerCase()}`}>
      <div className="token-card__head">
        <h3>{token.name}</h3>
        <Badge tone={status.tone}>{status.label}</Badge>
      </div>
      <dl className="token-card__facts">
        <div>
          <dt>Starts with</dt>
          <dd>
            <code>{token.prefix}…</code>
          </dd>
        </div>
        <div>
          <dt>Scopes</dt>
          <dd className="token-card__scopes">
            {token.scopes.map((scope) => (
              <code key={scope}>{scope}</code>
            ))}
          </dd>
        </div>
        <div>
          <dt>Created</dt>
          <dd>{formatDateTime(token.createdAt)}</dd>
        </div>
        <div>
          <dt>Last used</dt>
          <dd>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : "Never used"}</dd>
        </div>
        <div>
          <dt>{token.revokedAt ? "Revoked" : "Expires"}</dt>
          {/* An expiry can be a year away: its day, with the year, says more than its minute. */}
          <dd>{token.revokedAt ? formatDateTime(token.revokedAt) : token.expiresAt ? formatDay(localDayIso(new Date(token.expiresAt))) : "Never"}</dd>
        </div>
      </dl>
      {token.status === "ACTIVE" ? (
        <Button variant="danger" size="small" onClick={onRevoke}>
          Revoke<span className="visually-hidden"> “{token.name}”</span>
        </Button>
      ) : null}
    </li>
  );
}
