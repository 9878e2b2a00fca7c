/** A form, not a script: signing out works before (or without) JavaScript. `signOut` is signOutAction. */
export function SignOutButton({ signOut }: { signOut: () => Promise<void> }) {
  return (
    <form action={signOut}>
      <button type="submit" className="text-white underline underline-offset-2 hover:no-underline">
        Sign out
      </button>
    </form>
  );
}
