// The shape of a group: how many people a peer group holds.

/** Peer groups hold 2–6 members; 3–5 is the sweet spot, so outside it we warn but allow. */
export const PEER_GROUP_LIMITS = { min: 2, max: 6, sweetSpot: { min: 3, max: 5 } };
