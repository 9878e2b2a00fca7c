import { config, ConfigError } from "./index";

// Imported once at web app start: refuse to serve with a broken configuration.
try {
  config();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`Tidings web app cannot start. ${error.message}`);
  process.exit(1);
}
