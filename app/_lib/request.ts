import 'server-only';
import { headers } from 'next/headers';

/** The client's IP as the nearest proxy reports it, for audit events. */
export async function clientIp(): Promise<string | null> {
  const list = await headers();
  const forwarded = list.get('x-forwarded-for')?.split(',')[0]?.trim();
  return forwarded || list.get('x-real-ip') || null;
}
