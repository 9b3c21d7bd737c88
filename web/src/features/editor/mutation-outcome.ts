// A mutation either succeeded (its payload's __typename ends in "Success") or failed: with a
// transport / authorization error (CombinedError) or a typed one (`... on BaseError`). This
// turns both failures into something ErrorState shows.
import type { CombinedError } from "urql";
import type { ShowableError } from "../../ui/states.tsx";

type Payload = { __typename?: string; code?: string; message?: string; issues?: readonly { path: string; message: string }[] | null } | null | undefined;

export function mutationFailure(result: { error?: CombinedError | undefined; data?: unknown }, field: string): ShowableError | null {
  if (result.error) return result.error;
  const payload = (result.data as Record<string, Payload> | null | undefined)?.[field];
  if (!payload) return "The server sent no answer. Try again.";
  if (payload.__typename?.endsWith("Success")) return null;
  return { code: payload.code ?? "UNKNOWN", message: payload.message ?? "That did not work.", issues: payload.issues ?? null };
}
