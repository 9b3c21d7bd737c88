// Support tiers as people read them: the level of one-to-one support a teacher gets from a coach.
import { Badge } from "./layout.tsx";

export type SupportTier = "NETWORK" | "TARGETED" | "INTENSIVE";

export const TIER_LABEL: Record<SupportTier, string> = { NETWORK: "Network", TARGETED: "Targeted", INTENSIVE: "Intensive" };

/** Greatest need first, as the api orders coaching assignments. */
export const TIERS_BY_NEED: readonly SupportTier[] = ["INTENSIVE", "TARGETED", "NETWORK"];

const TIER_TONE = { NETWORK: "neutral", TARGETED: "accent", INTENSIVE: "warn" } as const;

export function TierBadge({ tier }: { tier: SupportTier }) {
  return <Badge tone={TIER_TONE[tier]}>{TIER_LABEL[tier]}</Badge>;
}
