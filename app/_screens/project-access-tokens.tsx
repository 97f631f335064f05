import type { Actor } from '@/lib/actor';
import type { ProjectView } from '@/lib/projects/projects';
import { listProjectAccessTokens, projectTokenFormRules } from '@/lib/tokens/project-access-tokens';
import { InactiveTokensTable } from '@/components/tokens/inactive-tokens-table';
import { ProjectAccessTokensManager } from '@/components/tokens/project-access-tokens-manager';
import { PROJECT_TOKEN_KIND } from '@/components/tokens/token-kinds';
import {
  createProjectAccessTokenAction,
  revokeProjectAccessTokenAction,
  rotateProjectAccessTokenAction,
} from '@/app/_actions/project-access-tokens';

export async function ProjectAccessTokensScreen({ actor, view }: { actor: Actor; view: ProjectView }) {
  const now = new Date();
  const projectId = view.project.id;
  const [rules, active, inactive] = await Promise.all([
    projectTokenFormRules({ actor, projectId, now }),
    listProjectAccessTokens({ actor, projectId, state: 'active', now }),
    listProjectAccessTokens({ actor, projectId, state: 'inactive', now }),
  ]);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">Project access tokens</h1>
        <p className="mt-1 text-gray-700">
          Generate project access tokens scoped to this project for your applications that need access to the GitLab-compatible API or Git
          over HTTP. Each token is backed by a bot user that becomes a member of this project.
        </p>
      </div>
      <ProjectAccessTokensManager
        projectId={projectId}
        rules={rules}
        disabledReason={rules.creationAllowed ? null : rules.disabledReason}
        activeTokens={active}
        nowIso={now.toISOString()}
        createAction={createProjectAccessTokenAction}
        rotateAction={rotateProjectAccessTokenAction}
        revokeAction={revokeProjectAccessTokenAction}
      />
      <InactiveTokensTable kind={PROJECT_TOKEN_KIND} tokens={inactive} />
    </div>
  );
}
