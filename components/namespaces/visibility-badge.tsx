import type { Visibility } from '@/db/schema';

const LABELS: Record<Visibility, string> = { private: 'Private', internal: 'Internal', public: 'Public' };

export function VisibilityBadge({ visibility }: { visibility: Visibility }) {
  return <span className="rounded-full bg-gray-100 px-2 py-0.5 text-xs text-gray-700">{LABELS[visibility]}</span>;
}
