// Notification operations several test files share: the viewer's list and count.
import { graphql } from "./graphql.ts";

/** The viewer's notifications (newest first), with the unread count. */
export const MY_NOTIFICATIONS = graphql(`
  query MyNotifications($unreadOnly: Boolean) {
    viewer {
      id
      unreadNotificationCount
      notifications(first: 50, unreadOnly: $unreadOnly) {
        totalCount
        edges {
          node {
            id
            kind
            readAt
            createdAt
            sentence
            path
            actor { id name }
            group { id }
          }
        }
      }
    }
  }
`);
