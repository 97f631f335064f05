'use client';

import { useState } from 'react';
import { pathFromName } from '@/lib/namespaces/paths';

/** A URL path that follows the name as it is typed, until the person edits the path themselves. */
export function usePathFromName() {
  const [path, setPath] = useState('');
  const [edited, setEdited] = useState(false);
  return {
    path,
    onNameChange(name: string) {
      if (!edited) setPath(pathFromName(name));
    },
    onPathChange(value: string) {
      setEdited(true);
      setPath(value);
    },
  };
}
