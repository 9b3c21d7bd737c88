// Where the browser tests find Chromium: CHROMIUM_PATH when set, otherwise Debian's package
// (which `npm test` installs when it is missing: test/setup/prepare.ts).
export const DEBIAN_CHROMIUM = "/usr/bin/chromium";
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? DEBIAN_CHROMIUM;
