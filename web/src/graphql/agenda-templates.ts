// The api's ready-made agendas for a kind of group: offered when a meeting is scheduled and on an
// empty agenda.
import { graphql, type ResultOf } from "./graphql.ts";

export const AgendaTemplatesQuery = graphql(`
  query AgendaTemplates($kind: GroupKind!) {
    agendaTemplates(kind: $kind) {
      id
      name
      description
      items {
        title
        minutes
      }
    }
  }
`);

export type AgendaTemplate = ResultOf<typeof AgendaTemplatesQuery>["agendaTemplates"][number];
