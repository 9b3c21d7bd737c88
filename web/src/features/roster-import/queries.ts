// The roster import's one operation: the same mutation previews (dryRun) and imports.
import { graphql } from "../../graphql/graphql.ts";
import { MutationErrorFragment } from "../../graphql/mutation-outcome.ts";

export const ImportRosterMutation = graphql(
  `
  mutation ImportRoster($input: ImportRosterInput!) {
    importRoster(input: $input) {
      __typename
      ... on MutationImportRosterSuccess {
        data {
          format
          dryRun
          created
          updated
          unchanged
          skipped
          summary
          rows {
            row
            email
            name
            role
            grades
            subjects
            outcome
            changes
            isMember
          }
        }
      }
      ... on RosterImportError {
        problems {
          row
          column
          message
        }
      }
      ...MutationError
    }
  }
`,
  [MutationErrorFragment],
);
