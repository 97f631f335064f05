import 'server-only';
import { listVisibleProjects } from '../../projects/list-visible-projects';
import { pageRequest, paginationHeaders } from '../pagination';
import { optionalBoolean, optionalString, ParamError } from '../params';
import { projectFromRef, projectRow } from '../project-ref';
import { badRequest, json } from '../responses';
import type { ApiRoute } from '../router';
import { projectJson } from '../serializers';

const ORDER_BY = ['id', 'name', 'path', 'created_at'] as const;

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
      return json(projectJson(await projectRow(view), url));
    },
  },
];
