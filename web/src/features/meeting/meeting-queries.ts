// What the meeting view reads and changes: the session with its agenda, attendance, the group's
// members, and the meeting's notes and action plan documents.
import { graphql, type ResultOf } from "../../graphql/graphql.ts";
import { MutationErrorFragment } from "../../graphql/mutation-outcome.ts";

export const MeetingQuery = graphql(`
  query MeetingPage($id: ID!) {
    node(id: $id) {
      __typename
      ... on Session {
        id
        title
        status
        startsAt
        endsAt
        startedAt
        endedAt
        durationMinutes
        plannedMinutes
        protocol
        group {
          id
          name
          kind
          viewerCan {
            manage
            writeContent
          }
          members(first: 100) {
            edges {
              node {
                id
                role
                user {
                  id
                  name
                }
              }
            }
          }
        }
        agendaItems(first: 100) {
          edges {
            node {
              id
              position
              title
              minutes
              plcQuestion
              addressed
            }
          }
        }
        attendance(first: 100) {
          edges {
            node {
              id
              status
              user {
                id
              }
            }
          }
        }
        notes: documents(kind: MEETING_NOTES, first: 1, orderBy: CREATED_DESC) {
          edges {
            node {
              id
              title
              collabRoom
              viewerAccess
            }
          }
        }
        plans: documents(kind: ACTION_PLAN, first: 1, orderBy: CREATED_DESC) {
          edges {
            node {
              id
              title
              viewerAccess
            }
          }
        }
      }
    }
  }
`);

export type MeetingData = Extract<NonNullable<ResultOf<typeof MeetingQuery>["node"]>, { __typename: "Session" }>;
export type AgendaItem = MeetingData["agendaItems"]["edges"][number]["node"];
export type Member = MeetingData["group"]["members"]["edges"][number]["node"];
export type AttendanceStatus = "PRESENT" | "ABSENT" | "EXCUSED";

export const StartSessionMutation = graphql(
  `
  mutation StartSession($sessionId: ID!) {
    startSession(sessionId: $sessionId) {
      __typename
      ... on MutationStartSessionSuccess {
        data {
          id
          status
          startedAt
        }
      }
      ...MutationError
    }
  }
`,
  [MutationErrorFragment],
);

export const EndSessionMutation = graphql(
  `
  mutation EndSession($sessionId: ID!) {
    endSession(sessionId: $sessionId) {
      __typename
      ... on MutationEndSessionSuccess {
        data {
          id
          status
          endedAt
        }
      }
      ...MutationError
    }
  }
`,
  [MutationErrorFragment],
);

export const MarkAddressedMutation = graphql(
  `
  mutation MarkAgendaItemAddressed($agendaItemId: ID!, $addressed: Boolean!) {
    markAgendaItemAddressed(agendaItemId: $agendaItemId, addressed: $addressed) {
      __typename
      ... on MutationMarkAgendaItemAddressedSuccess {
        data {
          id
          addressed
        }
      }
      ...MutationError
    }
  }
`,
  [MutationErrorFragment],
);

export const RecordAttendanceMutation = graphql(
  `
  mutation RecordAttendance($sessionId: ID!, $userId: ID!, $status: AttendanceStatus!) {
    recordAttendance(sessionId: $sessionId, userId: $userId, status: $status) {
      __typename
      ... on MutationRecordAttendanceSuccess {
        data {
          id
          status
        }
      }
      ...MutationError
    }
  }
`,
  [MutationErrorFragment],
);

export const CreateFollowUpMutation = graphql(
  `
  mutation CreateFollowUp($input: CreateActionItemInput!) {
    createActionItem(input: $input) {
      __typename
      ... on MutationCreateActionItemSuccess {
        data {
          id
          title
        }
      }
      ...MutationError
    }
  }
`,
  [MutationErrorFragment],
);

/** Meetings started or ended and documents created in the group: the page refreshes on each. */
export const GroupActivitySubscription = graphql(`
  subscription MeetingGroupActivity($groupId: ID!) {
    groupActivity(groupId: $groupId) {
      id
      type
    }
  }
`);
