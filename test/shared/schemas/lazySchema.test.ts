import * as z from 'zod/mini';
import { lazySchema } from '../../../shared/schemas/lazySchema';

describe('lazySchema', () => {
  test('builds nothing until first used, then once', () => {
    const build = jest.fn(() => z.strictObject({ n: z._default(z.int(), 1) }));
    const schema = lazySchema(build);
    expect(build).not.toHaveBeenCalled();
    expect(schema.safeParse({}).data).toEqual({ n: 1 });
    expect(schema.safeParse({ n: 'x' }).success).toBe(false);
    expect(build).toHaveBeenCalledTimes(1);
  });

  test('stands in for the schema inside other schemas, issues and paths included', () => {
    const item = lazySchema(() => z.looseObject({ appid: z.string(), note: lazySchema(() => z.optional(z.string())) }));
    const list = z.object({ items: z.array(item) });
    expect(list.safeParse({ items: [{ appid: 'a', extra: 1 }] }).data).toEqual({ items: [{ appid: 'a', extra: 1 }] });
    const failed = list.safeParse({ items: [{ appid: 'a' }, { appid: 2 }] });
    expect(failed.success).toBe(false);
    expect(failed.error?.issues[0]?.path).toEqual(['items', 1, 'appid']);
    expect(list.safeParse({ items: [{ appid: 'a', note: 3 }] }).success).toBe(false);
  });
});
