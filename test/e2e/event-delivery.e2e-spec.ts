import { connect, headers as natsHeaders } from 'nats';
import { randomUUID } from 'node:crypto';
import { EventCollector } from '../support/event-collector';
import { PrivateNats } from '../support/private-nats';
import { TestStack, oktaUser, patchBody } from '../support/stack';
import { sleep, waitFor } from '../support/wait-for';

describe('event delivery', () => {
  describe('with NATS stopped during SCIM writes', () => {
    let nats: PrivateNats;
    let stack: TestStack;

    beforeAll(async () => {
      nats = await PrivateNats.start();
      stack = await TestStack.start({ env: { NATS_URL: nats.url, ACCESS_CONSUMER_NAME: `outage-${randomUUID().slice(0, 8)}` } });
    });

    afterAll(async () => {
      await stack.close();
      await nats.destroy();
    });

    it('publishes every event once after NATS returns', async () => {
      const tenant = await stack.createTenant();
      const location = await stack.createLocation(tenant.companyId, 'HQ');
      const before = await tenant.scim.post('/scim/v2/Users', oktaUser());
      expect(before.status).toBe(201);
      await waitFor('first events published', async () => {
        const pending = await stack.query(`SELECT count(*)::int AS n FROM outbox_events WHERE published_at IS NULL`);
        return pending[0].n === 0;
      });

      await nats.stop();

      const userIds: string[] = [before.body.id];
      for (let index = 0; index < 10; index += 1) {
        const created = await tenant.scim.post('/scim/v2/Users', oktaUser());
        expect(created.status).toBe(201);
        userIds.push(created.body.id);
      }
      const group = await tenant.scim.post('/scim/v2/Groups', { displayName: 'During outage', members: userIds.map((value) => ({ value })) });
      expect(group.status).toBe(201);
      const deactivated = await tenant.scim.patch(`/scim/v2/Users/${userIds[1]}`, patchBody({ op: 'replace', value: { active: false } }));
      expect(deactivated.status).toBe(200);
      await stack.mapGroup(tenant.companyId, group.body.id, [location]);

      const waiting = await stack.query(`SELECT count(*)::int AS n FROM outbox_events WHERE published_at IS NULL AND subject LIKE $1`, [
        `provisioning.${tenant.companyId}.%`,
      ]);
      expect(waiting[0].n).toBeGreaterThanOrEqual(14);
      const health = await stack.http.get('/health/ready');
      expect(health.status).toBe(200);
      expect(health.body.nats).toBe('down');

      await nats.restart();

      await waitFor(
        'outbox drained',
        async () => {
          const pending = await stack.query(`SELECT count(*)::int AS n FROM outbox_events WHERE published_at IS NULL`);
          return pending[0].n === 0;
        },
        40_000,
      );
      const written = await stack.query<{ event_id: string }>(`SELECT event_id FROM outbox_events WHERE subject LIKE $1`, [
        `provisioning.${tenant.companyId}.%`,
      ]);

      const collector = await EventCollector.start(nats.url, tenant.companyId);
      const received = await waitFor('all provisioning events received', () => {
        const provisioning = collector.events.filter((event) => event.natsSubject.startsWith('provisioning.'));
        return provisioning.length >= written.length ? provisioning : undefined;
      });
      await sleep(500);
      const ids = received.map((event) => event.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(collector.events.filter((event) => event.natsSubject.startsWith('provisioning.'))).toHaveLength(written.length);
      expect(new Set(ids)).toEqual(new Set(written.map((row) => row.event_id)));

      const expectedAccess = userIds.filter((id) => id !== userIds[1]).map((id) => `${id}:${location}`).sort();
      await waitFor('access after recovery', async () => {
        const pairs = await stack.accessPairs(tenant.companyId);
        return JSON.stringify(pairs) === JSON.stringify(expectedAccess);
      }, 30_000);
      await collector.stop();
    }, 120_000);
  });

  describe('with a shared NATS', () => {
    let stack: TestStack;

    beforeAll(async () => {
      stack = await TestStack.start();
    });

    afterAll(async () => {
      await stack.close();
    });

    it('emits no second access event for a redelivered event', async () => {
      const tenant = await stack.createTenant();
      const events = await EventCollector.start(stack.config.natsUrl, tenant.companyId);
      const location = await stack.createLocation(tenant.companyId, 'HQ');
      const user = await tenant.scim.post('/scim/v2/Users', oktaUser());
      const group = await tenant.scim.post('/scim/v2/Groups', { displayName: 'Crew', members: [] });
      await stack.mapGroup(tenant.companyId, group.body.id, [location]);
      await tenant.scim.patch(`/scim/v2/Groups/${group.body.id}`, patchBody({ op: 'add', path: 'members', value: [{ value: user.body.id }] }));
      await waitFor('first access event', () => events.ofType('access.user.changed').length === 1);

      const added = await waitFor('members.added event', () => events.ofType('group.members.added')[0]);
      const { natsSubject, ...envelope } = added;
      const connection = await connect({ servers: stack.config.natsUrl });
      const copy = natsHeaders();
      copy.set('Nats-Msg-Id', `redelivery-${randomUUID()}`);
      await connection.jetstream().publish(natsSubject, JSON.stringify(envelope), { headers: copy });
      await connection.jetstream().publish(natsSubject, JSON.stringify(envelope), { msgID: `redelivery-${randomUUID()}` });

      await waitFor('copies consumed', async () => {
        const info = await (await connection.jetstreamManager()).consumers.info('PROVISIONING', stack.config.consumer.durableName);
        return info.num_pending === 0 && info.num_ack_pending === 0;
      });
      await sleep(500);
      expect(events.ofType('access.user.changed')).toHaveLength(1);
      expect(await stack.accessPairs(tenant.companyId)).toEqual([`${user.body.id}:${location}`]);
      await connection.close();
      await events.stop();
    });

    it('ignores a late event after removal', async () => {
      const tenant = await stack.createTenant();
      const events = await EventCollector.start(stack.config.natsUrl, tenant.companyId);
      const location = await stack.createLocation(tenant.companyId, 'HQ');
      const user = await tenant.scim.post('/scim/v2/Users', oktaUser());
      const group = await tenant.scim.post('/scim/v2/Groups', { displayName: 'Late', members: [{ value: user.body.id }] });
      await stack.mapGroup(tenant.companyId, group.body.id, [location]);
      await waitFor('access granted', async () => (await stack.accessPairs(tenant.companyId)).length === 1);
      await tenant.scim.patch(`/scim/v2/Groups/${group.body.id}`, patchBody({ op: 'remove', path: `members[value eq "${user.body.id}"]` }));
      await waitFor('access removed', () => events.ofType('access.user.changed').length === 2);

      const added = await waitFor('members.added event', () => events.ofType('group.members.added')[0]);
      const { natsSubject, ...envelope } = added;
      const connection = await connect({ servers: stack.config.natsUrl });
      await connection.jetstream().publish(natsSubject, JSON.stringify(envelope), { msgID: `late-${randomUUID()}` });
      await waitFor('late copy consumed', async () => {
        const info = await (await connection.jetstreamManager()).consumers.info('PROVISIONING', stack.config.consumer.durableName);
        return info.num_pending === 0 && info.num_ack_pending === 0;
      });
      await sleep(500);

      expect(await stack.accessPairs(tenant.companyId)).toEqual([]);
      expect(events.ofType('access.user.changed')).toHaveLength(2);
      await connection.close();
      await events.stop();
    });

    it('dead-letters a message that can never be processed', async () => {
      const companyId = randomUUID();
      const connection = await connect({ servers: stack.config.natsUrl });
      const jetstream = connection.jetstream();
      const subject = `provisioning.${companyId}.group.members.added`;
      await jetstream.publish(subject, '{"type": "com.zerocater.provisioning.group.members.added", "companyid": "not-a-uuid"}');
      await jetstream.publish(subject, 'this is not JSON');

      const deadLetters = await jetstream.consumers.get('DEAD_LETTER', { filterSubjects: `dead-letter.${subject}` });
      const received: { failure: string | undefined; original: string | undefined }[] = [];
      const messages = await deadLetters.consume();
      const done = (async () => {
        for await (const message of messages) {
          received.push({ failure: message.headers?.get('X-Failure'), original: message.headers?.get('X-Original-Subject') });
          if (received.length === 2) break;
        }
      })();
      await waitFor('two dead letters', () => received.length === 2);
      await done;
      expect(received.map((entry) => entry.original)).toEqual([subject, subject]);
      const failures = received.map((entry) => entry.failure ?? '');
      expect(failures.filter((failure) => failure.includes('not valid JSON'))).toHaveLength(1);
      expect(failures.filter((failure) => failure.includes('no valid "companyid"'))).toHaveLength(1);
      await connection.close();
    });
  });
});
