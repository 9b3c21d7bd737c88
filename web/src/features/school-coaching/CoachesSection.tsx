// The school's coaches (and its admins, who may coach too) with their caseloads, so an admin sees
// at a glance who has room before assigning someone.
import type { ResultOf } from "../../graphql/graphql.ts";
import { Button } from "../../ui/Button.tsx";
import { Section } from "../../ui/layout.tsx";
import { EmptyState } from "../../ui/states.tsx";
import { TIER_LABEL } from "../../ui/support-tiers.tsx";
import type { CoachCaseloadsQuery } from "../../graphql/coaching-assignments.ts";

type CoachRow = ResultOf<typeof CoachCaseloadsQuery>["coachCaseloads"]["edges"][number]["node"];

export function CoachesSection({ coaches, onShowTeachersOf }: { coaches: readonly CoachRow[]; onShowTeachersOf: (coachId: string) => void }) {
  const largest = Math.max(1, ...coaches.map((c) => c.caseload));
  return (
    <Section title="Coaches and their caseloads">
      {coaches.length === 0 ? (
        <EmptyState title="The school has no coaches yet.">
          <p>Give someone the coach role on the People page, or invite a coach; admins can coach teachers too.</p>
        </EmptyState>
      ) : (
        <ul className="caseload-list">
          {coaches.map((coach) => (
            <li key={coach.coach.id} className="caseload-item">
              <div className="caseload-item__who">
                <strong>{coach.coach.name}</strong> <span className="muted">{coach.role === "ADMIN" ? "Admin" : "Coach"}</span>
              </div>
              <div className="caseload-item__load">
                <span>
                  {coach.caseload === 0 ? "No teachers yet" : `${coach.caseload} ${coach.caseload === 1 ? "teacher" : "teachers"}`}
                  {coach.caseloadByTier.length > 0 ? (
                    <span className="muted"> · {coach.caseloadByTier.map((t) => `${t.count} ${TIER_LABEL[t.tier].toLowerCase()}`).join(", ")}</span>
                  ) : null}
                </span>
                {/* Relative to the fullest caseload, so an imbalance shows without reading numbers. */}
                <span className="caseload-bar" aria-hidden="true">
                  <span style={{ width: `${(coach.caseload / largest) * 100}%` }} />
                </span>
              </div>
              {coach.caseload > 0 ? (
                <Button variant="secondary" size="small" onClick={() => onShowTeachersOf(coach.coach.id)}>
                  Show their teachers<span className="visually-hidden"> ({coach.coach.name})</span>
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
