// `demoLogins`: the demo school's accounts for the sign-in page ("click to sign in as Ana").
// Names, emails and roles only; every demo account uses the documented demo password.
import { DEMO_PEOPLE, DEMO_SCHOOL } from "../db/demo/demo-school.ts";
import { mayListDemoLogins } from "../policies/demo.ts";
import { builder } from "./builder.ts";
import { SchoolRoleEnum } from "./enums.ts";

type DemoLoginShape = { name: string; email: string; role: (typeof DEMO_PEOPLE)[number]["role"] };

const DemoLogin = builder.objectRef<DemoLoginShape>("DemoLogin").implement({
  description: "A demo account of the demo school (password: the documented demo password).",
  fields: (t) => ({
    name: t.exposeString("name"),
    email: t.exposeString("email"),
    role: t.field({ type: SchoolRoleEnum, resolve: (login) => login.role }),
  }),
});

const DEMO_EMAILS = DEMO_PEOPLE.map((person) => person.email);
const DEMO_ORDER = new Map(DEMO_EMAILS.map((email, index) => [email, index]));

builder.queryField("demoLogins", (t) =>
  t.field({
    type: [DemoLogin],
    description:
      "The demo school's logins, for a sign-in page to offer: empty unless this installation seeds the demo school (SEED_DEMO) and it exists. Public.",
    resolve: async (_root, _args, ctx) => {
      if (!mayListDemoLogins(ctx.services.config)) return [];
      // Read from the database rather than the seed list: only demo accounts that still exist
      // in the demo school, with their current name and role.
      const members = await ctx.prisma.schoolMember.findMany({
        where: { school: { slug: DEMO_SCHOOL.slug }, user: { email: { in: DEMO_EMAILS } } },
        select: { role: true, user: { select: { name: true, email: true } } },
      });
      return members
        .map((member) => ({ name: member.user.name, email: member.user.email, role: member.role }))
        .sort((a, b) => (DEMO_ORDER.get(a.email) ?? 0) - (DEMO_ORDER.get(b.email) ?? 0));
    },
  }),
);
