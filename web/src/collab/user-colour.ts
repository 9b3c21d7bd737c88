// Each person gets the same colour on every screen and in every document, derived from their
// id, so a caret, a presence chip and a name always match. The palette is dark enough for white
// caret labels (contrast ≥ 4.5:1) and the Collaboration caret needs plain "#rrggbb" values.
const PALETTE = ["#1f6f61", "#1a56db", "#a4262c", "#7c3aed", "#8a5300", "#0e7490", "#be185d", "#4d7c0f", "#b45309", "#374151"] as const;

export function userColour(userId: string): string {
  // FNV-1a: cheap, stable and spreads similar ids (relay ids share long prefixes) across the palette.
  let hash = 0x811c9dc5;
  for (let i = 0; i < userId.length; i++) {
    hash ^= userId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return PALETTE[(hash >>> 0) % PALETTE.length]!;
}
