import { LOCAL, WxError, createError } from '../../../shared/errors';
import { listAll, listConcurrencyFromEnv } from '../../../shared/upstream/listAll';
import { Deadline } from '../../../shared/core/deadline';

/** A list of `total` numbers served in pages, tracking calls and the most pages in flight at once. */
function fakeList(total: number, opts: { failPage?: number; delayMs?: number } = {}) {
  const state = { calls: [] as number[], inFlight: 0, maxInFlight: 0 };
  const fetchPage = async (index: number, size: number) => {
    state.calls.push(index);
    state.inFlight += 1;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    await new Promise((resolve) => setTimeout(resolve, opts.delayMs ?? 1));
    state.inFlight -= 1;
    if (index === opts.failPage) throw createError(-1);
    const start = index * size;
    return Array.from({ length: Math.max(0, Math.min(size, total - start)) }, (_, i) => start + i);
  };
  return { fetchPage, state };
}

const roomy = () => new Deadline(Date.now() + 60_000);

async function collect(total: number, options: { expectedTotal?: number; concurrency?: number; pageSize?: number }) {
  const list = fakeList(total);
  const pages = listAll(list.fetchPage, { deadline: roomy(), pageSize: options.pageSize ?? 10, ...options });
  const items: number[] = [];
  for await (const page of pages) items.push(...page.items);
  return { items, calls: list.state.calls, maxInFlight: list.state.maxInFlight, stats: pages.stats };
}

describe('listAll', () => {
  it.each([0, 1, 9, 10, 11, 95, 100])('lists %i entries in order, once each, with at most one call beyond the pages needed', async (total) => {
    const { items, calls } = await collect(total, {});
    expect(items).toEqual(Array.from({ length: total }, (_, i) => i));
    // Pages holding data, plus one empty page only when the length is an exact multiple (or zero).
    expect(calls.length).toBe(Math.floor(total / 10) + 1);
  });

  it('fetches the pages a size hint promises concurrently, bounded, and no page beyond them', async () => {
    const { items, calls, maxInFlight, stats } = await collect(100, { expectedTotal: 100, concurrency: 4 });
    expect(items).toHaveLength(100);
    expect(maxInFlight).toBe(4);
    expect(calls.length).toBe(11);
    expect(stats).toEqual({ calls: 11, callsBeyondNeeded: 0 });
  });

  it('finds entries beyond a stale, too small hint one page at a time', async () => {
    const { items, calls } = await collect(137, { expectedTotal: 50, concurrency: 4 });
    expect(items).toHaveLength(137);
    expect(calls.length).toBe(14);
  });

  it('counts the pages a too large hint wasted, never more than concurrency - 1', async () => {
    const { items, stats } = await collect(25, { expectedTotal: 200, concurrency: 4 });
    expect(items).toHaveLength(25);
    expect(stats.callsBeyondNeeded).toBeLessThanOrEqual(3);
    expect(stats.calls).toBe(3 + stats.callsBeyondNeeded);
  });

  it('fails the whole run when a page fails, after the pages before it, leaving nothing in flight', async () => {
    const list = fakeList(100, { failPage: 2 });
    const pages = listAll(list.fetchPage, { deadline: roomy(), pageSize: 10, expectedTotal: 100, concurrency: 4 });
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const page of pages) seen.push(page.index);
      })(),
    ).rejects.toMatchObject({ code: -1 });
    expect(seen).toEqual([0, 1]);
    expect(list.state.inFlight).toBe(0);
  });

  it('stops cleanly with DEADLINE_EXCEEDED when no time is left to start the next page', async () => {
    let now = 0;
    const deadline = new Deadline(1000, () => now);
    const fetchPage = async (index: number, size: number) => {
      now += 500; // each page takes half a second of virtual time
      return Array.from({ length: size }, (_, i) => index * size + i);
    };
    const seen: number[] = [];
    const error = await (async () => {
      for await (const page of listAll(fetchPage, { deadline, pageSize: 10 })) seen.push(page.index);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WxError);
    expect((error as WxError).code).toBe(LOCAL.DEADLINE_EXCEEDED);
    expect(seen).toEqual([0, 1]);
  });

  it('resumes from a page', async () => {
    const list = fakeList(35);
    const items: number[] = [];
    for await (const page of listAll(list.fetchPage, { deadline: roomy(), pageSize: 10, fromPage: 2 })) items.push(...page.items);
    expect(items).toEqual(Array.from({ length: 15 }, (_, i) => 20 + i));
  });

  it('reads LIST_CONCURRENCY, empty meaning the default, and names the variable when it is wrong', () => {
    expect(listConcurrencyFromEnv({})).toBe(4);
    expect(listConcurrencyFromEnv({ LIST_CONCURRENCY: '' })).toBe(4);
    expect(listConcurrencyFromEnv({ LIST_CONCURRENCY: '2' })).toBe(2);
    expect(() => listConcurrencyFromEnv({ LIST_CONCURRENCY: '0' })).toThrow(/LIST_CONCURRENCY must be an integer from 1 to 10/);
  });
});
