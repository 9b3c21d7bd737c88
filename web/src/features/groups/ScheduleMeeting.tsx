// Scheduling a meeting from the group page: its title, date, time and length in the school's time
// zone, an agenda template to start from, and optionally the same meeting again on the group's
// cadence (weekly, fortnightly or monthly). PLC facilitators and leaders, or a peer group's members.
import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router-dom";
import { useMutation, useQuery } from "urql";
import { paths } from "../../app/paths.ts";
import { AgendaTemplatesQuery } from "../../graphql/agenda-templates.ts";
import { formFailure, withoutField, type FormFailure } from "../../graphql/field-issues.ts";
import { graphql, readFragment, type FragmentOf, type ResultOf } from "../../graphql/graphql.ts";
import { mutationOutcome, MutationErrorFragment } from "../../graphql/mutation-outcome.ts";
import { Button } from "../../ui/Button.tsx";
import { SelectField, TextField } from "../../ui/fields.tsx";
import { Modal } from "../../ui/Modal.tsx";
import { zonedToIso, zoneName } from "../../ui/time-zone.ts";
import "./group-settings.css";

export const ScheduleMeetingFragment = graphql(`
  fragment GroupScheduleMeeting on Group {
    id
    name
    kind
    meetingCadence
    archivedAt
    viewerCan {
      manage
      readContent
    }
    school {
      id
      timeZone
    }
  }
`);

const ScheduleSessionMutation = graphql(
  `
  mutation ScheduleMeeting($input: ScheduleSessionInput!) {
    scheduleSession(input: $input) {
      __typename
      ... on MutationScheduleSessionSuccess {
        data {
          id
        }
      }
      ...MutationError
    }
  }
`,
  [MutationErrorFragment],
);

type Interval = "WEEKLY" | "FORTNIGHTLY" | "MONTHLY";
const INTERVALS: { value: Interval; label: string }[] = [
  { value: "WEEKLY", label: "Every week" },
  { value: "FORTNIGHTLY", label: "Every other week" },
  { value: "MONTHLY", label: "Every month" },
];

/** The group's cadence, as written in its settings ("Every other Tuesday", "Monthly, first Monday"), as an interval. */
export function cadenceInterval(cadence: string | null | undefined): Interval {
  const text = (cadence ?? "").toLowerCase();
  if (/other|fortnight|bi-?weekly|two weeks/.test(text)) return "FORTNIGHTLY";
  if (/month/.test(text)) return "MONTHLY";
  return "WEEKLY";
}

const FIELDS = ["title", "date", "time", "durationMinutes", "times"] as const;

export function ScheduleMeetingButton({ group: groupRef }: { group: FragmentOf<typeof ScheduleMeetingFragment> }) {
  const group = readFragment(ScheduleMeetingFragment, groupRef);
  const [open, setOpen] = useState(false);
  if (!group.viewerCan.manage || !group.viewerCan.readContent || group.archivedAt) return null;
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)}>
        Schedule a meeting
      </Button>
      {open ? <ScheduleMeetingDialog group={group} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

type Group = ResultOf<typeof ScheduleMeetingFragment>;

function ScheduleMeetingDialog({ group, onClose }: { group: Group; onClose: () => void }) {
  const navigate = useNavigate();
  const timeZone = group.school.timeZone;
  const [templates] = useQuery({ query: AgendaTemplatesQuery, variables: { kind: group.kind } });
  const [form, setForm] = useState({
    title: group.kind === "PLC" ? "PLC meeting" : "Peer group meeting",
    date: "",
    time: "15:30",
    durationMinutes: "45",
    templateId: "",
    repeat: false,
    every: cadenceInterval(group.meetingCadence),
    times: "4",
  });
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const [scheduling, schedule] = useMutation(ScheduleSessionMutation);
  const set = (field: keyof typeof form, value: string | boolean) => {
    setForm((current) => ({ ...current, [field]: value }));
    setFailure((current) => withoutField(current, field));
  };
  const options = [
    { value: "", label: "No template: an empty agenda" },
    ...(templates.data?.agendaTemplates ?? []).map((t) => ({ value: t.id, label: t.name })),
  ];
  const chosen = templates.data?.agendaTemplates.find((t) => t.id === form.templateId);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const startsAt = zonedToIso(form.date, form.time, timeZone);
    const fields: Record<string, string> = {};
    if (!form.title.trim()) fields.title = "Give the meeting a title.";
    if (!form.date) fields.date = "Choose the day of the meeting.";
    if (!form.time) fields.time = "Choose the time the meeting starts.";
    if (Object.keys(fields).length || !startsAt) return setFailure({ fields, general: null });
    setFailure(null);
    const result = await schedule({
      input: {
        groupId: group.id,
        title: form.title.trim(),
        startsAt,
        durationMinutes: Number(form.durationMinutes),
        templateId: form.templateId || null,
        repeat: form.repeat ? { every: form.every, times: Number(form.times) } : null,
      },
    });
    const outcome = mutationOutcome(result, "scheduleSession");
    if (!outcome.ok) return setFailure(formFailure(outcome.failure, FIELDS));
    onClose();
    navigate(paths.session(outcome.payload.data.id));
  }

  return (
    <Modal open title={`Schedule a meeting of ${group.name}`} onClose={onClose}>
      <form className="form schedule-meeting" onSubmit={(event) => void submit(event)} noValidate aria-label="Schedule a meeting">
        <TextField label="Title" value={form.title} onChange={(e) => set("title", e.target.value)} error={failure?.fields.title} required />
        <div className="schedule-meeting__when">
          <TextField label="Date" type="date" value={form.date} onChange={(e) => set("date", e.target.value)} error={failure?.fields.date} required />
          <TextField
            label="Starts at"
            type="time"
            value={form.time}
            onChange={(e) => set("time", e.target.value)}
            error={failure?.fields.time}
            hint={zoneName(timeZone)}
            required
          />
          <TextField
            label="Length (minutes)"
            type="number"
            min={5}
            max={600}
            step={5}
            value={form.durationMinutes}
            onChange={(e) => set("durationMinutes", e.target.value)}
            error={failure?.fields.durationMinutes}
          />
        </div>
        <SelectField
          label="Agenda"
          options={options}
          value={form.templateId}
          onChange={(e) => set("templateId", e.target.value)}
          hint={chosen ? `${chosen.description} ${chosen.items.length} items; you can change them in the meeting.` : "You can build the agenda in the meeting."}
        />
        <label className="checkbox-field">
          <input type="checkbox" checked={form.repeat} onChange={(e) => set("repeat", e.target.checked)} /> Repeat this meeting
          {group.meetingCadence ? <span className="item-meta"> (the group meets: {group.meetingCadence})</span> : null}
        </label>
        {form.repeat ? (
          <div className="schedule-meeting__when">
            <SelectField label="How often" options={INTERVALS} value={form.every} onChange={(e) => set("every", e.target.value)} />
            <TextField
              label="Meetings in all"
              type="number"
              min={2}
              max={26}
              value={form.times}
              onChange={(e) => set("times", e.target.value)}
              error={failure?.fields.times}
              hint="This one included, at the same time of day."
            />
          </div>
        ) : null}
        {failure?.general ? (
          <p className="alert alert--error" role="alert">
            {failure.general}
          </p>
        ) : null}
        <div className="dialog__actions">
          <Button type="button" variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" busy={scheduling.fetching} busyLabel="Scheduling…">
            {form.repeat ? `Schedule ${form.times} meetings` : "Schedule the meeting"}
          </Button>
        </div>
      </form>
    </Modal>
  );
}
