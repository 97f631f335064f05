import type { MaybeActor } from '@/lib/actor';
import type { GroupView } from '@/lib/namespaces/groups';

/** `/groups/<full path>/-/group_members`. */
export function GroupMembersScreen({ view }: { actor: MaybeActor; view: GroupView }) {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Group members</h1>
      <p role="status">The members list of {view.group.name} is not yet available.</p>
    </div>
  );
}
