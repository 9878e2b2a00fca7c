import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// The layering rules of docs/development.md, each stated once here and enforced by `npm run lint`.
const databaseOnlyFromLib = {
  name: "@/lib/db",
  message: "Only lib/ queries the database: call a lib/<domain> function instead.",
};
const generatedClientOnlyFromLib = {
  group: ["@/lib/generated/*", "@/lib/generated/**"],
  message: "Only lib/ imports the generated Prisma client: use lib's own types and functions.",
};
const nextOnlyAtTheEdge = {
  group: ["next", "next/*", "next/**"],
  message: "Only app/, components/ and lib/http use Next.js: keep lib and the worker framework-free.",
};

/** One block per area: ESLint applies only the last `no-restricted-imports` that matches a file. */
function restrictImports(files, restrictions, ignores = []) {
  return [{ files, ignores, rules: { "no-restricted-imports": ["error", restrictions] } }];
}

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    ".next/**",
    "lib/generated/**",
    "node_modules/**",
    ".data/**",
    "test-results/**",
    "playwright-report/**",
    "deploy/aws/cdk.out/**",
    // The compiled web server, worker and CLI (npm run build, npm start).
    "dist/**",
    "next-env.d.ts",
    "cdk.out/**",
    ".scratch/**",
  ]),
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": "off",
    },
  },
  ...restrictImports(
    // Pages, route handlers and components stay thin: data access goes through lib/<domain>.
    ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "proxy.ts", "scripts/web-server.ts"],
    { paths: [databaseOnlyFromLib], patterns: [generatedClientOnlyFromLib] },
  ),
  ...restrictImports(
    // The worker's wiring and the process entry points: neither the database nor Next.js.
    ["workers/**/*.ts", "scripts/**/*.ts"],
    { paths: [databaseOnlyFromLib], patterns: [generatedClientOnlyFromLib, nextOnlyAtTheEdge] },
    ["scripts/web-server.ts"],
  ),
  ...restrictImports(["lib/**/*.ts"], { patterns: [nextOnlyAtTheEdge] }, ["lib/http/**"]),
  {
    // Client components take server actions already bound (FormAction in lib/http/form-state.ts):
    // a bind in a client component's render makes a form posted without JavaScript loop for ever.
    files: ["app/**/*.tsx", "components/**/*.tsx"],
    ignores: ["app/**/page.tsx", "app/**/layout.tsx"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.property.name='bind'][arguments.0.type='Literal'][arguments.0.raw='null']",
          message: "Bind server actions in the page and pass them down: see FormAction in lib/http/form-state.ts.",
        },
      ],
    },
  },
]);
