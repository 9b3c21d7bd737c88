// The action-plan projection: an ACTION_PLAN document's items (the Y.Array of Y.Maps described
// in @staffroom/action-plan-layout) become ActionItem rows that GraphQL can list and filter.
//
// The document is the source of truth for the items in it. Each run reconciles the whole array
// against the document's rows (create, update, delete by itemKey), so it is idempotent: a run
// that finds nothing to change writes nothing, which is what keeps a GraphQL edit (applied to
// the document AND written to the row) from echoing back. Runs are debounced per document, one
// at a time, and serialized with the mutations' row writes by a per-document advisory lock.
import { randomUUID } from "node:crypto";
import { ACTION_STATUSES, actionItemsArray, DUE_DATE_PATTERN, type ActionItemFields } from "@staffroom/action-plan-layout";
import * as Y from "yjs";
import { z } from "zod";
import { toActivityMessage } from "../commands/publishActivity.ts";
import { recordActivity } from "../commands/recordActivity.ts";
import type { EventBus } from "../events/bus.ts";
import type { ActivityEvent, Prisma, PrismaClient } from "../generated/prisma/client.ts";
import type { ActionStatus, DocumentKind } from "../generated/prisma/enums.ts";
import type { LiveDocuments } from "../collab/live-documents.ts";
import { transactionNotifying } from "../notifications/after-commit.ts";
import { notifyActionItemAssigned } from "../notifications/producers.ts";

/**
 * Quiet time after a document's last change before its items are projected. Long enough that
 * typing a title (a change per keystroke) costs one run, short enough that a list refreshed
 * right after an edit already shows it.
 */
export const PROJECT_AFTER_MS = 200;
/** A document edited without pause is still projected at least this often. */
export const PROJECT_AT_LEAST_EVERY_MS = 1000;

export const ITEM_TITLE_MAX = 300;
const ITEM_KEY_MAX = 100;
const OWNERS_MAX = 50;

const calendarDate = z
  .string()
  .regex(DUE_DATE_PATTERN)
  .refine((s) => new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s, "not a calendar date");

/** What a well-formed item map holds; absent optional fields take their defaults. */
const ItemShape = z.object({
  id: z.string().min(1).max(ITEM_KEY_MAX),
  title: z.string().trim().min(1).max(ITEM_TITLE_MAX),
  owners: z
    .array(z.string())
    .max(OWNERS_MAX)
    .nullish()
    .transform((owners) => owners ?? []),
  dueDate: calendarDate.nullable().default(null),
  status: z.enum(ACTION_STATUSES).default("OPEN"),
});

type Snapshot = {
  /** Well-formed items by key (the first well-formed map wins when a key repeats). */
  items: Map<string, ActionItemFields>;
  /** Every key present in the array, well-formed or not: a malformed item keeps its row. */
  present: Set<string>;
};

export function readActionItems(doc: Y.Doc): Snapshot {
  const items = new Map<string, ActionItemFields>();
  const present = new Set<string>();
  for (const entry of actionItemsArray(doc).toArray()) {
    const value: unknown = entry instanceof Y.Map ? entry.toJSON() : entry;
    const key = value && typeof value === "object" ? (value as { id?: unknown }).id : undefined;
    if (typeof key !== "string" || key.length === 0 || key.length > ITEM_KEY_MAX) continue;
    present.add(key);
    if (!(entry instanceof Y.Map) || items.has(key)) continue;
    const parsed = ItemShape.safeParse(value);
    if (parsed.success) items.set(key, parsed.data);
  }
  return { items, present };
}

export function newItemKey(): string {
  return randomUUID();
}

/** Due dates are calendar dates stored as UTC midnights; the document holds "YYYY-MM-DD". */
export function dateKey(date: Date | null): string | null {
  return date ? date.toISOString().slice(0, 10) : null;
}

/**
 * Serializes writes to one action plan's rows across transactions (and instances): the
 * projection and the GraphQL mutations take it before reading the rows they change.
 */
export async function lockActionPlan(tx: Prisma.TransactionClient, documentId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`action-plan:${documentId}`}, 0))`;
}

type DocumentFacts = { kind: DocumentKind; groupId: string; schoolId: string };
type RowState = {
  id: string;
  itemKey: string | null;
  title: string;
  dueDate: Date | null;
  status: ActionStatus;
  owners: { userId: string }[];
};

/**
 * Brings the rows of one action plan in line with `snapshot`, inside `tx`. `snapshot` is called
 * after the lock is held, so a mutation that changed the document before taking the lock is
 * always seen. Returns the activity it recorded (status changes only, no actor).
 */
export async function reconcileActionPlan(
  tx: Prisma.TransactionClient,
  target: { documentId: string; groupId: string; schoolId: string },
  snapshot: () => Snapshot,
): Promise<ActivityEvent[]> {
  await lockActionPlan(tx, target.documentId);
  const { items, present } = snapshot();
  const rows: RowState[] = await tx.actionItem.findMany({
    where: { documentId: target.documentId, itemKey: { not: null } },
    select: { id: true, itemKey: true, title: true, dueDate: true, status: true, owners: { select: { userId: true } } },
  });
  const members = new Set((await tx.groupMember.findMany({ where: { groupId: target.groupId }, select: { userId: true } })).map((m) => m.userId));
  // Unknown user ids and people outside the group are not owners, whatever the document says.
  const ownersOf = (item: ActionItemFields) => [...new Set(item.owners)].filter((id) => members.has(id));
  const rowsByKey = new Map(rows.map((row) => [row.itemKey!, row]));
  const now = new Date();
  const statusChanges: { subjectId: string; status: string }[] = [];

  const created: Prisma.ActionItemCreateManyInput[] = [];
  const createdOwners: { actionItemId: string; userId: string }[] = [];
  for (const [key, item] of items) {
    if (rowsByKey.has(key)) continue;
    const id = randomUUID();
    created.push({
      id,
      groupId: target.groupId,
      documentId: target.documentId,
      itemKey: key,
      title: item.title,
      dueDate: item.dueDate ? new Date(`${item.dueDate}T00:00:00Z`) : null,
      status: item.status,
      completedAt: item.status === "DONE" ? now : null,
    });
    for (const userId of ownersOf(item)) createdOwners.push({ actionItemId: id, userId });
    statusChanges.push({ subjectId: id, status: item.status });
  }
  if (created.length) await tx.actionItem.createMany({ data: created });
  if (createdOwners.length) await tx.actionItemOwner.createMany({ data: createdOwners });
  for (const row of created) {
    const ownerIds = createdOwners.filter((o) => o.actionItemId === row.id).map((o) => o.userId);
    await notifyActionItemAssigned(tx, { actionItemId: row.id!, groupId: target.groupId, schoolId: target.schoolId, ownerIds, actorId: null });
  }

  for (const row of rows) {
    const item = items.get(row.itemKey!);
    if (!item) continue;
    const data: Prisma.ActionItemUpdateInput = {};
    if (item.title !== row.title) data.title = item.title;
    if (item.dueDate !== dateKey(row.dueDate)) data.dueDate = item.dueDate ? new Date(`${item.dueDate}T00:00:00Z`) : null;
    if (item.status !== row.status) {
      data.status = item.status;
      // completedAt marks the moment it became DONE, as the mutations do.
      data.completedAt = item.status === "DONE" ? now : null;
      statusChanges.push({ subjectId: row.id, status: item.status });
    }
    const owners = ownersOf(item);
    const ownersChanged = !sameSet(
      owners,
      row.owners.map((o) => o.userId),
    );
    if (ownersChanged) {
      const before = new Set(row.owners.map((o) => o.userId));
      const added = owners.filter((userId) => !before.has(userId));
      await notifyActionItemAssigned(tx, { actionItemId: row.id, groupId: target.groupId, schoolId: target.schoolId, ownerIds: added, actorId: null });
      await tx.actionItemOwner.deleteMany({ where: { actionItemId: row.id } });
      if (owners.length) await tx.actionItemOwner.createMany({ data: owners.map((userId) => ({ actionItemId: row.id, userId })) });
    }
    // Touching updatedAt for an owners-only change keeps "recently changed" honest.
    if (Object.keys(data).length || ownersChanged)
      await tx.actionItem.update({ where: { id: row.id }, data: { ...data, updatedAt: now }, select: { id: true } });
  }

  const gone = rows.filter((row) => !present.has(row.itemKey!));
  if (gone.length) {
    await tx.actionItem.deleteMany({ where: { id: { in: gone.map((row) => row.id) } } });
    for (const row of gone) statusChanges.push({ subjectId: row.id, status: "DELETED" });
  }

  const events: ActivityEvent[] = [];
  for (const change of statusChanges) {
    events.push(
      await recordActivity(tx, {
        schoolId: target.schoolId,
        groupId: target.groupId,
        actorId: null,
        type: "ACTION_ITEM_CHANGED",
        subjectId: change.subjectId,
        payload: { status: change.status },
      }),
    );
  }
  return events;
}

function sameSet(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(b);
  return a.every((x) => set.has(x));
}

export type ActionPlanProjection = {
  /** Projects what is still pending at once and stops listening. Call before the database closes. */
  stop(): Promise<void>;
};

type Pending = {
  /** The live Y.Doc as last reported changed; read in memory inside the run's transaction. */
  doc: Y.Doc;
  timer: NodeJS.Timeout | null;
  firstChangeAt: number;
  running: Promise<void> | null;
  again: boolean;
  failures: number;
};

const FACTS_CACHE_MAX = 10_000;
const MAX_ATTEMPTS = 3;

export function startActionPlanProjection(deps: {
  prisma: PrismaClient;
  documents: Pick<LiveDocuments, "onChanged" | "onLoaded">;
  events?: EventBus;
  /** Where failures to project are reported; silent when absent. */
  log?: (message: string) => void;
  debounceMs?: number;
}): ActionPlanProjection {
  const debounceMs = deps.debounceMs ?? PROJECT_AFTER_MS;
  const log = deps.log ?? (() => {});
  // A document's kind and group never change, so one lookup per document serves every change.
  const facts = new Map<string, DocumentFacts | null>();
  const pending = new Map<string, Pending>();
  let stopping = false;

  const noteChange = (documentId: string, doc: Y.Doc) => {
    const known = facts.get(documentId);
    if (known === null || (known && known.kind !== "ACTION_PLAN")) return;
    let entry = pending.get(documentId);
    if (!entry) {
      entry = { doc, timer: null, firstChangeAt: Date.now(), running: null, again: false, failures: 0 };
      pending.set(documentId, entry);
    }
    // A reloaded document is a new Y.Doc: always read the latest one.
    entry.doc = doc;
    entry.failures = 0;
    schedule(documentId, entry);
  };
  const unsubscribe = deps.documents.onChanged(noteChange);
  // Projecting on load catches edits a crash kept from being projected.
  const unsubscribeLoaded = deps.documents.onLoaded(noteChange);

  function schedule(documentId: string, entry: Pending) {
    if (entry.running) {
      entry.again = true;
      return;
    }
    if (entry.timer) clearTimeout(entry.timer);
    else entry.firstChangeAt = Date.now();
    if (stopping) return run(documentId, entry);
    const wait = Math.max(0, Math.min(debounceMs, entry.firstChangeAt + PROJECT_AT_LEAST_EVERY_MS - Date.now()));
    entry.timer = setTimeout(() => run(documentId, entry), wait);
  }

  function run(documentId: string, entry: Pending) {
    entry.timer = null;
    entry.running = project(documentId, entry)
      .catch((error) => {
        log(`projecting ${documentId} failed: ${(error as Error).message}`);
        // A passing database hiccup should not leave the rows stale until the next edit.
        if (++entry.failures < MAX_ATTEMPTS && !stopping) entry.again = true;
      })
      .finally(() => {
        entry.running = null;
        if (entry.again) {
          entry.again = false;
          schedule(documentId, entry);
        } else if (!entry.timer) pending.delete(documentId);
      });
  }

  async function factsFor(documentId: string): Promise<DocumentFacts | null> {
    if (facts.has(documentId)) return facts.get(documentId)!;
    const row = await deps.prisma.document.findUnique({
      where: { id: documentId },
      select: { kind: true, groupId: true, group: { select: { schoolId: true } } },
    });
    if (facts.size >= FACTS_CACHE_MAX) facts.clear();
    const found = row ? { kind: row.kind, groupId: row.groupId, schoolId: row.group.schoolId } : null;
    facts.set(documentId, found);
    return found;
  }

  async function project(documentId: string, entry: Pending) {
    const target = await factsFor(documentId);
    if (target?.kind !== "ACTION_PLAN") return;
    const events = await transactionNotifying(deps.prisma, deps.events, (tx) =>
      reconcileActionPlan(tx, { documentId, groupId: target.groupId, schoolId: target.schoolId }, () => readActionItems(entry.doc)),
    );
    for (const event of events) deps.events?.publish("activity", toActivityMessage(event));
  }

  return {
    async stop() {
      stopping = true;
      for (const [documentId, entry] of pending) if (entry.timer) schedule(documentId, entry);
      // Every pending entry is running now; a run that must go again starts before it settles.
      while (pending.size > 0) await Promise.all([...pending.values()].map((entry) => entry.running));
      unsubscribe();
      unsubscribeLoaded();
    },
  };
}
