// Named versions: saving one (live edits included), listing them newest first, reading one's
// content, and restoring one as a forward change that connected editors see at once, with
// the replaced content kept as "Before restoring …". Every actor, through every path.
import type { DocumentKind } from "@staffroom/api/prisma";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type * as Y from "yjs";
import { toMarkdown, pm, readContent, replaceRichText, writeProseMirror, writeActionItems } from "@staffroom/api/content";
import { startTestApp, type TestApp } from "../support/app.ts";
import { connectClient, eventually, synced, type Client } from "../support/collab.ts";
import { buildSchoolFixture, gid, type ActorKey, type SchoolFixture } from "../support/school-fixture.ts";
import { TABLE_ACTORS, asActor, readOutcome, writeOutcome, type TrustActor } from "../support/trust.ts";
import { graphql } from "../support/graphql.ts";
import { asNode, MutationError, succeeded } from "../support/operations.ts";

let app: TestApp;
let fx: SchoolFixture;
const open: Client[] = [];

beforeAll(async () => {
  app = await startTestApp({ collab: { unloadAfterMs: 50 } });
  fx = await buildSchoolFixture(app.db.prisma);
});
afterAll(async () => {
  for (const client of open) client.close();
  await app?.close();
});

function client(documentId: string, who: ActorKey) {
  const c = connectClient(app.url, documentId, fx.people[who].token);
  open.push(c);
  return c;
}

const setText = (documentId: string, text: string) => app.documents.change(documentId, (y) => replaceRichText(y, [pm.paragraph(text)]));

async function markdownOf(documentId: string, actionPlan = false): Promise<string> {
  const doc = await app.documents.read(documentId);
  try {
    return toMarkdown(readContent(doc, { actionPlan }));
  } finally {
    doc.destroy();
  }
}

const clientMarkdown = (c: Client) => toMarkdown(readContent(c.doc, { actionPlan: false }));

const versionCount = (documentId: string) => app.db.prisma.documentVersion.count({ where: { documentId } });

const CREATE_VERSION = graphql(
  `
  mutation CreateDocumentVersion($d: ID!, $n: String!) {
    createDocumentVersion(documentId: $d, name: $n) {
      __typename
      ...MutationError
      ... on MutationCreateDocumentVersionSuccess {
        data {
          id
          name
          createdAt
          createdBy {
            name
          }
          document {
            id
          }
          content {
            markdown
            text
          }
        }
      }
    }
  }
`,
  [MutationError],
);
const RESTORE = graphql(
  `
  mutation RestoreDocumentVersion($v: ID!) {
    restoreDocumentVersion(versionId: $v) {
      __typename
      ...MutationError
      ... on MutationRestoreDocumentVersionSuccess {
        data {
          id
          content {
            markdown
          }
          versions {
            totalCount
            edges {
              node {
                name
              }
            }
          }
        }
      }
    }
  }
`,
  [MutationError],
);
const VERSIONS = graphql(`
  query DocumentVersions($d: ID!) {
    node(id: $d) {
      ... on Document {
        versions {
          totalCount
          edges {
            node {
              id
              name
              content {
                markdown
              }
            }
          }
        }
      }
    }
  }
`);
const VERSION = graphql(`
  query DocumentVersion($v: ID!) {
    node(id: $v) {
      ... on DocumentVersion {
        name
        content {
          markdown
        }
        document {
          id
        }
      }
    }
  }
`);

async function createVersion(documentGid: string, name: string, who: ActorKey = "peerMember") {
  const res = await app.gql(CREATE_VERSION, { d: documentGid, n: name }, fx.people[who].token);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  expect(res.data?.createDocumentVersion.__typename, JSON.stringify(res.data?.createDocumentVersion)).toBe("MutationCreateDocumentVersionSuccess");
  return succeeded(res.data?.createDocumentVersion).data;
}

async function restore(versionGid: string, who: ActorKey = "peerMember") {
  const res = await app.gql(RESTORE, { v: versionGid }, fx.people[who].token);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  expect(res.data?.restoreDocumentVersion.__typename, JSON.stringify(res.data?.restoreDocumentVersion)).toBe("MutationRestoreDocumentVersionSuccess");
  return succeeded(res.data?.restoreDocumentVersion).data;
}

describe("named versions", () => {
  it("are saved with their content, listed newest first, and readable by id", async () => {
    const doc = await fx.newDocument({ group: "peer", kind: "LESSON_PLAN" });
    await setText(doc.id, "Draft one");
    const first = await createVersion(doc.gid, "  First draft  ");
    expect(first).toMatchObject({
      name: "First draft",
      createdBy: { name: fx.people.peerMember.name },
      document: { id: doc.gid },
      content: { markdown: "Draft one", text: "Draft one" },
    });
    await setText(doc.id, "Draft two");
    await createVersion(doc.gid, "Second draft", "peerMember2");

    const list = await app.gql(VERSIONS, { d: doc.gid }, fx.people.peerMember3.token);
    expect(list.errors).toBeUndefined();
    const versions = asNode(list.data?.node, "Document")?.versions;
    expect(versions?.totalCount).toBe(2);
    expect(versions?.edges.map((e) => [e.node.name, e.node.content?.markdown])).toEqual([
      ["Second draft", "Draft two"],
      ["First draft", "Draft one"],
    ]);
    const byId = await app.gql(VERSION, { v: first.id }, fx.people.peerMember3.token);
    expect(byId.data?.node).toEqual({ name: "First draft", content: { markdown: "Draft one" }, document: { id: doc.gid } });
  });

  it("capture a real client's live edits", async () => {
    const doc = await fx.newDocument({ group: "peer", kind: "LESSON_PLAN" });
    const writer = client(doc.id, "peerMember2");
    await synced(writer);
    writeProseMirror(writer.doc.getXmlFragment("default"), [pm.heading(2, "Opening"), pm.paragraph("Fraction strips on every table")]);
    await eventually(async () => (await markdownOf(doc.id)).includes("Fraction strips"), "the edit on the server");
    const version = await createVersion(doc.gid, "Live");
    expect(version.content?.markdown).toBe("## Opening\n\nFraction strips on every table");
  });

  it("refuse an empty or overlong name, and save nothing", async () => {
    const doc = await fx.newDocument({ group: "peer", kind: "LESSON_PLAN" });
    await setText(doc.id, "x");
    for (const name of ["   ", "n".repeat(121)]) {
      const res = await app.gql(CREATE_VERSION, { d: doc.gid, n: name }, fx.people.peerMember.token);
      expect(res.data?.createDocumentVersion).toMatchObject({ __typename: "ValidationError", issues: [{ path: "name" }] });
    }
    expect(await versionCount(doc.id)).toBe(0);
    await createVersion(doc.gid, "n".repeat(120));
  });
});

describe("restoring a version", () => {
  it("reaches every connected editor at once, and keeps what it replaced", async () => {
    const doc = await fx.newDocument({ group: "peer", kind: "LESSON_PLAN" });
    const a = client(doc.id, "peerMember");
    const b = client(doc.id, "peerMember2");
    await Promise.all([synced(a), synced(b)]);
    writeProseMirror(a.doc.getXmlFragment("default"), [pm.heading(2, "Learning goal"), pm.paragraph("Compare fractions with ", pm.bold("strips"))]);
    const v1 = "## Learning goal\n\nCompare fractions with **strips**";
    await eventually(async () => clientMarkdown(b) === v1 && (await markdownOf(doc.id)) === v1, "version one everywhere");
    const saved = await createVersion(doc.gid, "Before the data dig");

    writeProseMirror(b.doc.getXmlFragment("default"), [pm.paragraph("Added after the data dig")]);
    const v2 = `${v1}\n\nAdded after the data dig`;
    await eventually(async () => clientMarkdown(a) === v2 && (await markdownOf(doc.id)) === v2, "the later edit everywhere");

    const restored = await restore(saved.id, "peerMember3");
    expect(restored.content?.markdown).toBe(v1);
    await eventually(() => clientMarkdown(a) === v1 && clientMarkdown(b) === v1, "both editors show the restored content");
    expect(restored.versions.totalCount).toBe(2);
    expect(restored.versions.edges.map((e) => e.node.name)).toEqual(["Before restoring Before the data dig", "Before the data dig"]);

    // The automatic version undoes the restore.
    const list = await app.gql(VERSIONS, { d: doc.gid }, fx.people.peerMember.token);
    const backup = asNode(list.data?.node, "Document")!.versions.edges[0]!.node;
    expect(backup.content?.markdown).toBe(v2);
    await restore(backup.id);
    await eventually(() => clientMarkdown(a) === v2 && clientMarkdown(b) === v2, "both editors back on the later content");

    // Editing goes on normally after a restore.
    writeProseMirror(a.doc.getXmlFragment("default"), [pm.paragraph("Still editing")]);
    await eventually(() => clientMarkdown(b) === `${v2}\n\nStill editing`, "a new edit after restoring");
  });

  it("restores an action plan's items with its text", async () => {
    const doc = await fx.newDocument({ group: "plc", kind: "ACTION_PLAN" });
    const item = (id: string, title: string, status: "OPEN" | "DONE") => ({ id, title, owners: [fx.people.plcMember.id], dueDate: "2030-04-01", status });
    await app.documents.change(doc.id, (y) => {
      replaceRichText(y, [pm.heading(1, "Action plan")]);
      writeActionItems(y, [item("k1", "Re-teach halves", "OPEN"), item("k2", "Enter scores", "OPEN")]);
    });
    const saved = await createVersion(doc.gid, "Agreed plan", "plcMember");
    await app.documents.change(doc.id, (y) => {
      const items = y.getArray<Y.Map<unknown>>("actionItems");
      (items.get(0) as Y.Map<unknown>).set("status", "DONE");
      items.delete(1, 1);
      replaceRichText(y, [pm.heading(1, "Action plan, revised")]);
    });
    const restored = await restore(saved.id, "coach");
    const name = fx.people.plcMember.name;
    expect(restored.content?.markdown).toBe(`# Action plan\n\n- [ ] Re-teach halves — ${name} · due 2030-04-01\n- [ ] Enter scores — ${name} · due 2030-04-01`);
    expect(await markdownOf(doc.id, true)).toBe("# Action plan\n\n- [ ] Re-teach halves — due 2030-04-01\n- [ ] Enter scores — due 2030-04-01");
  });

  it("shortens the automatic version's name to the limit", async () => {
    const doc = await fx.newDocument({ group: "peer", kind: "LESSON_PLAN" });
    await setText(doc.id, "long");
    const saved = await createVersion(doc.gid, "v".repeat(120));
    const restored = await restore(saved.id);
    const name: string = restored.versions.edges[0]!.node.name;
    expect(name).toHaveLength(120);
    expect(name.startsWith("Before restoring vvv")).toBe(true);
    expect(name.endsWith("…")).toBe(true);
  });
});

// ───────────── trust ─────────────

type Access = "rw" | "r" | "none";
type Scenario = {
  name: "peerPlan" | "sharedPeerPlan" | "plcNotes";
  group: "peer" | "plc";
  kind: DocumentKind;
  shared: boolean;
  tokenOwner: ActorKey;
  access: Record<TrustActor, Access>;
};

const none = Object.fromEntries(TABLE_ACTORS.map((a) => [a, "none"])) as Record<TrustActor, Access>;
const peerGroup = { ...none, peerMember: "rw", peerMember2: "rw", tokenWithScope: "rw" } as const;

const SCENARIOS: Scenario[] = [
  { name: "peerPlan", group: "peer", kind: "LESSON_PLAN", shared: false, tokenOwner: "peerMember", access: peerGroup },
  // Shared with coaches: leaders read the versions, never create or restore one.
  { name: "sharedPeerPlan", group: "peer", kind: "LESSON_PLAN", shared: true, tokenOwner: "peerMember", access: { ...peerGroup, coach: "r", admin: "r" } },
  {
    name: "plcNotes",
    group: "plc",
    kind: "MEETING_NOTES",
    shared: false,
    tokenOwner: "plcMember",
    access: { ...none, plcFacilitator: "rw", plcMember: "rw", coach: "rw", admin: "rw", tokenWithScope: "rw" },
  },
];

const seeded = {} as Record<Scenario["name"], { docId: string; docGid: string; versionGid: string }>;

describe("who may see, save and restore versions", () => {
  beforeAll(async () => {
    for (const s of SCENARIOS) {
      const doc = await fx.newDocument({ group: s.group, kind: s.kind, shared: s.shared });
      await setText(doc.id, `Base of ${s.name}`);
      const version = await createVersion(doc.gid, `Base ${s.name}`, s.group === "peer" ? "peerMember" : "plcFacilitator");
      await setText(doc.id, `Current of ${s.name}`);
      seeded[s.name] = { docId: doc.id, docGid: doc.gid, versionGid: version.id };
    }
  });

  const cases = SCENARIOS.flatMap((s) => TABLE_ACTORS.map((actor) => [s.name, actor, s.access[actor]] as const));
  const scenario = (name: Scenario["name"]) => SCENARIOS.find((s) => s.name === name)!;

  it.each(cases)("%s: %s (%s) reads versions by node(id) and through the document", async (name, actor, access) => {
    const gql = await asActor(app, fx, actor, scenario(name).tokenOwner, "CONTENT_READ");
    const expected = access === "none" ? "hidden" : "shown";
    expect(readOutcome(await gql(VERSION, { v: seeded[name].versionGid }), (d) => asNode(d.node, "DocumentVersion")?.content?.markdown)).toBe(expected);
    const list = await gql(VERSIONS, { d: seeded[name].docGid });
    expect(readOutcome(list, (d) => asNode(d.node, "Document")?.versions?.totalCount)).toBe(expected);
    expect(readOutcome(list, (d) => asNode(d.node, "Document")?.versions?.edges?.filter((e) => e.node.content?.markdown === `Base of ${name}`))).toBe(expected);
  });

  it.each(cases)("%s: %s (%s) saves a version only with write access", async (name, actor, access) => {
    const gql = await asActor(app, fx, actor, scenario(name).tokenOwner, "CONTENT_WRITE");
    const { docId, docGid } = seeded[name];
    const before = await versionCount(docId);
    const outcome = writeOutcome(await gql(CREATE_VERSION, { d: docGid, n: `By ${actor}` }), "createDocumentVersion");
    expect(outcome).toBe(access === "rw" ? "done" : "refused");
    expect(await versionCount(docId)).toBe(before + (outcome === "done" ? 1 : 0));
  });

  it.each(cases)("%s: %s (%s) restores a version only with write access; a refusal changes nothing", async (name, actor, access) => {
    const gql = await asActor(app, fx, actor, scenario(name).tokenOwner, "CONTENT_WRITE");
    const { docId, versionGid } = seeded[name];
    await setText(docId, `Current of ${name}`);
    const before = { versions: await versionCount(docId), markdown: await markdownOf(docId) };
    const outcome = writeOutcome(await gql(RESTORE, { v: versionGid }), "restoreDocumentVersion");
    expect(outcome).toBe(access === "rw" ? "done" : "refused");
    if (outcome === "done") {
      expect(await markdownOf(docId)).toBe(`Base of ${name}`);
      expect(await versionCount(docId)).toBe(before.versions + 1);
    } else {
      expect({ versions: await versionCount(docId), markdown: await markdownOf(docId) }).toEqual(before);
    }
  });

  it("tells a leader reading a shared document that they may not restore it, and a stranger nothing", async () => {
    const readOnly = await app.gql(RESTORE, { v: seeded.sharedPeerPlan.versionGid }, fx.people.coach.token);
    expect(readOnly.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const stranger = await app.gql(RESTORE, { v: seeded.peerPlan.versionGid }, fx.people.coach.token);
    expect(stranger.data?.restoreDocumentVersion).toMatchObject({ __typename: "NotFoundError", code: "NOT_FOUND" });
    const anonymous = await app.gql(RESTORE, { v: seeded.peerPlan.versionGid }, null);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("refuses to restore in an archived group, saying why", async () => {
    const doc = await fx.newDocument({ group: "plc", kind: "MEETING_NOTES" });
    await setText(doc.id, "Archived soon");
    const version = await createVersion(doc.gid, "Before archiving", "plcFacilitator");
    await app.db.prisma.group.update({ where: { id: fx.plcGroupId }, data: { archivedAt: new Date() } });
    try {
      const res = await app.gql(RESTORE, { v: version.id }, fx.people.plcFacilitator.token);
      expect(res.data?.restoreDocumentVersion).toMatchObject({ __typename: "RuleViolationError", code: "ARCHIVED" });
      expect(await versionCount(doc.id)).toBe(1);
    } finally {
      await app.db.prisma.group.update({ where: { id: fx.plcGroupId }, data: { archivedAt: null } });
    }
  });
});
