// The bell in the header: the unread count, live (the `notifications` subscription), and a panel
// with the newest notifications grouped by day, each a link straight to the thing. A disclosure:
// the button says how many are unread and whether the panel is open; Escape closes the panel and
// returns focus to the bell, as does following a link.
import { useEffect, useId, useRef, useState } from "react";
import { Link } from "react-router-dom";
import { useMutation, useQuery, useSubscription } from "urql";
import { paths } from "../../app/paths.ts";
import { mutationFailure } from "../../graphql/mutation-outcome.ts";
import { Button } from "../../ui/Button.tsx";
import { formatDateTime } from "../../ui/format.ts";
import { ErrorState, Loading, type ShowableError } from "../../ui/states.tsx";
import { groupByDay } from "../../ui/day-groups.ts";
import {
  type BellNotification,
  MarkAllNotificationsReadMutation,
  MarkNotificationReadMutation,
  NotificationBellQuery,
  NotificationsSubscription,
} from "./notification-queries.ts";
import "./notifications.css";

export function NotificationBell() {
  const [open, setOpen] = useState(false);
  const [result, refetch] = useQuery({ query: NotificationBellQuery });
  const [live] = useSubscription({ query: NotificationsSubscription });
  const [error, setError] = useState<ShowableError | null>(null);
  const [, markRead] = useMutation(MarkNotificationReadMutation);
  const [markAllState, markAllRead] = useMutation(MarkAllNotificationsReadMutation);
  const bell = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  // Where the bell ends on screen: on a phone the panel spans the screen just below it (the
  // header wraps there, so no fixed offset fits every width).
  const [bellBottom, setBellBottom] = useState<number | null>(null);
  const panelId = useId();
  const headingId = useId();

  // Each live event (a new notification, or the count changed elsewhere): read the list again.
  const event = live.data?.notifications;
  useEffect(() => {
    if (event) refetch({ requestPolicy: "network-only" });
    // The event object is new for every event.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [event]);

  const viewer = result.data?.viewer ?? null;
  const count = viewer?.unreadNotificationCount ?? 0;
  const items = viewer?.notifications.edges.map((edge) => edge.node) ?? [];

  const close = (returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) bell.current?.focus();
  };

  // A click outside the panel (and not on the bell) closes it.
  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      const target = e.target as Node;
      if (!panel.current?.contains(target) && !bell.current?.contains(target)) setOpen(false);
    };
    window.document.addEventListener("pointerdown", onPointer);
    return () => window.document.removeEventListener("pointerdown", onPointer);
  }, [open]);

  const follow = async (notification: BellNotification) => {
    setOpen(false);
    if (!notification.readAt) {
      const failure = mutationFailure(await markRead({ id: notification.id }), "markNotificationRead");
      if (!failure) refetch({ requestPolicy: "network-only" });
    }
  };

  const readOne = async (notification: BellNotification) => {
    setError(null);
    const failure = mutationFailure(await markRead({ id: notification.id }), "markNotificationRead");
    if (failure) return setError(failure);
    refetch({ requestPolicy: "network-only" });
  };

  const readAll = async () => {
    setError(null);
    // All that the panel shows (newest first): one arriving meanwhile stays unread for its own look.
    const failure = mutationFailure(await markAllRead({ seenUpTo: items[0]?.createdAt ?? null }), "markAllNotificationsRead");
    if (failure) return setError(failure);
    refetch({ requestPolicy: "network-only" });
  };

  return (
    // Escape anywhere in the bell (on the button or inside the panel) closes the panel.
    // biome-ignore lint/a11y/noStaticElementInteractions: the keys come from the button and the panel's links inside it.
    <div
      className="bell"
      onKeyDown={(e) => {
        if (e.key === "Escape" && open) {
          e.stopPropagation();
          close(true);
        }
      }}
    >
      <button
        ref={bell}
        type="button"
        className="bell__button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={count > 0 ? `Notifications, ${count} unread` : "Notifications, none unread"}
        onClick={() => {
          setBellBottom(bell.current ? bell.current.getBoundingClientRect().bottom : null);
          setOpen((was) => !was);
        }}
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" width="22" height="22" focusable="false">
          <path
            d="M12 3a6 6 0 0 0-6 6v3.6l-1.7 2.9A1 1 0 0 0 5.2 17h13.6a1 1 0 0 0 .9-1.5L18 12.6V9a6 6 0 0 0-6-6Zm0 19a3 3 0 0 0 3-3H9a3 3 0 0 0 3 3Z"
            fill="currentColor"
          />
        </svg>
        {count > 0 ? (
          <span className="bell__count" aria-hidden="true">
            {count > 99 ? "99+" : count}
          </span>
        ) : null}
      </button>
      <div
        ref={panel}
        id={panelId}
        className="bell__panel"
        style={bellBottom === null ? undefined : ({ "--bell-bottom": `${bellBottom}px` } as React.CSSProperties)}
        hidden={!open}
        role="region"
        aria-labelledby={headingId}
      >
        <div className="bell__head">
          <h2 id={headingId}>Notifications</h2>
          {count > 0 ? (
            <Button variant="quiet" size="small" onClick={() => void readAll()} busy={markAllState.fetching} busyLabel="Marking…">
              Mark all read
            </Button>
          ) : null}
        </div>
        {error ? <ErrorState error={error} /> : null}
        {result.error && !viewer ? <ErrorState error={result.error} retry={() => refetch({ requestPolicy: "network-only" })} /> : null}
        {!viewer && result.fetching ? <Loading label="Loading notifications…" /> : null}
        {viewer && items.length === 0 ? (
          <p className="bell__empty">
            Nothing yet. You will be told here when someone gives feedback on your documents or replies to yours, when an action item is given to you or is due,
            when your group meets tomorrow, and when a coaching check-back is due.
          </p>
        ) : null}
        {groupByDay(items).map((group) => (
          <section key={group.label} className="bell__day" aria-label={group.label}>
            <h3>{group.label}</h3>
            <ul>
              {group.items.map((n) => (
                <li key={n.id} className={n.readAt ? "bell__item" : "bell__item bell__item--unread"}>
                  <Link to={n.path} onClick={() => void follow(n)}>
                    {n.readAt ? null : <span className="visually-hidden">Unread: </span>}
                    {n.sentence}
                  </Link>
                  <span className="bell__meta">
                    <time dateTime={n.createdAt}>{formatDateTime(n.createdAt)}</time>
                    {n.readAt ? null : (
                      <button type="button" className="bell__mark" onClick={() => void readOne(n)}>
                        Mark read<span className="visually-hidden">: {n.sentence}</span>
                      </button>
                    )}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        ))}
        <p className="bell__foot">
          <Link to={paths.notificationSettingsSection} onClick={() => setOpen(false)}>
            Notification settings
          </Link>
        </p>
      </div>
    </div>
  );
}
