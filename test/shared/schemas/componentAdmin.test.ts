import { componentAdminEventSchema, DEFAULT_AUTH_TYPE } from '../../../shared/schemas/componentAdmin';
import { parseEvent } from '../../../shared/validation/parseEvent';
import type { WxError } from '../../../shared/errors';

const issuesOf = (event: unknown) => {
  try {
    parseEvent(componentAdminEventSchema, event);
  } catch (error) {
    return (error as WxError).body.issues ?? [];
  }
  return [];
};

describe('componentAdmin events', () => {
  it('takes the four actions; create_link defaults to auth_type 2 (Mini Programs)', () => {
    for (const action of ['status', 'reconcile', 'restart_ticket_push']) expect(parseEvent(componentAdminEventSchema, { action })).toEqual({ action });
    expect(DEFAULT_AUTH_TYPE).toBe(2);
    expect(parseEvent(componentAdminEventSchema, { action: 'create_link', redirectUri: 'https://a.example.com/cb?x=1' })).toEqual({ action: 'create_link', redirectUri: 'https://a.example.com/cb?x=1', authType: 2 });
    expect(parseEvent(componentAdminEventSchema, { action: 'create_link', redirectUri: 'http://127.0.0.1:3000/componentEvents', authType: 3, bizAppid: 'wx1a2b3c4d5e6f7081' })).toMatchObject({ authType: 3, bizAppid: 'wx1a2b3c4d5e6f7081' });
  });

  it('accepts what a timer or the platform adds, and nothing else', () => {
    expect(parseEvent(componentAdminEventSchema, { action: 'status', userInfo: { openId: 'o' } })).toMatchObject({ action: 'status' });
    expect(issuesOf({ action: 'status', extra: 1 })).toEqual([{ field: 'extra', expected: 'no such field (remove it)' }]);
  });

  it.each([
    [{}, 'action'],
    [{ action: 'create_link' }, 'redirectUri'],
    [{ action: 'create_link', redirectUri: 'mailto:a@b.c' }, 'redirectUri'],
    [{ action: 'create_link', redirectUri: `https://a.example.com/${'x'.repeat(1100)}` }, 'redirectUri'],
    [{ action: 'create_link', redirectUri: 'https://a.example.com', authType: 0 }, 'authType'],
    [{ action: 'create_link', redirectUri: 'https://a.example.com', bizAppid: 'WX1A2B3C4D5E6F7081' }, 'bizAppid'],
  ])('%j is refused naming %s', (event, field) => {
    expect(issuesOf(event).map((i) => i.field)).toContain(field);
  });
});
