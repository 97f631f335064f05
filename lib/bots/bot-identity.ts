/**
 * Bot users for project access tokens, GitLab-style: the first is `project_{id}_bot` with e-mail
 * `project{id}_bot@noreply.{host}`, the next ones `project_{id}_bot1`, `project_{id}_bot2`…
 * A number freed by a deleted bot is used again (the first free one wins).
 */

export interface BotIdentity {
  username: string;
  email: string;
}

/** The identity with sequence number `index` (0 is the unnumbered first bot). */
export function botIdentity(projectId: number, index: number, host: string): BotIdentity {
  const suffix = index === 0 ? '' : String(index);
  return {
    username: `project_${projectId}_bot${suffix}`,
    email: `project${projectId}_bot${suffix}@noreply.${host}`,
  };
}

/**
 * The lowest sequence number whose username and e-mail are both free, given the usernames and
 * e-mails already taken (compared case-insensitively, as the unique indexes do).
 */
export function nextBotIndex(projectId: number, host: string, taken: { usernames: Iterable<string>; emails: Iterable<string> }): number {
  const usernames = new Set([...taken.usernames].map((value) => value.toLowerCase()));
  const emails = new Set([...taken.emails].map((value) => value.toLowerCase()));
  for (let index = 0; ; index++) {
    const candidate = botIdentity(projectId, index, host);
    if (!usernames.has(candidate.username.toLowerCase()) && !emails.has(candidate.email.toLowerCase())) return index;
  }
}
