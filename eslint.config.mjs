import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

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
    "next-env.d.ts",
  ]),
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": "off",
    },
  },
  {
    // Pages and route handlers stay thin: data access goes through lib/<domain>.
    files: ["app/**/*.ts", "app/**/*.tsx", "components/**/*.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "@/lib/db", message: "Call a lib/<domain> function instead of querying from app/ or components/." },
          ],
        },
      ],
    },
  },
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
