/**
 * Signs out of the dashboard (and of the provider, where it allows): a same-origin form POST, so a link
 * on another site cannot sign anyone out. A plain form works before the page's script has loaded.
 */
import { buttonVariants } from "./button";

export function SignOutButton() {
  return (
    <form method="post" action="/auth/signout" className="inline">
      <button type="submit" className={buttonVariants({ variant: "secondary", size: "sm" })}>
        Sign out
      </button>
    </form>
  );
}
