import { JetStreamServer, NatsClient, PoisonMessageError } from '@app/events';
import { testConfig } from '../support/test-config';

interface FakeMessage {
  subject: string;
  seq: number;
  data: Uint8Array;
  info: { deliveryCount: number; stream: string };
  nak: jest.Mock;
  term: jest.Mock;
}

function fakeMessage(deliveryCount: number): FakeMessage {
  return {
    subject: 'provisioning.c1.group.members.added',
    seq: 7,
    data: new TextEncoder().encode('{}'),
    info: { deliveryCount, stream: 'PROVISIONING' },
    nak: jest.fn(),
    term: jest.fn(),
  };
}

/** Calls the server's failure path directly: it decides between redelivery and dead-lettering. */
function failWith(server: JetStreamServer, message: FakeMessage, error: unknown): Promise<string> {
  return (server as unknown as { fail: (m: FakeMessage, e: object, err: unknown) => Promise<string> }).fail(message, { id: 'event-1' }, error);
}

describe(JetStreamServer.name, () => {
  const config = testConfig({ ACCESS_CONSUMER_MAX_DELIVER: '3', ACCESS_CONSUMER_BACKOFF_MS: '100,200' });
  const publish = jest.fn().mockResolvedValue(undefined);
  const client = { nats: { jetstream: () => ({ publish }) } } as unknown as NatsClient;
  const server = new JetStreamServer({ config, client });

  beforeEach(() => publish.mockClear());

  it('redelivers with the configured back-off', async () => {
    const first = fakeMessage(1);
    const second = fakeMessage(2);

    expect(await failWith(server, first, new Error('database restarting'))).toBe('retry');
    expect(await failWith(server, second, new Error('database restarting'))).toBe('retry');

    expect(first.nak).toHaveBeenCalledWith(100);
    expect(second.nak).toHaveBeenCalledWith(200);
    expect(publish).not.toHaveBeenCalled();
  });

  it('dead-letters on the last delivery', async () => {
    const last = fakeMessage(3);

    expect(await failWith(server, last, new Error('still failing'))).toBe('dead-lettered');

    expect(publish).toHaveBeenCalledTimes(1);
    const [subject, , options] = publish.mock.calls[0];
    expect(subject).toBe('dead-letter.provisioning.c1.group.members.added');
    expect(options.headers.get('X-Failure')).toBe('still failing');
    expect(options.headers.get('X-Delivery-Count')).toBe('3');
    expect(last.term).toHaveBeenCalledWith();
    expect(last.nak).not.toHaveBeenCalled();
  });

  it('dead-letters a poison message at once', async () => {
    const first = fakeMessage(1);

    expect(await failWith(server, first, new PoisonMessageError('no companyid'))).toBe('dead-lettered');

    expect(publish).toHaveBeenCalledTimes(1);
    expect(first.term).toHaveBeenCalled();
  });

  it('keeps the message when the copy fails', async () => {
    publish.mockRejectedValueOnce(new Error('NATS down'));
    const last = fakeMessage(3);

    expect(await failWith(server, last, new Error('still failing'))).toBe('retry');

    expect(last.term).not.toHaveBeenCalled();
    expect(last.nak).toHaveBeenCalledWith(200);
  });
});
