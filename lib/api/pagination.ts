import { ParamError, optionalInteger, type Params } from './params';
import { badRequest } from './responses';

export const DEFAULT_PER_PAGE = 20;
export const MAX_PER_PAGE = 100;

export interface PageRequest {
  page: number;
  perPage: number;
  offset: number;
}

/** GitLab's `page` and `per_page`: defaults 1 and 20, per_page at most 100. */
export function pageRequest(params: Params): PageRequest {
  const page = optionalInteger(params, 'page') ?? 1;
  const perPage = Math.min(optionalInteger(params, 'per_page') ?? DEFAULT_PER_PAGE, MAX_PER_PAGE);
  if (page < 1) throw new ParamError(badRequest('page must be at least 1'));
  if (perPage < 1) throw new ParamError(badRequest('per_page must be at least 1'));
  return { page, perPage, offset: (page - 1) * perPage };
}

/** X-Page, X-Per-Page, X-Total, X-Total-Pages, X-Next-Page, X-Prev-Page and Link, as GitLab sends them. */
export function paginationHeaders(url: URL, request: PageRequest, total: number): Record<string, string> {
  const totalPages = Math.max(1, Math.ceil(total / request.perPage));
  const link = (page: number) => {
    const target = new URL(url);
    target.searchParams.set('page', String(page));
    target.searchParams.set('per_page', String(request.perPage));
    return target.toString();
  };
  const links = [
    request.page > 1 ? `<${link(request.page - 1)}>; rel="prev"` : null,
    request.page < totalPages ? `<${link(request.page + 1)}>; rel="next"` : null,
    `<${link(1)}>; rel="first"`,
    `<${link(totalPages)}>; rel="last"`,
  ].filter(Boolean);
  return {
    'x-page': String(request.page),
    'x-per-page': String(request.perPage),
    'x-total': String(total),
    'x-total-pages': String(totalPages),
    'x-next-page': request.page < totalPages ? String(request.page + 1) : '',
    'x-prev-page': request.page > 1 ? String(request.page - 1) : '',
    link: links.join(', '),
  };
}

/** Pages an in-memory list (small lists only; large ones page in SQL). */
export function pageOf<T>(items: T[], request: PageRequest): T[] {
  return items.slice(request.offset, request.offset + request.perPage);
}
