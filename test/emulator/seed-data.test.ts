import {
  APPLICANT_BIG_INTEGER_INDEX,
  DOCUMENT_EXAMPLE_APPLICANT,
  EMBEDDED_UNKNOWN_STATUS_INDEX,
  applicantUnknownStatus,
  isApplicantWithExtraField,
  isEmbeddedWithExtraField,
  startEmulator,
  type Emulator,
} from '../../emulator';

// The seeded records: deterministic per seed, realistic, with the documented oddities.

let emu: Emulator;

beforeAll(async () => {
  emu = await startEmulator();
});

afterAll(async () => {
  await emu.close();
});

describe('plugin applicants', () => {
  test('defaults: 3000 records, the document example first', () => {
    expect(emu.data.applicants).toHaveLength(3000);
    expect(emu.data.applicants[0]).toEqual(DOCUMENT_EXAMPLE_APPLICANT);
  });

  test('appids are unique and shaped like wx + 16 hex (after the example)', () => {
    const appids = emu.data.applicants.map((item) => item.appid as string);
    expect(new Set(appids).size).toBe(appids.length);
    expect(appids.slice(1).every((appid) => /^wx[0-9a-f]{16}$/.test(appid))).toBe(true);
  });

  test('every status 1..4 is well represented; create_time is a numeric string spread over years', () => {
    const counts = new Map<unknown, number>();
    for (const item of emu.data.applicants) counts.set(item.status, (counts.get(item.status) ?? 0) + 1);
    for (const status of [1, 2, 3, 4]) expect(counts.get(status)).toBeGreaterThan(500);
    const times = emu.data.applicants.map((item) => item.create_time);
    expect(times.every((time) => typeof time === 'string' && /^\d{10}$/.test(time))).toBe(true);
    const years = new Set(times.map((time) => new Date(Number(time) * 1000).getUTCFullYear()));
    expect(years.size).toBeGreaterThanOrEqual(5);
  });

  test('the documented oddities sit where documented', () => {
    const applicants = emu.data.applicants;
    expect(applicants[APPLICANT_BIG_INTEGER_INDEX]?.apply_seq).toBe(9007199254740993n);
    expect(applicants.filter((item) => 'apply_seq' in item)).toHaveLength(1);
    const withExtra = applicants.flatMap((item, index) => ('apply_source' in item ? [index] : []));
    expect(withExtra).toEqual(applicants.map((_item, index) => index).filter(isApplicantWithExtraField));
    expect(withExtra.slice(0, 3)).toEqual([5, 205, 605]);
    const unknown = applicants.flatMap((item, index) => (![1, 2, 3, 4].includes(item.status as number) ? [[index, item.status]] : []));
    expect(unknown).toEqual([
      [7, 5],
      [1507, 9],
    ]);
    expect(applicantUnknownStatus(7)).toBe(5);
  });

  test('the same seed gives the same data; another seed other data', async () => {
    const same = await startEmulator({ applicantCount: 50, embeddedCount: 50 });
    const other = await startEmulator({ seed: 7, applicantCount: 50, embeddedCount: 50 });
    try {
      expect(same.data.applicants).toEqual(emu.data.applicants.slice(0, 50));
      expect(same.data.embedded).toEqual(emu.data.embedded.slice(0, 50));
      expect(other.data.applicants[0]).toEqual(DOCUMENT_EXAMPLE_APPLICANT);
      expect(other.data.applicants[1]).not.toEqual(same.data.applicants[1]);
    } finally {
      await Promise.all([same.close(), other.close()]);
    }
  });

  test('the lists are live state: a change shows in data, and reset() restores the seed in place', () => {
    const list = emu.data.applicants;
    const before = structuredClone(list.slice(0, 5));
    (list[1] as Record<string, unknown>).status = 99;
    (list as Array<Record<string, unknown>>).splice(2, 1);
    expect(emu.data.applicants[1]?.status).toBe(99);
    emu.reset();
    expect(emu.data.applicants).toBe(list);
    expect(list.slice(0, 5)).toEqual(before);
  });

  test('the lists are live state: an evolution step changes them and reset() restores the seed', () => {
    const seeded = structuredClone(emu.data.applicants.slice(0, 50));
    const before = emu.data.applicants.length;
    const [step] = emu.evolve.step();
    expect(emu.data.applicants).toHaveLength(before + 1);
    expect(emu.data.applicants.at(-1)).toMatchObject({ appid: step!.newApplicants[0], status: 1 });
    emu.reset();
    expect(emu.data.applicants).toHaveLength(before);
    expect(emu.data.applicants.slice(0, 50)).toEqual(seeded);
  });
});

describe('half-screen authorizations', () => {
  test('2500 records by default, several pages at num=1000', () => {
    expect(emu.data.embedded).toHaveLength(2500);
    expect([0, 1, 2]).toContain(emu.data.embeddedFlag);
  });

  test('statuses 1..6 all present, numbers and numeric strings mixed, one unknown status 8', () => {
    const statuses = emu.data.embedded.map((item) => Number(item.status));
    for (let status = 1; status <= 6; status++) expect(statuses.filter((value) => value === status).length).toBeGreaterThan(100);
    expect(emu.data.embedded.some((item) => typeof item.status === 'string')).toBe(true);
    expect(emu.data.embedded.some((item) => typeof item.status === 'number')).toBe(true);
    const unknown = emu.data.embedded.flatMap((item, index) => (Number(item.status) > 6 ? [[index, item.status]] : []));
    expect(unknown).toEqual([[EMBEDDED_UNKNOWN_STATUS_INDEX, 8]]);
  });

  test('create_time numbers; embedded_flag on some items only; unknown field where documented', () => {
    expect(emu.data.embedded.every((item) => typeof item.create_time === 'number')).toBe(true);
    const flagged = emu.data.embedded.filter((item) => 'embedded_flag' in item).length;
    expect(flagged).toBeGreaterThan(0);
    expect(flagged).toBeLessThan(2500);
    const extra = emu.data.embedded.flatMap((item, index) => ('source_scene' in item ? [index] : []));
    expect(extra).toEqual(emu.data.embedded.map((_item, index) => index).filter(isEmbeddedWithExtraField));
    expect(extra.slice(0, 2)).toEqual([9, 309]);
  });
});
