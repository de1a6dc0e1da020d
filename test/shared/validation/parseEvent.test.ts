import { WxError } from '../../../shared/errors';
import { ownListEventSchema, pluginApplyListEventSchema } from '../../../shared/schemas/events';
import { parseEvent } from '../../../shared/validation/parseEvent';

function issuesOf(schema: Parameters<typeof parseEvent>[0], event: unknown) {
  try {
    parseEvent(schema, event);
  } catch (error) {
    expect(error).toBeInstanceOf(WxError);
    expect((error as WxError).code).toBe(-910001);
    return (error as WxError).body.issues ?? [];
  }
  throw new Error('expected the event to be refused');
}

describe('parseEvent(pluginApplyListEventSchema)', () => {
  it('accepts the document request body verbatim, and fills defaults', () => {
    expect(parseEvent(pluginApplyListEventSchema, { action: 'dev_apply_list', page: 1, num: 10 })).toEqual({ action: 'dev_apply_list', page: 1, num: 10 });
    expect(parseEvent(pluginApplyListEventSchema, {})).toEqual({ page: 1, num: 10 });
    expect(parseEvent(pluginApplyListEventSchema, { page: 3, userInfo: { appId: 'wx1', openId: 'o1' } })).toMatchObject({ page: 3, num: 10 });
  });

  it.each([
    [{ page: 0 }, 'page', '>= 1'],
    [{ page: -2 }, 'page', '>= 1'],
    [{ page: 1.5 }, 'page', 'integer'],
    [{ num: 0 }, 'num', '>= 1'],
    [{ num: 1001 }, 'num', '<= 1000'],
    [{ page: '2' }, 'page', 'integer'],
    [{ num: [10] }, 'num', 'integer'],
    [{ action: 'dev_agree' }, 'action', '"dev_apply_list"'],
    [{ pgae: 2 }, 'pgae', 'no such field'],
  ])('refuses %j naming %s', (event, field, expected) => {
    const issues = issuesOf(pluginApplyListEventSchema, event);
    expect(issues[0]?.field).toBe(field);
    expect(issues[0]?.expected).toContain(expected);
  });

  it.each([null, [1, 2], 'page=1', 42, true])('refuses a non-object event %j', (event) => {
    const issues = issuesOf(pluginApplyListEventSchema, event);
    expect(issues[0]).toMatchObject({ field: 'event', expected: expect.stringContaining('JSON object') });
  });

  it('refuses __proto__ and constructor keys anywhere, as JSON.parse delivers them', () => {
    expect(issuesOf(pluginApplyListEventSchema, JSON.parse('{"__proto__":{"admin":true},"page":1}'))[0]?.field).toBe('__proto__');
    expect(issuesOf(pluginApplyListEventSchema, JSON.parse('{"userInfo":{"constructor":{"prototype":1}}}'))[0]?.field).toBe('userInfo.constructor');
  });

  it('says what arrived, with its type', () => {
    expect(issuesOf(pluginApplyListEventSchema, { page: '2' })[0]?.received).toBe('"2" (string)');
  });
});

describe('parseEvent(ownListEventSchema)', () => {
  it('accepts the document query and defaults', () => {
    expect(parseEvent(ownListEventSchema, { start: 0, num: 10 })).toEqual({ start: 0, num: 10 });
    expect(parseEvent(ownListEventSchema, {})).toEqual({ start: 0, num: 10 });
    expect(parseEvent(ownListEventSchema, { start: 2000, num: 1000 })).toEqual({ start: 2000, num: 1000 });
  });

  it.each([
    [{ start: -1 }, 'start'],
    [{ num: 0 }, 'num'],
    [{ num: 1001 }, 'num'],
    [{ start: '0' }, 'start'],
    [{ page: 1 }, 'page'],
  ])('refuses %j naming %s', (event, field) => {
    expect(issuesOf(ownListEventSchema, event)[0]?.field).toBe(field);
  });
});

describe('timer trigger events', () => {
  it('accepts the event a timer trigger delivers and applies the defaults', () => {
    const timer = { Type: 'Timer', TriggerName: 'daily', Time: '2024-06-01T02:00:00Z', Message: '' };
    expect(parseEvent(pluginApplyListEventSchema, timer)).toMatchObject({ page: 1, num: 10 });
    expect(parseEvent(ownListEventSchema, timer)).toMatchObject({ start: 0, num: 10 });
  });
});
