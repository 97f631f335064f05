// Contract test: GitLab's own JavaScript client (@gitbeaker/rest) drives Keyhold over real HTTP,
// served by the same handler as the Next.js route. If gitbeaker works against Keyhold, GitLab
// automation written with it does too.
import { Gitlab, GitbeakerRequestError } from '@gitbeaker/rest';
import { describe, expect, it } from 'vitest';
import { withFreshDatabase } from '@/tests/database';
import { createTestUser } from '@/tests/factories';
import { withHttpServer } from '@/tests/http-server';
import { createPersonalToken } from '@/tests/personal-token-factories';

withFreshDatabase();
const server = withHttpServer();

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** GitLab's documented project access token fields (plus `token` on create and rotate). */
const TOKEN_FIELDS = [
  'access_level',
  'active',
  'created_at',
  'description',
  'expires_at',
  'id',
  'last_used_at',
  'last_used_ips',
  'name',
  'resource_id',
  'resource_type',
  'revoked',
  'scopes',
  'user_id',
];

/** A date `days` from today (UTC), as GitLab's `expires_at`. */
function daysFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

function client(credentials: { token: string } | { oauthToken: string }) {
  return new Gitlab({ host: server().origin, ...credentials });
}

/** The HTTP status of a request gitbeaker refused, and the `error` or `message` it read from the body. */
async function failure(call: Promise<unknown>): Promise<{ status: number; description: string }> {
  const error = await call.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(GitbeakerRequestError);
  const cause = (error as GitbeakerRequestError).cause as { description: string; response: Response };
  return { status: cause.response.status, description: cause.description };
}

describe('@gitbeaker/rest against Keyhold', () => {
  it('creates, lists, shows, uses, rotates and revokes a project access token', async () => {
    const human = await createTestUser();
    const { token: personalToken } = await createPersonalToken(human, { now: new Date(), expiresAt: daysFromToday(60) });
    const gitlab = client({ token: personalToken });

    expect(await gitlab.Users.showCurrentUser()).toMatchObject({ id: human.id, username: human.username, bot: false });

    const project = await gitlab.Projects.create({ name: 'Contract', visibility: 'private' });
    expect(project).toMatchObject({ name: 'Contract', path_with_namespace: `${human.username}/contract`, visibility: 'private' });

    // Create: gitbeaker sends name, scopes, expires_at and access_level as JSON.
    const expiresAt = daysFromToday(30);
    const created = await gitlab.ProjectAccessTokens.create(project.id, 'deploy bot', ['api', 'read_repository'], expiresAt, {
      accessLevel: 30,
    });
    expect(Object.keys(created).sort()).toEqual([...TOKEN_FIELDS, 'token'].sort());
    expect(created).toMatchObject({
      name: 'deploy bot',
      description: null,
      revoked: false,
      active: true,
      scopes: ['api', 'read_repository'],
      last_used_at: null,
      expires_at: expiresAt,
      access_level: 30,
      resource_type: 'project',
      resource_id: project.id,
    });
    expect(created.id).toEqual(expect.any(Number));
    expect(created.user_id).toEqual(expect.any(Number));
    expect(created.created_at).toMatch(ISO_TIMESTAMP);
    expect(created.token).toMatch(/^glpat-/);
    const { token: secret, ...described } = created;

    // List and show: the same fields, without the secret.
    const listed = await gitlab.ProjectAccessTokens.all(project.id);
    expect(listed).toHaveLength(1);
    expect(Object.keys(listed[0]!).sort()).toEqual(TOKEN_FIELDS);
    expect(listed[0]).toEqual(described);
    const shown = await gitlab.ProjectAccessTokens.show(project.id, created.id);
    expect(shown).toEqual(described);
    // By full path too, which gitbeaker URL-encodes.
    expect(await gitlab.ProjectAccessTokens.show(project.path_with_namespace, created.id)).toEqual(described);

    // The new token (sent as a Bearer token here) acts as the project's bot user.
    const bot = client({ oauthToken: secret });
    expect(await bot.Users.showCurrentUser()).toMatchObject({
      id: created.user_id,
      username: `project_${project.id}_bot`,
      name: 'deploy bot',
      bot: true,
      state: 'active',
    });
    expect(await bot.Projects.show(project.id)).toMatchObject({ id: project.id });
    // GitLab: project access tokens cannot create tokens.
    expect((await failure(bot.ProjectAccessTokens.create(project.id, 'nested', ['api'], expiresAt))).status).toBe(403);

    // Rotate: a new secret for a new token id; the old token is revoked.
    const rotatedExpiry = daysFromToday(7);
    const rotated = await gitlab.ProjectAccessTokens.rotate(project.id, created.id, { expiresAt: rotatedExpiry });
    expect(Object.keys(rotated).sort()).toEqual([...TOKEN_FIELDS, 'token'].sort());
    expect(rotated).toMatchObject({
      name: 'deploy bot',
      revoked: false,
      active: true,
      scopes: ['api', 'read_repository'],
      user_id: created.user_id,
      expires_at: rotatedExpiry,
      access_level: 30,
      resource_type: 'project',
      resource_id: project.id,
    });
    expect(rotated.id).not.toBe(created.id);
    expect(rotated.token).toMatch(/^glpat-/);
    expect(rotated.token).not.toBe(secret);
    expect(await gitlab.ProjectAccessTokens.show(project.id, created.id)).toMatchObject({ revoked: true, active: false });
    expect(await failure(bot.Users.showCurrentUser())).toEqual({ status: 401, description: 'invalid_token' });

    // The rotated token works with the PRIVATE-TOKEN header, until it is revoked.
    const rotatedBot = client({ token: rotated.token });
    expect(await rotatedBot.Users.showCurrentUser()).toMatchObject({ id: created.user_id, bot: true });
    await gitlab.ProjectAccessTokens.revoke(project.id, rotated.id);
    expect((await failure(rotatedBot.Users.showCurrentUser())).status).toBe(401);
    expect((await failure(client({ token: secret }).Users.showCurrentUser())).status).toBe(401);

    const afterRevoke = await gitlab.ProjectAccessTokens.show(project.id, rotated.id);
    expect(afterRevoke).toMatchObject({ id: rotated.id, revoked: true, active: false });
    expect(afterRevoke.expires_at).toMatch(DATE);
    // Keyhold, like newer GitLab, keeps listing inactive tokens (for 30 days).
    const remaining = await gitlab.ProjectAccessTokens.all(project.id);
    expect(remaining.map((token) => [token.id, token.revoked, token.active]).sort()).toEqual([
      [created.id, true, false],
      [rotated.id, true, false],
    ]);
  });

  it("answers an unknown token id with GitLab's 404 and an unknown token with 401", async () => {
    const human = await createTestUser();
    const { token } = await createPersonalToken(human, { now: new Date(), expiresAt: daysFromToday(60) });
    const gitlab = client({ token });
    const project = await gitlab.Projects.create({ name: 'Other' });
    expect(await failure(gitlab.ProjectAccessTokens.show(project.id, 999_999))).toEqual({
      status: 404,
      description: '404 Project Access Token Not Found',
    });
    expect(await failure(client({ token: 'glpat-unknown' }).Users.showCurrentUser())).toEqual({
      status: 401,
      description: '401 Unauthorized',
    });
  });
});
