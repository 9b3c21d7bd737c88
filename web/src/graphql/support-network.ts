// Who has no support network at all (no running group, no coach): the banner the coach
// dashboard and the admin console's Coaching section both show. The api decides what a
// "support network" is (SupportNetworkEntry.hasNetwork); the web only asks.
import { graphql } from "./graphql.ts";

/** Who has no network at all, for the banner at the top: names only. */
export const WithoutNetworkQuery = graphql(`
  query WithoutNetwork($schoolId: ID!) {
    supportNetwork(schoolId: $schoolId, hasNetwork: false, first: 100) {
      totalCount
      edges {
        node {
          teacher {
            id
            name
          }
        }
      }
    }
    everyone: supportNetwork(schoolId: $schoolId, first: 1) {
      totalCount
    }
  }
`);
