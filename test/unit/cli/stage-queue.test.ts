import { describe, expect, it } from 'vitest';
import { LocalStageQueue, type LocalMessage } from '../../../cli/stage-queue.js';
import type { StageQueue } from '../../../lib/pipeline/stages.js';

/** A queue whose batches the test sees: `answer` decides, per batch, which messages it hands back. */
function queueOf(settings: Partial<StageQueue>, answer: (batch: readonly LocalMessage[]) => Promise<readonly string[]> = async () => []) {
  const batches: LocalMessage[][] = [];
  const deadLetters: string[] = [];
  const queue = new LocalStageQueue({
    settings: { batchSize: 10, batchWindowSeconds: 0.005, maxConcurrency: 1, maxReceives: 3, ...settings },
    invoke: async (batch) => {
      batches.push([...batch]);
      return answer(batch);
    },
    visibilityTimeoutMs: () => 1,
    deadLetter: (message, error) => deadLetters.push(`${message.key}: ${error}`),
  });
  return { queue, batches, deadLetters };
}

describe('the local queue in front of a batched stage', () => {
  it('hands over the messages waiting in batches of at most the batch size, a full batch at once and the rest after the window', async () => {
    // prepare
    const { queue, batches } = queueOf({ batchSize: 10 });
    // act
    await Promise.all(Array.from({ length: 25 }, (_, i) => queue.send({ n: i }, `key-${i}`, 0)));
    // assert
    expect(batches.map((batch) => batch.length)).toEqual([10, 10, 5]);
    expect(batches.flat().map((m) => m.key)).toEqual(Array.from({ length: 25 }, (_, i) => `key-${i}`));
  });

  it('runs no more batches at once than the maximum concurrency', async () => {
    // prepare: every batch waits until the test lets all of them go
    let running = 0;
    let most = 0;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const { queue, batches } = queueOf({ batchSize: 1, maxConcurrency: 2 }, async () => {
      running += 1;
      most = Math.max(most, running);
      await released;
      running -= 1;
      return [];
    });
    // act
    const sent = Array.from({ length: 6 }, (_, i) => queue.send({ n: i }, `key-${i}`, 0));
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    await Promise.all(sent);
    // assert
    expect(most).toBe(2);
    expect(batches).toHaveLength(6);
  });

  it('receives a message handed back again, counting its receives, and after the last one gives it to the dead-letter queue', async () => {
    // prepare: the stage hands back every message for key "b"
    const { queue, batches, deadLetters } = queueOf({ batchSize: 10, maxReceives: 3 }, async (batch) => batch.filter((m) => m.key === 'b').map((m) => m.message.messageId));
    // act
    await Promise.all([queue.send({}, 'a', 0), queue.send({}, 'b', 0)]);
    // assert
    const receives = batches.flat().map((m) => `${m.key}#${m.message.receiveCount}`);
    expect(receives).toEqual(['a#1', 'b#1', 'b#2', 'b#3']);
    expect(deadLetters).toEqual(['b: the invocation handed it back (received 3 times)']);
  });

  it('receives every message of a batch whose invocation failed again', async () => {
    // prepare: the first invocation crashes
    let calls = 0;
    const { queue, batches, deadLetters } = queueOf({}, async () => {
      calls += 1;
      if (calls === 1) throw new Error('Runtime exited with error: signal: killed');
      return [];
    });
    // act
    await Promise.all([queue.send({}, 'a', 0), queue.send({}, 'b', 0)]);
    // assert
    expect(batches.flat().map((m) => `${m.key}#${m.message.receiveCount}`).sort()).toEqual(['a#1', 'a#2', 'b#1', 'b#2']);
    expect(deadLetters).toEqual([]);
  });
});
