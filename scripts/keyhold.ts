// Keyhold's command line: what GitLab offers through its Rails console, for automation that needs
// its first token without a browser. Runs against the configured database (DATABASE_URL, or the
// embedded one in KEYHOLD_DATA_DIR) and uses the same lib/ code as the web app and the API.
//
//   npm run -s keyhold -- token create --user root --scopes api --name ci --expires-at 2026-12-31
//   npm run -s keyhold -- token list --user root
//   npm run -s keyhold -- token revoke --id 12
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { closeDatabase, useDatabase as installDatabase } from '@/db/client';
import type { DatabaseHandle } from '@/db/database';
import { openConfiguredDatabase } from '@/db/open';
import { DatabaseInUseError } from '@/db/pglite-lock';
import type { Actor } from '@/lib/actor';
import { personalAccessTokenJson } from '@/lib/api/serializers';
import { isAppError } from '@/lib/errors';
import {
  createPersonalAccessToken,
  listPersonalAccessTokens,
  personalAccessTokenOwner,
  revokePersonalAccessToken,
  type PersonalAccessTokenDto,
} from '@/lib/tokens/personal-access-tokens';
import { PERSONAL_TOKEN_SCOPES } from '@/lib/tokens/scopes';
import { ensureRootUser, findUserByUsername, toActor } from '@/lib/users/users';

export const USAGE = `Usage: npm run -s keyhold -- token <command> [options]

  token create --user <username> --name <name> --scopes <scope>[,<scope>...]
               [--expires-at YYYY-MM-DD] [--description <text>] [--json]
      Creates a personal access token for the user and prints it, once: only the token on
      standard output (details on standard error), or every field as JSON with --json.
      Without --expires-at the token gets the longest lifetime the instance allows.
  token list --user <username> [--state active|inactive] [--json]
      Lists the user's personal access tokens (never their secrets).
  token revoke --id <token id> [--user <username>]
      Revokes a personal access token at once.

Scopes: ${PERSONAL_TOKEN_SCOPES.join(', ')}.
The command acts as the user it names (as GitLab's Rails console does) and uses the configured
database: DATABASE_URL, or the embedded one in KEYHOLD_DATA_DIR (default ./.keyhold).`;

/** Where the command writes; the real streams unless a test captures them. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** A mistake in how the command was called: answered with the usage and exit status 2. */
class UsageError extends Error {}
/** Something the command cannot do (no such user or token): exit status 1. */
class CliFailure extends Error {}

const OPTIONS = {
  user: { type: 'string' },
  name: { type: 'string' },
  scopes: { type: 'string', multiple: true },
  'expires-at': { type: 'string' },
  description: { type: 'string' },
  state: { type: 'string' },
  id: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

function required(values: Values, name: 'user' | 'name' | 'id'): string {
  const value = values[name]?.trim();
  if (!value) throw new UsageError(`--${name} is required`);
  return value;
}

/** The person a command acts as: an existing, active human. */
async function person(username: string): Promise<Actor> {
  const user = await findUserByUsername(username);
  if (!user) throw new CliFailure(`there is no user "${username}"`);
  if (user.userType !== 'human') throw new CliFailure(`"${username}" is a ${user.userType.replace('_', ' ')}, not a person`);
  if (user.state !== 'active') throw new CliFailure(`"${username}" is blocked`);
  return toActor(user);
}

function stateOf(token: PersonalAccessTokenDto): string {
  return token.revoked ? 'revoked' : token.active ? 'active' : 'expired';
}

/** Lines of left-aligned columns. */
function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return (
    rows
      .map((row) =>
        row
          .map((cell, column) => cell.padEnd(widths[column]!))
          .join('  ')
          .trimEnd(),
      )
      .join('\n') + '\n'
  );
}

async function createCommand(values: Values, io: CliIo): Promise<number> {
  const username = required(values, 'user');
  const name = required(values, 'name');
  const scopes = (values.scopes ?? [])
    .flatMap((value) => value.split(','))
    .map((scope) => scope.trim())
    .filter(Boolean);
  if (scopes.length === 0) throw new UsageError(`--scopes is required (${PERSONAL_TOKEN_SCOPES.join(', ')})`);
  const actor = await person(username);
  const { token, accessToken } = await createPersonalAccessToken({
    actor,
    name,
    description: values.description,
    scopes,
    expiresAt: values['expires-at'],
    ipAddress: null,
  });
  if (values.json) {
    io.stdout(`${JSON.stringify(personalAccessTokenJson(accessToken, token), null, 2)}\n`);
  } else {
    io.stdout(`${token}\n`);
  }
  io.stderr(
    `Created personal access token ${accessToken.id} "${accessToken.name}" for ${actor.username} ` +
      `(scopes ${accessToken.scopes.join(', ')}; expires ${accessToken.expiresAt}). It is shown only this once.\n`,
  );
  return 0;
}

async function listCommand(values: Values, io: CliIo): Promise<number> {
  const actor = await person(required(values, 'user'));
  const state = values.state;
  if (state !== undefined && state !== 'active' && state !== 'inactive') throw new UsageError('--state must be active or inactive');
  const { tokens } = await listPersonalAccessTokens({ actor, state });
  if (values.json) {
    io.stdout(
      `${JSON.stringify(
        tokens.map((token) => personalAccessTokenJson(token)),
        null,
        2,
      )}\n`,
    );
  } else if (tokens.length === 0) {
    io.stderr(`${actor.username} has no personal access tokens${state ? ` (${state})` : ''}.\n`);
  } else {
    const rows = tokens.map((token) => [
      String(token.id),
      token.name,
      token.scopes.join(','),
      stateOf(token),
      token.expiresAt,
      token.lastUsedAt ? token.lastUsedAt.toISOString() : 'never',
    ]);
    io.stdout(table([['ID', 'NAME', 'SCOPES', 'STATE', 'EXPIRES', 'LAST USED'], ...rows]));
  }
  return 0;
}

async function revokeCommand(values: Values, positionals: string[], io: CliIo): Promise<number> {
  const raw = values.id ?? positionals[2];
  if (!raw) throw new UsageError('--id is required');
  const tokenId = Number(raw);
  if (!Number.isSafeInteger(tokenId) || tokenId <= 0) throw new UsageError(`"${raw}" is not a token id`);
  const actor = values.user ? await person(values.user.trim()) : await personalAccessTokenOwner(tokenId);
  if (!actor) throw new CliFailure(`there is no personal access token ${tokenId}`);
  const revoked = await revokePersonalAccessToken({ actor, tokenId, ipAddress: null });
  io.stderr(`Revoked personal access token ${revoked.id} "${revoked.name}" of ${actor.username}.\n`);
  return 0;
}

/**
 * Runs one command against the database already installed (useDatabase). Returns the exit
 * status: 0 done, 1 refused by Keyhold's rules (the reason on standard error), 2 a usage mistake.
 */
export async function runKeyholdCommand(argv: string[], io: CliIo = processIo): Promise<number> {
  try {
    const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
    const [group, command] = positionals;
    if (values.help || group === 'help' || positionals.length === 0) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    if (group !== 'token') throw new UsageError(`unknown command "${group}"`);
    switch (command) {
      case 'create':
        return await createCommand(values, io);
      case 'list':
        return await listCommand(values, io);
      case 'revoke':
        return await revokeCommand(values, positionals, io);
      default:
        throw new UsageError(command ? `unknown token command "${command}"` : 'token needs a command: create, list or revoke');
    }
  } catch (error) {
    if (error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`keyhold: ${(error as Error).message}\n\n${USAGE}\n`);
      return 2;
    }
    if (isAppError(error) || error instanceof CliFailure) {
      io.stderr(`keyhold: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

/**
 * The instance admin `root`, as the server's first start makes it: a command run before the
 * server ever started (headless set-up) can then give root its first token.
 */
async function ensureRoot(io: CliIo): Promise<void> {
  const root = await ensureRootUser();
  if (root.generatedPassword) {
    io.stderr(
      `Keyhold: created the instance admin "root" with password: ${root.generatedPassword}\nKeep it safe: it is shown only this once.\n`,
    );
  }
}

/** Opens the configured database, runs the command and closes it again. */
export async function main(
  argv: string[],
  io: CliIo = processIo,
  openDatabase: () => Promise<DatabaseHandle> = openConfiguredDatabase,
): Promise<number> {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h') || argv[0] === 'help') return runKeyholdCommand(argv, io);
  let handle: DatabaseHandle;
  try {
    handle = await openDatabase();
  } catch (error) {
    if (error instanceof DatabaseInUseError) {
      io.stderr(`keyhold: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  installDatabase(handle);
  try {
    await ensureRoot(io);
    return await runKeyholdCommand(argv, io);
  } finally {
    await closeDatabase();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
