import Link from "next/link";

export default function NotFound() {
  return (
    <>
      <h1 className="mb-4 text-4xl font-bold">Page not found</h1>
      <p className="mb-4 text-lg">
        If you typed the web address, check it is correct. If you pasted it, check you copied the entire address.
      </p>
      <p className="text-lg">
        <Link href="/services">Go to your services</Link>
      </p>
    </>
  );
}
