// Progress lines for a section's phases, with the time each took: on a slow run you can see where the time went.
export function phases(indent = "    "): (what: string) => void {
  let last = performance.now();
  return (what) => {
    const now = performance.now();
    console.log(`${indent}${what} (${((now - last) / 1000).toFixed(1)} s)`);
    last = now;
  };
}
