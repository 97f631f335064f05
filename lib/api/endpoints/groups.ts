import 'server-only';
import type { Visibility } from '@/db/schema';
import type { Actor } from '../../actor';
import { createGroup, findVisibleGroup, updateGroup, type GroupView } from '../../namespaces/groups';
import { groupTokenCreationSetting, setGroupTokenCreationAllowed } from '../../namespaces/token-creation-setting';
import { GROUP_LIST_ORDERS, groupsPage } from '../../namespaces/list-groups-page';
import { groupFromRef } from '../group-ref';
import { pageRequest, paginationHeaders } from '../pagination';
import { integerArray, oneOf, optionalBoolean, optionalInteger, optionalString, ParamError, requiredString } from '../params';
import { badRequest, forbidden, json } from '../responses';
import type { ApiRoute } from '../router';
import { baseUrl } from '../serializers';

const VISIBILITIES = ['private', 'internal', 'public'] as const;

/**
 * GitLab's group JSON. `resource_access_token_creation_allowed` is shown to the group's Owners
 * (who may change it): a top-level group's own value, a subgroup's top-level group's.
 */
async function groupJson(view: GroupView, actor: Actor | null, url: URL) {
  const { group } = view;
  const setting = actor && view.can('admin_group') ? await groupTokenCreationSetting({ actor, groupId: group.id }) : null;
  return {
    id: group.id,
    name: group.name,
    path: group.path,
    full_path: group.fullPath,
    full_name: [...view.ancestors.map((ancestor) => ancestor.name), group.name].join(' / '),
    description: group.description,
    visibility: group.visibility,
    parent_id: group.parentId,
    avatar_url: null,
    web_url: `${baseUrl(url)}/groups/${group.fullPath}`,
    ...(setting ? { resource_access_token_creation_allowed: setting.allowed } : {}),
  };
}

function visibilityParam(value: string | undefined): Visibility | undefined {
  if (value === undefined) return undefined;
  if (!(VISIBILITIES as readonly string[]).includes(value)) throw new ParamError(badRequest('visibility does not have a valid value'));
  return value as Visibility;
}

export const groupRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/groups',
    access: 'public',
    summary:
      "List groups: the caller's groups and their subgroups (admins: all; anonymous: public); all_available, owned, min_access_level, search, top_level_only, skip_groups[], order_by (name, path, id), sort, page, per_page",
    async handle({ params, principal, url, now }) {
      const actor = principal?.user ?? null;
      const page = pageRequest(params);
      const { ids, total } = await groupsPage({
        actor,
        allAvailable: optionalBoolean(params, 'all_available'),
        owned: optionalBoolean(params, 'owned') ?? false,
        minAccessLevel: optionalInteger(params, 'min_access_level'),
        search: optionalString(params, 'search'),
        topLevelOnly: optionalBoolean(params, 'top_level_only') ?? false,
        skipGroups: integerArray(params, 'skip_groups'),
        orderBy: oneOf(params, 'order_by', GROUP_LIST_ORDERS),
        sort: oneOf(params, 'sort', ['asc', 'desc'] as const),
        limit: page.perPage,
        offset: page.offset,
        now,
      });
      const body = [];
      for (const id of ids) {
        const view = await findVisibleGroup(actor, id);
        if (view) body.push(await groupJson(view, actor, url));
      }
      return json(body, { headers: paginationHeaders(url, page, total) });
    },
  },
  {
    method: 'GET',
    path: '/groups/:id',
    access: 'public',
    summary: 'Get one group by id or URL-encoded full path (public groups without a token)',
    async handle({ path, principal, url }) {
      const actor = principal?.user ?? null;
      const view = await groupFromRef(actor, path.id!);
      return json(await groupJson(view, actor, url));
    },
  },
  {
    method: 'POST',
    path: '/groups',
    access: 'write',
    notFoundLabel: 'Parent Group',
    summary: 'Create a group or subgroup (name, path, parent_id, visibility, description); the caller becomes its Owner',
    async handle({ params, principal, url, ipAddress }) {
      const actor = principal!.user;
      const name = requiredString(params, 'name');
      const path = requiredString(params, 'path');
      const created = await createGroup({
        actor,
        name,
        path,
        parentId: optionalInteger(params, 'parent_id') ?? null,
        visibility: visibilityParam(optionalString(params, 'visibility')),
        description: optionalString(params, 'description'),
        ipAddress,
      });
      const view = await findVisibleGroup(actor, created.id);
      return json(await groupJson(view!, actor, url), { status: 201 });
    },
  },
  {
    method: 'PUT',
    path: '/groups/:id',
    access: 'write',
    summary:
      'Update a group (Owners): name, path (subgroups and projects move along), description, visibility, and resource_access_token_creation_allowed (top-level groups only)',
    async handle({ path, params, principal, url, ipAddress }) {
      const actor = principal!.user;
      const view = await groupFromRef(actor, path.id!);
      if (!view.can('admin_group')) return forbidden();
      const name = optionalString(params, 'name');
      const description = optionalString(params, 'description');
      const newPath = optionalString(params, 'path');
      const visibility = visibilityParam(optionalString(params, 'visibility'));
      const allowed = optionalBoolean(params, 'resource_access_token_creation_allowed');
      // The switch lives on top-level groups: refuse it on a subgroup before changing anything else.
      if (allowed !== undefined && !view.group.isTopLevel) {
        await setGroupTokenCreationAllowed({ actor, groupId: view.group.id, allowed, ipAddress });
      }
      if (name !== undefined || description !== undefined || newPath !== undefined || visibility !== undefined) {
        await updateGroup({
          actor,
          groupId: view.group.id,
          name: name ?? view.group.name,
          description: description ?? view.group.description,
          path: newPath,
          visibility,
          ipAddress,
        });
      }
      if (allowed !== undefined) await setGroupTokenCreationAllowed({ actor, groupId: view.group.id, allowed, ipAddress });
      const updated = await findVisibleGroup(actor, view.group.id);
      return json(await groupJson(updated!, actor, url));
    },
  },
];
