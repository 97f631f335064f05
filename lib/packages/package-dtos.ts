import type { Package, PackageFile } from '@/db/schema';

/** A package version, as lib/ hands it out. */
export interface PackageDto {
  id: number;
  projectId: number;
  packageType: 'generic';
  name: string;
  version: string;
  status: 'default' | 'hidden';
  createdAt: Date;
  updatedAt: Date;
}

/** One stored file of a package. */
export interface PackageFileDto {
  id: number;
  packageId: number;
  fileName: string;
  size: number;
  fileSha256: string;
  createdAt: Date;
  updatedAt: Date;
}

export function toPackageDto(row: Package): PackageDto {
  return {
    id: row.id,
    projectId: row.projectId,
    packageType: row.packageType,
    name: row.name,
    status: row.status,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function toPackageFileDto(row: PackageFile): PackageFileDto {
  return {
    id: row.id,
    packageId: row.packageId,
    fileName: row.fileName,
    size: row.size,
    fileSha256: row.fileSha256,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
