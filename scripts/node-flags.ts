/**
 * How Tidings' TypeScript processes are started outside Next's bundler (the web server, the worker,
 * the CLI, tests' child processes): tsx compiles on the fly, and the `react-server` condition lets
 * lib's `import "server-only"` resolve to nothing on the server, as it does inside Next's server
 * bundles (in a browser bundle it fails the build instead).
 */
export const SERVER_NODE_FLAGS = ["--conditions=react-server", "--import", "tsx"];

/** The same for the production build in dist/ (scripts/build-server.ts), which is JavaScript already. */
export const BUILT_NODE_FLAGS = ["--conditions=react-server"];

/**
 * The worker's V8 heap. Left to itself V8 sizes the heap for the machine's memory and lets the old
 * generation grow to four times what survived its last collection, so that checking a 1,000,000-row
 * file (about 90 MB live) took the worker to 560–690 MB of garbage waiting to be swept. An old
 * generation limit under 1 GB makes V8 grow it by at most about twice its live size instead.
 * There is no semi-space flag: it would set every isolate's young generation, the sending threads'
 * included, overriding their own resourceLimits (lib/delivery/send-threads.ts gives them 16 MB). The
 * main thread keeps V8's default (a 64 MB new space): with an 8 or 16 MB semi-space it spent a fifth
 * of a job's expansion collecting garbage and 100,000 rows took 26 s, against 15–17 s with 32 MB or
 * more (bench:bulk, the same run).
 */
export const WORKER_HEAP_FLAGS = ["--max-old-space-size=1000"];

/**
 * The web process's V8 heap, sized for its aim of 250 MB. Left to itself V8 gives it a 64 MB
 * semi-space (128 MB of young generation, mostly garbage from requests already answered) and lets
 * the old generation grow four times past what survived, so that a minute of API load at 1,000
 * requests a second took it to 534–572 MB, of which it gave back 300 MB as soon as the load
 * stopped. An 8 MB semi-space and a 192 MB old-generation limit (the heap in use under that load
 * stays under 140 MB) hold it at about 290 MB for the same accept rate and latency
 * (bench:end-to-end).
 */
export const WEB_HEAP_FLAGS = ["--max-semi-space-size=8", "--max-old-space-size=192"];
