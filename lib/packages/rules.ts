import type { Visibility } from '@/db/schema';
import { AccessLevel } from '../access-levels';
import { AppError } from '../errors';
import { canOnProject, type Access } from '../permissions/rules';

/** GitLab's generic package name and file name (`Gitlab::Regex.generic_package_name_regex`). */
export const GENERIC_PACKAGE_NAME_PATTERN = /^[A-Za-z0-9._+-]+$/;
/** GitLab's generic package version (`maven_version_regex`): word characters, `+`, `.`, `-`, never `..`. */
export const GENERIC_PACKAGE_VERSION_PATTERN = /^(?!.*\.\.)[A-Za-z0-9_+.-]+$/;
/** GitLab's upper bound for package names and versions (`packages_packages` validations). */
export const MAX_NAME_LENGTH = 255;

/** `status` of an upload: hidden packages are downloadable but left out of listings. */
export const GENERIC_PACKAGE_STATUSES = ['default', 'hidden'] as const;
export type GenericPackageStatus = (typeof GENERIC_PACKAGE_STATUSES)[number];

export interface GenericPackageCoordinates {
  packageName: string;
  packageVersion: string;
  fileName: string;
}

/** A name that resolves outside its directory (`.`, `..`) is no file name at all. */
function isTraversal(value: string): boolean {
  return value === '.' || value === '..' || value.includes('/') || value.includes('\\') || value.includes('\0');
}

/**
 * The problems with a generic package's name, version and file name, in GitLab's (Grape's) words:
 * `package_name is invalid`, `file_name should be a valid file path`. Empty when all three are fine.
 * Path parameters arrive decoded, so `..%2F..%2Fetc` is checked as `../../etc`.
 */
export function genericPackageErrors({ packageName, packageVersion, fileName }: GenericPackageCoordinates): string[] {
  const errors: string[] = [];
  if (!GENERIC_PACKAGE_NAME_PATTERN.test(packageName) || packageName.length > MAX_NAME_LENGTH) errors.push('package_name is invalid');
  else if (isTraversal(packageName)) errors.push('package_name should be a valid file path');
  if (!GENERIC_PACKAGE_VERSION_PATTERN.test(packageVersion) || packageVersion.length > MAX_NAME_LENGTH)
    errors.push('package_version is invalid');
  if (!GENERIC_PACKAGE_NAME_PATTERN.test(fileName) || fileName.length > MAX_NAME_LENGTH) errors.push('file_name is invalid');
  else if (isTraversal(fileName)) errors.push('file_name should be a valid file path');
  return errors;
}

/** Publishing a package file: Developer or higher (GitLab's `create_package`). */
export function canPublishPackages(access: Access): boolean {
  return canOnProject(access, 'push_code');
}

/**
 * Reading the package registry (download, list): anyone who sees a public or internal project,
 * Reporter or higher on a private one (GitLab's `read_package`; Guests only outside private projects).
 */
export function canReadPackages(access: Access, visibility: Visibility): boolean {
  if (!access.canView) return false;
  return visibility !== 'private' || access.level >= AccessLevel.Reporter;
}

/** Deleting a package: Maintainer or higher (GitLab's `destroy_package`). */
export function canDestroyPackages(access: Access): boolean {
  return canOnProject(access, 'admin_project');
}

/**
 * What `Content-Length` declares: a byte count, null when absent (chunked upload), or 'invalid'
 * for anything that is not a plain non-negative integer.
 */
export function parseContentLength(header: string | null): number | null | 'invalid' {
  if (header === null) return null;
  const trimmed = header.trim();
  if (!/^\d+$/.test(trimmed)) return 'invalid';
  const value = Number(trimmed);
  return Number.isSafeInteger(value) ? value : 'invalid';
}

/** `packages/<first two hex digits>/<sha256>`: where a blob lives below the packages directory. */
export function blobRelativePath(sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a SHA-256 hex digest');
  return `${sha256.slice(0, 2)}/${sha256}`;
}

/** The largest generic package file an admin may allow: a whole, positive number of bytes. */
export function validateGenericPackagesMaxFileSize(value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new AppError(
      'invalid',
      'generic_packages_max_file_size must be a whole number of bytes, at least 1',
      'genericPackagesMaxFileSize',
    );
  }
  return value;
}
