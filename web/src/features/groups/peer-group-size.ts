// A peer group's size as the api enforces it (api/src/domain/groups.ts), said the same way.
export const PEER_GROUP_SIZE = { min: 3, max: 6 };
export const PEER_GROUP_GUIDANCE = "A peer group has 3 to 6 teachers, you included; 3 to 5 works best.";
