// Notification settings: for each kind, how it reaches you (in the app only, also by email at
// once, also in the daily digest, or off). One radio group per kind, with the kind as its legend;
// a choice is saved as soon as it is made, and the page says so. A section of the settings page
// (features/settings), which gives it its heading.
import { useState } from "react";
import { useMutation, useQuery } from "urql";
import { mutationFailure } from "../../graphql/mutation-outcome.ts";
import type { ResultOf } from "../../graphql/graphql.ts";
import { ErrorState, Loading, type ShowableError } from "../../ui/states.tsx";
import { NotificationPreferencesQuery, SetNotificationPreferenceMutation } from "./notification-queries.ts";
import "./notifications.css";

type Preference = NonNullable<ResultOf<typeof NotificationPreferencesQuery>["viewer"]>["notificationPreferences"][number];
type Kind = Preference["kind"];
type Delivery = Preference["delivery"];

const KINDS: Record<Kind, { label: string; hint: string }> = {
  FEEDBACK_ON_MY_DOCUMENT: { label: "Feedback on my documents", hint: "A colleague gives a glow, grow or question on a document you started." },
  REPLY_TO_MY_FEEDBACK: { label: "Replies to my feedback", hint: "Someone answers a feedback thread you started or replied to." },
  MENTIONED: { label: "Mentions of me", hint: "Someone @mentions you in a document or in feedback." },
  ACTION_ITEM_ASSIGNED: { label: "Action items given to me", hint: "You become an owner of an action item." },
  ACTION_ITEM_DUE_TOMORROW: { label: "My action items due tomorrow", hint: "The day before an open item of yours is due." },
  ACTION_ITEM_OVERDUE: { label: "My overdue action items", hint: "Once, when an open item of yours passes its due date." },
  MEETING_TOMORROW: { label: "My group meets tomorrow", hint: "The day before a meeting of a group you are in." },
  CHECK_BACK_DUE: { label: "Coaching check-backs due", hint: "A check-back of a coaching cycle you are in is due today or tomorrow." },
  INVITATION_ACCEPTED: { label: "Invitations accepted", hint: "Someone you invited joins the school (admins)." },
};

const DELIVERIES: { value: Delivery; label: string }[] = [
  { value: "IN_APP", label: "In the app" },
  { value: "EMAIL_AT_ONCE", label: "Email at once" },
  { value: "DAILY_DIGEST", label: "Daily digest" },
  { value: "OFF", label: "Off" },
];

export function NotificationPreferences() {
  const [result, refetch] = useQuery({ query: NotificationPreferencesQuery });
  const [, setPreference] = useMutation(SetNotificationPreferenceMutation);
  const [error, setError] = useState<ShowableError | null>(null);
  const [saved, setSaved] = useState("");
  const preferences = result.data?.viewer?.notificationPreferences ?? null;

  const choose = async (kind: Kind, delivery: Delivery) => {
    setError(null);
    setSaved("");
    const failure = mutationFailure(await setPreference({ kind, delivery }), "setNotificationPreference");
    if (failure) return setError(failure);
    setSaved(`Saved: ${KINDS[kind].label}, ${DELIVERIES.find((d) => d.value === delivery)!.label.toLowerCase()}.`);
  };

  return (
    <div className="notification-settings">
      <p>Choose how each kind of notification reaches you. Everything except “Off” also shows under the bell at the top of every page.</p>
      <p role="status" aria-live="polite" className="notification-settings__hint">
        {saved}
      </p>
      {error ? <ErrorState error={error} /> : null}
      {result.error && !preferences ? <ErrorState error={result.error} retry={() => refetch({ requestPolicy: "network-only" })} /> : null}
      {!preferences && result.fetching ? <Loading label="Loading your settings…" /> : null}
      {preferences?.map((preference) => (
        <fieldset key={preference.kind}>
          <legend>{KINDS[preference.kind].label}</legend>
          <p className="notification-settings__hint">{KINDS[preference.kind].hint}</p>
          <div className="notification-settings__options">
            {DELIVERIES.map((delivery) => (
              <label key={delivery.value}>
                <input
                  type="radio"
                  name={`delivery-${preference.kind}`}
                  value={delivery.value}
                  defaultChecked={preference.delivery === delivery.value}
                  onChange={() => void choose(preference.kind, delivery.value)}
                />
                {delivery.label}
              </label>
            ))}
          </div>
        </fieldset>
      ))}
    </div>
  );
}
