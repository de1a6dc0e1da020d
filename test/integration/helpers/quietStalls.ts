/**
 * For a file that stalls the emulated database. wx-server-sdk arms a 3 s timer for each database
 * request and prints "[TCB][WARN] ... longer than 3s" when it fires; it clears the timer only on
 * a successful answer, so every stalled or failed request prints its warning 3 s later, after
 * the test, even after the file. That is the SDK's console, not ours: SILENCE=true, the SDK's
 * own switch (as in test/emulator/database.test.ts), leaves the timer unarmed for this file.
 * The file used to wait 3.5 s at its end for the last timer instead (about 10 s per run).
 */
export function quietStalls(): void {
  let before: string | undefined;
  beforeAll(() => {
    before = process.env.SILENCE;
    process.env.SILENCE = 'true';
  });
  afterAll(() => {
    if (before === undefined) delete process.env.SILENCE;
    else process.env.SILENCE = before;
  });
}
