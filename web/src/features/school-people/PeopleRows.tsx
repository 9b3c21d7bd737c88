// One page of the staff list: a row per person with their role and status, and the actions an
// admin may take on them. Each button's accessible name says whom it acts on.
import { formatDateTime } from "../../ui/format.ts";
import { Badge } from "../../ui/layout.tsx";
import type { PersonAction } from "./PersonDialog.tsx";
import { ROLE_LABELS, type SchoolRole } from "./roles.ts";

export type Member = {
  id: string;
  role: SchoolRole;
  status: "ACTIVE" | "DEACTIVATED";
  deactivatedAt: string | null;
  user: { id: string; name: string; email: string | null };
};

export function PeopleRows({ members, viewerId, onAction }: { members: Member[]; viewerId: string | null; onAction: (action: PersonAction) => void }) {
  return (
    <tbody>
      {members.map((member) => {
        const name = member.user.name;
        const isSelf = member.user.id === viewerId;
        const deactivated = member.status === "DEACTIVATED";
        return (
          <tr key={member.id}>
            <th scope="row" data-label="Name">
              {name} {isSelf ? <Badge>You</Badge> : null}
            </th>
            <td data-label="Email" className="people-table__email">
              {member.user.email ?? "—"}
            </td>
            <td data-label="Role">{ROLE_LABELS[member.role]}</td>
            <td data-label="Status">
              {deactivated ? (
                <>
                  <Badge tone="warn">Deactivated</Badge>
                  {member.deactivatedAt ? <span className="people-table__since"> since {formatDateTime(member.deactivatedAt)}</span> : null}
                </>
              ) : (
                "Active"
              )}
            </td>
            <td className="people-table__actions">
              <div>
                <button type="button" className="button button--secondary button--small" onClick={() => onAction({ kind: "role", member })}>
                  Change role<span className="visually-hidden"> of {name}</span>
                </button>
                {deactivated ? (
                  <button type="button" className="button button--secondary button--small" onClick={() => onAction({ kind: "reactivate", member })}>
                    Reactivate<span className="visually-hidden"> {name}</span>
                  </button>
                ) : isSelf ? null : (
                  <button type="button" className="button button--secondary button--small" onClick={() => onAction({ kind: "deactivate", member })}>
                    Deactivate<span className="visually-hidden"> {name}</span>
                  </button>
                )}
              </div>
            </td>
          </tr>
        );
      })}
    </tbody>
  );
}
