/**
 * The hledger and Beancount exports are accepted by the real tools and give, account by account
 * and party by party, the same balances as soquy's own trial balance. Also: an auditor can
 * recompute the hash chain from the CSV export with a few lines of Python, without soquy.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { beancountAccount, exportJournal, hledgerAccount } from '../../src/app/ledger/export.ts';
import type { App } from '../../src/main/app.ts';
import { ENGINES, freshApp } from '../helpers/engines.ts';
import { ctx, seedCommune, TENANT } from '../helpers/fixtures.ts';
import { postVariedJournal } from '../helpers/stream.ts';

function toolMissing(command: string): string | false {
  const found = spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
  if (found) return false;
  if (process.env['CI'] === 'true') throw new Error(`CI requires ${command} (installed by .ci/run)`);
  return `${command} is not installed (apt-get install ${command === 'bean-query' ? 'beancount' : command}); .ci/run installs it`;
}

async function exportText(app: App, format: 'csv' | 'hledger' | 'beancount'): Promise<string> {
  const parts: string[] = [];
  await exportJournal(app.store, ctx, format, (t) => {
    parts.push(t);
  });
  return parts.join('');
}

/** soquy's balances per tool account name (account level and party level). */
async function expectedBalances(
  app: App,
  name: (book: string, code: string, party: string | null) => string,
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const tb = await app.ledger.trialBalance(ctx, {});
  for (const row of tb.rows) {
    const accounts = await app.ledger.accounts(ctx, row.book);
    const acc = accounts.find((a) => a.code === row.account)!;
    if (acc.partyMode === 'required') {
      for (const p of await app.ledger.partyBalances(ctx, { book: row.book, account: row.account }))
        if (p.debit - p.credit !== 0) out.set(name(row.book, row.account, p.party), p.debit - p.credit);
    } else if (row.net !== 0) out.set(name(row.book, row.account, null), row.net);
  }
  return out;
}

const dir = mkdtempSync(join(tmpdir(), 'soquy-export-'));

for (const engine of ENGINES) {
  describe(`exports checked by outside tools [${engine.kind}]`, { skip: engine.skip }, () => {
    let app: App;
    let done: () => Promise<void>;
    before(async () => {
      ({ app, done } = await freshApp(engine));
      await seedCommune(app);
      await postVariedJournal(app, 400);
    });
    after(() => done());

    test('hledger reads the export and every balance equals soquy trial-balance', {
      skip: toolMissing('hledger'),
    }, async () => {
      const file = join(dir, `${engine.kind}.journal`);
      writeFileSync(file, await exportText(app, 'hledger'));
      const csv = execFileSync('hledger', ['-f', file, 'balance', '--flat', '--no-total', '-O', 'csv'], {
        encoding: 'utf8',
      });
      const got = new Map<string, number>();
      for (const line of csv.trim().split('\n').slice(1)) {
        const m = /^"([^"]+)","(-?\d+) VND"$/.exec(line);
        assert.ok(m, `unexpected hledger line ${line}`);
        got.set(m[1]!, Number(m[2]));
      }
      const accounts = new Map((await app.ledger.accounts(ctx)).map((a) => [`${a.book}/${a.code}`, a]));
      const expected = await expectedBalances(app, (book, code, party) =>
        hledgerAccount(book, code, party, accounts.get(`${book}/${code}`)!.type),
      );
      assert.ok(expected.size > 20, 'the journal should touch many accounts and parties');
      assert.deepEqual(new Map([...got].sort()), new Map([...expected].sort()));
    });

    test('bean-check accepts the Beancount export and bean-query gives the same balances', {
      skip: toolMissing('bean-query'),
    }, async () => {
      const file = join(dir, `${engine.kind}.beancount`);
      writeFileSync(file, await exportText(app, 'beancount'));
      execFileSync('bean-check', [file]);
      const out = execFileSync(
        'bean-query',
        ['-f', 'csv', file, 'SELECT account, sum(number) AS total GROUP BY account'],
        { encoding: 'utf8' },
      );
      const got = new Map<string, number>();
      for (const line of out.trim().split('\n').slice(1)) {
        const [account, total] = line.split(',');
        if (Number(total) !== 0) got.set(account!.trim(), Number(total));
      }
      const accounts = new Map((await app.ledger.accounts(ctx)).map((a) => [`${a.book}/${a.code}`, a]));
      const expected = await expectedBalances(app, (book, code, party) => {
        const a = accounts.get(`${book}/${code}`)!;
        return beancountAccount(book, code, party, { type: a.type, side: a.normalSide });
      });
      assert.deepEqual(new Map([...got].sort()), new Map([...expected].sort()));
    });

    test('an auditor recomputes every hash from the CSV export with Python alone', {
      skip: toolMissing('python3'),
    }, async () => {
      const file = join(dir, `${engine.kind}.csv`);
      writeFileSync(file, await exportText(app, 'csv'));
      // The script documented in docs/design/ledger-core.md, generalised to every book.
      const script = `
import csv, hashlib, json, itertools, sys
tenant = sys.argv[2]
rows = list(csv.DictReader(open(sys.argv[1], encoding='utf-8')))
count = 0
for book, book_rows in itertools.groupby(rows, key=lambda r: r['book']):
    prev = hashlib.sha256(f"soquy-genesis/1\\n{tenant}\\n{book}".encode()).hexdigest()
    for ref, lines in itertools.groupby(book_rows, key=lambda r: r['entry']):
        lines = list(lines); r = lines[0]
        postings = [[i + 1, l['account'], l['party'] or None, int(l['debit']) if l['debit'] else -int(l['credit'])] for i, l in enumerate(lines)]
        body = ["soquy-entry/1", tenant, r['book'], int(r['seq']), r['date'], r['recorded_at'], r['kind'], r['memo'],
                r['document_no'] or None, r['actor'], r['idempotency_key'] or None,
                int(r['reverses_seq']) if r['reverses_seq'] else None, postings]
        prev = hashlib.sha256((prev + "\\n" + json.dumps(body, ensure_ascii=False, separators=(',', ':'))).encode()).hexdigest()
        assert prev == r['hash'], ref
        count += 1
print(count)
`;
      const out = execFileSync('python3', ['-c', script, file, TENANT], { encoding: 'utf8' });
      assert.equal(Number(out.trim()), 401);
    });
  });
}
