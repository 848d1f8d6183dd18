/**
 * The queue in front of a stage that takes its events in batches (stages.ts `StageQueue`), as the
 * dev runner runs it: what an SQS queue and Lambda's event source mapping do on AWS. A message
 * waits until it has waited the batch window or the batch is full, then goes with every message
 * waiting at the time (up to the batch size), at most `maxConcurrency` batches at once. A message
 * the invocation hands back (a partial batch response), or every message of an invocation that
 * failed, is received again after a pause that doubles each time (the visibility timeout), and
 * after `maxReceives` receives goes to the dead-letter queue instead.
 */
import { randomUUID } from 'node:crypto';
import type { QueuedMessage } from '../lib/pipeline/object-events.js';
import type { StageQueue } from '../lib/pipeline/stages.js';

/** A message in the local queue, with what the dev runner logs and injects faults by. */
export interface LocalMessage {
  readonly message: QueuedMessage;
  /** The object the event is about, as the runner names invocations. */
  readonly key: string;
  /** 0 for the first copy of an event the runner delivers several times. */
  readonly delivery: number;
}

export interface LocalStageQueueOptions {
  readonly settings: StageQueue;
  /**
   * Runs one batch and resolves to the ids of the messages to receive again (the partial batch
   * response); a rejection has every message of the batch received again.
   */
  readonly invoke: (batch: readonly LocalMessage[]) => Promise<readonly string[]>;
  /** The pause before a message handed back is received again, by how often it was received. */
  readonly visibilityTimeoutMs: (receiveCount: number) => number;
  /** A message received `maxReceives` times without success: what the queue's redrive does. */
  readonly deadLetter: (message: LocalMessage, error: string) => void;
}

interface Waiting extends LocalMessage {
  /** When it became visible (sent, or its visibility timeout ran out), by performance.now(). */
  readonly visibleAt: number;
  readonly processed: () => void;
}

/** See the module comment. */
export class LocalStageQueue {
  private readonly waiting: Waiting[] = [];
  private running = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: LocalStageQueueOptions) {}

  /** Queues an event; resolves once it was processed, or went to the dead-letter queue. */
  send(body: unknown, key: string, delivery: number): Promise<void> {
    return new Promise((processed) => {
      const message: QueuedMessage = { messageId: randomUUID(), body, receiveCount: 1, sentAt: new Date() };
      this.waiting.push({ message, key, delivery, visibleAt: performance.now(), processed });
      this.pump();
    });
  }

  /** Starts every batch that is due and a slot is free for; otherwise waits for the first one due. */
  private pump(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const { batchSize, batchWindowSeconds, maxConcurrency } = this.options.settings;
    while (this.running < maxConcurrency && this.waiting.length > 0) {
      const due = this.waiting[0]!.visibleAt + batchWindowSeconds * 1000;
      const now = performance.now();
      if (this.waiting.length < batchSize && now < due) {
        this.timer = setTimeout(() => this.pump(), due - now);
        return;
      }
      const batch = this.waiting.splice(0, batchSize);
      this.running += 1;
      void this.run(batch).finally(() => {
        this.running -= 1;
        this.pump();
      });
    }
  }

  private async run(batch: readonly Waiting[]): Promise<void> {
    let again: ReadonlySet<string>;
    let error = 'the invocation handed it back';
    try {
      again = new Set(await this.options.invoke(batch));
    } catch (failure) {
      again = new Set(batch.map((waiting) => waiting.message.messageId));
      error = failure instanceof Error ? failure.message : String(failure);
    }
    for (const waiting of batch) {
      const { message } = waiting;
      if (!again.has(message.messageId)) waiting.processed();
      else if (message.receiveCount >= this.options.settings.maxReceives) {
        this.options.deadLetter(waiting, `${error} (received ${message.receiveCount} times)`);
        waiting.processed();
      } else {
        setTimeout(() => {
          this.waiting.push({ ...waiting, message: { ...message, receiveCount: message.receiveCount + 1 }, visibleAt: performance.now() });
          this.pump();
        }, this.options.visibilityTimeoutMs(message.receiveCount));
      }
    }
  }
}
