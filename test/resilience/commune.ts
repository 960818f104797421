/**
 * A seeded commune for the resilience tests, until the demo commune exists: the ledger fixture
 * (organisation, three books), a varied year of entries, a reversal and a closed period, plus the
 * server's tables: users with grants, an API token, an approval rule, an approved and a pending
 * operation, and the audit log all of that writes.
 */
import type { AuditCtx } from '../../src/app/audit/audit-log.ts';
import { postPayload } from '../../src/app/ledger/operations.ts';
import type { App } from '../../src/main/app.ts';
import { ctx, FIXED_NOW, seedCommune, TENANT } from '../helpers/fixtures.ts';
import { postVariedJournal } from '../helpers/stream.ts';

export { ctx, TENANT };

export const auditCtx = (actor: string): AuditCtx => ({
  tenant: TENANT,
  actor,
  now: () => FIXED_NOW,
  ip: '10.0.0.7',
  userAgent: 'resilience-test',
});

const PASSWORD = 'mật khẩu đủ dài 2025';

export async function seedResilienceCommune(app: App, entries = 300): Promise<void> {
  await seedCommune(app);
  await postVariedJournal(app, entries);
  await app.ledger.reverse(ctx, { book: 'quy-htnd', seq: 3, date: '2025-12-31' });
  await app.ledger.closePeriod(ctx, { book: 'quy-htnd', through: '2025-06-30' });
  const admin = auditCtx('admin');
  for (const [username, role, scope] of [
    ['admin', 'admin', undefined],
    ['thuquy', 'treasurer', 'organisation:hnd'],
    ['lap', 'treasurer', 'organisation:hnd'],
    ['kiemtoan', 'auditor', undefined],
  ] as const)
    await app.access.createUser(admin, { username, password: PASSWORD, grants: [{ role, scope }] });
  await app.access.createToken(admin, { username: 'kiemtoan', name: 'bảng tính' });
  await app.operations.setRule(admin, 'ledger.post', 50_000_000);
  const big = (memo: string) =>
    postPayload([
      {
        book: 'quy-htnd',
        date: '2025-12-15',
        kind: 'disbursement',
        memo,
        postings: [
          { account: '1311', party: 'HH-0001', amount: 60_000_000 },
          { account: '112', amount: -60_000_000 },
        ],
      },
    ]);
  const first = await app.operations.submit(
    auditCtx('lap'),
    'ledger.post',
    big('Cho vay lớn, đã duyệt'),
    null,
  );
  const id = (first.body as { operation: { id: number } }).operation.id;
  await app.operations.approve(auditCtx('thuquy'), id, null);
  await app.operations.submit(auditCtx('lap'), 'ledger.post', big('Cho vay lớn, chờ duyệt'), null);
}
