import { afterAll, beforeAll, expect, it } from 'vitest';
import { API } from '../../src/shared/api';
import type { SealedContribution } from '../../src/shared/contribution';
import type { EngagementBundle } from '../../src/shared/engagement';
import { sealContribution } from '../../src/shared/seal';
import { answersOf, FIXTURE_SLUG, contribution, startServer, sync, type TestServer } from './helpers';
import { describeOnBothDatabases } from './backends';

describeOnBothDatabases('sealed contributions', (backend) => {
  let server: TestServer;
  let publicKey: JsonWebKey & { kid: string };
  beforeAll(async () => {
    server = await startServer({}, backend);
    const bundle = (await (await fetch(server.url + API.engagement(FIXTURE_SLUG))).json()) as EngagementBundle;
    publicKey = bundle.publicKey as unknown as JsonWebKey & { kid: string };
  });
  afterAll(async () => {
    await server.close();
  });

  it('publishes a public RSA-OAEP-256 key with a kid', () => {
    expect(publicKey).toMatchObject({ kty: 'RSA', alg: 'RSA-OAEP-256', e: 'AQAB' });
    expect(publicKey.kid).toMatch(/^fixture-talk-[0-9a-f]{12}$/);
  });

  it('accepts a sealed item, stores it unsealed, and answers a replay with the original receipt', async () => {
    const inner = contribution({ channel: 'event', event: 'HALL-7', route: { easyRead: false, readAloud: true, assisted: true, audio: false } });
    const sealed = await sealContribution(inner, publicKey, publicKey.kid);
    const first = await sync(server.url, [sealed]);
    expect(first.body.receipts).toEqual([{ id: inner.id, status: 'accepted', receipt: expect.any(String) }]);
    const row = await server.db.kysely.selectFrom('contributions').selectAll().where('id', '=', inner.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ sealed: 1, event: 'HALL-7', assisted: 1, read_aloud: 1 });
    const answers = await answersOf(server.db, inner.id);
    expect(answers.map((a) => a.value)).toEqual(['A drop-in clinic near the bus station', '4']);

    // The same seal again, and the same content sealed afresh, are both replays.
    const again = await sync(server.url, [sealed, await sealContribution(inner, publicKey, publicKey.kid)]);
    expect(again.body.receipts).toEqual([
      { id: inner.id, status: 'duplicate', receipt: first.body.receipts[0].receipt },
      { id: inner.id, status: 'duplicate', receipt: first.body.receipts[0].receipt },
    ]);
  });

  it('rejects a tampered seal, an unknown key and a wrong key, without sinking neighbours', async () => {
    const sealed = await sealContribution(contribution(), publicKey, publicKey.kid);
    const data = sealed.sealed.data;
    const tampered: SealedContribution = { ...sealed, sealed: { ...sealed.sealed, data: (data[0] === 'A' ? 'B' : 'A') + data.slice(1) } };
    const unknownKid = await sealContribution(contribution(), publicKey, 'fixture-talk-000000000000');
    const otherPair = await crypto.subtle.generateKey(
      { name: 'RSA-OAEP', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
      true,
      ['encrypt', 'decrypt'],
    );
    const wrongKey = await sealContribution(contribution(), await crypto.subtle.exportKey('jwk', otherPair.publicKey), publicKey.kid);
    const good = contribution();
    const { body } = await sync(server.url, [tampered, unknownKid, wrongKey, good]);
    expect(body.receipts.map((r) => [r.status, r.error])).toEqual([
      ['rejected', 'seal could not be opened'],
      ['rejected', 'seal could not be opened'],
      ['rejected', 'seal could not be opened'],
      ['accepted', undefined],
    ]);
  });

  it('checks what is inside the seal like any other contribution', async () => {
    const inner = contribution();
    const mismatched = await sealContribution(inner, publicKey, publicKey.kid);
    const outerIdChanged = { ...mismatched, id: contribution().id };
    const badInside = await sealContribution({ ...contribution(), answers: [{ prompt: 'where', choices: ['moon'] }] }, publicKey, publicKey.kid);
    const sneaky = await sealContribution({ ...contribution(), name: 'Alice' } as ReturnType<typeof contribution>, publicKey, publicKey.kid);
    const { body } = await sync(server.url, [outerIdChanged, badInside, sneaky, { ...mismatched, extra: 1 }]);
    expect(body.receipts.map((r) => r.error)).toEqual([
      'sealed: id and engagement inside the seal must match the outside',
      "answers.0.choices: no choice 'moon' in prompt 'where'",
      'sealed: name: unknown field',
      'extra: unknown field',
    ]);
  });
});
