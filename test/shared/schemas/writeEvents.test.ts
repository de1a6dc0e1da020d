import { WxError } from '../../../shared/errors';
import { manageEmbeddedEventSchema, setDevPluginApplyStatusEventSchema, targetAppids } from '../../../shared/schemas/writeEvents';
import { parseEvent } from '../../../shared/validation/parseEvent';

const A = 'wx0123456789abcdef';
const B = 'wxfedcba9876543210';
const many = (n: number) => Array.from({ length: n }, (_, i) => `wx${i.toString(16).padStart(16, '0')}`);

function refusal(schema: Parameters<typeof parseEvent>[0], event: unknown) {
  try {
    parseEvent(schema, event);
  } catch (error) {
    expect(error).toBeInstanceOf(WxError);
    return (error as WxError).body;
  }
  throw new Error(`accepted: ${JSON.stringify(event)}`);
}

describe('setDevPluginApplyStatus events', () => {
  it('accepts the three actions with one appid or a list, and removes duplicates', () => {
    expect(parseEvent(setDevPluginApplyStatusEventSchema, { action: 'dev_agree', appid: A })).toEqual({ action: 'dev_agree', appid: A });
    const refuse = parseEvent(setDevPluginApplyStatusEventSchema, { action: 'dev_refuse', appids: [A, B, A], reason: '资料不全', dryRun: true });
    expect(targetAppids(refuse)).toEqual([A, B]);
    expect(parseEvent(setDevPluginApplyStatusEventSchema, { action: 'dev_delete', appids: many(100) }).action).toBe('dev_delete');
  });

  it.each([
    [{ action: 'dev_agree' }, 'appid', /exactly one/],
    [{ action: 'dev_agree', appid: A, appids: [B] }, 'appid', /exactly one/],
    [{ action: 'dev_agree', appid: 'wx123' }, 'appid', /16 lowercase hexadecimal/],
    [{ action: 'dev_agree', appid: 'WX0123456789ABCDEF' }, 'appid', /16 lowercase hexadecimal/],
    [{ action: 'dev_agree', appids: [A, 'nope'] }, 'appids[1]', /appid/],
    [{ action: 'dev_agree', appids: many(101) }, 'appids', /at most 100/],
    [{ action: 'dev_refuse', appid: A }, 'reason', /string/],
    [{ action: 'dev_refuse', appid: A, reason: 'x'.repeat(201) }, 'reason', /at most 200 characters/],
    [{ action: 'dev_approve', appid: A }, 'action', /"dev_agree", "dev_refuse", "dev_delete"/],
    [{ appid: A }, 'action', /one of/],
    [{ action: 'dev_agree', appid: A, flag: 1 }, 'flag', /no such field/],
    [{ action: 'dev_agree', appid: A, dryRun: 'yes' }, 'dryRun', /boolean/],
  ])('%# is refused naming %s', (event, field, expected) => {
    const body = refusal(setDevPluginApplyStatusEventSchema, event);
    expect(body.code).toBe(-910001);
    const issue = body.issues?.find((i) => i.field === field);
    expect(issue).toBeDefined();
    expect(issue?.expected).toMatch(expected);
  });

  it('a refusal without its reason says the reason is required and missing, not "received undefined"', () => {
    const body = refusal(setDevPluginApplyStatusEventSchema, { action: 'dev_refuse', appid: A });
    expect(body.issues).toEqual([{ field: 'reason', expected: 'a string (required)', received: 'nothing: the field is missing' }]);
    expect(body.detail).toBe('Invalid event: reason: expected a string (required), received nothing: the field is missing');
  });

  it('an unknown action is named as it came, not as the whole event (which carries the SDK\'s userInfo)', () => {
    const body = refusal(setDevPluginApplyStatusEventSchema, { action: 'explode', appid: A, userInfo: { appId: 'wx7e1ab2c3d4e5f6a7', openId: 'o1' } });
    expect(body.issues).toEqual([expect.objectContaining({ field: 'action', received: '"explode" (string)' })]);
  });
});

describe('manageEmbedded events', () => {
  it('accepts each action with its own fields', () => {
    expect(parseEvent(manageEmbeddedEventSchema, { action: 'set_authorize', flag: 2 })).toMatchObject({ flag: 2 });
    expect(targetAppids(parseEvent(manageEmbeddedEventSchema, { action: 'del_authorize', appids: [A, A] }) as { appids?: string[] })).toEqual([A]);
    expect(parseEvent(manageEmbeddedEventSchema, { action: 'add_embedded', appid: A, apply_reason: '长'.repeat(30) })).toMatchObject({ appid: A });
    expect(parseEvent(manageEmbeddedEventSchema, { action: 'del_embedded', appid: A })).toMatchObject({ appid: A });
    expect(parseEvent(manageEmbeddedEventSchema, { action: 'get_list' })).toMatchObject({ start: 0, num: 10 });
  });

  it.each([
    [{ action: 'set_authorize', flag: 3 }, 'flag'],
    [{ action: 'set_authorize' }, 'flag'],
    [{ action: 'del_authorize', flag: 1 }, 'flag'],
    [{ action: 'del_authorize' }, 'appid'],
    [{ action: 'add_embedded', appid: A, apply_reason: '长'.repeat(31) }, 'apply_reason'],
    [{ action: 'add_embedded' }, 'appid'],
    [{ action: 'del_embedded', appids: [A] }, 'appids'],
    [{ action: 'get_own_list' }, 'action'],
    [{ action: 'get_list', num: 1001 }, 'num'],
  ])('%j is refused naming %s', (event, field) => {
    const body = refusal(manageEmbeddedEventSchema, event);
    expect(body.issues?.map((i) => i.field)).toContain(field);
  });
});
