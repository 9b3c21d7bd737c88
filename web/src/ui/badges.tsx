// Small status labels shared by the home and group pages.
import { humanize } from "./format.ts";
import { Badge } from "./layout.tsx";

export function GroupKindBadge({ kind }: { kind: "PEER" | "PLC" }) {
  return <Badge tone="accent">{kind === "PLC" ? "PLC" : "Peer group"}</Badge>;
}

export function SessionStatusBadge({ status }: { status: "PLANNED" | "LIVE" | "DONE" }) {
  if (status === "LIVE") return <Badge tone="danger">Live now</Badge>;
  if (status === "DONE") return <Badge>Done</Badge>;
  return <Badge>Planned</Badge>;
}

export function ActionStatusBadge({ status, overdue }: { status: "OPEN" | "DONE" | "BLOCKED"; overdue: boolean }) {
  if (overdue) return <Badge tone="danger">Overdue</Badge>;
  if (status === "BLOCKED") return <Badge tone="warn">Blocked</Badge>;
  if (status === "DONE") return <Badge tone="accent">Done</Badge>;
  return <Badge>{humanize(status)}</Badge>;
}

export function GoalStatusBadge({ status }: { status: "ON_TRACK" | "AT_RISK" | "OFF_TRACK" | "MET" | "NOT_MET" }) {
  const tone =
    status === "ON_TRACK" || status === "MET"
      ? "accent"
      : status === "AT_RISK"
        ? "warn"
        : status === "OFF_TRACK" || status === "NOT_MET"
          ? "danger"
          : "neutral";
  return <Badge tone={tone}>{humanize(status)}</Badge>;
}
