// A school's support network, as the coach dashboard and the admin console's Coaching section
// both show it: every teacher with their groups (name and kind only) and coaching, filtered, and
// who has no network at all (no running group, no coach) for the banner. The api decides what a
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

/** One page of teachers with their groups and coaching; every filter is optional. */
export const SupportNetworkQuery = graphql(`
  query SupportNetwork($schoolId: ID!, $first: Int!, $after: String, $hasNetwork: Boolean, $coached: Boolean, $tier: SupportTier, $coachId: ID) {
    supportNetwork(schoolId: $schoolId, first: $first, after: $after, hasNetwork: $hasNetwork, coached: $coached, tier: $tier, coachId: $coachId) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          hasNetwork
          supportTier
          teacher {
            id
            name
          }
          groups {
            id
            name
            kind
          }
          assignments {
            id
            tier
            focus
            coach {
              id
              name
            }
          }
        }
      }
    }
  }
`);
