import Link from 'next/link';

export default function NotFound() {
  return (
    <div className="mt-16 text-center">
      <h1 className="text-3xl font-bold">Page not found</h1>
      <p className="mt-2 text-gray-700">The page could not be found or you don&apos;t have permission to view it.</p>
      <Link href="/" className="mt-4 inline-block text-brand underline">
        Go to the dashboard
      </Link>
    </div>
  );
}
