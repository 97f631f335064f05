import { handleRegistryAuthRequest } from '@/lib/registry/auth-handler';
import { clientAddress } from '@/lib/http/client-address';

export const dynamic = 'force-dynamic';

/** The container registry's token service (GitLab's `/jwt/auth`). */
export async function GET(request: Request): Promise<Response> {
  return handleRegistryAuthRequest(request, { ipAddress: clientAddress(request.headers) });
}
