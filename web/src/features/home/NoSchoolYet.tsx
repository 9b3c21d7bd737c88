// Home for someone who belongs to no school yet (just signed up): what they can do next, instead
// of an empty page. Either start their school (and become its admin), or wait for their school's
// admin to add them, with the address the admin needs.
import { useAuth } from "../../app/auth.tsx";
import { paths } from "../../app/paths.ts";
import { ButtonLink } from "../../ui/Button.tsx";
import { PageHeader, Section } from "../../ui/layout.tsx";

export function NoSchoolYet() {
  const { viewer } = useAuth();
  const firstName = viewer?.name.split(" ")[0] ?? "";
  return (
    <>
      <PageHeader title={`Welcome, ${firstName}`} subtitle="You are not part of a school on Staffroom yet. Here is how to start." />
      <div className="grid grid--wide">
        <Section title="Start your school">
          <p>Bringing Staffroom to your school? Create it: you become its admin, then invite your staff and form groups.</p>
          <p>
            <ButtonLink to={paths.createSchool}>Create your school</ButtonLink>
          </p>
        </Section>
        <Section title="Join your school">
          <p>If your school already uses Staffroom, ask one of its admins to invite you{viewer?.email ? <> at {viewer.email}</> : null}.</p>
          <p>Once they add you, your groups, meetings and feedback show up here.</p>
        </Section>
      </div>
    </>
  );
}
