// The banner above a school's support network: everyone is covered, or who has no group and no
// coach (names, and a button that narrows the list below to them). Shared by the coach dashboard
// and the admin console's Coaching section, so both say the same thing about the same teachers.
import { useQuery } from "urql";
import { WithoutNetworkQuery } from "../graphql/support-network.ts";
import { Button } from "./Button.tsx";
import "./support-network.css";

export function SupportNetworkBanner({
  schoolId,
  showingOnlyThem,
  onShowOnlyThem,
}: {
  schoolId: string;
  /** The list below already shows only them: no button to do it again. */
  showingOnlyThem: boolean;
  onShowOnlyThem: () => void;
}) {
  const [result] = useQuery({ query: WithoutNetworkQuery, variables: { schoolId } });
  const data = result.data;
  if (!data) return null; // the list below shows loading and errors
  const without = data.supportNetwork;
  const total = data.everyone.totalCount;
  if (total === 0) return null; // no teachers yet: the list below says what to do
  if (without.totalCount === 0) {
    return (
      <p className="network-banner network-banner--ok">
        All {total} {total === 1 ? "teacher has" : "teachers have"} a support network: a group, a coach, or both.
      </p>
    );
  }
  const names = without.edges.map((e) => e.node.teacher.name);
  return (
    <div className="alert alert--error network-banner">
      <p className="alert__title">
        {/* "1 of 3 teachers has", "2 of 3 teachers have": the verb agrees with the first number. */}
        {without.totalCount} of {total} {total === 1 ? "teacher" : "teachers"} {without.totalCount === 1 ? "has" : "have"} no support network
      </p>
      <p>
        No group and no coach: {names.join(", ")}
        {without.totalCount > names.length ? ` and ${without.totalCount - names.length} more` : ""}.
      </p>
      {showingOnlyThem ? null : (
        <Button variant="secondary" size="small" onClick={onShowOnlyThem}>
          Show only them
        </Button>
      )}
    </div>
  );
}
