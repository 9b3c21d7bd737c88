// Glows, grows and questions on a document. New feedback can be anchored to the passage selected
// in the editor; clicking a thread's quote shows that passage. Others' feedback arrives live
// (feedbackActivity), and the list is refetched when it does.
import type { Editor } from "@tiptap/react";
import { useEditorState } from "@tiptap/react";
import { useContext, useEffect, useId, useMemo, useRef, useState, type FormEvent } from "react";
import { useSearchParams } from "react-router-dom";
import { useMutation, useQuery, useSubscription } from "urql";
import { useAuth } from "../../app/auth.tsx";
import { mutationFailure } from "../../graphql/mutation-outcome.ts";
import { Button } from "../../ui/Button.tsx";
import { ConfirmDialog } from "../../ui/ConfirmDialog.tsx";
import { MentionDocumentContext } from "../../ui/mentions/mention-candidates.ts";
import { MentionTextArea } from "../../ui/mentions/MentionTextArea.tsx";
import { useTextMentions } from "../../ui/mentions/useTextMentions.ts";
import { formatDateTime } from "../../ui/format.ts";
import { ErrorState, Loading, type ShowableError } from "../../ui/states.tsx";
import { anchorForSelection, rangeOfAnchor } from "./feedback-anchor.ts";
import { highlightPassage } from "../../collab/rich-text/feedback-highlight.ts";
import {
  AddFeedbackMutation,
  DeleteFeedbackMutation,
  FeedbackActivitySubscription,
  FeedbackThreadsQuery,
  ReopenFeedbackMutation,
  ReplyToFeedbackMutation,
  ResolveFeedbackMutation,
  UpdateFeedbackMutation,
  type FeedbackThread,
} from "./feedback-queries.ts";
import "./feedback.css";

type Kind = "GLOW" | "GROW" | "QUESTION";

export const FEEDBACK_KINDS: Record<Kind | "NOTE", { label: string; icon: string; hint: string }> = {
  GLOW: { label: "Glow", icon: "✦", hint: "Something that works well" },
  GROW: { label: "Grow", icon: "↗", hint: "Something to strengthen" },
  QUESTION: { label: "Question", icon: "?", hint: "Something you wonder about" },
  NOTE: { label: "Note", icon: "•", hint: "A note" },
};

type Filter = "OPEN" | "RESOLVED" | "ALL";

export function FeedbackSidebar({
  documentId,
  editor,
  canWrite,
  reflection = null,
}: {
  documentId: string;
  editor: Editor | null;
  canWrite: boolean;
  /** A reflection: its author writes it alone (coaches may read it once shared), so nobody gives feedback on it. */
  reflection?: { shared: boolean } | null;
}) {
  const privateToViewer = reflection !== null && canWrite;
  const { viewer } = useAuth();
  const [result, refetch] = useQuery({ query: FeedbackThreadsQuery, variables: { id: documentId } });
  const [filter, setFilter] = useState<Filter>("OPEN");
  const [activeThread, setActiveThread] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");

  // Someone else's feedback: refetch, and say so for screen readers.
  const [activity] = useSubscription({ query: FeedbackActivitySubscription, variables: { documentId } });
  const event = activity.data?.feedbackActivity;
  useEffect(() => {
    if (!event) return;
    refetch({ requestPolicy: "network-only" });
    if (event.actor && event.actor.id !== viewer?.id) {
      const verbs: Record<string, string> = {
        FEEDBACK_ADDED: "added feedback",
        FEEDBACK_REPLIED: "replied to feedback",
        FEEDBACK_RESOLVED: "resolved feedback",
        FEEDBACK_REOPENED: "reopened feedback",
        FEEDBACK_EDITED: "edited feedback",
        FEEDBACK_DELETED: "deleted feedback",
      };
      setAnnouncement(`${event.actor.name} ${verbs[event.type] ?? "changed feedback"}.`);
    }
    // A new event id is a new event; the object identity may change on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [event?.id]);

  const document = result.data?.node?.__typename === "Document" ? result.data.node : null;
  // The newest 100 threads, newest first: feedback arriving live lands at the top, in sight.
  const threads = useMemo(() => document?.feedback.edges.map((edge) => edge.node).reverse() ?? [], [document]);
  const counts = { OPEN: threads.filter((t) => !t.resolvedAt).length, RESOLVED: threads.filter((t) => t.resolvedAt).length, ALL: threads.length };
  const shown = threads.filter((t) => filter === "ALL" || (filter === "OPEN" ? !t.resolvedAt : t.resolvedAt));

  const showPassage = (thread: FeedbackThread) => {
    setActiveThread(thread.id);
    if (!editor) return;
    const range = rangeOfAnchor(editor, thread.anchor);
    highlightPassage(editor, range);
    setAnnouncement(range ? "" : "That passage is no longer in the document; the quote shows what it said.");
  };

  // `?feedback=<thread id>` (a notification's link): open that thread once the threads and the
  // editor are there, show its passage, and move focus to it.
  const [searchParams] = useSearchParams();
  const linkedThread = searchParams.get("feedback");
  // The link followed, and the editor its passage waits on. useLiveEditor makes a plain editor
  // first and replaces it once the live copy is set up: when the threads arrive before that, the
  // passage is looked for again in the new editor (the thread is opened and focused only once).
  const followedLink = useRef<{ threadId: string; editor: Editor; shown: boolean } | null>(null);
  useEffect(() => {
    if (!linkedThread || !editor) return;
    const followed = followedLink.current;
    if (followed?.threadId === linkedThread && (followed.shown || followed.editor === editor)) return;
    const thread = threads.find((t) => t.id === linkedThread);
    if (!thread) return;
    const firstTime = followed?.threadId !== linkedThread;
    const following = { threadId: linkedThread, editor, shown: false };
    followedLink.current = following;
    if (firstTime) {
      if (thread.resolvedAt) setFilter("ALL");
      setActiveThread(thread.id);
    }
    // The live document may still be syncing: highlight the passage once its text is there
    // (or say it is gone, if it never comes within a few seconds).
    let done = false;
    // Not undone when the threads reload: the link is followed once, whatever re-renders meanwhile.
    const attempt = (last: boolean) => {
      if (done || editor.isDestroyed || (!last && !rangeOfAnchor(editor, thread.anchor))) return;
      done = true;
      following.shown = true;
      window.clearTimeout(giveUp);
      editor.off("transaction", onTransaction);
      showPassage(thread);
    };
    const onTransaction = () => attempt(false);
    const giveUp = window.setTimeout(() => attempt(true), 5000);
    editor.on("transaction", onTransaction);
    attempt(!thread.anchor);
    if (!firstTime) return;
    requestAnimationFrame(() => {
      const item = window.document.querySelector<HTMLElement>(`[data-thread-id="${CSS.escape(thread.id)}"]`);
      item?.scrollIntoView({ block: "nearest" });
      item?.focus({ preventScroll: true });
    });

    // showPassage reads the editor and the thread given; threads changing is what retriggers.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [linkedThread, threads, editor]);

  return (
    <MentionDocumentContext value={documentId}>
      <div className="feedback">
        <p className="visually-hidden" role="status" aria-live="polite">
          {announcement}
        </p>
        {privateToViewer ? (
          <p className="feedback__private">
            {reflection?.shared
              ? "This reflection is yours: coaches can read it, and nobody gives feedback on it."
              : "This reflection is private: only you can open it, so there is no feedback to give here."}{" "}
            Glows, grows and questions are for the lesson plans and notes your group works on together.
          </p>
        ) : canWrite ? (
          <AddFeedbackForm documentId={documentId} editor={editor} onAdded={() => refetch({ requestPolicy: "network-only" })} />
        ) : null}
        <div className="feedback__filters" role="group" aria-label="Show feedback">
          {(["OPEN", "RESOLVED", "ALL"] as const).map((value) => (
            <button key={value} type="button" className="chip" aria-pressed={filter === value} onClick={() => setFilter(value)}>
              {value === "OPEN" ? "Open" : value === "RESOLVED" ? "Resolved" : "All"} ({counts[value]})
            </button>
          ))}
        </div>
        {result.error && !document ? <ErrorState error={result.error} retry={() => refetch({ requestPolicy: "network-only" })} /> : null}
        {!document && result.fetching ? <Loading label="Loading feedback…" /> : null}
        {document && shown.length === 0 ? (
          <p className="feedback__empty">
            {filter === "OPEN" && !privateToViewer && canWrite
              ? "No open feedback. Select text in the document to give a glow, grow or question."
              : filter === "OPEN"
                ? "No open feedback."
                : "Nothing here yet."}
          </p>
        ) : null}
        <ul className="feedback__threads" aria-label="Feedback threads">
          {shown.map((thread) => (
            <FeedbackThreadItem
              key={thread.id}
              thread={thread}
              active={thread.id === activeThread}
              canWrite={canWrite}
              viewerId={viewer?.id ?? ""}
              onShowPassage={() => showPassage(thread)}
              onChanged={() => refetch({ requestPolicy: "network-only" })}
            />
          ))}
        </ul>
      </div>
    </MentionDocumentContext>
  );
}

function AddFeedbackForm({ documentId, editor, onAdded }: { documentId: string; editor: Editor | null; onAdded: () => void }) {
  const [kind, setKind] = useState<Kind>("GLOW");
  const [body, setBody] = useState("");
  const [anchored, setAnchored] = useState(true);
  const [error, setError] = useState<ShowableError | null>(null);
  const [{ fetching }, addFeedback] = useMutation(AddFeedbackMutation);
  const legendId = useId();
  const mentions = useTextMentions(documentId, body, setBody);

  // The passage selected in the editor right now (ProseMirror keeps the selection while the form has focus).
  const selection = useEditorState({
    editor,
    selector: ({ editor: e }) =>
      e && !e.state.selection.empty ? e.state.doc.textBetween(e.state.selection.from, e.state.selection.to, " ", " ").replace(/\s+/g, " ").trim() : "",
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!body.trim()) {
      setError({ code: "VALIDATION_FAILED", message: "Write your feedback first." });
      return;
    }
    const anchor = anchored && editor ? anchorForSelection(editor) : null;
    const result = await addFeedback({
      input: {
        documentId,
        kind,
        body: body.trim(),
        mentionIds: mentions.mentionIds,
        ...(anchor ? { anchor: anchor.anchor, anchorQuote: anchor.quote } : {}),
      },
    });
    const failure = mutationFailure(result, "addFeedback");
    if (failure) return setError(failure);
    setBody("");
    onAdded();
  };

  return (
    <form className="feedback-form" onSubmit={submit} aria-label="Give feedback">
      <fieldset className="feedback-form__kinds" aria-describedby={legendId}>
        <legend id={legendId}>Kind of feedback</legend>
        {(["GLOW", "GROW", "QUESTION"] as const).map((value) => (
          <label key={value} className={`kind-option kind-option--${value.toLowerCase()}`}>
            <input type="radio" name="feedback-kind" value={value} checked={kind === value} onChange={() => setKind(value)} />
            <span aria-hidden="true" className="kind-option__icon">
              {FEEDBACK_KINDS[value].icon}
            </span>
            {FEEDBACK_KINDS[value].label}
          </label>
        ))}
      </fieldset>
      <MentionTextArea
        mentions={mentions}
        label="Your feedback"
        value={body}
        onChange={(event) => setBody(event.target.value)}
        maxLength={5000}
        rows={3}
        hint={FEEDBACK_KINDS[kind].hint}
      />
      {selection ? (
        <label className="feedback-form__anchor">
          <input type="checkbox" checked={anchored} onChange={(event) => setAnchored(event.target.checked)} />
          <span>
            About the selected text: <q>{selection.length > 80 ? `${selection.slice(0, 79)}…` : selection}</q>
          </span>
        </label>
      ) : (
        <p className="feedback-form__tip">Tip: select text in the document first to attach your feedback to it.</p>
      )}
      {error ? <ErrorState error={error} title="Your feedback was not added" /> : null}
      <Button type="submit" busy={fetching} busyLabel="Adding…">
        Add {FEEDBACK_KINDS[kind].label.toLowerCase()}
      </Button>
    </form>
  );
}

function FeedbackThreadItem({
  thread,
  active,
  canWrite,
  viewerId,
  onShowPassage,
  onChanged,
}: {
  thread: FeedbackThread;
  active: boolean;
  canWrite: boolean;
  viewerId: string;
  onShowPassage: () => void;
  onChanged: () => void;
}) {
  const kind = FEEDBACK_KINDS[thread.kind];
  const [reply, setReply] = useState("");
  const [replying, setReplying] = useState(false);
  const [error, setError] = useState<ShowableError | null>(null);
  const [replyState, replyToFeedback] = useMutation(ReplyToFeedbackMutation);
  const [resolveState, resolveFeedback] = useMutation(ResolveFeedbackMutation);
  const [reopenState, reopenFeedback] = useMutation(ReopenFeedbackMutation);
  const [editing, setEditing] = useState(false);
  const headingId = useId();
  const mine = canWrite && thread.author.id === viewerId;
  const replyMentions = useTextMentions(useContext(MentionDocumentContext), reply, setReply);

  const sendReply = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!reply.trim()) return setError({ code: "VALIDATION_FAILED", message: "Write a reply first." });
    const failure = mutationFailure(
      await replyToFeedback({ feedbackId: thread.id, body: reply.trim(), mentionIds: replyMentions.mentionIds }),
      "replyToFeedback",
    );
    if (failure) return setError(failure);
    setReply("");
    setReplying(false);
    onChanged();
  };

  const toggleResolved = async () => {
    setError(null);
    const failure = thread.resolvedAt
      ? mutationFailure(await reopenFeedback({ feedbackId: thread.id }), "reopenFeedback")
      : mutationFailure(await resolveFeedback({ feedbackId: thread.id }), "resolveFeedback");
    if (failure) return setError(failure);
    onChanged();
  };

  return (
    <li
      className={`thread thread--${thread.kind.toLowerCase()}${active ? " thread--active" : ""}${thread.resolvedAt ? " thread--resolved" : ""}`}
      aria-labelledby={headingId}
      aria-current={active ? "true" : undefined}
      data-thread-id={thread.id}
      tabIndex={-1}
    >
      <article>
        <header className="thread__header">
          <span className={`kind-badge kind-badge--${thread.kind.toLowerCase()}`}>
            <span aria-hidden="true">{kind.icon}</span> {kind.label}
          </span>
          <h3 id={headingId} className="thread__author">
            {kind.label} from {thread.author.name}
          </h3>
          <time dateTime={thread.createdAt} className="thread__time">
            {formatDateTime(thread.createdAt)}
          </time>
        </header>
        {thread.anchorQuote ? (
          <button type="button" className="thread__quote" onClick={onShowPassage} aria-label={`Show the passage in the document: ${thread.anchorQuote}`}>
            <q>{thread.anchorQuote}</q>
          </button>
        ) : null}
        {editing ? (
          <EditFeedbackForm
            feedback={{ id: thread.id, body: thread.body, kind: thread.kind }}
            what={kind.label.toLowerCase()}
            onDone={() => {
              setEditing(false);
              onChanged();
            }}
            onCancel={() => setEditing(false)}
          />
        ) : (
          <p className="thread__body">{thread.body}</p>
        )}
        {mine && !editing ? (
          <OwnFeedbackActions
            feedback={{ id: thread.id, what: `your ${kind.label.toLowerCase()}`, replies: thread.replies.totalCount }}
            onEdit={() => setEditing(true)}
            onDeleted={onChanged}
          />
        ) : null}
        {thread.replies.edges.length > 0 ? (
          <ul className="thread__replies" aria-label="Replies">
            {thread.replies.edges.map(({ node }) => (
              <ReplyItem key={node.id} reply={node} mine={canWrite && node.author.id === viewerId} onChanged={onChanged} />
            ))}
          </ul>
        ) : null}
        {thread.resolvedAt ? (
          <p className="thread__resolved">
            Resolved{thread.resolvedBy ? ` by ${thread.resolvedBy.name}` : ""} · {formatDateTime(thread.resolvedAt)}
          </p>
        ) : null}
        {error ? <ErrorState error={error} title="That did not work" /> : null}
        {canWrite ? (
          <>
            {replying ? (
              <form className="thread__reply-form" onSubmit={sendReply}>
                <MentionTextArea
                  mentions={replyMentions}
                  label="Your reply"
                  value={reply}
                  onChange={(event) => setReply(event.target.value)}
                  rows={2}
                  maxLength={5000}
                  autoFocus
                />
                <div className="thread__actions">
                  <Button type="submit" size="small" busy={replyState.fetching} busyLabel="Sending…">
                    Send reply
                  </Button>
                  <Button variant="quiet" size="small" onClick={() => setReplying(false)}>
                    Cancel
                  </Button>
                </div>
              </form>
            ) : (
              <div className="thread__actions">
                <Button
                  variant="secondary"
                  size="small"
                  onClick={() => setReplying(true)}
                  aria-label={`Reply to ${kind.label.toLowerCase()} from ${thread.author.name}`}
                >
                  Reply
                </Button>
                <Button
                  variant="quiet"
                  size="small"
                  onClick={() => void toggleResolved()}
                  busy={resolveState.fetching || reopenState.fetching}
                  aria-label={`${thread.resolvedAt ? "Reopen" : "Resolve"} ${kind.label.toLowerCase()} from ${thread.author.name}`}
                >
                  {thread.resolvedAt ? "Reopen" : "Resolve"}
                </Button>
              </div>
            )}
          </>
        ) : null}
      </article>
    </li>
  );
}

type Reply = FeedbackThread["replies"]["edges"][number]["node"];

function ReplyItem({ reply, mine, onChanged }: { reply: Reply; mine: boolean; onChanged: () => void }) {
  const [editing, setEditing] = useState(false);
  return (
    <li>
      <strong>{reply.author.name}</strong> <time dateTime={reply.createdAt}>{formatDateTime(reply.createdAt)}</time>
      {editing ? (
        <EditFeedbackForm
          feedback={{ id: reply.id, body: reply.body, kind: null }}
          what="reply"
          onDone={() => {
            setEditing(false);
            onChanged();
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <p>{reply.body}</p>
      )}
      {mine && !editing ? (
        <OwnFeedbackActions feedback={{ id: reply.id, what: "your reply", replies: 0 }} onEdit={() => setEditing(true)} onDeleted={onChanged} />
      ) : null}
    </li>
  );
}

/** Edit and Delete for feedback the viewer wrote; deleting asks first, and says what goes with it. */
function OwnFeedbackActions({
  feedback,
  onEdit,
  onDeleted,
}: {
  feedback: { id: string; what: string; replies: number };
  onEdit: () => void;
  onDeleted: () => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<ShowableError | null>(null);
  const [{ fetching }, deleteFeedback] = useMutation(DeleteFeedbackMutation);

  const confirm = async () => {
    setError(null);
    const failure = mutationFailure(await deleteFeedback({ feedbackId: feedback.id }), "deleteFeedback");
    if (failure) return setError(failure);
    setConfirming(false);
    onDeleted();
  };

  return (
    <div className="thread__own">
      <Button variant="quiet" size="small" onClick={onEdit} aria-label={`Edit ${feedback.what}`}>
        Edit
      </Button>
      <Button variant="quiet" size="small" onClick={() => setConfirming(true)} aria-label={`Delete ${feedback.what}`}>
        Delete
      </Button>
      {error && !confirming ? <ErrorState error={error} title="That did not work" /> : null}
      <ConfirmDialog
        open={confirming}
        title={`Delete ${feedback.what}?`}
        confirmLabel="Delete"
        danger
        busy={fetching}
        onConfirm={() => void confirm()}
        onCancel={() => setConfirming(false)}
      >
        <p>
          {feedback.replies > 0
            ? `${feedback.replies === 1 ? "The reply to it goes too, whoever wrote it." : `The ${feedback.replies} replies to it go too, whoever wrote them.`} This cannot be undone.`
            : "This cannot be undone."}
        </p>
        {error ? <ErrorState error={error} title="It was not deleted" /> : null}
      </ConfirmDialog>
    </div>
  );
}

function EditFeedbackForm({
  feedback,
  what,
  onDone,
  onCancel,
}: {
  feedback: { id: string; body: string; kind: Kind | "NOTE" | null };
  what: string;
  onDone: () => void;
  onCancel: () => void;
}) {
  const [body, setBody] = useState(feedback.body);
  const [kind, setKind] = useState(feedback.kind);
  const [error, setError] = useState<ShowableError | null>(null);
  const [{ fetching }, updateFeedback] = useMutation(UpdateFeedbackMutation);
  const editMentions = useTextMentions(useContext(MentionDocumentContext), body, setBody);
  const legendId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!body.trim()) return setError({ code: "VALIDATION_FAILED", message: "Write something first, or delete it instead." });
    const changedKind = kind !== null && kind !== feedback.kind ? { kind } : {};
    const failure = mutationFailure(
      await updateFeedback({ feedbackId: feedback.id, body: body.trim(), mentionIds: editMentions.mentionIds, ...changedKind }),
      "updateFeedback",
    );
    if (failure) return setError(failure);
    onDone();
  };

  return (
    <form className="thread__edit-form" onSubmit={submit} aria-label={`Edit your ${what}`}>
      {kind !== null && kind !== "NOTE" ? (
        <fieldset className="feedback-form__kinds" aria-describedby={legendId}>
          <legend id={legendId}>Kind of feedback</legend>
          {(["GLOW", "GROW", "QUESTION"] as const).map((value) => (
            <label key={value} className={`kind-option kind-option--${value.toLowerCase()}`}>
              <input type="radio" name={`edit-kind-${feedback.id}`} value={value} checked={kind === value} onChange={() => setKind(value)} />
              <span aria-hidden="true" className="kind-option__icon">
                {FEEDBACK_KINDS[value].icon}
              </span>
              {FEEDBACK_KINDS[value].label}
            </label>
          ))}
        </fieldset>
      ) : null}
      <MentionTextArea
        mentions={editMentions}
        label={`Your ${what}`}
        value={body}
        onChange={(event) => setBody(event.target.value)}
        rows={3}
        maxLength={5000}
        autoFocus
      />
      {error ? <ErrorState error={error} title="Your changes were not saved" /> : null}
      <div className="thread__actions">
        <Button type="submit" size="small" busy={fetching} busyLabel="Saving…">
          Save
        </Button>
        <Button variant="quiet" size="small" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
