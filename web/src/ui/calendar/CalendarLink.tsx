// One calendar link, made, copied, replaced and stopped: the personal feed on the Settings page and
// a group's feed on its page share it. The address is shown once, right after it is made (the api
// keeps only its hash); afterwards the page can say that a link works and when a calendar last
// read it, and offer a new one (which stops the old) or to stop it.
import { useState } from "react";
import { useMutation, useQuery } from "urql";
import { mutationOutcome } from "../../graphql/mutation-outcome.ts";
import { Button } from "../Button.tsx";
import { ConfirmDialog } from "../ConfirmDialog.tsx";
import { formatDateTime } from "../format.ts";
import { ErrorState, QueryState, type ShowableError } from "../states.tsx";
import { ShownOnceSecret } from "../ShownOnceSecret.tsx";
import { HowToAddCalendar } from "./HowToAddCalendar.tsx";
import { CreateCalendarFeedMutation, FEEDS_CHANGED, MyCalendarFeedsQuery, RevokeCalendarFeedMutation } from "./queries.ts";
import "./calendar.css";

export type CalendarScope = { schoolId: string; groupId?: undefined } | { groupId: string; schoolId?: undefined };

export function CalendarLink({ scope, what }: { scope: CalendarScope; what: string }) {
  const variables = scope.groupId ? { groupId: scope.groupId } : { schoolId: scope.schoolId };
  const [result, reexecute] = useQuery({ query: MyCalendarFeedsQuery, variables, context: FEEDS_CHANGED });
  const [{ fetching: creating }, create] = useMutation(CreateCalendarFeedMutation);
  const [{ fetching: revoking }, revoke] = useMutation(RevokeCalendarFeedMutation);
  const [madeUrl, setMadeUrl] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<"replace" | "stop" | null>(null);
  const [failure, setFailure] = useState<ShowableError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const make = async () => {
    setFailure(null);
    setNotice(null);
    const outcome = mutationOutcome(await create({ input: variables }, FEEDS_CHANGED), "createCalendarFeed");
    if (!outcome.ok) return setFailure(outcome.failure);
    setConfirming(null);
    setMadeUrl(outcome.payload.data.url);
  };

  const stop = async (feedId: string) => {
    setFailure(null);
    const outcome = mutationOutcome(await revoke({ calendarFeedId: feedId }, FEEDS_CHANGED), "revokeCalendarFeed");
    if (!outcome.ok) return setFailure(outcome.failure);
    setConfirming(null);
    setMadeUrl(null);
    setNotice("The link is stopped: calendars using it get nothing from now on.");
  };

  return (
    <QueryState result={result} loadingLabel="Loading your calendar link…" retry={() => reexecute({ requestPolicy: "network-only" })}>
      {(data) => {
        const feed = data.myCalendarFeeds.find((f) => (scope.groupId ? f.kind === "GROUP" : f.kind === "PERSONAL")) ?? null;
        return (
          <div className="calendar-link">
            {notice ? (
              <p className="alert alert--success" role="status">
                {notice}
              </p>
            ) : null}
            {madeUrl ? (
              <NewCalendarUrl url={madeUrl} />
            ) : feed ? (
              <p>
                Your link for {what} works. It was made {formatDateTime(feed.createdAt)};{" "}
                {feed.lastFetchedAt ? `a calendar last read it ${formatDateTime(feed.lastFetchedAt)}` : "no calendar has read it yet"}. For safety the address
                is shown only when it is made: to add it to another calendar, make a new link.
              </p>
            ) : (
              <p>
                Make a private link for {what} and add it to Google Calendar, Outlook or Apple Calendar. Your calendar then keeps itself up to date, in the
                school's time zone.
              </p>
            )}
            {!madeUrl && !feed && failure ? <ErrorState title="The link was not made" error={failure} /> : null}
            <div className="calendar-link__actions">
              {feed ? (
                <>
                  <Button variant="secondary" onClick={() => setConfirming("replace")}>
                    Make a new link
                  </Button>
                  <Button variant="danger" onClick={() => setConfirming("stop")}>
                    Stop the link
                  </Button>
                </>
              ) : (
                <Button onClick={make} disabled={creating}>
                  {creating ? "Making the link…" : "Make a calendar link"}
                </Button>
              )}
            </div>
            <ConfirmDialog
              open={confirming !== null}
              title={confirming === "stop" ? "Stop this calendar link?" : "Make a new calendar link?"}
              confirmLabel={confirming === "stop" ? "Stop the link" : "Make a new link"}
              danger={confirming === "stop"}
              busy={creating || revoking}
              onConfirm={() => (confirming === "stop" && feed ? stop(feed.id) : make())}
              onCancel={() => {
                setConfirming(null);
                setFailure(null);
              }}
            >
              <p>
                {confirming === "stop"
                  ? "Calendars that use it stop getting updates, and the events it added disappear at their next refresh."
                  : "The old link stops working at once: calendars that use it must be given the new one. Do this if the link was shared by mistake."}
              </p>
              {failure ? <ErrorState error={failure} title="That did not work" /> : null}
            </ConfirmDialog>
          </div>
        );
      }}
    </QueryState>
  );
}

function NewCalendarUrl({ url }: { url: string }) {
  return (
    <ShownOnceSecret
      heading="Copy your calendar link now"
      warning={
        <>
          <strong>It is shown only this once, and it is private:</strong> anyone who has it can read these events. If it gets out, make a new link.
        </>
      }
      label="Calendar link"
      value={url}
      copyLabel="Copy link"
      what="the link"
    >
      <HowToAddCalendar />
    </ShownOnceSecret>
  );
}
