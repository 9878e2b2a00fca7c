import Link from "next/link";

export default function Forbidden() {
  return (
    <>
      <h1 className="mb-4 text-4xl font-bold">You do not have permission to see this page</h1>
      <p className="mb-4 text-lg">Ask a team member who can manage the team for this service to give you permission.</p>
      <p className="text-lg">
        <Link href="/services">Go to your services</Link>
      </p>
    </>
  );
}
