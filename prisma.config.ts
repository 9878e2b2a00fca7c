import { defineConfig } from "prisma/config";

// The datasource URL is only needed by `prisma migrate` where the schema engine is available;
// the project applies migrations with its own runner (npm run db:migrate).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres" },
});
