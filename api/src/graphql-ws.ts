// GraphQL over websocket (graphql-ws) on /graphql. (Being written.)
import type { AppServices } from "./context.ts";
import { refuseUpgrade, type UpgradeEndpoint } from "./upgrade.ts";

export function createGraphQLWebSocketEndpoint(_services: AppServices): UpgradeEndpoint {
  return {
    handleUpgrade: (_req, socket) => refuseUpgrade(socket, 404, "GraphQL over websocket is not enabled yet."),
    close: async () => {},
  };
}
