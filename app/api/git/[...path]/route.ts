import { handleGitRequest } from '@/lib/git/handle-git-request';
import { clientAddress } from '@/lib/http/client-address';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/**
 * Git's smart HTTP endpoints. next.config.js rewrites `/<project>.git/info/refs`,
 * `/git-upload-pack` and `/git-receive-pack` here; the Git URL path is rebuilt from the segments.
 */
async function handler(request: Request, context: { params: Promise<{ path: string[] }> }): Promise<Response> {
  const { path } = await context.params;
  return handleGitRequest(request, { pathname: `/${path.join('/')}`, ipAddress: clientAddress(request.headers) });
}

export { handler as GET, handler as HEAD, handler as POST };
