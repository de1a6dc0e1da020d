import type { EmulatedClock } from '../clock';
import { Prng } from '../prng';
import { APPLY_REASONS, CATEGORIES, EMBEDDED_REASONS, NICKNAME_PREFIXES, NICKNAME_SUFFIXES } from '../seed/vocabulary';

/** How much the emulated lists change per step. */
export interface EvolutionPace {
  /** New plugin applicants (pending, created now) appended per step; default 1. */
  newApplicants?: number;
  /** New half-screen authorizations (pending, created now) appended per step; default 1. */
  newAuthorizations?: number;
  /** Pending entries of each list that time out per step (status 4), oldest first; default 1. */
  expire?: number;
  /** Approved half-screen authorizations withdrawn per step (status 5); default 1. */
  withdraw?: number;
  /**
   * Pending applications of this account to embed others (get_list) decided per step, oldest
   * first: the other Mini Program approves (2) or refuses (3), or the application times out (4),
   * in turn; default 1.
   */
  decideApplications?: number;
  /** Step on its own every this many milliseconds (npm start); 0 or absent: only when asked. */
  intervalMs?: number;
}

/** What one step changed, by appid, so a test knows exactly what a sync must find. */
export interface EvolutionStep {
  step: number;
  newApplicants: string[];
  newAuthorizations: string[];
  expiredApplicants: string[];
  expiredAuthorizations: string[];
  withdrawnAuthorizations: string[];
  /** Applications to embed another Mini Program that were decided, with the status each got. */
  decidedApplications: Array<{ appid: string; status: number }>;
}

/** What becomes of a pending application to embed, in turn: approved, refused, timed out. */
const DECISIONS = [2, 3, 4] as const;

/**
 * The emulated platform changing over time: applicants arrive, pending applications time out,
 * authorizations are withdrawn, this account's applications to embed others are decided. It mutates the lists held in PlatformState in place (the one
 * source of truth the endpoints serve), deterministically from the seed and the step number.
 */
export class Evolution {
  private steps = 0;
  /** Applications decided so far: which decision comes next. */
  private decisions = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly lists: { applicants: Array<Record<string, unknown>>; embedded: Array<Record<string, unknown>>; embedding: Array<Record<string, unknown>> },
    private readonly clock: EmulatedClock,
    private readonly seed: number,
    private pace: EvolutionPace = {},
  ) {}

  step(count = 1): EvolutionStep[] {
    const reports: EvolutionStep[] = [];
    for (let i = 0; i < count; i++) reports.push(this.stepOnce());
    return reports;
  }

  setPace(pace: EvolutionPace): void {
    this.pace = { ...this.pace, ...pace };
    if (pace.intervalMs !== undefined) this.start(pace.intervalMs);
  }

  /** Steps every `intervalMs` until stop(); 0 stops. */
  start(intervalMs = this.pace.intervalMs ?? 0): void {
    this.stop();
    if (intervalMs > 0) {
      this.timer = setInterval(() => this.stepOnce(), intervalMs);
      this.timer.unref();
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  reset(): void {
    this.stop();
    this.steps = 0;
    this.decisions = 0;
  }

  private stepOnce(): EvolutionStep {
    this.steps += 1;
    const prng = new Prng((this.seed ^ 0x3e701) + this.steps * 7919);
    const now = this.clock.now();
    const taken = new Set([...this.lists.applicants, ...this.lists.embedded].map((r) => String(r.appid)));
    const freshAppid = () => {
      let appid = `wx${prng.hex(16)}`;
      while (taken.has(appid)) appid = `wx${prng.hex(16)}`;
      taken.add(appid);
      return appid;
    };
    const report: EvolutionStep = {
      step: this.steps, newApplicants: [], newAuthorizations: [], expiredApplicants: [], expiredAuthorizations: [], withdrawnAuthorizations: [], decidedApplications: [],
    };

    // Oldest pending first: the ones closest to the platform's limit time out.
    report.expiredApplicants = this.changeStatus(this.lists.applicants, 1, 4, this.pace.expire ?? 1, true);
    report.expiredAuthorizations = this.changeStatus(this.lists.embedded, 1, 4, this.pace.expire ?? 1, true);
    report.withdrawnAuthorizations = this.changeStatus(this.lists.embedded, 2, 5, this.pace.withdraw ?? 1, false);
    report.decidedApplications = this.decideApplications(this.pace.decideApplications ?? 1);

    for (let i = 0; i < (this.pace.newApplicants ?? 1); i++) {
      const appid = freshAppid();
      this.lists.applicants.push({
        appid, status: 1,
        nickname: `${prng.pick(NICKNAME_PREFIXES)}${prng.pick(NICKNAME_SUFFIXES)}`,
        headimgurl: `https://mmbiz.qpic.cn/mmbiz_png/${prng.urlSafe(40)}/0?wx_fmt=png`,
        reason: prng.pick(APPLY_REASONS),
        apply_url: `https://mmbiz.qpic.cn/mmbiz_jpg/${prng.urlSafe(40)}/0?wx_fmt=jpeg`,
        create_time: String(now),
        categories: [{ ...prng.pick(CATEGORIES) }],
      });
      report.newApplicants.push(appid);
    }
    for (let i = 0; i < (this.pace.newAuthorizations ?? 1); i++) {
      const appid = freshAppid();
      this.lists.embedded.push({
        appid, create_time: now,
        headimg: `https://wx.qlogo.cn/mmhead/${prng.urlSafe(48)}/0`,
        nickname: `${prng.pick(NICKNAME_PREFIXES)}${prng.pick(NICKNAME_SUFFIXES)}`,
        reason: prng.pick(EMBEDDED_REASONS), status: 1,
      });
      report.newAuthorizations.push(appid);
    }
    return report;
  }

  /** Up to `count` pending applications to embed (oldest first) approved, refused or timed out, in turn. */
  private decideApplications(count: number): Array<{ appid: string; status: number }> {
    const pending = this.lists.embedding.filter((r) => Number(r.status) === 1).sort((a, b) => Number(a.create_time) - Number(b.create_time));
    return pending.slice(0, Math.max(0, count)).map((record) => {
      this.decisions += 1;
      const status = DECISIONS[(this.decisions - 1) % DECISIONS.length] as number;
      record.status = typeof record.status === 'string' ? String(status) : status;
      return { appid: String(record.appid), status };
    });
  }

  /** Moves up to `count` records from status `from` to `to` (in place, keeping the status's wire form). */
  private changeStatus(records: Array<Record<string, unknown>>, from: number, to: number, count: number, oldestFirst: boolean): string[] {
    const candidates = records.filter((r) => Number(r.status) === from);
    if (oldestFirst) candidates.sort((a, b) => Number(a.create_time) - Number(b.create_time));
    return candidates.slice(0, Math.max(0, count)).map((record) => {
      record.status = typeof record.status === 'string' ? String(to) : to;
      return String(record.appid);
    });
  }
}
