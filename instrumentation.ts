// Runs once when the server starts: a mistake in the account configuration stops it with a message that
// names the variable, instead of surfacing later as a confusing error on some page.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { checkAccountConfigAtStartup } = await import("./lib/batch/startup-check");
  checkAccountConfigAtStartup();
}
