import type { EmulatedClock } from '../clock';

/** A WeCom group robot message the emulator received (`POST /cgi-bin/webhook/send?key=...`). */
export interface WecomMessage {
  at: number;
  msgtype: string;
  content: string;
}

/** A subscribe message sent through the cloud path (`subscribeMessage.send`). */
export interface SubscribeMessageRecord {
  at: number;
  touser: string;
  templateId: string;
  page?: string;
  data: Record<string, unknown>;
}

/** WeCom group robot document: at most 20 messages a minute per robot, else errcode 45009. */
export const WECOM_PER_MINUTE = 20;

/**
 * What the emulated platform delivered to people: robot messages and subscribe messages. Kept
 * so tests and the console can see exactly what admins would have received (the local cloud
 * points WECOM_WEBHOOK_URL here instead of at WeCom).
 */
export class OutboundMessages {
  readonly wecom: WecomMessage[] = [];
  readonly subscribe: SubscribeMessageRecord[] = [];

  constructor(
    private readonly clock: EmulatedClock,
    /** The robot keys that exist; any other key answers 93000 (invalid webhook URL). */
    readonly robotKeys: ReadonlySet<string>,
  ) {}

  /** Whether one more robot message fits this minute. */
  wecomAllowed(): boolean {
    const since = this.clock.nowMs() - 60_000;
    return this.wecom.filter((m) => m.at > since).length < WECOM_PER_MINUTE;
  }

  reset(): void {
    this.wecom.length = 0;
    this.subscribe.length = 0;
  }
}
