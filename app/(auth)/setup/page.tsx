import type { Metadata } from "next";
import { isSetupTokenValid } from "@/lib/users/setup";
import { SetupForm } from "./setup-form";

export const metadata: Metadata = { title: "Create the first administrator" };

export default async function SetupPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { token } = await searchParams;
  const valid = typeof token === "string" && (await isSetupTokenValid(token));
  return (
    <div className="max-w-xl">
      <h1 className="mb-6 text-4xl font-bold">Create the first administrator</h1>
      {valid ? (
        <>
          <p className="mb-6 text-lg">
            This account can manage every service on this Tidings installation. You can add more people later.
          </p>
          <SetupForm token={token} />
        </>
      ) : (
        <p className="text-lg">
          This setup link has expired or was already used. Restart Tidings to print a new one, or run{" "}
          <code className="bg-gray-100 px-1">npm run cli -- create-user --platform-admin</code>.
        </p>
      )}
    </div>
  );
}
