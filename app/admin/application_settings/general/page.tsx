import type { Metadata } from 'next';
import { applicationSettingsForAdmin } from '@/lib/settings/application-settings';
import {
  DEFAULT_MAX_TOKEN_LIFETIME_DAYS,
  DEFAULT_TOKEN_PREFIX,
  MAX_TOKEN_LIFETIME_LIMIT_DAYS,
  MAX_TOKEN_PREFIX_SETTING_LENGTH,
} from '@/lib/settings/settings-rules';
import { listTokensOverLimit } from '@/lib/tokens/lifetime-limit';
import { ApplicationSettingsForm } from '@/components/admin/application-settings-form';
import { TokensOverLimit } from '@/components/admin/tokens-over-limit';
import { revokeTokensOverLimitAction, updateApplicationSettingsAction } from '@/app/_actions/admin-settings';
import { requireAdmin } from '@/app/_lib/require-admin';

export const metadata: Metadata = { title: 'General settings · Admin area' };

/** `/admin/application_settings/general`: account and limit settings (instance admins). */
export default async function AdminGeneralSettingsPage() {
  const actor = await requireAdmin();
  const [settings, overLimit] = await Promise.all([applicationSettingsForAdmin(actor), listTokensOverLimit({ actor })]);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">General settings</h1>
      <ApplicationSettingsForm
        action={updateApplicationSettingsAction}
        settings={{
          maxAccessTokenLifetimeDays: settings.maxAccessTokenLifetimeDays,
          tokenPrefix: settings.tokenPrefix,
          signupEnabled: settings.signupEnabled,
          projectAccessTokenCreationDefault: settings.projectAccessTokenCreationDefault,
          botsCanReadInternalProjects: settings.botsCanReadInternalProjects,
          passwordAuthenticationEnabledForGit: settings.passwordAuthenticationEnabledForGit,
        }}
        defaults={{
          maxLifetimeDays: DEFAULT_MAX_TOKEN_LIFETIME_DAYS,
          maxLifetimeLimitDays: MAX_TOKEN_LIFETIME_LIMIT_DAYS,
          tokenPrefix: DEFAULT_TOKEN_PREFIX,
          prefixMaxLength: MAX_TOKEN_PREFIX_SETTING_LENGTH,
        }}
      />
      <TokensOverLimit
        tokens={overLimit.tokens}
        maxExpiresAt={overLimit.maxExpiresAt}
        maxLifetimeDays={overLimit.maxLifetimeDays}
        revokeAction={revokeTokensOverLimitAction}
      />
    </div>
  );
}
