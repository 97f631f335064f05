import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { dataDir } from '@/db/open';

const run = promisify(execFile);

/** The branch a new repository starts on. */
export const DEFAULT_BRANCH = 'main';

const VITEST_ROOTS = Symbol.for('keyhold.vitest-repository-roots');
type GlobalWithRoots = typeof globalThis & { [VITEST_ROOTS]?: string[] };
let vitestRoot: string | undefined;

/**
 * Where bare repositories live: `KEYHOLD_DATA_DIR/repositories/<project id>.git`, so renaming or
 * transferring a project never moves its repository. Under Vitest without an explicit data
 * directory, each test file (which has its own fresh database, hence the same project ids) gets
 * its own temporary directory, removed when the worker exits.
 */
export function repositoriesRoot(): string {
  if (process.env.VITEST && !process.env.KEYHOLD_DATA_DIR) {
    if (!vitestRoot) {
      vitestRoot = mkdtempSync(path.join(tmpdir(), 'keyhold-vitest-repositories-'));
      const store = globalThis as GlobalWithRoots;
      if (!store[VITEST_ROOTS]) {
        const roots: string[] = (store[VITEST_ROOTS] = []);
        process.once('exit', () => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));
      }
      store[VITEST_ROOTS].push(vitestRoot);
    }
    return vitestRoot;
  }
  return path.join(dataDir(), 'repositories');
}

/** The bare repository of a project. */
export function repositoryPath(projectId: number): string {
  if (!Number.isSafeInteger(projectId) || projectId <= 0) throw new Error(`invalid project id ${projectId}`);
  return path.join(repositoriesRoot(), `${projectId}.git`);
}

/** Environment for the git commands Keyhold runs itself: no user or system configuration. */
export function gitEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: repositoriesRoot(),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_TERMINAL_PROMPT: '0',
    LANG: 'C',
    ...extra,
  };
  // Only these variables: the app's own (DATABASE_URL, KEYHOLD_SECRET …) never reach git.
  return env as NodeJS.ProcessEnv;
}

/** Runs git in a repository and returns its standard output. */
export async function git(gitDir: string, args: string[], options: { input?: string; env?: Record<string, string> } = {}) {
  const child = run('git', args, { env: gitEnvironment({ GIT_DIR: gitDir, ...options.env }), maxBuffer: 64 * 1024 * 1024 });
  if (options.input !== undefined) {
    child.child.stdin?.end(options.input);
  }
  return (await child).stdout;
}

export interface CreateRepositoryOptions {
  /** Commit a README.md on the default branch, authored by this person. */
  readme?: { projectName: string; description?: string; author: { name: string; email: string } };
}

/**
 * Creates a project's bare repository. A directory already at that place can only be a leftover
 * (project ids are never reused): it is moved aside, never handed to the new project.
 */
export async function createRepository(projectId: number, options: CreateRepositoryOptions = {}): Promise<string> {
  const target = repositoryPath(projectId);
  mkdirSync(path.dirname(target), { recursive: true });
  if (existsSync(target)) await rename(target, `${target}.orphaned-${Date.now()}`);
  await run('git', ['init', '--bare', '--quiet', '--template=', `--initial-branch=${DEFAULT_BRANCH}`, target], { env: gitEnvironment() });
  if (options.readme) await commitReadme(target, options.readme);
  return target;
}

async function commitReadme(gitDir: string, readme: NonNullable<CreateRepositoryOptions['readme']>) {
  const text = `# ${readme.projectName}\n${readme.description ? `\n${readme.description}\n` : ''}`;
  const blob = (await git(gitDir, ['hash-object', '-w', '--stdin'], { input: text })).trim();
  const tree = (await git(gitDir, ['mktree'], { input: `100644 blob ${blob}\tREADME.md\n` })).trim();
  const identity = {
    GIT_AUTHOR_NAME: readme.author.name,
    GIT_AUTHOR_EMAIL: readme.author.email,
    GIT_COMMITTER_NAME: readme.author.name,
    GIT_COMMITTER_EMAIL: readme.author.email,
  };
  const commit = (await git(gitDir, ['commit-tree', tree, '-m', 'Initial commit'], { env: identity })).trim();
  await git(gitDir, ['update-ref', `refs/heads/${DEFAULT_BRANCH}`, commit]);
}

/** Removes a repository (and nothing else): used when its project could not be created after all. */
export async function removeRepository(projectId: number): Promise<void> {
  await rm(repositoryPath(projectId), { recursive: true, force: true });
}

/**
 * Moves a repository out of the way before its project is deleted. Returns how to finish: `commit`
 * removes it for good, `rollback` puts it back (the deletion's transaction failed).
 */
export async function setRepositoryAsideForDeletion(projectId: number): Promise<{ commit(): Promise<void>; rollback(): Promise<void> }> {
  const source = repositoryPath(projectId);
  if (!existsSync(source)) return { commit: async () => {}, rollback: async () => {} };
  const aside = `${source}.deleting-${process.pid}-${Date.now()}`;
  await rename(source, aside);
  return {
    commit: () => rm(aside, { recursive: true, force: true }),
    rollback: () => rename(aside, source),
  };
}
