import 'server-only';
import { AppError, isAppError } from '../../errors';
import { findGenericPackageFile, publishGenericPackageFile } from '../../packages/generic-packages';
import type { PackageDto, PackageFileDto } from '../../packages/package-dtos';
import {
  canDeleteProjectPackages,
  deleteProjectPackage,
  getProjectPackage,
  listPackageFiles,
  listProjectPackages,
  PACKAGE_FILE_ORDER_BY,
  PACKAGE_ORDER_BY,
} from '../../packages/project-packages';
import { canPublishPackages, canReadPackages, GENERIC_PACKAGE_STATUSES, genericPackageErrors } from '../../packages/rules';
import { openBlob } from '../../packages/storage';
import type { ProjectView } from '../../projects/projects';
import { pageRequest, paginationHeaders } from '../pagination';
import { oneOf, optionalString, ParamError } from '../params';
import { projectFromRef } from '../project-ref';
import { forbidden, invalidParameters, json, messageError, noContent } from '../responses';
import type { ApiContext, ApiRoute } from '../router';
import { baseUrl } from '../serializers';

const GENERIC_FILE_PATH = '/projects/:id/packages/generic/:package_name/:package_version/:file_name';
/** GitLab's package types: filtering by any of them is valid, only `generic` exists here. */
const PACKAGE_TYPES = [
  'maven',
  'npm',
  'conan',
  'nuget',
  'pypi',
  'composer',
  'generic',
  'golang',
  'debian',
  'rubygems',
  'helm',
  'terraform_module',
  'rpm',
  'ml_model',
] as const;

const iso = (value: Date) => value.toISOString();

function packageIdParam(value: string): number {
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) throw new ParamError(invalidParameters(['package_id is invalid']));
  return Number(value);
}

function coordinates(path: Record<string, string>) {
  return { packageName: path.package_name!, packageVersion: path.package_version!, fileName: path.file_name! };
}

/** GitLab's answer when the package or file is not there (ActiveRecord::RecordNotFound). */
const recordNotFound = () => messageError(404, '404 Not found');

/** GitLab's package file JSON (`GET …/package_files`; the upload's `select=package_file` adds a few fields). */
function packageFileJson(file: PackageFileDto) {
  return {
    id: file.id,
    package_id: file.packageId,
    created_at: iso(file.createdAt),
    file_name: file.fileName,
    size: file.size,
    file_md5: null,
    file_sha1: null,
    file_sha256: file.fileSha256,
    pipelines: [],
  };
}

function uploadedFileJson(file: PackageFileDto, downloadPath: string) {
  return {
    id: file.id,
    package_id: file.packageId,
    created_at: iso(file.createdAt),
    updated_at: iso(file.updatedAt),
    size: file.size,
    file_store: 1,
    file_md5: null,
    file_sha1: null,
    file_name: file.fileName,
    file: { url: downloadPath },
    file_sha256: file.fileSha256,
  };
}

/** GitLab's package JSON. `delete_api_path` only for those who may delete. */
function packageJson(pkg: PackageDto, view: ProjectView, url: URL) {
  return {
    id: pkg.id,
    name: pkg.name,
    version: pkg.version,
    package_type: pkg.packageType,
    status: pkg.status,
    _links: {
      web_path: `/${view.project.fullPath}/-/packages/${pkg.id}`,
      ...(canDeleteProjectPackages(view)
        ? { delete_api_path: `${baseUrl(url)}/api/v4/projects/${view.project.id}/packages/${pkg.id}` }
        : {}),
    },
    created_at: iso(pkg.createdAt),
    last_downloaded_at: null,
    tags: [],
  };
}

async function project({ principal, path }: ApiContext): Promise<ProjectView> {
  return projectFromRef(principal?.user ?? null, path.id!);
}

export const packageRoutes: ApiRoute[] = [
  {
    method: 'PUT',
    path: GENERIC_FILE_PATH,
    access: 'write',
    rawBody: true,
    basicAuth: true,
    summary:
      'Publish a generic package file (Developer+; the body is the file; status default|hidden; select=package_file answers the file record)',
    async handle(context) {
      const { path, params, principal, request, url } = context;
      const errors = genericPackageErrors(coordinates(path));
      if (errors.length > 0) return invalidParameters(errors);
      const select = oneOf(params, 'select', ['package_file'] as const);
      const status = oneOf(params, 'status', GENERIC_PACKAGE_STATUSES);
      const view = await project(context);
      if (!canPublishPackages(view.access)) return forbidden();
      const file = await publishGenericPackageFile({
        actor: principal!.user,
        project: view,
        ...coordinates(path),
        body: request.body,
        contentLength: request.headers.get('content-length'),
        status,
      });
      if (select === 'package_file') return json(uploadedFileJson(file, url.pathname));
      return json({ message: '201 Created' }, { status: 201 });
    },
  },
  {
    method: 'GET',
    path: GENERIC_FILE_PATH,
    access: 'public',
    basicAuth: true,
    summary: 'Download a generic package file (the newest of that name); X-Checksum-SHA256 carries its digest',
    async handle(context) {
      const { path, principal, request } = context;
      const errors = genericPackageErrors(coordinates(path));
      if (errors.length > 0) return invalidParameters(errors);
      const view = await project(context);
      if (!canReadPackages(view.access, view.project.visibility)) return forbidden();
      let file: PackageFileDto;
      try {
        file = await findGenericPackageFile({ actor: principal?.user ?? null, project: view, ...coordinates(path) });
      } catch (error) {
        if (isAppError(error) && error.code === 'not_found') return recordNotFound();
        throw error;
      }
      const headers = {
        'content-type': 'application/octet-stream',
        'content-disposition': `attachment; filename="${file.fileName}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        'content-length': String(file.size),
        'x-checksum-sha256': file.fileSha256,
        'cache-control': 'private, no-store',
      };
      if (request.method === 'HEAD') return new Response(null, { status: 200, headers });
      const blob = await openBlob(file.fileSha256);
      if (!blob) {
        console.error('Keyhold: package file without its blob', file.id, file.fileSha256);
        throw new Error('package blob missing');
      }
      return new Response(blob.stream, { status: 200, headers });
    },
  },
  {
    method: 'GET',
    path: '/projects/:id/packages',
    access: 'public',
    summary: 'List the packages of a project (order_by, sort, package_type, package_name, package_version; paginated)',
    async handle(context) {
      const { params, principal, url } = context;
      const page = pageRequest(params);
      const orderBy = oneOf(params, 'order_by', PACKAGE_ORDER_BY);
      const sort = oneOf(params, 'sort', ['asc', 'desc'] as const);
      const packageType = oneOf(params, 'package_type', PACKAGE_TYPES);
      const status = oneOf(params, 'status', GENERIC_PACKAGE_STATUSES);
      const view = await project(context);
      if (!canReadPackages(view.access, view.project.visibility)) return forbidden();
      const { rows, total } = await listProjectPackages({
        actor: principal?.user ?? null,
        project: view,
        orderBy,
        sort,
        packageType,
        packageName: optionalString(params, 'package_name'),
        packageVersion: optionalString(params, 'package_version'),
        status,
        limit: page.perPage,
        offset: page.offset,
      });
      return json(
        rows.map((row) => packageJson(row, view, url)),
        { headers: paginationHeaders(url, page, total) },
      );
    },
  },
  {
    method: 'GET',
    path: '/projects/:id/packages/:package_id',
    access: 'public',
    summary: 'Get one package of a project, with its other versions',
    async handle(context) {
      const { path, principal, url } = context;
      const packageId = packageIdParam(path.package_id!);
      const view = await project(context);
      if (!canReadPackages(view.access, view.project.visibility)) return forbidden();
      const found = await withPackageNotFound(() => getProjectPackage({ actor: principal?.user ?? null, project: view, packageId }));
      return json({
        ...packageJson(found.package, view, url),
        versions: found.versions.map((version) => ({
          id: version.id,
          version: version.version,
          created_at: iso(version.createdAt),
          tags: [],
        })),
      });
    },
  },
  {
    method: 'GET',
    path: '/projects/:id/packages/:package_id/package_files',
    access: 'public',
    summary: 'List the files of a package, with their SHA-256 (order_by id|file_name|created_at, sort; paginated)',
    async handle(context) {
      const { params, path, principal, url } = context;
      const packageId = packageIdParam(path.package_id!);
      const page = pageRequest(params);
      const orderBy = oneOf(params, 'order_by', PACKAGE_FILE_ORDER_BY);
      const sort = oneOf(params, 'sort', ['asc', 'desc'] as const);
      const view = await project(context);
      if (!canReadPackages(view.access, view.project.visibility)) return forbidden();
      const { rows, total } = await withPackageNotFound(() =>
        listPackageFiles({
          actor: principal?.user ?? null,
          project: view,
          packageId,
          orderBy,
          sort,
          limit: page.perPage,
          offset: page.offset,
        }),
      );
      return json(rows.map(packageFileJson), { headers: paginationHeaders(url, page, total) });
    },
  },
  {
    method: 'DELETE',
    path: '/projects/:id/packages/:package_id',
    access: 'write',
    summary: 'Delete a package and its files (Maintainer+)',
    async handle(context) {
      const { path, principal } = context;
      const packageId = packageIdParam(path.package_id!);
      const view = await project(context);
      if (!canDeleteProjectPackages(view)) return forbidden();
      await withPackageNotFound(() => deleteProjectPackage({ actor: principal!.user, project: view, packageId }));
      return noContent();
    },
  },
];

/** `404 Package Not Found` when lib/ finds no such package in the project. */
async function withPackageNotFound<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isAppError(error) && error.code === 'not_found') throw new AppError('not_found', 'Package Not Found');
    throw error;
  }
}
