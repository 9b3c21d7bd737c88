// What went wrong during start-up, said as a person would: what is wrong and what to do about it.
// A known problem (the database cannot be reached, does not exist, refuses the user; the port is
// taken) is not a bug in Staffroom, so it gets a sentence instead of a stack trace.
import type { Config } from "./config.ts";
import { ConfigError } from "./config.ts";
import { DataDirLockedError } from "./db/data-dir-lock.ts";

type SystemError = Error & { code?: string; errors?: unknown[] };

/** The sentence for a start-up failure we understand, or null for one we do not (print its stack). */
export function describeStartupError(error: unknown, config: Config): string | null {
  if (error instanceof ConfigError || error instanceof DataDirLockedError) return error.message;
  if (!(error instanceof Error)) return null;
  const code = errorCode(error as SystemError);
  const database = config.databaseUrl ? describeDatabase(config.databaseUrl) : null;
  const listen = `${config.host}:${config.port}`;

  switch (code) {
    case "EADDRINUSE":
      return `Port ${config.port} on ${config.host} is already in use by another program. Stop that program, or set PORT to a free port (PORT=0 picks one).`;
    case "EACCES":
      if ((error as { syscall?: string }).syscall === "listen")
        return `Staffroom may not listen on ${listen} (ports below 1024 need special rights). Set PORT to 1024 or above.`;
      return null;
    case "EADDRNOTAVAIL":
      return `HOST ${config.host} is not an address of this machine. Set HOST to one of its addresses, such as 127.0.0.1, or 0.0.0.0 for all of them.`;
  }
  if (!database) return null;
  switch (code) {
    case "ECONNREFUSED":
      return `Cannot reach PostgreSQL at ${database.server}: nothing accepts connections there. Start PostgreSQL, or correct the host and port in DATABASE_URL.`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `Cannot find the database host "${database.host}" named in DATABASE_URL. Correct the host name, or check this machine's network and DNS.`;
    case "ETIMEDOUT":
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return `Cannot reach PostgreSQL at ${database.server}: the connection timed out. Check that the server is up and that a firewall lets this machine through.`;
    // PostgreSQL's own error codes (SQLSTATE).
    case "3D000":
      return `The database "${database.name}" does not exist on ${database.server}. Create it (createdb ${database.name}), or correct the database name in DATABASE_URL.`;
    case "28000":
      return `PostgreSQL at ${database.server} refused the user "${database.user}": ${error.message}. Create that role, or correct the user name in DATABASE_URL.`;
    case "28P01":
      return `PostgreSQL at ${database.server} refused the password of the user "${database.user}". Correct the password in DATABASE_URL.`;
    case "42501":
      return `The user "${database.user}" may not use the database "${database.name}" (${error.message}). Grant it access, or use another user in DATABASE_URL.`;
  }
  return null;
}

/** The code of a system or PostgreSQL error; a connection to "localhost" tries every address and fails with all of them. */
function errorCode(error: SystemError): string | undefined {
  if (error.code) return error.code;
  const first = error.errors?.find((inner): inner is SystemError => inner instanceof Error && "code" in inner);
  return first?.code;
}

/** Where DATABASE_URL points, without its password. */
function describeDatabase(url: string) {
  const parsed = new URL(url);
  const host = parsed.hostname || "localhost";
  return {
    host,
    server: `${host}:${parsed.port || "5432"}`,
    name: decodeURIComponent(parsed.pathname.slice(1)) || decodeURIComponent(parsed.username) || "postgres",
    user: decodeURIComponent(parsed.username) || "(your system user)",
  };
}
