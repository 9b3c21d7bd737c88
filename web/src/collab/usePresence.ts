// Who has a live document open right now, from y-websocket's awareness states. One entry per
// person (someone with two tabs open is one person), the viewer first.
import { useEffect, useState } from "react";
import type { Awareness } from "y-protocols/awareness";
import type { PresenceUser } from "./useLiveDocument.ts";

export type Present = PresenceUser & { isViewer: boolean };

export function usePresence(awareness: Awareness | null, viewerId: string): Present[] {
  const [present, setPresent] = useState<Present[]>([]);
  useEffect(() => {
    if (!awareness) {
      setPresent([]);
      return;
    }
    const read = () => {
      const byUser = new Map<string, Present>();
      for (const state of awareness.getStates().values()) {
        const user = (state as { user?: Partial<PresenceUser> }).user;
        if (!user || typeof user.name !== "string" || typeof user.id !== "string") continue;
        if (!byUser.has(user.id))
          byUser.set(user.id, { id: user.id, name: user.name, color: typeof user.color === "string" ? user.color : "#374151", isViewer: user.id === viewerId });
      }
      const list = [...byUser.values()].sort((a, b) => Number(b.isViewer) - Number(a.isViewer) || a.name.localeCompare(b.name));
      setPresent((previous) => (sameList(previous, list) ? previous : list));
    };
    read();
    awareness.on("change", read);
    return () => awareness.off("change", read);
  }, [awareness, viewerId]);
  return present;
}

function sameList(a: Present[], b: Present[]): boolean {
  return a.length === b.length && a.every((p, i) => p.id === b[i]!.id && p.name === b[i]!.name && p.color === b[i]!.color);
}
