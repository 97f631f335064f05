import { describe, expect, it } from 'vitest';
import { AccessLevel } from '@/lib/access-levels';
import {
  blobRelativePath,
  canDestroyPackages,
  canPublishPackages,
  canReadPackages,
  genericPackageErrors,
  parseContentLength,
  validateGenericPackagesMaxFileSize,
} from './rules';

const errors = (packageName: string, packageVersion: string, fileName: string) =>
  genericPackageErrors({ packageName, packageVersion, fileName });

describe('generic package names (GitLab: generic_package_name_regex, maven_version_regex, file_path)', () => {
  it.each([
    ['my_package', '1.0.0', 'file.txt'],
    ['My.Package-2+x', '0.0.1-alpha1', 'release-v1.2.3+build.tar.gz'],
    ['a', 'v1_2', 'A'],
  ])('accepts %s / %s / %s', (name, version, file) => {
    expect(errors(name, version, file)).toEqual([]);
  });

  it.each([
    ['a b', '1.0.0', 'f', ['package_name is invalid']],
    ['pkg', '1..0', 'f', ['package_version is invalid']],
    ['pkg', '', 'f', ['package_version is invalid']],
    ['pkg', '1.0/2', 'f', ['package_version is invalid']],
    ['pkg', '1.0.0', '../../etc/passwd', ['file_name is invalid']],
    ['pkg', '1.0.0', 'dir\\file', ['file_name is invalid']],
    ['pkg', '1.0.0', 'nul\0byte', ['file_name is invalid']],
    ['pkg', '1.0.0', '..', ['file_name should be a valid file path']],
    ['pkg', '1.0.0', '.', ['file_name should be a valid file path']],
    ['..', '1.0.0', 'f', ['package_name should be a valid file path']],
    ['p/q', '1.0.0', 'f~', ['package_name is invalid', 'file_name is invalid']],
    ['x'.repeat(256), '1.0.0', 'f', ['package_name is invalid']],
    ['ünïcode', '1.0.0', 'f', ['package_name is invalid']],
  ])('refuses %s / %s / %s', (name, version, file, expected) => {
    expect(errors(name, version, file)).toEqual(expected);
  });
});

describe('who may do what with packages', () => {
  const access = (level: number, canView = true) => ({ level, canView });
  it('publishing needs Developer', () => {
    expect(canPublishPackages(access(AccessLevel.Reporter))).toBe(false);
    expect(canPublishPackages(access(AccessLevel.Developer))).toBe(true);
    expect(canPublishPackages(access(AccessLevel.Owner, false))).toBe(false);
  });

  it('reading needs Reporter on a private project, only sight of a public or internal one', () => {
    expect(canReadPackages(access(AccessLevel.Guest), 'private')).toBe(false);
    expect(canReadPackages(access(AccessLevel.Reporter), 'private')).toBe(true);
    expect(canReadPackages(access(AccessLevel.NoAccess), 'public')).toBe(true);
    expect(canReadPackages(access(AccessLevel.Guest), 'internal')).toBe(true);
    expect(canReadPackages(access(AccessLevel.NoAccess, false), 'internal')).toBe(false);
  });

  it('deleting needs Maintainer', () => {
    expect(canDestroyPackages(access(AccessLevel.Developer))).toBe(false);
    expect(canDestroyPackages(access(AccessLevel.Maintainer))).toBe(true);
  });
});

describe('sizes and paths', () => {
  it('reads Content-Length strictly', () => {
    expect(parseContentLength(null)).toBeNull();
    expect(parseContentLength('0')).toBe(0);
    expect(parseContentLength(' 42 ')).toBe(42);
    for (const bad of ['', '-1', '1.5', '1e3', 'abc', '99999999999999999999']) expect(parseContentLength(bad)).toBe('invalid');
  });

  it('takes a size limit of at least one whole byte', () => {
    expect(validateGenericPackagesMaxFileSize(1)).toBe(1);
    for (const bad of [0, -5, 1.5, Number.MAX_SAFE_INTEGER + 1])
      expect(() => validateGenericPackagesMaxFileSize(bad)).toThrow('generic_packages_max_file_size');
  });

  it('names blobs by their digest only', () => {
    const digest = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
    expect(blobRelativePath(digest)).toBe(`e3/${digest}`);
    expect(() => blobRelativePath('../../etc/passwd')).toThrow();
  });
});
