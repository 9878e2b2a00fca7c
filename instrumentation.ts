// Runs once when the web app starts.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") await import("./lib/config/refuse-invalid-config");
}
