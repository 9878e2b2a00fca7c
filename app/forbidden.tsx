import Link from "next/link";

export default function Forbidden() {
  return (
    <>
      <h1 className="mb-4 text-4xl font-bold">You do not have permission to see this page</h1>
      <p className="mb-4 text-lg">
        If it is a page of one of your services, ask someone in its team who can manage team members to give you
        permission. The platform admin pages are for platform administrators only.
      </p>
      <p className="text-lg">
        <Link href="/services">Go to your services</Link>
      </p>
    </>
  );
}
