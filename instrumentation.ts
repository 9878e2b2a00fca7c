// Runs once when the web app starts: refuse to serve with a broken configuration.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { config, ConfigError } = await import("@/lib/config");
  try {
    config();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Tidings web app cannot start. ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}
