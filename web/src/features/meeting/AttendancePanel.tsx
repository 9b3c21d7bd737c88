// Who is at the meeting. Those who manage the group record everyone; members record themselves.
import { useEffect, useState } from "react";
import { useMutation } from "urql";
import { mutationFailure } from "../../graphql/mutation-outcome.ts";
import { ErrorState, type ShowableError } from "../../ui/states.tsx";
import { RecordAttendanceMutation, type AttendanceStatus, type Member } from "./meeting-queries.ts";

const CHOICES: { value: AttendanceStatus; label: string }[] = [
  { value: "PRESENT", label: "Present" },
  { value: "ABSENT", label: "Absent" },
  { value: "EXCUSED", label: "Excused" },
];

export function AttendancePanel({
  sessionId,
  members,
  recorded,
  viewerId,
  canManage,
  canWrite,
  onChanged,
}: {
  sessionId: string;
  members: Member[];
  /** Status by user id. */
  recorded: Map<string, AttendanceStatus>;
  viewerId: string;
  canManage: boolean;
  canWrite: boolean;
  onChanged: () => void;
}) {
  const [error, setError] = useState<ShowableError | null>(null);
  // Shown at once, before the api answers (and put back if it refuses); never disabled meanwhile,
  // so keyboard focus stays on the choice just made.
  const [chosen, setChosen] = useState<ReadonlyMap<string, AttendanceStatus>>(new Map());
  const [, recordAttendance] = useMutation(RecordAttendanceMutation);
  const statusOf = (userId: string) => chosen.get(userId) ?? recorded.get(userId);
  // Once the api's data agrees, it is the truth again (a manager may change it later).
  useEffect(() => {
    setChosen((current) => {
      const settled = [...current].filter(([userId, status]) => recorded.get(userId) === status);
      if (settled.length === 0) return current;
      const next = new Map(current);
      for (const [userId] of settled) next.delete(userId);
      return next;
    });
  }, [recorded]);
  const present = members.filter((member) => statusOf(member.user.id) === "PRESENT").length;

  const record = async (userId: string, status: AttendanceStatus) => {
    setError(null);
    setChosen((current) => new Map(current).set(userId, status));
    const failure = mutationFailure(await recordAttendance({ sessionId, userId, status }), "recordAttendance");
    if (failure) {
      setError(failure);
      setChosen((current) => {
        const next = new Map(current);
        next.delete(userId);
        return next;
      });
    }
    onChanged();
  };

  return (
    <div className="attendance">
      <p className="attendance__summary">
        {present} of {members.length} present
      </p>
      {error ? <ErrorState error={error} title="Attendance was not recorded" /> : null}
      <ul className="attendance__list">
        {members.map((member) => {
          const status = statusOf(member.user.id);
          const editable = canWrite && (canManage || member.user.id === viewerId);
          return (
            <li key={member.id}>
              <fieldset className="attendance__person" disabled={!editable}>
                <legend>
                  {member.user.name}
                  {member.user.id === viewerId ? " (you)" : ""}
                  {member.role === "FACILITATOR" ? <span className="attendance__role"> · facilitator</span> : null}
                  {!status ? <span className="attendance__unrecorded"> · not recorded</span> : null}
                </legend>
                <div className="attendance__choices">
                  {CHOICES.map((choice) => (
                    <label key={choice.value} className={`attendance__choice attendance__choice--${choice.value.toLowerCase()}`}>
                      <input
                        type="radio"
                        name={`attendance-${member.user.id}`}
                        value={choice.value}
                        checked={status === choice.value}
                        onChange={() => void record(member.user.id, choice.value)}
                      />
                      {choice.label}
                    </label>
                  ))}
                </div>
              </fieldset>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
