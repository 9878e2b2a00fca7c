/** next-auth hands an authorize() error message to the browser; a locked account's starts with this. */
export const LOCKED_ERROR_PREFIX = "locked:";

/** authorize()'s error when the password was right but the sign-in code could not be sent. */
export const CODE_NOT_SENT_ERROR = "code-not-sent";
