import Link from 'next/link';
import { AccessLevel, MEMBER_ACCESS_LEVELS, accessLevelName } from '@/lib/access-levels';
import type { MaybeActor } from '@/lib/actor';
import { listProjectMembers } from '@/lib/members/project-members';
import type { ProjectView } from '@/lib/projects/projects';
import { AddMemberForm } from '@/components/members/add-member-form';
import { addProjectMemberAction } from '@/app/_actions/project-members';

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => word[0]?.toUpperCase())
    .join('');
}

export async function ProjectMembersScreen({ actor, view }: { actor: MaybeActor; view: ProjectView }) {
  const members = await listProjectMembers(actor, view.project.id);
  const canManage = view.can('manage_members');
  const assignable = MEMBER_ACCESS_LEVELS.filter((level) => level < AccessLevel.Owner || view.access.level >= AccessLevel.Owner);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Project members</h1>
      {canManage && <AddMemberForm action={addProjectMemberAction} projectId={view.project.id} levels={assignable} />}
      <table className="w-full border-collapse rounded bg-white text-left text-sm">
        <caption className="sr-only">Members of {view.project.name}</caption>
        <thead>
          <tr className="border-b">
            <th scope="col" className="p-2">
              Account
            </th>
            <th scope="col" className="p-2">
              Source
            </th>
            <th scope="col" className="p-2">
              Role
            </th>
            <th scope="col" className="p-2">
              Member since
            </th>
            <th scope="col" className="p-2">
              Expiration
            </th>
          </tr>
        </thead>
        <tbody>
          {members.map((member) => (
            <tr key={member.userId} className="border-b">
              <td className="p-2">
                <div className="flex items-center gap-2">
                  <span aria-hidden="true" className="flex h-8 w-8 items-center justify-center rounded-full bg-gray-200 text-xs font-bold">
                    {initials(member.name)}
                  </span>
                  <span>
                    <span className="font-medium">{member.name}</span>{' '}
                    {member.isBot && <span className="rounded bg-blue-100 px-1.5 py-0.5 text-xs text-blue-800">Bot</span>}
                    <br />
                    <span className="text-gray-600">@{member.username}</span>
                  </span>
                </div>
              </td>
              <td className="p-2">
                {member.source.type === 'project' ? (
                  'Direct member'
                ) : (
                  <>
                    Inherited from{' '}
                    <Link href={`/${member.source.fullPath}`} className="text-brand underline">
                      {member.source.fullPath}
                    </Link>
                  </>
                )}
              </td>
              <td className="p-2">{accessLevelName(member.accessLevel)}</td>
              <td className="p-2">{member.memberSince.toISOString().slice(0, 10)}</td>
              <td className="p-2">{member.expiresAt ?? 'No expiration set'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
