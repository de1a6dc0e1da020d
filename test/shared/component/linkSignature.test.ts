import { checkLink, LINK_LIFETIME_SECONDS, signLink } from '../../../shared/component/linkSignature';

const SECRET = '3c0e9f5a1b2d4c6e8a0b1c2d3e4f5a6b';
const APPID = 'wx3c0e9f5a1b2d4c6e';
const NOW = 1_800_000_000_000;

describe('the redirect\'s signed parameter', () => {
  it('is valid for the pre-auth code\'s 1800 s plus the code\'s 600 s, then expired', () => {
    const { value, expiresAt } = signLink(SECRET, APPID, NOW);
    expect(expiresAt).toBe(NOW + LINK_LIFETIME_SECONDS * 1000);
    expect(checkLink(value, SECRET, APPID, NOW)).toBe('valid');
    expect(checkLink(value, SECRET, APPID, NOW + 2399_000)).toBe('valid');
    expect(checkLink(value, SECRET, APPID, NOW + 2401_000)).toBe('expired');
  });

  it('is bound to the secret and the platform', () => {
    const { value } = signLink(SECRET, APPID, NOW);
    expect(checkLink(value, 'another-secret-000000000000000000', APPID, NOW)).toBe('forged');
    expect(checkLink(value, SECRET, 'wx00000000000000aa', NOW)).toBe('forged');
  });

  it('cannot be stretched: a changed expiry or nonce breaks the signature, and a far-future one is not ours', () => {
    const { value } = signLink(SECRET, APPID, NOW, 'nonce123');
    const [expires, nonce, mac] = value.split('.') as [string, string, string];
    expect(checkLink(`${Number(expires) + 1}.${nonce}.${mac}`, SECRET, APPID, NOW)).toBe('forged');
    expect(checkLink(`${expires}.nonce124.${mac}`, SECRET, APPID, NOW)).toBe('forged');
    // Signed with the right key but valid for a day: no link this code makes lasts that long.
    const longLived = signLink(SECRET, APPID, NOW + 86_400_000).value;
    expect(checkLink(longLived, SECRET, APPID, NOW)).toBe('forged');
  });

  it('tells missing and malformed apart from forged', () => {
    expect(checkLink(undefined, SECRET, APPID, NOW)).toBe('missing');
    expect(checkLink('', SECRET, APPID, NOW)).toBe('missing');
    for (const bad of ['abc', '123.abc.def', `${NOW}.nonce123.${'A'.repeat(22)}x`, '1800002400.no nce.AAAAAAAAAAAAAAAAAAAAAA']) expect(checkLink(bad, SECRET, APPID, NOW)).toBe('malformed');
  });

  it('uses a fresh nonce each time', () => {
    expect(signLink(SECRET, APPID, NOW).value).not.toBe(signLink(SECRET, APPID, NOW).value);
  });
});
