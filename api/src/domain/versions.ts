// Named versions of a document: how long a name may be, and what a restore's safety copy is called.
export const VERSION_NAME_MAX = 120;

/** "Before restoring <name>", shortened to fit the name limit. */
export function preRestoreName(name: string): string {
  const full = `Before restoring ${name}`;
  return full.length <= VERSION_NAME_MAX ? full : `${full.slice(0, VERSION_NAME_MAX - 1)}…`;
}
