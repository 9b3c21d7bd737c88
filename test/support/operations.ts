// Operations many test files share, and the two checks nearly every mutation test makes: the
// call went through without errors, and the payload is its Success type (narrowed, so the test
// reads `data` without casts).
import { expect } from "vitest";
import type { GqlResult } from "./app.ts";
import { graphql } from "./graphql.ts";

/** Every typed failure of a mutation: spread beside its Success type, as the web app does. */
export const MutationError = graphql(`
  fragment MutationError on BaseError {
    __typename
    code
    message
    ... on ValidationError {
      issues {
        path
        message
      }
    }
  }
`);

type Payload = { __typename: string };
export type Success<P> = Extract<P, { __typename: `${string}Success` }>;
export type Failure<P> = Exclude<P, { __typename: `${string}Success` }>;

/** The data of a call that must not have failed. */
export function dataOf<T>(result: GqlResult<T>): T {
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data as T;
}

/** The payload of a mutation that must have succeeded, narrowed to its Success type. */
export function succeeded<P extends Payload>(payload: P | null | undefined): Success<P> {
  expect(payload?.__typename, JSON.stringify(payload)).toMatch(/Success$/);
  return payload as Success<P>;
}

/** The payload of a mutation that must have failed with a typed error, narrowed to the failures. */
export function failed<P extends Payload>(payload: P | null | undefined): Failure<P> {
  expect(payload?.__typename, JSON.stringify(payload)).not.toMatch(/Success$/);
  return payload as Failure<P>;
}

/** The payload of a mutation that must have failed with this typed error, narrowed to it (e.g. a ValidationError's `issues`). */
export function failedWith<P extends Payload, T extends Failure<P>["__typename"]>(payload: P | null | undefined, typename: T): Extract<P, { __typename: T }> {
  expect(payload?.__typename, JSON.stringify(payload)).toBe(typename);
  return payload as Extract<P, { __typename: T }>;
}

/** Signs in with a password; the token on success, the typed error otherwise. */
export const SignIn = graphql(
  `
  mutation SignIn($input: SignInInput!) {
    signIn(input: $input) {
      __typename
      ... on MutationSignInSuccess {
        data {
          token
        }
      }
      ...MutationError
    }
  }
`,
  [MutationError],
);

/** Takes someone out of a group: what ends their live access everywhere. */
export const RemoveGroupMember = graphql(
  `
  mutation RemoveGroupMember($groupId: ID!, $userId: ID!) {
    removeGroupMember(groupId: $groupId, userId: $userId) {
      __typename
      ...MutationError
    }
  }
`,
  [MutationError],
);

/** Feedback on a document; the new feedback's id on success. */
export const AddFeedback = graphql(
  `
  mutation AddFeedback($input: AddFeedbackInput!) {
    addFeedback(input: $input) {
      __typename
      ... on MutationAddFeedbackSuccess {
        data {
          id
        }
      }
      ...MutationError
    }
  }
`,
  [MutationError],
);

/** An action item in a group; the new item's id on success. */
export const CreateActionItem = graphql(
  `
  mutation NewActionItem($input: CreateActionItemInput!) {
    createActionItem(input: $input) {
      __typename
      ... on MutationCreateActionItemSuccess {
        data {
          id
        }
      }
      ...MutationError
    }
  }
`,
  [MutationError],
);

/** The names of the viewer's groups. */
export const MyGroupNames = graphql(`
  query MyGroupNames {
    myGroups {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

/**
 * A `node(id:)` answer read as the type its `... on T` fragment selected. Only a type: the server
 * answered the fields of whatever the node is, and the test's assertions check them.
 */
export function asNode<N extends { __typename?: string }, T extends NonNullable<N["__typename"]>>(
  node: N | null | undefined,
  _typename: T,
): Extract<N, { __typename?: T }> | null | undefined {
  return node as Extract<N, { __typename?: T }> | null | undefined;
}

/** A document's content as Markdown (what a person would see of it). */
export const DocumentMarkdown = graphql(`
  query DocumentMarkdown($id: ID!) {
    node(id: $id) {
      ... on Document {
        content {
          markdown
        }
      }
    }
  }
`);

/** Who the caller is. */
export const Viewer = graphql(`
  query Viewer {
    viewer {
      name
      email
    }
  }
`);

/** A new document in a group; its id on success. */
export const CreateDocument = graphql(
  `
  mutation CreateDocument($input: CreateDocumentInput!) {
    createDocument(input: $input) {
      __typename
      ... on MutationCreateDocumentSuccess {
        data {
          id
        }
      }
      ...MutationError
    }
  }
`,
  [MutationError],
);

/** Puts a colleague in a group; the membership's id on success. */
export const AddGroupMember = graphql(
  `
  mutation AddGroupMember($g: ID!, $m: GroupMemberInput!) {
    addGroupMember(groupId: $g, member: $m) {
      __typename
      ... on MutationAddGroupMemberSuccess {
        data {
          id
        }
      }
      ...MutationError
    }
  }
`,
  [MutationError],
);

/** A group shares an insight with its coaches; the insight's id on success. */
export const ShareInsight = graphql(
  `
  mutation ShareInsight($input: ShareInsightInput!) {
    shareInsight(input: $input) {
      __typename
      ... on MutationShareInsightSuccess {
        data {
          id
        }
      }
      ...MutationError
    }
  }
`,
  [MutationError],
);
