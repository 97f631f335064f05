import { handleApiRequest } from '@/lib/api/api';

export const dynamic = 'force-dynamic';

function clientIp(request: Request): string | null {
  return request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() || request.headers.get('x-real-ip') || null;
}

async function handler(request: Request): Promise<Response> {
  return handleApiRequest(request, clientIp(request));
}

export { handler as GET, handler as POST, handler as PUT, handler as DELETE, handler as PATCH, handler as HEAD };
