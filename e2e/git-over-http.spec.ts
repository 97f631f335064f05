import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { cloneUrl, gitOrThrow, runGit, temporaryDirectory } from '../lib/git/testing/git-cli';
import { expect, test, uniqueSuffix } from './fixtures';
import { AccessTokensPage } from './pages/access-tokens-page';
import { NewProjectPage } from './pages/new-project-page';

function daysFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

test('push and clone with a project access token through next start; the project page shows the clone URL and the push', async ({
  page,
  baseURL,
  rootCredentials,
  signInAs,
}) => {
  test.setTimeout(120_000);
  await signInAs(rootCredentials);
  await new NewProjectPage(page).goto();
  // An empty repository: the first push below creates its main branch.
  await new NewProjectPage(page).create({ name: `Git ${uniqueSuffix()}`, initializeWithReadme: false });
  const fullPath = new URL(page.url()).pathname.slice(1);

  // The overview shows the HTTP clone URL and no push yet.
  await expect(page.getByLabel('Clone with HTTP')).toHaveValue(`${baseURL}/${fullPath}.git`);
  await expect(page.getByText('No pushes yet.')).toBeVisible();

  const tokens = new AccessTokensPage(page);
  await tokens.goto(fullPath);
  const writer = await tokens.create({ name: 'pusher', role: 'Developer', scopes: ['write_repository'], expiresAt: daysFromToday(10) });
  await tokens.goto(fullPath);
  const reader = await tokens.create({ name: 'reader', role: 'Reporter', scopes: ['read_repository'], expiresAt: daysFromToday(10) });

  // A first push of more than 10 MB: the body streams through the rewrite and the route handler.
  const source = temporaryDirectory();
  await gitOrThrow(['init', '-q', '-b', 'main', source]);
  writeFileSync(path.join(source, 'README.md'), '# Hello from git\n');
  writeFileSync(path.join(source, 'blob.bin'), randomBytes(12 * 1024 * 1024));
  await gitOrThrow(['-C', source, 'add', '.']);
  await gitOrThrow(['-C', source, 'commit', '-q', '-m', 'First']);
  const head = (await gitOrThrow(['-C', source, 'rev-parse', 'HEAD'])).trim();
  const push = await runGit(['-C', source, 'push', cloneUrl(baseURL!, fullPath, { username: 'oauth2', password: writer }), 'main']);
  expect(push.code, push.stderr).toBe(0);

  // The reader clones it (any user name) but may not push.
  const clone = temporaryDirectory();
  const readerUrl = cloneUrl(baseURL!, fullPath, { username: 'someone', password: reader });
  const cloned = await runGit(['clone', readerUrl, clone]);
  expect(cloned.code, cloned.stderr).toBe(0);
  expect((await gitOrThrow(['-C', clone, 'rev-parse', 'HEAD'])).trim()).toBe(head);
  const refused = await runGit(['-C', clone, 'push', readerUrl, 'HEAD:refs/heads/other']);
  expect(refused.code).not.toBe(0);
  expect(refused.stderr).toContain('You are not allowed to push code to this project.');

  // Without credentials a private project asks for them.
  const anonymous = await runGit(['clone', cloneUrl(baseURL!, fullPath), temporaryDirectory()]);
  expect(anonymous.code).not.toBe(0);

  await page.goto(`/${fullPath}`);
  const latest = page.getByRole('region', { name: 'Latest push' });
  await expect(latest).toContainText('pushed new branch main');
  await expect(latest).toContainText(head.slice(0, 8));
  await expect(latest).toContainText('pusher');
});
