/** A table's header row: one column header per name, each scoped to its column for screen readers. */
export function TableHead({ columns }: { columns: readonly string[] }) {
  return (
    <thead>
      <tr className="border-b">
        {columns.map((column) => (
          <th key={column} scope="col" className="p-2">
            {column}
          </th>
        ))}
      </tr>
    </thead>
  );
}
