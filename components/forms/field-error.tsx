export function fieldErrorId(name: string): string {
  return `${name}-error`;
}

/** The message under a field, linked to it with aria-describedby. */
export function FieldError({ name, errors }: { name: string; errors?: Record<string, string[]> }) {
  const messages = errors?.[name];
  if (!messages?.length) return null;
  return (
    <p id={fieldErrorId(name)} className="mt-1 text-sm text-red-700">
      {messages.join(' ')}
    </p>
  );
}
