// The shape of a group: how many people a peer group holds, and the sentences that say so.

/**
 * A peer group starts with 3 to 6 teachers and never grows past 6; 3 to 5 is where peer
 * coaching works best, so outside it the group sees a friendly note. Leaving is always allowed
 * (nobody is kept in a group), so a group can shrink below 3 and is asked to add a colleague.
 */
export const PEER_GROUP_LIMITS = { min: 3, max: 6, sweetSpot: { min: 3, max: 5 } };

/** The rule in words, for errors and for the forms that start or grow a group. */
export const PEER_GROUP_SIZE_RULE = `A peer group has ${PEER_GROUP_LIMITS.min} to ${PEER_GROUP_LIMITS.max} members; ${PEER_GROUP_LIMITS.sweetSpot.min} to ${PEER_GROUP_LIMITS.sweetSpot.max} works best.`;

export function peerGroupSizeWarning(kind: string, size: number): string | null {
  if (kind !== "PEER") return null;
  const { min, max } = PEER_GROUP_LIMITS.sweetSpot;
  if (size < min) return `Peer groups work best with ${min} to ${max} teachers; this one has ${size}. Add a colleague.`;
  if (size > max) return `Peer groups work best with ${min} to ${max} teachers; this one has ${size}. Consider splitting it.`;
  return null;
}
