// What a teacher does with a calendar link, in each of the calendars schools use. Subscribing
// (not importing a file) is what keeps the calendar current.
export function HowToAddCalendar() {
  return (
    <div className="calendar-howto">
      <h4>Add it to your calendar</h4>
      <ul>
        <li>
          <strong>Google Calendar</strong> (on a computer): beside “Other calendars”, choose <strong>+</strong>, then <strong>From URL</strong>; paste the link
          and choose <strong>Add calendar</strong>. It then shows on your phone too.
        </li>
        <li>
          <strong>Outlook</strong>: in Calendar, choose <strong>Add calendar</strong>, then <strong>Subscribe from web</strong>; paste the link and choose{" "}
          <strong>Import</strong>.
        </li>
        <li>
          <strong>Apple Calendar</strong>: on a Mac, <strong>File → New Calendar Subscription</strong>; on an iPhone or iPad, Settings →{" "}
          <strong>Calendar → Accounts → Add Account → Other → Add Subscribed Calendar</strong>; paste the link.
        </li>
      </ul>
      <p>Calendars fetch changes on their own schedule, from every few minutes to about a day (Google is the slowest).</p>
    </div>
  );
}
