import { handleApiRequest } from '@/lib/api/api';
import { clientAddress } from '@/lib/http/client-address';

export const dynamic = 'force-dynamic';

async function handler(request: Request): Promise<Response> {
  return handleApiRequest(request, clientAddress(request.headers));
}

export { handler as GET, handler as POST, handler as PUT, handler as DELETE, handler as PATCH, handler as HEAD };
