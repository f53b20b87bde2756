import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { subjectsFor } from '../contracts';
import { eventually } from '../testing/eventually';
import { ensureEventsStream, EventPublisher } from './events';

/** Against the real NATS server: what the stream holds is what was stored, message by message. */
let nc: NatsConnection;
const subjects = subjectsFor(`t${randomBytes(4).toString('hex')}`);

beforeAll(async () => {
  nc = await connect({ servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222' });
  await ensureEventsStream(nc, subjects);
});

afterAll(async () => {
  await (await jetstreamManager(nc)).streams.delete(subjects.eventsStream);
  await nc.close();
});

async function storedBatches(): Promise<unknown[][]> {
  const jsm = await jetstreamManager(nc);
  const { state } = await jsm.streams.info(subjects.eventsStream);
  const batches: unknown[][] = [];
  for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq++) {
    const message = await jsm.streams.getMessage(subjects.eventsStream, { seq });
    if (message) batches.push(message.json<unknown[]>());
  }
  return batches;
}

describe('EventPublisher', () => {
  beforeEach(async () => {
    await (await jetstreamManager(nc)).streams.purge(subjects.eventsStream);
  });

  it('says an event is stored only once JetStream holds it', async () => {
    const publisher = new EventPublisher(nc);
    await expect(publisher.publish(subjects.generationEvent, { id: 'a' })).resolves.toBe(true);
    expect(await storedBatches()).toEqual([[{ id: 'a' }]]);
  });

  it('sends the events of one turn together, and those that come while a batch is stored in the next', async () => {
    const publisher = new EventPublisher(nc);
    const first = [
      publisher.publish(subjects.generationEvent, { id: 'a' }),
      publisher.publish(subjects.generationEvent, { id: 'b' }),
    ];
    // The first batch left at the end of the turn; its ack cannot have come yet.
    await new Promise((resolve) => setImmediate(resolve));
    expect(publisher.inFlight).toBe(1);
    const second = [
      publisher.publish(subjects.generationEvent, { id: 'c' }),
      publisher.publish(subjects.generationEvent, { id: 'd' }),
    ];
    await new Promise((resolve) => setImmediate(resolve));
    expect(publisher.inFlight).toBe(1);
    expect(await Promise.all([...first, ...second])).toEqual([true, true, true, true]);
    expect(await storedBatches()).toEqual([
      [{ id: 'a' }, { id: 'b' }],
      [{ id: 'c' }, { id: 'd' }],
    ]);
  });

  it('sends a full batch at once, without waiting for the one on its way', async () => {
    const publisher = new EventPublisher(nc);
    const all = Array.from({ length: 150 }, (_, i) => publisher.publish(subjects.generationEvent, { i }));
    expect(publisher.inFlight).toBe(1);
    await Promise.all(all);
    expect((await storedBatches()).map((batch) => batch.length)).toEqual([100, 50]);
  });

  it('says how long JetStream has stored nothing, and stores once it can', async () => {
    const later = subjectsFor(`t${randomBytes(4).toString('hex')}`);
    const publisher = new EventPublisher(nc);
    expect(publisher.stalledFor()).toBe(0);
    // No stream holds the subject yet: the batch is retried.
    const stored = publisher.publish(later.generationEvent, { id: 'late' });
    await eventually('a stall', async () => publisher.stalledFor() > 150 || undefined, 5_000);
    await ensureEventsStream(nc, later);
    await expect(stored).resolves.toBe(true);
    expect(publisher.stalledFor()).toBe(0);
    await (await jetstreamManager(nc)).streams.delete(later.eventsStream);
  });

  it('with a linger, holds a batch that long after its first event', async () => {
    const publisher = new EventPublisher(nc, 50);
    const first = publisher.publish(subjects.generationEvent, { id: 'a' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(publisher.inFlight).toBe(0);
    const second = publisher.publish(subjects.generationEvent, { id: 'b' });
    expect(await Promise.all([first, second])).toEqual([true, true]);
    expect(await storedBatches()).toEqual([[{ id: 'a' }, { id: 'b' }]]);
  });

  it('flush stores what is open', async () => {
    const publisher = new EventPublisher(nc);
    const stored = publisher.publish(subjects.generationEvent, { id: 'z' });
    await publisher.flush();
    expect(publisher.inFlight).toBe(0);
    await expect(stored).resolves.toBe(true);
    expect(await storedBatches()).toEqual([[{ id: 'z' }]]);
  });
});
