// A new document's starting content: its kind's template, written as a live-document edit.
import { writeTemplate } from "../collab/content/templates.ts";
import type { DocumentKind } from "../generated/prisma/enums.ts";
import type { Caller } from "./run-command.ts";

/**
 * Writes the kind's template into a newly created document, through the live-document path so
 * it is durable like any edit. Meeting notes tied to a session follow that session's agenda.
 */
export async function applyDocumentTemplate(caller: Caller, doc: { id: string; kind: DocumentKind; title: string; sessionId: string | null }): Promise<void> {
  const session = doc.sessionId
    ? await caller.prisma.session.findUnique({
        where: { id: doc.sessionId },
        select: {
          title: true,
          startsAt: true,
          protocol: true,
          agendaItems: { orderBy: [{ position: "asc" }, { id: "asc" }], select: { title: true, minutes: true, plcQuestion: true } },
        },
      })
    : null;
  const context = { title: doc.title, session: session && { ...session, agenda: session.agendaItems } };
  await caller.services.documents.change(doc.id, (ydoc) => writeTemplate(ydoc, doc.kind, context));
}
