// Read by the Prisma CLI (generate; and migrate deploy/status where Prisma's schema engine
// can be downloaded). The app itself never reads this file: api/src/config.ts does config.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/staffroom" },
});
