// `npm start`: read config, start the app, print where it is and the demo logins. Those lines and
// the sentence saying why it could not start are plain text for the person at the terminal;
// everything the running server has to say is a JSON log line (observability/logger.ts).
import { buildApp } from "./app.ts";
import { ConfigError, loadConfig, type Config } from "./config.ts";
import { keepServingAfterStrayErrors } from "./http-guard.ts";
import { describeStartupError } from "./startup-errors.ts";

let config: Config | undefined;
try {
  config = loadConfig();
  const startedAt = performance.now();
  const app = buildApp(config);
  const started = await app.start();
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  console.log(`Staffroom is running at ${started.url} (${started.db.kind}, ready in ${seconds}s)`);
  console.log(`  GraphQL: ${started.url}/graphql`);
  if (started.demo) {
    console.log(
      `\nDemo school "${started.demo.schoolName}"${started.demo.created ? " (just created)" : ""}. Every demo login uses the password: ${started.demo.password}`,
    );
    for (const login of started.demo.logins) console.log(`  ${login.role.padEnd(8)} ${login.email.padEnd(28)} ${login.name}`);
  }
  const log = app.log.child({ component: "process" });
  keepServingAfterStrayErrors((message) => log.error(message));
  const shutdown = async (signal: string) => {
    log.info({ signal }, `${signal}: stopping`);
    // stop() is bounded (websockets that do not answer a close are cut after a second); this is
    // the last resort, well inside a container runtime's usual 10 s grace, should anything hang.
    setTimeout(() => {
      log.error({ signal }, `${signal}: not stopped after 8 s; exiting without finishing`);
      process.exit(1);
    }, 8_000).unref();
    await app.stop();
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
} catch (error) {
  // A problem we can name (bad config, database or port) is a sentence; anything else keeps its stack.
  const problem = config ? describeStartupError(error, config) : error instanceof ConfigError ? error.message : null;
  if (problem) {
    console.error(`Staffroom could not start. ${problem}`);
    process.exit(1);
  }
  throw error;
}
