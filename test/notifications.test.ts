import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { createMailTransport, deliverPendingEmails } from '../src/notifications/mailer.ts';
import { notify, type Notification } from '../src/notifications/notify.ts';
import { emailAddressesOf } from '../src/registry/contacts.ts';
import { postgresOnly } from './support/postgres-only.ts';
import { startTestWindow, type Person, type TestWindow } from './support/window.ts';

let w: TestWindow;
let api: TestWindow['call'];

before(async () => {
  w = await startTestWindow();
  api = w.call;
});
after(() => w.close());

const sample = (recipients: string[], over: Partial<Notification> = {}): Notification => ({
  recipients,
  kind: 'application.received',
  title: { es: 'Solicitud recibida', en: 'Application received' },
  body: { es: 'La dependencia recibió su solicitud.', en: 'The agency received your application.' },
  link: '/api/v1/applications/0b7c5a4e',
  object: { type: 'application', id: crypto.randomUUID() },
  ...over,
});

const count = async (sql: string, params: unknown[]) => (await w.ctx.db.one<{ n: number }>(sql, params)).n;

async function personWithToken(): Promise<Person & { token: string }> {
  const p = await w.person();
  return { ...p, token: await w.login(p) };
}

describe('notify', () => {
  test('a notification exists only if the transaction reporting the change commits', async () => {
    const rep = await w.person();
    const trader = await w.registerTrader(rep);
    const rolledBack = sample([trader.rfc]);
    await assert.rejects(
      w.ctx.db.transaction(async (tx) => {
        const ids = await notify(tx, rolledBack, { email: true });
        assert.equal(ids.length, 1);
        throw new Error('the state change failed');
      }),
      /the state change failed/,
    );
    assert.equal(
      await count('select count(*)::int as n from notifications where object_id = $1', [rolledBack.object.id]),
      0,
    );
    assert.equal(
      await count(
        'select count(*)::int as n from email_outbox o join notifications n on n.id = ' +
          'o.notification_id where n.object_id = $1',
        [rolledBack.object.id],
      ),
      0,
    );

    const committed = sample([trader.rfc]);
    const ids = await w.ctx.db.transaction((tx) => notify(tx, committed, { email: false }));
    assert.equal(
      await count('select count(*)::int as n from notifications where object_id = $1', [committed.object.id]),
      1,
    );
    // E-mail disabled: nothing is queued that no worker would ever send.
    assert.equal(await count('select count(*)::int as n from email_outbox where notification_id = $1', [ids[0]]), 0);
  });

  test('links are paths of the window, never addresses elsewhere', async () => {
    for (const link of ['https://evil.example/x', '//evil.example/x', 'api/v1/x']) {
      await assert.rejects(
        w.ctx.db.transaction((tx) => notify(tx, sample(['XAXX010101000'], { link }), { email: false })),
        /link/,
      );
    }
  });

  test('each recipient sees only their own notifications', async () => {
    const a = await personWithToken();
    const b = await personWithToken();
    const n = sample([a.rfc, b.rfc, a.rfc.toLowerCase()]);
    const ids = await w.ctx.db.transaction((tx) => notify(tx, n, { email: false }));
    assert.equal(ids.length, 2, 'duplicates are notified once');

    const feedA = await api('GET', '/api/v1/notifications', { token: a.token });
    assert.equal(feedA.status, 200, JSON.stringify(feedA.body));
    assert.equal(feedA.body.unread, 1);
    assert.deepEqual(
      feedA.body.items.map((i: any) => i.id),
      [ids[0]],
    );
    const item = feedA.body.items[0];
    assert.equal(item.kind, 'application.received');
    assert.deepEqual(item.title, n.title);
    assert.deepEqual(item.body, n.body);
    assert.equal(item.link, n.link);
    assert.deepEqual(item.object, n.object);
    assert.equal(item.readAt, null);
    assert.ok(Date.parse(item.createdAt) > Date.now() - 60_000);
    assert.equal(feedA.body.next, null);

    const feedB = await api('GET', '/api/v1/notifications', { token: b.token });
    assert.deepEqual(
      feedB.body.items.map((i: any) => i.id),
      [ids[1]],
    );

    // Someone else's notification is not found, and stays unread.
    const foreign = await api('POST', `/api/v1/notifications/${ids[1]}/read`, { token: a.token });
    assert.equal(foreign.status, 404);
    assert.equal(foreign.body.code, 'notification.not_found');
    assert.equal((await api('GET', '/api/v1/notifications', { token: b.token })).body.unread, 1);

    assert.equal((await api('GET', '/api/v1/notifications')).status, 401);
    assert.equal((await api('POST', `/api/v1/notifications/${ids[0]}/read`)).status, 401);
    assert.equal(
      (await api('POST', '/api/v1/notifications/not-a-uuid/read', { token: a.token })).body.code,
      'request.invalid',
    );
  });

  test('marking one read, the unread filter, and marking all read', async () => {
    const c = await personWithToken();
    const d = await personWithToken();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++)
      ids.push(...(await w.ctx.db.transaction((tx) => notify(tx, sample([c.rfc]), { email: false }))));
    await w.ctx.db.transaction((tx) => notify(tx, sample([d.rfc]), { email: false }));

    const unread = await api('GET', '/api/v1/notifications?unread=true', { token: c.token });
    assert.equal(unread.body.items.length, 3);
    assert.equal(unread.body.unread, 3);

    const read = await api('POST', `/api/v1/notifications/${ids[1]}/read`, { token: c.token });
    assert.equal(read.status, 200, JSON.stringify(read.body));
    assert.equal(read.body.id, ids[1]);
    assert.ok(read.body.readAt);
    const again = await api('POST', `/api/v1/notifications/${ids[1]}/read`, { token: c.token });
    assert.equal(again.body.readAt, read.body.readAt, 'reading again keeps the first time');

    const stillUnread = await api('GET', '/api/v1/notifications?unread=true', { token: c.token });
    assert.deepEqual(stillUnread.body.items.map((i: any) => i.id).sort(), [ids[0], ids[2]].sort());
    assert.equal(stillUnread.body.unread, 2);
    const all = await api('GET', '/api/v1/notifications', { token: c.token });
    assert.equal(all.body.items.length, 3);
    assert.equal(all.body.items.find((i: any) => i.id === ids[1]).readAt, read.body.readAt);

    const readAll = await api('POST', '/api/v1/notifications/read-all', { token: c.token });
    assert.equal(readAll.status, 200, JSON.stringify(readAll.body));
    assert.deepEqual(readAll.body, { marked: 2 });
    const none = await api('GET', '/api/v1/notifications?unread=true', { token: c.token });
    assert.deepEqual(none.body.items, []);
    assert.equal(none.body.unread, 0);
    assert.deepEqual((await api('POST', '/api/v1/notifications/read-all', { token: c.token })).body, { marked: 0 });
    assert.equal(
      (await api('GET', '/api/v1/notifications', { token: c.token })).body.items.find((i: any) => i.id === ids[1])
        .readAt,
      read.body.readAt,
      'read-all leaves earlier read times alone',
    );

    assert.equal(
      (await api('GET', '/api/v1/notifications', { token: d.token })).body.unread,
      1,
      "someone else's stay unread",
    );
  });

  test('pagination: newest first, every item once, even among items created in the same instant', async () => {
    const e = await personWithToken();
    // Several processes can write in the same instant: two groups of identical times, each wider than a page.
    const instant = new Date();
    const all = await w.ctx.db.transaction(async (tx) => {
      const ids: string[] = [];
      for (let i = 0; i < 25; i++) {
        const at = new Date(instant.getTime() + (i < 12 ? 0 : 1));
        ids.push(
          ...(await notify(tx, sample([e.rfc], { title: { es: `Aviso ${i}`, en: `Notice ${i}` } }), {
            email: false,
            at,
          })),
        );
      }
      return ids;
    });
    const seen: any[] = [];
    const sizes: number[] = [];
    let next: string | null = '/api/v1/notifications?limit=10';
    while (next) {
      const page: { status: number; body: any } = await api('GET', next, { token: e.token });
      assert.equal(page.status, 200, JSON.stringify(page.body));
      sizes.push(page.body.items.length);
      seen.push(...page.body.items);
      next = page.body.next;
    }
    assert.deepEqual(sizes, [10, 10, 5]);
    assert.deepEqual(seen.map((i) => i.id).sort(), [...all].sort());
    for (let i = 1; i < seen.length; i++) assert.ok(seen[i - 1].createdAt >= seen[i].createdAt, 'newest first');
    assert.deepEqual(
      seen
        .slice(0, 13)
        .map((i) => i.id)
        .sort(),
      all.slice(12).sort(),
      'the later instant first',
    );

    // A cursor is opaque: one this list did not give is refused before it reaches the database.
    const forged = Buffer.from(JSON.stringify(['2024-02-30T00:00:00.000000Z', all[0]])).toString('base64url');
    for (const cursor of [forged, 'bm90LWpzb24']) {
      const res = await api('GET', `/api/v1/notifications?cursor=${cursor}`, { token: e.token });
      assert.equal(res.status, 400, cursor);
      assert.equal(res.body.code, 'request.cursor_invalid', cursor);
    }
    for (const query of [
      'cursor=not%20base64',
      'limit=0',
      'limit=201',
      'unread=maybe',
      'page=2',
      'before=2024-01-01T00:00:00Z',
    ]) {
      const res = await api('GET', `/api/v1/notifications?${query}`, { token: e.token });
      assert.equal(res.status, 400, query);
      assert.equal(res.body.code, 'request.invalid', query);
    }
  });
});

const contact = (email: string) => ({ contacts: [{ name: 'Comercio exterior', email, phone: '+52 81 5555 0101' }] });

async function officerWithEmail(agency: string, email: string) {
  const officer = await w.officer(agency, ['reviewer']);
  await w.ctx.db.query('update officers set email = $1 where id = $2', [email, officer.id]);
  return officer;
}

describe('e-mail addresses', () => {
  test("the person's own address first, then the company it represents, never a guess between companies", async () => {
    const rep = await w.person();
    const trader = await w.registerTrader(rep, contact('comercio@norte.example'));
    const officer = await officerWithEmail('COFEPRIS', 'revisor@cofepris.example');
    const broker = await w.person();
    await w.registerBroker(broker);
    const officerRep = await w.officer('SE', ['reviewer']);
    await w.registerTrader(officerRep, contact('empresa@officer-rep.example'));
    await w.ctx.db.query('update officers set email = $1 where id = $2', ['oficial@se.example', officerRep.id]);
    const busyRep = await w.person();
    await w.registerTrader(busyRep, contact('a@uno.example'));
    await w.registerTrader(busyRep, contact('b@dos.example'));
    const sameContactRep = await w.person();
    await w.registerTrader(sameContactRep, contact('compras@grupo.example'));
    await w.registerTrader(sameContactRep, contact('Compras@Grupo.example'));
    const stranger = await w.person();

    const addresses = await emailAddressesOf(w.ctx.db, [
      trader.rfc,
      rep.rfc,
      officer.rfc,
      broker.rfc,
      officerRep.rfc,
      busyRep.rfc,
      sameContactRep.rfc,
      stranger.rfc,
    ]);
    assert.equal(addresses.get(trader.rfc), 'comercio@norte.example');
    assert.equal(addresses.get(rep.rfc), 'comercio@norte.example');
    assert.equal(addresses.get(officer.rfc), 'revisor@cofepris.example');
    assert.equal(addresses.get(broker.rfc), 'broker@example.com');
    assert.equal(addresses.get(officerRep.rfc), 'oficial@se.example');
    assert.equal(addresses.has(busyRep.rfc), false);
    assert.equal(addresses.get(sameContactRep.rfc)?.toLowerCase(), 'compras@grupo.example');
    assert.equal(addresses.has(stranger.rfc), false);
    assert.equal(addresses.size, 6);

    await w.ctx.db.query('update officers set active = false where id = $1', [officer.id]);
    assert.equal(
      (await emailAddressesOf(w.ctx.db, [officer.rfc])).has(officer.rfc),
      false,
      'not a deactivated officer',
    );
  });
});

interface Received {
  from: string;
  to: string[];
  user: unknown;
  headers: Map<string, string>;
  text: string;
}

/** A real SMTP server on a free local port that keeps what it receives (or refuses every recipient). */
async function smtpSink(opts: { rejectRecipients?: boolean } = {}) {
  const messages: Received[] = [];
  const server = new SMTPServer({
    logger: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      if (auth.username === 'ventanilla' && auth.password === 's3cret') callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onRcptTo(address, _session, callback) {
      if (!opts.rejectRecipients) return callback();
      callback(Object.assign(new Error(`No such mailbox <${address.address}>`), { responseCode: 550 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const from = session.envelope.mailFrom;
        messages.push({
          from: from ? from.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          user: session.user,
          ...parseMessage(Buffer.concat(chunks).toString('latin1')),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    messages,
    url: `smtp://ventanilla:s3cret@127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function quotedPrintable(text: string): Buffer {
  const s = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const hex = s.slice(i + 1, i + 3);
    if (s[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(s.charCodeAt(i));
  }
  return Buffer.from(bytes);
}

const WORD = /=\?utf-8\?([bq])\?([^?]*)\?=/gi;
const decodeHeader = (value: string) =>
  value.replace(/=\?utf-8\?[bq]\?[^?]*\?=(\s+=\?utf-8\?[bq]\?[^?]*\?=)*/gi, (run) =>
    Buffer.concat(
      [...run.matchAll(WORD)].map(([, enc, text]) =>
        enc!.toLowerCase() === 'b' ? Buffer.from(text!, 'base64') : quotedPrintable(text!.replace(/_/g, ' ')),
      ),
    ).toString('utf8'),
  );

/** Just enough MIME for a single-part text message: headers (encoded words) and the decoded body. */
function parseMessage(raw: string): { headers: Map<string, string>; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const headers = new Map(
    raw
      .slice(0, split)
      .replace(/\r\n[ \t]+/g, ' ')
      .split('\r\n')
      .map((line) => {
        const colon = line.indexOf(':');
        return [line.slice(0, colon).toLowerCase(), decodeHeader(line.slice(colon + 1).trim())] as [string, string];
      }),
  );
  const body = raw.slice(split + 4);
  const encoding = headers.get('content-transfer-encoding')?.toLowerCase();
  const bytes =
    encoding === 'quoted-printable'
      ? quotedPrintable(body)
      : encoding === 'base64'
        ? Buffer.from(body, 'base64')
        : Buffer.from(body, 'latin1');
  return { headers, text: bytes.toString('utf8').replace(/\r\n/g, '\n') };
}

const outboxOf = (notificationIds: string[]) =>
  w.ctx.db.query('select * from email_outbox where notification_id = any($1::uuid[]) order by to_address', [
    notificationIds,
  ]);

describe('e-mail delivery', () => {
  test('the outbox is sent through a real SMTP server, in Spanish and English', async () => {
    const sink = await smtpSink();
    const transport = createMailTransport(sink.url, { from: 'Ventanilla Pruebas <avisos@ventanilla.test>' });
    try {
      const rep = await w.person();
      const trader = await w.registerTrader(rep, contact('importaciones@acme.example'));
      const officer = await officerWithEmail('SEDENA', 'dictaminador@sedena.example');
      const n = sample([trader.rfc, rep.rfc, officer.rfc], {
        kind: 'permit.issued',
        title: { es: 'Permiso emitido: acción requerida', en: 'Permit issued: action required' },
        body: {
          es: 'Su permiso de importación está listo. Descárguelo y consérvelo.',
          en: 'Your import permit is ready. Download and keep it.',
        },
        link: '/api/v1/permits/PERM-2025-000123',
      });
      const ids = await w.ctx.db.transaction((tx) => notify(tx, n, { email: true }));
      assert.equal(ids.length, 3);
      const queued = await outboxOf(ids);
      assert.deepEqual(
        queued.map((o) => [o.to_address, o.status, o.attempts]),
        [
          ['dictaminador@sedena.example', 'pending', 0],
          ['importaciones@acme.example', 'pending', 0],
        ],
        'the company and its representative share one e-mail',
      );

      assert.deepEqual(await deliverPendingEmails(w.ctx.db, transport), { sent: 2, failed: 0 });
      assert.equal(sink.messages.length, 2);
      const toTrader = sink.messages.find((m) => m.to[0] === 'importaciones@acme.example')!;
      assert.ok(toTrader, JSON.stringify(sink.messages.map((m) => m.to)));
      assert.deepEqual(toTrader.to, ['importaciones@acme.example']);
      assert.equal(toTrader.from, 'avisos@ventanilla.test');
      assert.equal(toTrader.user, 'ventanilla', 'logged in with the credentials of the SMTP URL');
      assert.equal(toTrader.headers.get('to'), 'importaciones@acme.example');
      assert.equal(toTrader.headers.get('from'), 'Ventanilla Pruebas <avisos@ventanilla.test>');
      assert.equal(
        toTrader.headers.get('subject'),
        'Permiso emitido: acción requerida / Permit issued: action required',
      );
      const outboxTrader = queued.find((o) => o.to_address === 'importaciones@acme.example')!;
      assert.equal(toTrader.headers.get('message-id'), `<${outboxTrader.id}@ventanilla.notifications>`);
      assert.match(toTrader.headers.get('content-type') ?? '', /^text\/plain/);
      const { text } = toTrader;
      for (const part of [
        n.body.es,
        n.body.en,
        `Consulte: ${n.link}`,
        `See: ${n.link}`,
        `Destinatario (RFC): ${trader.rfc}`,
        'Permit issued: action required',
      ]) {
        assert.ok(text.includes(part), `the body has "${part}":\n${text}`);
      }
      assert.ok(text.indexOf(n.body.es) < text.indexOf(n.body.en), 'Spanish first');
      const toOfficer = sink.messages.find((m) => m.to[0] === 'dictaminador@sedena.example')!;
      assert.ok(toOfficer.text.includes(`Recipient (RFC): ${officer.rfc}`));

      const delivered = await outboxOf(ids);
      assert.deepEqual(
        delivered.map((o) => [o.status, o.attempts, o.last_error]),
        [
          ['sent', 1, null],
          ['sent', 1, null],
        ],
      );
      assert.ok(delivered.every((o) => o.sent_at instanceof Date));
      assert.deepEqual(await deliverPendingEmails(w.ctx.db, transport), { sent: 0, failed: 0 }, 'sent once');
      assert.equal(sink.messages.length, 2);
    } finally {
      transport.close();
      await sink.close();
    }
  });

  test(
    'a server that refuses the recipient: each attempt is counted and kept, then the ' + 'e-mail is marked failed',
    async () => {
      const sink = await smtpSink({ rejectRecipients: true });
      const transport = createMailTransport(sink.url);
      try {
        const officer = await officerWithEmail('SENASICA', 'nadie@senasica.example');
        const ids = await w.ctx.db.transaction((tx) => notify(tx, sample([officer.rfc]), { email: true }));
        const opts = { maxAttempts: 3, retryDelaySeconds: 0 };
        for (const attempt of [1, 2, 3]) {
          assert.deepEqual(
            await deliverPendingEmails(w.ctx.db, transport, opts),
            { sent: 0, failed: 1 },
            `attempt ${attempt}`,
          );
          const [row] = await outboxOf(ids);
          assert.equal(row!.attempts, attempt);
          assert.equal(row!.status, attempt < 3 ? 'pending' : 'failed');
          assert.match(row!.last_error, /550|No such mailbox/);
          assert.equal(row!.sent_at, null);
        }
        assert.deepEqual(
          await deliverPendingEmails(w.ctx.db, transport, opts),
          { sent: 0, failed: 0 },
          'a failed e-mail is left alone',
        );
        assert.equal((await outboxOf(ids))[0]!.attempts, 3);
        assert.equal(sink.messages.length, 0);

        // With the default delay, a failed attempt is not retried straight away.
        const later = await w.ctx.db.transaction((tx) => notify(tx, sample([officer.rfc]), { email: true }));
        assert.deepEqual(await deliverPendingEmails(w.ctx.db, transport), { sent: 0, failed: 1 });
        assert.deepEqual(await deliverPendingEmails(w.ctx.db, transport), { sent: 0, failed: 0 });
        const waiting = await w.ctx.db.one(
          `select status, attempts, next_attempt_at > now() + interval '50 seconds' as ` +
            `backing_off from email_outbox where notification_id = $1`,
          [later[0]],
        );
        assert.deepEqual({ ...waiting }, { status: 'pending', attempts: 1, backing_off: true });
        // Out of the way of the next tests, which may outlast the delay.
        await w.ctx.db.query(`update email_outbox set status = 'failed' where notification_id = $1`, [later[0]]);
      } finally {
        transport.close();
        await sink.close();
      }
    },
  );

  test(
    'a worker that died while sending: the e-mail waits for its lease to end, then ' +
      'is sent; too many such claims fail it',
    async () => {
      const sink = await smtpSink();
      const transport = createMailTransport(sink.url);
      try {
        const officer = await officerWithEmail('SEMARNAT', 'revisor@semarnat.example');
        const ids = await w.ctx.db.transaction((tx) => notify(tx, sample([officer.rfc]), { email: true }));
        // What a claim leaves behind when its worker dies before the server answers.
        await w.ctx.db.query(
          `update email_outbox set attempts = 1, next_attempt_at = now() + interval '5 ` +
            `minutes' where notification_id = $1`,
          [ids[0]],
        );
        assert.deepEqual(
          await deliverPendingEmails(w.ctx.db, transport),
          { sent: 0, failed: 0 },
          'leased to the other worker',
        );
        await w.ctx.db.query(
          `update email_outbox set next_attempt_at = now() - interval '1 second' where notification_id = $1`,
          [ids[0]],
        );
        assert.deepEqual(await deliverPendingEmails(w.ctx.db, transport), { sent: 1, failed: 0 });
        assert.deepEqual(
          (await outboxOf(ids)).map((o) => [o.status, o.attempts]),
          [['sent', 2]],
        );
        assert.equal(sink.messages.length, 1);

        const abandoned = await w.ctx.db.transaction((tx) => notify(tx, sample([officer.rfc]), { email: true }));
        await w.ctx.db.query(
          `update email_outbox set attempts = 3, next_attempt_at = now() - interval '1 ` +
            `second' where notification_id = $1`,
          [abandoned[0]],
        );
        assert.deepEqual(await deliverPendingEmails(w.ctx.db, transport, { maxAttempts: 3 }), { sent: 0, failed: 0 });
        const [row] = await outboxOf(abandoned);
        assert.equal(row!.status, 'failed');
        assert.match(row!.last_error, /interrupted/);
        assert.equal(sink.messages.length, 1);
      } finally {
        transport.close();
        await sink.close();
      }
    },
  );

  test('two workers at once send each e-mail exactly once (PostgreSQL)', postgresOnly, async () => {
    const sink = await smtpSink();
    const transport = createMailTransport(sink.url);
    try {
      const officer = await officerWithEmail('CONAPESCA', 'pesca@conapesca.example');
      const ids: string[] = [];
      for (let i = 0; i < 6; i++)
        ids.push(...(await w.ctx.db.transaction((tx) => notify(tx, sample([officer.rfc]), { email: true }))));
      const results = await Promise.all([
        deliverPendingEmails(w.ctx.db, transport),
        deliverPendingEmails(w.ctx.db, transport),
      ]);
      assert.equal(results[0]!.sent + results[1]!.sent, 6);
      assert.equal(sink.messages.length, 6);
      assert.equal(new Set(sink.messages.map((m) => m.headers.get('message-id'))).size, 6);
      assert.deepEqual(
        (await outboxOf(ids)).map((o) => [o.status, o.attempts]),
        Array.from({ length: 6 }, () => ['sent', 1]),
      );
    } finally {
      transport.close();
      await sink.close();
    }
  });

  test('one attempt per e-mail per call, even with no retry delay', async () => {
    const sink = await smtpSink({ rejectRecipients: true });
    const transport = createMailTransport(sink.url);
    try {
      const officer = await officerWithEmail('INAH', 'bienes@inah.example');
      const ids = await w.ctx.db.transaction((tx) => notify(tx, sample([officer.rfc]), { email: true }));
      assert.deepEqual(await deliverPendingEmails(w.ctx.db, transport, { retryDelaySeconds: 0, batch: 10 }), {
        sent: 0,
        failed: 1,
      });
      assert.equal((await outboxOf(ids))[0]!.attempts, 1);
    } finally {
      transport.close();
      await sink.close();
    }
  });
});
