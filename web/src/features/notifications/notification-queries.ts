// The bell's and the settings page's operations.
import { MutationErrorFragment } from "../../graphql/mutation-outcome.ts";
import { graphql, type ResultOf } from "../../graphql/graphql.ts";

export const NotificationBellQuery = graphql(`
  query NotificationBell {
    viewer {
      id
      unreadNotificationCount
      notifications(first: 50) {
        edges {
          node {
            id
            kind
            createdAt
            readAt
            sentence
            path
          }
        }
      }
    }
  }
`);

export type BellNotification = NonNullable<ResultOf<typeof NotificationBellQuery>["viewer"]>["notifications"]["edges"][number]["node"];

export const NotificationsSubscription = graphql(`
  subscription BellNotifications {
    notifications {
      unreadCount
      notification {
        id
      }
    }
  }
`);

export const MarkNotificationReadMutation = graphql(
  `
  mutation MarkNotificationRead($id: ID!) {
    markNotificationRead(notificationId: $id) {
      __typename
      ... on MutationMarkNotificationReadSuccess {
        data {
          id
          readAt
        }
      }
      ...MutationError
    }
  }
`,
  [MutationErrorFragment],
);

export const MarkAllNotificationsReadMutation = graphql(
  `
  mutation MarkAllNotificationsRead($seenUpTo: DateTime) {
    markAllNotificationsRead(seenUpTo: $seenUpTo) {
      __typename
      ... on MutationMarkAllNotificationsReadSuccess {
        data
      }
      ...MutationError
    }
  }
`,
  [MutationErrorFragment],
);

export const NotificationPreferencesQuery = graphql(`
  query NotificationPreferences {
    viewer {
      id
      notificationPreferences {
        kind
        delivery
        isDefault
      }
    }
  }
`);

export const SetNotificationPreferenceMutation = graphql(
  `
  mutation SetNotificationPreference($kind: NotificationKind!, $delivery: NotificationDelivery!) {
    setNotificationPreference(kind: $kind, delivery: $delivery) {
      __typename
      ... on MutationSetNotificationPreferenceSuccess {
        data {
          kind
          delivery
          isDefault
        }
      }
      ...MutationError
    }
  }
`,
  [MutationErrorFragment],
);
