// A coaching cycle as its coach and its teacher see it, and the mutations of the cycle page. The
// api decides what each of them reads: the teacher gets only the observations marked for them and
// an empty list of private notes (with a count of 0).
import { graphql } from "../../graphql/graphql.ts";
import { MutationErrorFragment } from "../../graphql/mutation-outcome.ts";

export const MyCoachingQuery = graphql(`
  query MyCoaching {
    asTeacher: myCoachingCycles(as: TEACHER, first: 50) {
      edges {
        node {
          id
          goal
          step
          startedAt
          completedAt
          checkBack
          nextCheckBackOn
          coach {
            id
            name
          }
          openSteps: actionSteps(done: false) {
            totalCount
          }
        }
      }
    }
    asCoach: myCoachingCycles(as: COACH, active: true, first: 50) {
      edges {
        node {
          id
          goal
          step
          teacher {
            id
            name
          }
        }
      }
    }
  }
`);

export const CoachingCycleQuery = graphql(`
  query CoachingCycle($id: ID!) {
    node(id: $id) {
      __typename
      ... on CoachingCycle {
        id
        goal
        step
        phase
        lookFors
        sharedNotes
        nextCheckBackOn
        checkBack
        lastContactAt
        startedAt
        completedAt
        viewerIsCoach
        coach {
          id
          name
        }
        teacher {
          id
          name
        }
        observations(first: 100) {
          totalCount
          edges {
            node {
              id
              lookFor
              body
              forTeacher
              createdAt
            }
          }
        }
        actionSteps(first: 100) {
          edges {
            node {
              id
              text
              done
              doneAt
            }
          }
        }
        notes(first: 100) {
          totalCount
          edges {
            node {
              id
              body
              createdAt
            }
          }
        }
      }
    }
  }
`);

export const MoveCoachingCycleMutation = graphql(
  `
  mutation MoveCoachingCycle($cycleId: ID!, $step: CoachingStep) {
    advanceCoachingCycle(cycleId: $cycleId, step: $step) {
      __typename
      ... on MutationAdvanceCoachingCycleSuccess {
        data {
          id
          step
          phase
          completedAt
          lastContactAt
          checkBack
        }
      }
      ...MutationError
    }
  }
`,
  [MutationErrorFragment],
);

export const UpdateCoachingCycleMutation = graphql(
  `
  mutation UpdateCoachingCycle($input: UpdateCoachingCycleInput!) {
    updateCoachingCycle(input: $input) {
      __typename
      ... on MutationUpdateCoachingCycleSuccess {
        data {
          id
          goal
          lookFors
          nextCheckBackOn
          checkBack
        }
      }
      ...MutationError
    }
  }
`,
  [MutationErrorFragment],
);

export const AddCoachingObservationMutation = graphql(
  `
  mutation AddCoachingObservation($input: AddCoachingObservationInput!) {
    addCoachingObservation(input: $input) {
      __typename
      ... on MutationAddCoachingObservationSuccess {
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

export const AddCoachingNoteMutation = graphql(
  `
  mutation AddCoachingNote($input: AddCoachingNoteInput!) {
    addCoachingNote(input: $input) {
      __typename
      ... on MutationAddCoachingNoteSuccess {
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

export const AddCoachingActionStepMutation = graphql(
  `
  mutation AddCoachingActionStep($input: AddCoachingActionStepInput!) {
    addCoachingActionStep(input: $input) {
      __typename
      ... on MutationAddCoachingActionStepSuccess {
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

export const SetCoachingActionStepDoneMutation = graphql(
  `
  mutation SetCoachingActionStepDone($coachingActionStepId: ID!, $done: Boolean!) {
    setCoachingActionStepDone(coachingActionStepId: $coachingActionStepId, done: $done) {
      __typename
      ... on MutationSetCoachingActionStepDoneSuccess {
        data {
          id
          done
          doneAt
        }
      }
      ...MutationError
    }
  }
`,
  [MutationErrorFragment],
);

/** What adding to a cycle makes stale: the cycle page's lists and the caseload's signals. */
export const CYCLE_CHANGED = {
  additionalTypenames: ["CoachingCycle", "CoachingObservation", "CoachingNote", "CoachingActionStep", "CoachingAssignment"],
};
