'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

const LINKS = [
  { href: '/admin', label: 'Overview', exact: true },
  { href: '/admin/users', label: 'Users', exact: false },
  { href: '/admin/application_settings/general', label: 'Settings', exact: false },
  { href: '/admin/audit_events', label: 'Audit events', exact: false },
];

/** The admin area's sidebar; the current page is marked for screen readers too. */
export function AdminNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Admin navigation" className="md:w-56 md:shrink-0">
      <p className="mb-2 font-semibold">Admin area</p>
      <ul className="space-y-1">
        {LINKS.map((link) => {
          const current = link.exact ? pathname === link.href : pathname === link.href || pathname.startsWith(`${link.href}/`);
          return (
            <li key={link.href}>
              <Link
                href={link.href}
                aria-current={current ? 'page' : undefined}
                className="block rounded px-2 py-1 hover:bg-gray-200 aria-[current=page]:bg-gray-200 aria-[current=page]:font-semibold"
              >
                {link.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
