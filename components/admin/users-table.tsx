'use client';

import { useActionState } from 'react';
import type { FormState } from '@/lib/forms/form-state';
import { ConfirmDialog } from '@/components/forms/confirm-dialog';
import { FormStatus } from '@/components/forms/form-status';
import { TableHead } from '@/components/layout/table-head';

type Action = (previous: FormState, formData: FormData) => Promise<FormState>;

export interface AdminUserRow {
  id: number;
  username: string;
  name: string;
  email: string;
  kind: 'human' | 'bot' | 'ghost';
  isAdmin: boolean;
  state: 'active' | 'blocked';
  createdAt: Date;
  canBlock: boolean;
}

const KIND_LABELS = { human: 'Human', bot: 'Bot', ghost: 'Ghost' } as const;

/** Admin > Users: people can be blocked and unblocked; bots and the ghost are listed but read-only. */
export function UsersTable({ users, action }: { users: AdminUserRow[]; action: Action }) {
  const [state, formAction, pending] = useActionState(action, { status: 'idle' });
  return (
    <div className="space-y-2">
      <FormStatus state={state} />
      {users.length === 0 ? (
        <p>No users match.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse bg-white text-left text-sm">
            <TableHead columns={['Name', 'Username', 'Email', 'Type', 'Admin', 'State', 'Created', 'Action']} />
            <tbody>
              {users.map((user) => (
                <tr key={user.id} className="border-b align-top">
                  <td className="p-2 font-medium">{user.name}</td>
                  <td className="p-2">@{user.username}</td>
                  <td className="p-2">{user.email}</td>
                  <td className="p-2">{KIND_LABELS[user.kind]}</td>
                  <td className="p-2">{user.isAdmin ? 'Admin' : '-'}</td>
                  <td className="p-2">{user.state === 'blocked' ? 'Blocked' : 'Active'}</td>
                  <td className="p-2">{user.createdAt.toISOString().slice(0, 10)}</td>
                  <td className="p-2">
                    {user.canBlock ? (
                      user.state === 'active' ? (
                        <ConfirmDialog
                          trigger="Block"
                          triggerLabel={`Block ${user.username}`}
                          title={`Block user ${user.username}?`}
                          confirmLabel="Block"
                          formAction={formAction}
                          hiddenFields={{ userId: user.id, operation: 'block' }}
                          disabled={pending}
                          danger
                        >
                          {user.username} will be signed out and can no longer sign in, and their personal access tokens stop working until
                          you unblock them.
                        </ConfirmDialog>
                      ) : (
                        <ConfirmDialog
                          trigger="Unblock"
                          triggerLabel={`Unblock ${user.username}`}
                          title={`Unblock user ${user.username}?`}
                          confirmLabel="Unblock"
                          formAction={formAction}
                          hiddenFields={{ userId: user.id, operation: 'unblock' }}
                          disabled={pending}
                        >
                          {user.username} will be able to sign in again.
                        </ConfirmDialog>
                      )
                    ) : (
                      <span className="text-gray-600">{user.kind === 'human' ? 'This is you' : 'Cannot be edited'}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
