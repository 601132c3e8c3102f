import Link from "next/link";

// forbidden() answers 403 with this page: so far only for an address a tenant's IP allow-lists refuse.
export default function Forbidden() {
  return (
    <main className="mx-auto max-w-md px-6 py-24 text-center">
      <h1 className="text-2xl font-semibold">Access refused</h1>
      <p className="mt-3 text-slate-600">
        Your address is not allowed to open this tenant (IP allow-list). Ask one of its Admins to add your address.
      </p>
      <Link href="/" className="mt-6 inline-block text-blue-700 underline">
        Go to your tenants
      </Link>
    </main>
  );
}
