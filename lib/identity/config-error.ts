// No "server-only" marker: instrumentation.ts checks the identity variables at start-up.
import { UnavailableError } from "@/lib/errors/api-error";

/** A mistake in the identity variables: the server stops at start; a change under a running one is a named 500. */
export class IdentityConfigError extends UnavailableError {
  override name = "IdentityConfigError";
  constructor(message: string) {
    super("ConfigurationError", message);
  }
}
