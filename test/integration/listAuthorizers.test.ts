import { context, useHarness } from './helpers/harness';

/**
 * listAuthorizers pages through the registry with the total beside it: a platform acting for
 * more than 1000 accounts sees every one of them, page by page, none dropped.
 */
const h = useHarness({ embeddedCount: 5, applicantCount: 5 }, (harness) => {
  harness.asCaller('admin');
  harness.configure({ COMPONENT_APPID: harness.emu.accounts.component.appid });
});

/** `count` accounts in the registry as componentEvents stores them (refresh tokens included). */
function seedRegistry(count: number): string[] {
  const component = h.emu.accounts.component.appid;
  const collection = h.emu.db.collection('wx_authorizers');
  const appids: string[] = [];
  for (let i = 0; i < count; i++) {
    const appid = `wx${i.toString(16).padStart(16, '0')}`;
    appids.push(appid);
    collection.set(`${component}:${appid}`, {
      _id: `${component}:${appid}`, componentAppid: component, authorizerAppid: appid, refreshToken: `refreshtoken@@@seeded-${i}-abcdefgh`,
      funcIds: [18], authorizedAt: 1_700_000_000_000 + i, revoked: false, lastEventAt: 0, source: 'push', updatedAt: 0,
    });
  }
  // Another platform's accounts are not this one's.
  collection.set('wxotherplatform:wx1111111111111111', { _id: 'wxotherplatform:wx1111111111111111', componentAppid: 'wxotherplatform', authorizerAppid: 'wx1111111111111111', refreshToken: 'x', funcIds: [], authorizedAt: 0, revoked: false, lastEventAt: 0, source: 'push', updatedAt: 0 });
  return appids;
}

describe('listAuthorizers', () => {
  it('pages through 1005 accounts: the total, a full page, then the rest, in appid order, no token', async () => {
    const appids = seedRegistry(1005);
    const main = h.loadFunction('listAuthorizers');
    const first = await main({}, context());
    expect(first).toMatchObject({ errCode: 0, total: 1005, paging: { offset: 0, limit: 1000, returned: 1000, nextOffset: 1000 } });
    const second = await main({ offset: first.paging.nextOffset }, context());
    expect(second).toMatchObject({ errCode: 0, total: 1005, paging: { offset: 1000, limit: 1000, returned: 5, nextOffset: null } });
    const listed = [...first.authorizers, ...second.authorizers].map((a: { authorizerAppid: string }) => a.authorizerAppid);
    expect(listed).toEqual(appids);
    expect(JSON.stringify([first, second])).not.toContain('refreshtoken@@@');
  });

  it('refuses a limit over 1000 or a negative offset, naming the field, before reading anything', async () => {
    const before = h.emu.calls.length;
    const main = h.loadFunction('listAuthorizers');
    expect(await main({ limit: 1001 }, context())).toMatchObject({ errCode: -910001, error: { issues: [{ field: 'limit' }] } });
    expect(await main({ offset: -1 }, context())).toMatchObject({ errCode: -910001, error: { issues: [{ field: 'offset' }] } });
    expect(h.emu.calls.length).toBe(before);
  });
});
