// The demo installation's sign-in hints. Public on purpose: the demo school's accounts and their
// shared password are documented in the README, and the sign-in page lists them so someone trying
// Staffroom can click one. Only an installation that seeds the demo school (SEED_DEMO, on by
// default for `npm start`; production sets it to false) shows them, and only while that school exists.
import type { Config } from "../config.ts";

export function mayListDemoLogins(config: Pick<Config, "seedDemo">): boolean {
  return config.seedDemo;
}
