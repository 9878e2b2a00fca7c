#!/bin/sh
# Stand-in for Prisma's Rust schema engine, which cannot be downloaded here. `prisma generate`
# only checks that the file exists; migrations use the project's own runner (npm run db:migrate).
echo "The Prisma schema engine is not installed; use npm run db:migrate." >&2
exit 1
