// People. A user is visible to themselves and to staff of a school they share.
import { canSeeEmail, canSeeUser } from "../policies/schools.ts";
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
      description: "Only for the person themselves and admins of a school they share (an API token needs SCHOOL_READ).",
      resolve: (user, _args, ctx) => (canSeeEmail(ctx.actor, { id: user.id, schoolIds: user.schoolMemberships.map((m) => m.schoolId) }) ? user.email : null),
    }),
  }),
});
