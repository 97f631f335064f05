/** The HTTP clone URL of a project: `<KEYHOLD_URL>/<full path>.git`, as GitLab shows it. */
export function httpCloneUrl(fullPath: string, baseUrl: string = process.env.KEYHOLD_URL || 'http://localhost:3000'): string {
  return `${baseUrl.replace(/\/+$/, '')}/${fullPath}.git`;
}
