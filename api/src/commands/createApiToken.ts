// A personal API token for one school, with chosen scopes. The secret is shown once; only its hash is kept.
import { newToken } from "../auth/secrets.ts";
import { forbidden, NotFoundError, ValidationError } from "../domain/errors.ts";
import type { ApiScope } from "../policies/scopes.ts";
import type { Caller } from "./run-command.ts";

export async function createApiToken(
  caller: Caller,
  input: { schoolId: string; name: string; scopes: ApiScope[]; expiresAt?: Date | null },
): Promise<{ secret: string; tokenId: string }> {
  const actor = caller.actor;
  if (actor.kind !== "user") throw forbidden();
  if (!actor.schools.has(input.schoolId)) throw new NotFoundError("That school");
  if (input.expiresAt && input.expiresAt <= new Date()) throw ValidationError.field("expiresAt", "must be in the future");
  const { token, hash, prefix } = newToken("api");
  const created = await caller.prisma.apiToken.create({
    data: {
      userId: actor.userId,
      schoolId: input.schoolId,
      name: input.name.trim(),
      prefix,
      tokenHash: hash,
      scopes: [...new Set(input.scopes)],
      expiresAt: input.expiresAt ?? null,
    },
  });
  return { secret: token, tokenId: created.id };
}
