import type { ProjectView } from '@/lib/projects/projects';
import { VisibilityBadge } from '@/components/namespaces/visibility-badge';
import { CloneUrl } from '@/components/projects/clone-url';
import { accessLevelName } from '@/lib/access-levels';
import { httpCloneUrl } from '@/lib/git/clone-url';
import { latestPushEvent } from '@/lib/git/push-events';

export async function ProjectOverview({ view }: { view: ProjectView }) {
  const { project, access } = view;
  // Pushes tell about the code: shown to whoever may read it (Guests of a Private project may not).
  const canReadCode = project.visibility !== 'private' || view.can('read_code');
  const push = canReadCode ? await latestPushEvent(project.id) : null;
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-bold">{project.name}</h1>
      <p className="text-sm text-gray-600">
        Project ID: {project.id} · <VisibilityBadge visibility={project.visibility} />
        {access.level > 0 && <> · Your role: {accessLevelName(access.level)}</>}
      </p>
      {project.description ? <p>{project.description}</p> : <p className="text-gray-600">No description.</p>}
      <CloneUrl url={httpCloneUrl(project.fullPath)} />
      {canReadCode && (
        <section aria-label="Latest push" className="text-sm">
          {push ? (
            <p>
              <strong>{push.author.name}</strong> (@{push.author.username}) {push.action} {push.refType === 'tag' ? 'tag' : 'branch'}{' '}
              <code className="font-mono">{push.refName}</code>
              {push.action !== 'deleted' && (
                <>
                  {' '}
                  at <code className="font-mono">{push.afterSha.slice(0, 8)}</code>
                </>
              )}{' '}
              <time dateTime={push.createdAt.toISOString()}>{push.createdAt.toISOString().replace('T', ' ').slice(0, 16)} UTC</time>
            </p>
          ) : (
            <p className="text-gray-600">No pushes yet.</p>
          )}
        </section>
      )}
    </div>
  );
}
