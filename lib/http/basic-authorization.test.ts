import { describe, expect, it } from 'vitest';
import { parseBasicAuthorization } from './basic-authorization';

const basic = (username: string, password: string) => `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;

describe('parseBasicAuthorization', () => {
  it('splits at the first colon and refuses other schemes', () => {
    expect(parseBasicAuthorization(basic('oauth2', 'a:b'))).toEqual({ username: 'oauth2', password: 'a:b' });
    expect(parseBasicAuthorization('Bearer abc')).toBeNull();
    expect(parseBasicAuthorization(`Basic ${Buffer.from('nocolon').toString('base64')}`)).toBeNull();
  });
});
