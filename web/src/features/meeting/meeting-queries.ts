// What the meeting view reads and changes: the session with its agenda, attendance, the group's
// members, and the meeting's notes and action plan documents.
import { graphql, type ResultOf } from "../../graphql/graphql.ts";
import { MutationErrorFragment } from "../../graphql/mutation-outcome.ts";

export const MeetingQuery = graphql(`
  query MeetingPage($id: ID!) {
    serverTime
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
          school {
            id
            timeZone
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
              presenter {
                id
                name
              }
              timerStartedAt
              timerUsedSeconds
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

export const UpdateSessionMutation = graphql(
  `
  mutation UpdateMeeting($input: UpdateSessionInput!) {
    updateSession(input: $input) {
      __typename
      ... on MutationUpdateSessionSuccess {
        data {
          id
          title
          startsAt
          endsAt
          durationMinutes
        }
      }
      ...MutationError
    }
  }
`,
  [MutationErrorFragment],
);

export const CancelSessionMutation = graphql(
  `
  mutation CancelMeeting($sessionId: ID!) {
    cancelSession(sessionId: $sessionId) {
      __typename
      ... on MutationCancelSessionSuccess {
        data
      }
      ...MutationError
    }
  }
`,
  [MutationErrorFragment],
);

export const AddAgendaItemMutation = graphql(
  `
  mutation AddAgendaItem($input: AddAgendaItemInput!) {
    addAgendaItem(input: $input) {
      __typename
      ... on MutationAddAgendaItemSuccess {
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

export const UpdateAgendaItemMutation = graphql(
  `
  mutation UpdateAgendaItem($input: UpdateAgendaItemInput!) {
    updateAgendaItem(input: $input) {
      __typename
      ... on MutationUpdateAgendaItemSuccess {
        data {
          id
          title
          minutes
          presenter {
            id
            name
          }
        }
      }
      ...MutationError
    }
  }
`,
  [MutationErrorFragment],
);

export const RemoveAgendaItemMutation = graphql(
  `
  mutation RemoveAgendaItem($agendaItemId: ID!) {
    removeAgendaItem(agendaItemId: $agendaItemId) {
      __typename
      ... on MutationRemoveAgendaItemSuccess {
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

export const ReorderAgendaItemsMutation = graphql(
  `
  mutation ReorderAgendaItems($sessionId: ID!, $agendaItemIds: [ID!]!) {
    reorderAgendaItems(sessionId: $sessionId, agendaItemIds: $agendaItemIds) {
      __typename
      ... on MutationReorderAgendaItemsSuccess {
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

export const ApplyAgendaTemplateMutation = graphql(
  `
  mutation ApplyAgendaTemplate($sessionId: ID!, $templateId: String!) {
    applyAgendaTemplate(sessionId: $sessionId, templateId: $templateId) {
      __typename
      ... on MutationApplyAgendaTemplateSuccess {
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

export const StartAgendaTimerMutation = graphql(
  `
  mutation StartAgendaTimer($agendaItemId: ID!) {
    startAgendaTimer(agendaItemId: $agendaItemId) {
      __typename
      ... on MutationStartAgendaTimerSuccess {
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

export const PauseAgendaTimerMutation = graphql(
  `
  mutation PauseAgendaTimer($agendaItemId: ID!) {
    pauseAgendaTimer(agendaItemId: $agendaItemId) {
      __typename
      ... on MutationPauseAgendaTimerSuccess {
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

export const ResetAgendaTimerMutation = graphql(
  `
  mutation ResetAgendaTimer($agendaItemId: ID!) {
    resetAgendaTimer(agendaItemId: $agendaItemId) {
      __typename
      ... on MutationResetAgendaTimerSuccess {
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
