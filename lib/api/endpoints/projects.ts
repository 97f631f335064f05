import 'server-only';
import { AppError } from '../../errors';
import { deleteProject } from '../../projects/delete-project';
import { listVisibleProjects } from '../../projects/list-visible-projects';
import { createProject, findVisibleProject, personalNamespaceOf } from '../../projects/projects';
import { pageRequest, paginationHeaders } from '../pagination';
import { optionalBoolean, optionalInteger, optionalString, ParamError } from '../params';
import { projectFromRef, projectRow } from '../project-ref';
import { badRequest, json, missingParameter } from '../responses';
import type { ApiRoute } from '../router';
import { projectJson } from '../serializers';

const ORDER_BY = ['id', 'name', 'path', 'created_at'] as const;
const VISIBILITIES = ['private', 'internal', 'public'] as const;

export const projectRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/projects',
    access: 'public',
    summary: 'List projects visible to the caller',
    async handle({ params, principal, url, now }) {
      const page = pageRequest(params);
      const orderBy = optionalString(params, 'order_by') ?? 'created_at';
      if (!(ORDER_BY as readonly string[]).includes(orderBy)) throw new ParamError(badRequest('order_by does not have a valid value'));
      const sort = optionalString(params, 'sort') ?? 'desc';
      if (sort !== 'asc' && sort !== 'desc') throw new ParamError(badRequest('sort does not have a valid value'));
      const { rows, total } = await listVisibleProjects({
        actor: principal?.user ?? null,
        membership: optionalBoolean(params, 'membership'),
        owned: optionalBoolean(params, 'owned'),
        search: optionalString(params, 'search'),
        orderBy: orderBy as (typeof ORDER_BY)[number],
        sort,
        limit: page.perPage,
        offset: page.offset,
        now,
      });
      return json(
        rows.map((row) => projectJson(row, url)),
        { headers: paginationHeaders(url, page, total) },
      );
    },
  },
  {
    method: 'GET',
    path: '/projects/:id',
    access: 'public',
    notFoundLabel: 'Project',
    summary: 'Get one project by id or URL-encoded full path',
    async handle({ path, principal, url }) {
      const view = await projectFromRef(principal?.user ?? null, path.id!);
      return json(projectJson(projectRow(view), url));
    },
  },
  {
    method: 'POST',
    path: '/projects',
    access: 'write',
    notFoundLabel: 'Namespace',
    summary: 'Create a project (name or path, namespace_id, visibility, description, initialize_with_readme) with its repository',
    async handle({ params, principal, url, ipAddress }) {
      const name = optionalString(params, 'name');
      const path = optionalString(params, 'path');
      if (!name && !path) throw new ParamError(missingParameter('name'));
      const visibility = optionalString(params, 'visibility') ?? 'private';
      if (!(VISIBILITIES as readonly string[]).includes(visibility))
        throw new ParamError(badRequest('visibility does not have a valid value'));
      const actor = principal!.user;
      if (actor.userType !== 'human') throw new AppError('forbidden', 'Only people can create projects');
      const namespaceId = optionalInteger(params, 'namespace_id') ?? (await personalNamespaceOf(actor))?.id;
      if (namespaceId === undefined) throw new AppError('not_found', 'Namespace Not Found');
      const created = await createProject({
        actor,
        name: name ?? path!,
        path,
        namespaceId,
        description: optionalString(params, 'description'),
        visibility: visibility as (typeof VISIBILITIES)[number],
        initializeWithReadme: optionalBoolean(params, 'initialize_with_readme') ?? false,
        ipAddress,
      });
      const view = await findVisibleProject(actor, created.id);
      return json(projectJson(projectRow(view!), url), { status: 201 });
    },
  },
  {
    method: 'DELETE',
    path: '/projects/:id',
    access: 'write',
    notFoundLabel: 'Project',
    summary: 'Delete a project (Owners); its tokens and bot users go with it',
    async handle({ path, principal, ipAddress }) {
      const view = await projectFromRef(principal!.user, path.id!);
      await deleteProject({ actor: principal!.user, projectId: view.project.id, ipAddress });
      // GitLab answers 202 Accepted (deletion is scheduled there); here it is already done.
      return json({ message: '202 Accepted' }, { status: 202 });
    },
  },
];
