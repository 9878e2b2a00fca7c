/**
 * How Tidings' TypeScript processes are started outside Next's bundler (the web server, the worker,
 * the CLI, tests' child processes): tsx compiles on the fly, and the `react-server` condition lets
 * lib's `import "server-only"` resolve to nothing on the server, as it does inside Next's server
 * bundles (in a browser bundle it fails the build instead).
 */
export const SERVER_NODE_FLAGS = ["--conditions=react-server", "--import", "tsx"];

/** The same for the production build in dist/ (scripts/build-server.ts), which is JavaScript already. */
export const BUILT_NODE_FLAGS = ["--conditions=react-server"];
