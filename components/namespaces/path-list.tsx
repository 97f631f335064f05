import Link from 'next/link';
import type { Visibility } from '@/db/schema';
import { VisibilityBadge } from './visibility-badge';

/** A list of groups or projects, each a link with its visibility; or a sentence when there are none. */
export function PathList({
  items,
  empty,
  label = 'fullPath',
}: {
  items: { id: number; name: string; fullPath: string; visibility: Visibility }[];
  /** Shown when the list is empty. */
  empty: string;
  /** Whether each link shows the full path or just the name. */
  label?: 'fullPath' | 'name';
}) {
  if (items.length === 0) return <p className="mt-2 text-gray-700">{empty}</p>;
  return (
    <ul className="mt-2 divide-y rounded border border-gray-200 bg-white">
      {items.map((item) => (
        <li key={item.id} className="flex items-center justify-between p-3">
          <Link href={`/${item.fullPath}`} className="font-medium text-brand hover:underline">
            {item[label]}
          </Link>
          <VisibilityBadge visibility={item.visibility} />
        </li>
      ))}
    </ul>
  );
}
