import 'server-only';
import { headers } from 'next/headers';
import { clientAddress } from '@/lib/http/client-address';

/** The client's address (see lib/http/client-address), for audit events. */
export async function clientIp(): Promise<string | null> {
  return clientAddress(await headers());
}
