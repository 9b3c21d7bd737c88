// /school: the admin console. A heading with the school's name, the sections' navigation, and the
// chosen section below it (a child route). Only a school's admins use it: anyone else is told so
// in a sentence and none of the sections' queries are sent. An admin of several schools picks one;
// the choice lives in the URL (?school=) so it survives a reload and travels with the links.
import { Link, NavLink, Outlet, useLocation, useSearchParams } from "react-router-dom";
import { useAuth } from "../../app/auth.tsx";
import type { ConsoleSchool } from "../../app/console-school.ts";
import { NotFoundPage } from "../../app/NotFoundPage.tsx";
import { paths } from "../../app/paths.ts";
import { SelectField } from "../../ui/fields.tsx";
import { PageHeader } from "../../ui/layout.tsx";
import { EmptyState } from "../../ui/states.tsx";
import { SCHOOL_SECTIONS } from "./sections.ts";
import "./school.css";

export function SchoolConsoleLayout() {
  const { viewer } = useAuth();
  const [searchParams, setSearchParams] = useSearchParams();
  const location = useLocation();
  const adminSchools = (viewer?.schools ?? []).filter((school) => school.role === "ADMIN");

  if (adminSchools.length === 0) {
    // The outbox holds other people's sign-in links: to anyone else its address is not there at all.
    if (location.pathname.startsWith(paths.schoolOutbox)) return <NotFoundPage />;
    return (
      <>
        <PageHeader title="School" />
        <EmptyState title="The school console is for the school's admins.">
          <p>
            Ask an admin of your school when someone's role, a group or a setting needs to change. Your own groups and meetings are on{" "}
            <Link to={paths.home}>your home page</Link>.
          </p>
        </EmptyState>
      </>
    );
  }

  const school: ConsoleSchool = adminSchools.find((s) => s.id === searchParams.get("school")) ?? adminSchools[0]!;
  const search = adminSchools.length > 1 ? `?school=${encodeURIComponent(school.id)}` : "";
  const current = SCHOOL_SECTIONS.find((section) => location.pathname.startsWith(`${paths.school}/${section.path}`));

  return (
    <div className="school-console">
      <PageHeader title="School" subtitle={school.name} />
      {adminSchools.length > 1 ? (
        <div className="school-console__picker">
          <SelectField
            label="School"
            value={school.id}
            options={adminSchools.map((s) => ({ value: s.id, label: s.name }))}
            onChange={(e) => setSearchParams({ school: e.currentTarget.value })}
          />
        </div>
      ) : null}
      <div className="school-console__body">
        <nav className="school-nav" aria-label="School sections">
          <ul>
            {SCHOOL_SECTIONS.map((section) => (
              <li key={section.path}>
                <NavLink to={{ pathname: `${paths.school}/${section.path}`, search }}>{section.label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        {/* Keyed by school and section: switching either starts the page afresh (filters, pages). */}
        <div className="school-console__section" key={`${school.id}:${current?.path ?? ""}`}>
          <Outlet context={school} />
        </div>
      </div>
    </div>
  );
}
