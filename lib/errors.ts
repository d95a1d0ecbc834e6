/** Errors whose message is safe and useful to show to the user. */
export class ActionError extends Error {
  name = "ActionError";
}

/** The thing does not exist for this user (also used for other tenants' data). */
export class NotFoundError extends Error {
  name = "NotFoundError";
  constructor(message = "Not found.") {
    super(message);
  }
}

/** A problem with one input field that only the server can see (a taken slug, a rejected token). */
export class FieldConflict extends ActionError {
  name = "FieldConflict";
  constructor(readonly field: string, message: string) {
    super(message);
  }
}
