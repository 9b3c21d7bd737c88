// Finding colleagues by name, for the pickers that put people in a group (starting a peer group,
// adding someone to a group, a PLC's members in the school console). The api searches names
// only: staff do not see each other's email.
import { useEffect, useState } from "react";
import { useQuery } from "urql";
import { graphql, type ResultOf } from "./graphql.ts";

export const ColleagueSearchQuery = graphql(`
  query ColleagueSearch($schoolId: ID!, $search: String) {
    node(id: $schoolId) {
      __typename
      ... on School {
        id
        members(search: $search, first: 12) {
          totalCount
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
    }
  }
`);

type SchoolNode = Extract<NonNullable<ResultOf<typeof ColleagueSearchQuery>["node"]>, { __typename: "School" }>;
export type Colleague = NonNullable<SchoolNode["members"]["edges"][number]>["node"];

/** The school's staff whose name contains `search`, asked for once typing pauses. */
export function useColleagueSearch(schoolId: string, search: string) {
  const [settled, setSettled] = useState(search);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(search.trim()), 250);
    return () => clearTimeout(timer);
  }, [search]);
  const [result] = useQuery({ query: ColleagueSearchQuery, variables: { schoolId, search: settled || null }, pause: !schoolId });
  const school = result.data?.node?.__typename === "School" ? result.data.node : null;
  return {
    colleagues: school ? school.members.edges.map((edge) => edge.node) : [],
    total: school?.members.totalCount ?? 0,
    fetching: result.fetching || settled !== search.trim(),
    error: result.error,
  };
}
