// /coach — for a school's coaches and admins: every teacher's support network, the viewer's own
// caseload, and shared insights rolled up by theme. It shows only what the api lets leaders see
// (group names and kinds, coaching assignments, anonymous insights), never a peer group's content.
// A teacher who opens it is told who it is for; none of its queries are sent for them.
import { Link, useSearchParams } from "react-router-dom";
import { useAuth } from "../../app/auth.tsx";
import { paths } from "../../app/paths.ts";
import { SelectField } from "../../ui/fields.tsx";
import { PageHeader } from "../../ui/layout.tsx";
import { EmptyState } from "../../ui/states.tsx";
import { CaseloadSection } from "./CaseloadSection.tsx";
import { InsightsSection } from "./InsightsSection.tsx";
import { SupportNetworkSection } from "./SupportNetworkSection.tsx";
import "./coach.css";

export function CoachDashboardPage() {
  const { viewer } = useAuth();
  const [searchParams, setSearchParams] = useSearchParams();
  const ledSchools = (viewer?.schools ?? []).filter((school) => school.role === "COACH" || school.role === "ADMIN");

  if (!viewer || ledSchools.length === 0) {
    return (
      <>
        <PageHeader title="Coach dashboard" />
        <EmptyState title="The coach dashboard is for coaches and school leaders.">
          <p>
            It shows how every teacher in a school is supported. Your own groups, meetings and action items are on <Link to={paths.home}>your home page</Link>.
          </p>
        </EmptyState>
      </>
    );
  }

  // A leader of several schools picks one; the choice lives in the URL so it survives a reload.
  const chosen = ledSchools.find((school) => school.id === searchParams.get("school")) ?? ledSchools[0]!;
  const roleLabel = chosen.role === "ADMIN" ? "School leader" : "Coach";

  return (
    <>
      <PageHeader title="Coach dashboard" subtitle={`${chosen.name} · ${roleLabel}`} />
      {ledSchools.length > 1 ? (
        <div className="school-select">
          <SelectField
            label="School"
            value={chosen.id}
            options={ledSchools.map((school) => ({ value: school.id, label: school.name }))}
            onChange={(e) => setSearchParams({ school: e.currentTarget.value })}
          />
        </div>
      ) : null}
      <div className="coach-dashboard" key={chosen.id}>
        <SupportNetworkSection schoolId={chosen.id} viewerId={viewer.id} />
        <div className="grid coach-dashboard__columns">
          <CaseloadSection schoolId={chosen.id} coachId={viewer.id} />
          <InsightsSection schoolId={chosen.id} />
        </div>
      </div>
    </>
  );
}
