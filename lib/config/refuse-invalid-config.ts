import "server-only";
import { configOrExit } from "./index";

// Imported once at web app start: refuse to serve with a broken configuration.
configOrExit("Tidings web app");
