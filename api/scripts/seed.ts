// `npm run seed --workspace api`: migrate the database in DATABASE_URL (or the embedded one in
// DATA_DIR) and add the demo school if it holds no school yet. Never touches a real installation.
import { ConfigError, loadConfig } from "../src/config.ts";
import { openDatabase } from "../src/db/client.ts";
import { DataDirLockedError } from "../src/db/data-dir-lock.ts";
import { migrate } from "../src/db/migrator.ts";
import { seedDemoSchoolIfEmpty } from "../src/db/seed-demo.ts";

try {
  const config = loadConfig();
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(db.sql);
    const demo = await seedDemoSchoolIfEmpty(db.prisma);
    if (!demo) console.log("This database already holds a school that is not the demo; nothing was added.");
    else if (!demo.created) console.log(`The demo school "${demo.schoolName}" is already there; nothing was added.`);
    else console.log(`Seeded "${demo.schoolName}" (${db.kind}). Every demo login uses the password: ${demo.password}`);
  } finally {
    await db.close();
  }
} catch (error) {
  if (error instanceof ConfigError || error instanceof DataDirLockedError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
