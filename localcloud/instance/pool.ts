import { Instance } from './instance';

export interface PoolOptions {
  hostScript: string;
  dir: string;
  handler: string;
  memoryMb: number;
  /** Start-up environment of every instance. */
  env: Record<string, string>;
  maxInstances: number;
  idleReclaimMs: number;
  nextId(): number;
}

interface Waiter {
  resolve(instance: Instance): void;
  reject(error: Error): void;
}

/**
 * The instances of one function. The platform runs one invocation per instance, reuses warm
 * ones and reclaims idle ones (docs/platform/limits.md, "Instances are reused"): an idle
 * instance is taken first (the most recently used, the warmest), a new one is started while
 * fewer than `maxInstances` exist, and beyond that callers wait for one to come free. An idle
 * instance is stopped after `idleReclaimMs`; a dead one (timed out, crashed) is dropped and a
 * fresh one takes its place when next needed.
 */
export class InstancePool {
  private readonly instances = new Set<Instance>();
  private readonly idle: Instance[] = [];
  private readonly reclaimTimers = new Map<Instance, NodeJS.Timeout>();
  private readonly waiters: Waiter[] = [];
  private closed = false;

  constructor(private readonly options: PoolOptions) {}

  get size(): number {
    return this.instances.size;
  }

  async acquire(): Promise<Instance> {
    if (this.closed) throw new Error('the local cloud is closed');
    const warm = this.takeIdle();
    if (warm) return warm;
    if (this.instances.size < this.options.maxInstances) return this.startInstance();
    return new Promise<Instance>((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /** Gives an instance back after a run: to a waiting caller, or to the idle list. */
  release(instance: Instance): void {
    if (instance.dead || this.closed) {
      this.drop(instance);
      return;
    }
    const waiter = this.waiters.shift();
    if (waiter) {
      waiter.resolve(instance);
      return;
    }
    this.idle.push(instance);
    const timer = setTimeout(() => {
      this.drop(instance);
      instance.kill();
    }, this.options.idleReclaimMs);
    timer.unref(); // an idle instance never keeps the local cloud's process alive
    this.reclaimTimers.set(instance, timer);
  }

  close(): void {
    this.closed = true;
    for (const waiter of this.waiters.splice(0)) waiter.reject(new Error('the local cloud is closed'));
    for (const instance of [...this.instances]) {
      this.drop(instance);
      instance.kill();
    }
  }

  private takeIdle(): Instance | undefined {
    for (;;) {
      const instance = this.idle.pop();
      if (!instance) return undefined;
      this.clearReclaim(instance);
      if (!instance.dead) return instance;
      this.instances.delete(instance);
    }
  }

  private async startInstance(): Promise<Instance> {
    const instance = new Instance({
      id: this.options.nextId(),
      hostScript: this.options.hostScript,
      dir: this.options.dir,
      handler: this.options.handler,
      memoryMb: this.options.memoryMb,
      env: this.options.env,
      onExit: (gone) => this.onExit(gone),
    });
    this.instances.add(instance);
    try {
      await instance.ready();
    } catch (error) {
      this.drop(instance);
      instance.kill();
      throw error;
    }
    return instance;
  }

  private onExit(instance: Instance): void {
    // A busy instance is released by its run; an idle one just leaves.
    if (!instance.busy) this.drop(instance);
  }

  /** Forgets an instance; a caller waiting for a free one gets a fresh instance instead. */
  private drop(instance: Instance): void {
    this.clearReclaim(instance);
    const at = this.idle.indexOf(instance);
    if (at >= 0) this.idle.splice(at, 1);
    if (!this.instances.delete(instance)) return;
    const waiter = this.closed ? undefined : this.waiters.shift();
    if (waiter) this.startInstance().then(waiter.resolve, waiter.reject);
  }

  private clearReclaim(instance: Instance): void {
    const timer = this.reclaimTimers.get(instance);
    if (timer) clearTimeout(timer);
    this.reclaimTimers.delete(instance);
  }
}
