import 'server-only';
import { eq } from 'drizzle-orm';
import { instanceSettings, type InstanceSettings } from '@/db/schema';
import { db } from '@/db/client';
import type { MaybeActor } from '../actor';
import { recordAuditEvent } from '../audit/audit-events';
import { assertInstanceAdmin } from '../permissions';
import { validateGenericPackagesMaxFileSize } from '../packages/rules';
import { countTokensOverLimit } from '../tokens/lifetime-limit';
import { getInstanceSettings, maxTokenLifetimeDays } from './instance-settings';
import { validateMaxTokenLifetimeDays, validateTokenPrefix } from './settings-rules';

/** Admin > Settings > General (Account and limit settings), as the admin screen and the API see it. */
export interface ApplicationSettingsDto {
  /** Null: the default applies. */
  maxAccessTokenLifetimeDays: number | null;
  /** What applies now: the setting or the default (365). */
  effectiveMaxAccessTokenLifetimeDays: number;
  tokenPrefix: string;
  signupEnabled: boolean;
  /** The token-creation switch a new top-level group starts with. */
  projectAccessTokenCreationDefault: boolean;
  botsCanReadInternalProjects: boolean;
  /** Whether Git over HTTP accepts a person's username and password (tokens always work). */
  passwordAuthenticationEnabledForGit: boolean;
  /** Largest generic package file accepted, in bytes. */
  genericPackagesMaxFileSize: number;
  /** Whether a generic package version may receive the same file name twice. */
  genericDuplicatesAllowed: boolean;
  updatedAt: Date;
}

export function toApplicationSettingsDto(settings: InstanceSettings): ApplicationSettingsDto {
  return {
    maxAccessTokenLifetimeDays: settings.maxAccessTokenLifetimeDays,
    effectiveMaxAccessTokenLifetimeDays: maxTokenLifetimeDays(settings),
    tokenPrefix: settings.tokenPrefix,
    signupEnabled: settings.signupEnabled,
    projectAccessTokenCreationDefault: settings.projectAccessTokenCreationDefault,
    botsCanReadInternalProjects: settings.botsCanReadInternalProjects,
    passwordAuthenticationEnabledForGit: settings.passwordAuthenticationEnabledForGit,
    genericPackagesMaxFileSize: settings.genericPackagesMaxFileSize,
    genericDuplicatesAllowed: settings.genericDuplicatesAllowed,
    updatedAt: settings.updatedAt,
  };
}

/** The settings, for instance admins only (everyone else: not found). */
export async function applicationSettingsForAdmin(actor: MaybeActor): Promise<ApplicationSettingsDto> {
  assertInstanceAdmin(actor);
  return toApplicationSettingsDto(await getInstanceSettings());
}

/** The settings an admin may change; an omitted field stays as it is. */
export interface ApplicationSettingsChanges {
  /** 1–400 days, or null for the default (365). */
  maxAccessTokenLifetimeDays?: number | null;
  /** Letters, digits, '-' and '_', at most 20; '' means the default `glpat-`. */
  tokenPrefix?: string;
  signupEnabled?: boolean;
  projectAccessTokenCreationDefault?: boolean;
  botsCanReadInternalProjects?: boolean;
  passwordAuthenticationEnabledForGit?: boolean;
  /** Bytes, at least 1. */
  genericPackagesMaxFileSize?: number;
  genericDuplicatesAllowed?: boolean;
}

export interface UpdateApplicationSettingsOptions extends ApplicationSettingsChanges {
  /** Must be an instance admin. */
  actor: MaybeActor;
  now?: Date;
  ipAddress?: string | null;
}

export interface UpdateApplicationSettingsResult {
  settings: ApplicationSettingsDto;
  /** Names of the settings that changed (empty: nothing to save). */
  changed: (keyof ApplicationSettingsChanges)[];
  /** Active tokens that now outlive the maximum lifetime; they keep working until the admin revokes them. */
  tokensOverLimit: number;
}

const FIELDS: (keyof ApplicationSettingsChanges)[] = [
  'maxAccessTokenLifetimeDays',
  'tokenPrefix',
  'signupEnabled',
  'projectAccessTokenCreationDefault',
  'botsCanReadInternalProjects',
  'passwordAuthenticationEnabledForGit',
  'genericPackagesMaxFileSize',
  'genericDuplicatesAllowed',
];

/**
 * Saves the settings (admins only), in one transaction with its audit event, which records each
 * changed setting's old and new value. Every value is validated before anything is written.
 */
export async function updateApplicationSettings(options: UpdateApplicationSettingsOptions): Promise<UpdateApplicationSettingsResult> {
  const { actor } = options;
  assertInstanceAdmin(actor);
  const now = options.now ?? new Date();
  const wanted: ApplicationSettingsChanges = {};
  if (options.maxAccessTokenLifetimeDays !== undefined) {
    wanted.maxAccessTokenLifetimeDays = validateMaxTokenLifetimeDays(options.maxAccessTokenLifetimeDays);
  }
  if (options.tokenPrefix !== undefined) wanted.tokenPrefix = validateTokenPrefix(options.tokenPrefix);
  if (options.signupEnabled !== undefined) wanted.signupEnabled = options.signupEnabled;
  if (options.projectAccessTokenCreationDefault !== undefined) {
    wanted.projectAccessTokenCreationDefault = options.projectAccessTokenCreationDefault;
  }
  if (options.botsCanReadInternalProjects !== undefined) wanted.botsCanReadInternalProjects = options.botsCanReadInternalProjects;
  if (options.passwordAuthenticationEnabledForGit !== undefined) {
    wanted.passwordAuthenticationEnabledForGit = options.passwordAuthenticationEnabledForGit;
  }
  if (options.genericPackagesMaxFileSize !== undefined) {
    wanted.genericPackagesMaxFileSize = validateGenericPackagesMaxFileSize(options.genericPackagesMaxFileSize);
  }
  if (options.genericDuplicatesAllowed !== undefined) wanted.genericDuplicatesAllowed = options.genericDuplicatesAllowed;

  const database = await db();
  return database.transaction(async (tx) => {
    const current = await getInstanceSettings(tx, { lock: true });
    const changed = FIELDS.filter((field) => wanted[field] !== undefined && wanted[field] !== current[field]);
    let saved = current;
    if (changed.length > 0) {
      const set = Object.fromEntries(changed.map((field) => [field, wanted[field]]));
      const [updated] = await tx.update(instanceSettings).set(set).where(eq(instanceSettings.id, 1)).returning();
      if (!updated) throw new Error('instance settings row vanished');
      saved = updated;
      await recordAuditEvent(tx, {
        author: actor,
        action: 'application_settings_updated',
        target: { type: 'Instance', name: 'Application settings' },
        details: {
          from: Object.fromEntries(changed.map((field) => [field, current[field]])),
          to: Object.fromEntries(changed.map((field) => [field, saved[field]])),
        },
        ipAddress: options.ipAddress,
      });
    }
    return { settings: toApplicationSettingsDto(saved), changed, tokensOverLimit: await countTokensOverLimit(tx, now) };
  });
}
