// /documents/:documentId — a live document. Lesson plans, meeting notes and reflections open in
// the rich-text editor with the feedback sidebar and version history; an action plan opens as
// its board. Everyone here is listed with their colour, and the connection is always stated.
import { Link, useNavigate, useParams, useSearchParams } from "react-router-dom";
import { useQuery } from "urql";
import { useAuth } from "../../app/auth.tsx";
import { paths } from "../../app/paths.ts";
import { LiveStatusBar } from "../../collab/LiveStatusBar.tsx";
import { LiveRichText } from "../../collab/rich-text/LiveRichText.tsx";
import { useLiveEditor } from "../../collab/rich-text/useLiveEditor.ts";
import { closedReason, liveClosed, useDocumentSession } from "../../collab/useDocumentSession.ts";
import { Button } from "../../ui/Button.tsx";
import { CoachSharing } from "../../ui/CoachSharing.tsx";
import { DocumentActions } from "../../ui/DocumentActions.tsx";
import { Badge, PageHeader } from "../../ui/layout.tsx";
import { humanize } from "../../ui/format.ts";
import { EmptyState, ErrorState, Loading } from "../../ui/states.tsx";
import { ActionPlanBoard } from "../action-plan/ActionPlanBoard.tsx";
import { FeedbackSidebar } from "../feedback/FeedbackSidebar.tsx";
import { VersionHistory } from "../versions/VersionHistory.tsx";
import { DocumentPageQuery, type DocumentPageData } from "./document-queries.ts";
import { DocumentTabs } from "./SidebarTabs.tsx";
import { useMediaQuery } from "./useMediaQuery.ts";
import "./editor.css";

/** Where the editor's side panel becomes tabs beside the document (the stylesheet's one-column width). */
const NARROW = "(max-width: 40rem)";

export function DocumentPage() {
  const { documentId = "" } = useParams();
  const [result, refetch] = useQuery({ query: DocumentPageQuery, variables: { id: documentId } });
  const retry = () => refetch({ requestPolicy: "network-only" });
  const navigate = useNavigate();

  if (!result.data) {
    if (result.error) return <ErrorState error={result.error} title="This document could not be opened" retry={retry} />;
    return <Loading label="Opening the document…" />;
  }
  const node = result.data.node;
  if (!node || node.__typename !== "Document") {
    // A document one may not read and one that does not exist look the same, on purpose.
    return (
      <>
        <PageHeader title="Document not available" />
        <EmptyState title="You don't have access to this document, or it no longer exists.">
          <p>
            If someone shared a link with you, ask them to check that you are in the group. <Link to={paths.home}>Back to your home page</Link>
          </p>
        </EmptyState>
      </>
    );
  }
  // Keyed by id: moving to another document starts a fresh live copy and editor.
  // After a delete, the group's page says what went (this page's own editor is closed by then).
  const onDeleted = () => navigate(paths.group(node.group.id), { state: { deletedDocument: node.title } });
  return <LiveDocumentView key={node.id} document={node} refresh={retry} onDeleted={onDeleted} />;
}

function LiveDocumentView({ document, refresh, onDeleted }: { document: DocumentPageData; refresh: () => void; onDeleted: () => void }) {
  const { dropSession } = useAuth();
  const { live, present, user } = useDocumentSession(document);
  const canWrite = document.viewerAccess === "WRITE";
  const isPlan = document.kind === "ACTION_PLAN";
  const isReflection = document.kind === "REFLECTION";
  // At phone width the document and its tools are tabs: feedback is one tap away, not below the whole document.
  const narrow = useMediaQuery(NARROW);
  // A notification's link to a feedback thread (?feedback=): open on the feedback.
  const [searchParams] = useSearchParams();
  const linkedToFeedback = searchParams.has("feedback");
  const editor = useLiveEditor(live, { user, editable: canWrite, label: isPlan ? `Notes of ${document.title}` : document.title, documentId: document.id });
  const members = document.group.members.edges.map(({ node }) => ({ collabId: node.user.collabId, name: node.user.name }));

  const header = (
    <PageHeader
      title={document.title}
      actions={
        liveClosed(live) ? null : (
          <DocumentActions
            document={{ id: document.id, title: document.title, canRename: canWrite, canDelete: document.viewerCanDelete }}
            onRenamed={refresh}
            onDeleted={onDeleted}
          />
        )
      }
      breadcrumb={
        <>
          <Link to={paths.group(document.group.id)}>{document.group.name}</Link>
          {document.session ? (
            <>
              {" › "}
              <Link to={paths.session(document.session.id)}>{document.session.title}</Link>
            </>
          ) : null}
        </>
      }
      subtitle={
        <>
          {humanize(document.kind)} · started by {document.creator.name}
          {canWrite ? null : (
            <>
              {" "}
              <Badge tone="warn">Read only</Badge>
            </>
          )}
          {document.sharedWithCoachesAt ? (
            <>
              {" "}
              <Badge tone="accent">Shared with coaches</Badge>
            </>
          ) : isReflection ? (
            <>
              {" "}
              <Badge tone="accent">Private</Badge> <span className="document-private-note">Only you can see this reflection.</span>
            </>
          ) : null}
        </>
      }
    />
  );
  // Whoever may write it may share it with coaches, or stop sharing it.
  const sharing = canWrite ? (
    <CoachSharing
      documentId={document.id}
      sharedWithCoachesAt={document.sharedWithCoachesAt ?? null}
      groupName={document.group.name}
      reflection={document.kind === "REFLECTION"}
      onChanged={refresh}
    />
  ) : null;

  if (liveClosed(live)) {
    return (
      <>
        {header}
        <LiveStatusBar live={live} present={[]} />
        <ErrorState title="This document is closed" error={closedReason(live, "this document")} />
        <p>
          {live?.status === "signed-out" || live?.status === "deactivated" ? (
            // Dropping the dead token sends the viewer to sign-in, and back here afterwards.
            <Button onClick={dropSession}>{live?.status === "deactivated" ? "Go to the sign-in page" : "Sign in again"}</Button>
          ) : (
            <Link to={paths.home}>Back to your home page</Link>
          )}
        </p>
      </>
    );
  }

  const versions = <VersionHistory documentId={document.id} canWrite={canWrite} />;

  if (isPlan) {
    return (
      <>
        {header}
        {sharing}
        <LiveStatusBar live={live} present={present} canWrite={canWrite} />
        {live ? <ActionPlanBoard doc={live.doc} members={members} canWrite={canWrite} loaded={live.loaded} /> : <Loading label="Opening the plan…" />}
        <div className="plan-extras">
          <section className="section" aria-labelledby="plan-notes-heading">
            <h2 id="plan-notes-heading">Plan notes</h2>
            <LiveRichText editor={editor} live={live} canWrite={canWrite} />
          </section>
          <section className="section" aria-labelledby="plan-versions-heading">
            <h2 id="plan-versions-heading">Version history</h2>
            {versions}
          </section>
        </div>
      </>
    );
  }

  const feedback = (
    <FeedbackSidebar
      documentId={document.id}
      editor={editor}
      canWrite={canWrite}
      reflection={isReflection ? { shared: document.sharedWithCoachesAt !== null } : null}
    />
  );
  const text = <LiveRichText editor={editor} live={live} canWrite={canWrite} />;

  return (
    <>
      {header}
      {sharing}
      <LiveStatusBar live={live} present={present} canWrite={canWrite} />
      <DocumentTabs
        narrow={narrow}
        startOn={linkedToFeedback ? "feedback" : undefined}
        document={{ id: "document", label: "Document", panel: text }}
        tools={[
          { id: "feedback", label: "Feedback", panel: feedback },
          { id: "versions", label: "Versions", panel: versions },
        ]}
      />
    </>
  );
}
