// People. A user is visible to themselves and to staff of a school they share.
import { canSeeUser } from "../policies/schools.ts";
import { builder } from "./builder.ts";

export const UserRef = builder.prismaNode("User", {
  id: { field: "id" },
  nullable: true,
  // The school ids travel with every user load (one batched statement), so the policy can decide.
  include: { schoolMemberships: { select: { schoolId: true } } },
  authScopes: (user, ctx) => canSeeUser(ctx.actor, { id: user.id, schoolIds: user.schoolMemberships.map((m) => m.schoolId) }),
  fields: (t) => ({
    name: t.exposeString("name"),
    // Live documents hold people by database id (an action plan's `owners`): this maps them
    // to people without clients decoding global ids.
    collabId: t.exposeString("id", {
      description: "This person's id inside live documents: an action plan's `owners` (in the Yjs document and in `DocumentContent.prosemirror`) hold these.",
    }),
    email: t.string({
      nullable: true,
      description: "Only for the person themselves and admins of a school they share.",
      resolve: (user, _args, ctx) => {
        if (ctx.actor.kind !== "user") return null;
        if (user.id === ctx.actor.userId) return user.email;
        const shared = user.schoolMemberships.some((m) => ctx.actor.kind === "user" && ctx.actor.schools.get(m.schoolId) === "ADMIN");
        return shared ? user.email : null;
      },
    }),
  }),
});
