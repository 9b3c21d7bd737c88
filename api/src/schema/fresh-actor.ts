// A mutation's payload is read as the caller stands AFTER the change. The actor (their schools,
// groups and coachees) is loaded once, at the start of the request; a mutation that changes it
// (createSchool makes the caller an admin, createGroup puts them in a group or gives a leader a
// new one to steer, assignCoach gives a coach a coachee) would otherwise have its payload judged
// by the actor from before, and the caller be refused what they just created: FORBIDDEN and
// `data: null`, with the row written all the same.
//
// One Pothos plugin does it for every mutation, current and future: once a Mutation field's
// resolver returns (a thrown error wrote nothing, so there is nothing to re-read), the actor is
// reloaded from the same credential (one SQL statement) and scope-auth's per-request cache is
// cleared, so the payload's fields, and the next mutation of the same document, ask the
// policies about the actor as it is now. A credential that stopped working (signOut) leaves an
// anonymous caller.
import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from "@pothos/core";
import { RequestCache } from "@pothos/plugin-scope-auth";
import type { GraphQLFieldResolver } from "graphql";
import { credentialKey, reloadActors } from "../auth/load-actor.ts";
import type { Context } from "../context.ts";
import { ANONYMOUS } from "../policies/actor.ts";

/** Re-reads the caller's actor from their credential; the request goes on as the actor now is. */
export async function refreshActor(ctx: Context): Promise<void> {
  const actor = ctx.actor;
  if (actor.kind !== "user") return;
  const reloaded = await reloadActors(ctx.services.db, [actor]);
  ctx.actor = reloaded.get(credentialKey(actor)) ?? ANONYMOUS;
  RequestCache.clearForContext(ctx);
}

export class FreshActorPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types["Context"], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types["Context"], object> {
    if (fieldConfig.kind !== "Mutation") return resolver;
    return async (parent, args, context, info) => {
      const result = await resolver(parent, args, context, info);
      await refreshActor(context as unknown as Context);
      return result;
    };
  }
}

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      freshActor: FreshActorPlugin<Types>;
    }
  }
}

SchemaBuilder.registerPlugin("freshActor", FreshActorPlugin);
