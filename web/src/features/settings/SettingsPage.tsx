// /settings — what a person sets for themselves, on one page: how notifications reach them, their
// calendar link (per school, for the rare person on the staff of more than one), and the emails
// Staffroom sent them. The bell's "Notification settings" links to #notifications here.
import { useEffect } from "react";
import { useLocation } from "react-router-dom";
import { useAuth } from "../../app/auth.tsx";
import { PageHeader, Section } from "../../ui/layout.tsx";
import { EmptyState } from "../../ui/states.tsx";
import { CalendarLink } from "../../ui/calendar/CalendarLink.tsx";
import { MyEmails } from "../emails/MyEmails.tsx";
import { NotificationPreferences } from "../notifications/NotificationPreferences.tsx";

export function SettingsPage() {
  const { viewer } = useAuth();
  const schools = viewer?.schools ?? [];
  const { hash } = useLocation();
  // The router does not scroll to a fragment: a link to one section lands on it.
  useEffect(() => {
    if (hash) document.getElementById(hash.slice(1))?.scrollIntoView();
  }, [hash]);
  return (
    <>
      <PageHeader title="Settings" subtitle="What Staffroom does for you, set by you." />
      <Section id="notifications" title="Notifications">
        <NotificationPreferences />
      </Section>
      <Section id="calendar" title="Calendar">
        <p>
          Your meetings, coaching check-backs and the action items you own with a due date, in your own calendar app. Each group's page also has a link for just
          that group's meetings.
        </p>
        {schools.length === 0 ? (
          <EmptyState title="You are not on a school's staff yet.">
            <p>Once you join a school, come back here to add its calendar to yours.</p>
          </EmptyState>
        ) : (
          schools.map((school) => (
            <div key={school.id} className="calendar-school">
              {schools.length > 1 ? <h3>{school.name}</h3> : null}
              <CalendarLink scope={{ schoolId: school.id }} what={schools.length > 1 ? `your calendar at ${school.name}` : "your calendar"} />
            </div>
          ))
        )}
      </Section>
      <Section id="emails" title="Emails">
        <p>The emails Staffroom sent you, newest first. When the server has no mail server set, they are kept here only.</p>
        <MyEmails />
      </Section>
    </>
  );
}
