/** next-auth hands an authorize() error message to the browser; a locked account's starts with this. */
export const LOCKED_ERROR_PREFIX = "locked:";
