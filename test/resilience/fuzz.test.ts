/**
 * Must show 3: hostile input (fast-check, bounded runs, fixed seed). Random and mutated journal
 * CSV to the import, JSON to `post --file` (toDrafts), bodies and path parameters to every ledger
 * route of the HTTP API through `app.request()`, and mutated packs and backups to `verify --pack`
 * and `restore`. Properties: no crash (only refusals: no other exception, no HTTP 500, no exit 70,
 * no stack), every refusal code is in the message catalogue and reads as a sentence in both
 * languages, and a refusal leaves the database exactly as it was. Mutated .xlsx: see
 * xlsx-fuzz.test.ts.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { sha256Hex } from '../../src/app/backup/files.ts';
import { verifyPack } from '../../src/app/backup/verify-pack.ts';
import { importJournalCsv } from '../../src/app/ledger/import-csv.ts';
import { toDrafts } from '../../src/app/ledger/input.ts';
import { verifyLedger } from '../../src/app/ledger/verify.ts';
import { type Refusal, RefusedError } from '../../src/domain/refusal.ts';
import { describeRefusal, REFUSAL_TEXTS } from '../../src/i18n/catalogue.ts';
import { HTTP_ERRORS } from '../../src/i18n/server.ts';
import type { App } from '../../src/main/app.ts';
import { cli } from '../helpers/cli.ts';
import { ENGINES, freshApp } from '../helpers/engines.ts';
import { ctx, seedCommune } from '../helpers/fixtures.ts';
import { freshWorld, type World } from '../helpers/http.ts';
import { snapshot } from '../helpers/snapshot.ts';
import {
  FUZZ,
  mutatedBytes,
  mutatedJson,
  mutatedText,
  nastyJson,
  nastyText,
  randomCsv,
  runs,
} from './mutate.ts';

const HEADER = 'entry,book,date,kind,memo,document_no,account,party,debit,credit';
const GOOD_CSV = `${HEADER}
1,quy-htnd,02/01/2025,capital,"Vốn huyện cấp, đợt 1",PT-01,111,,100.000.000,
1,quy-htnd,02/01/2025,capital,"Vốn huyện cấp, đợt 1",PT-01,4113,,,100.000.000
2,quy-htnd,15/01/2025,disbursement,Cho vay hộ Soạn,PC-01,1311,HH-0001,40.000.000,
2,quy-htnd,15/01/2025,disbursement,Cho vay hộ Soạn,PC-01,111,,,40.000.000
3,vi-nguoi-ngheo,2025-02-10,donation,Ủng hộ,PT-02,112,,5.000.000,
3,vi-nguoi-ngheo,2025-02-10,donation,Ủng hộ,PT-02,5111,,,5.000.000
`;

const GOOD_POST = {
  idempotencyKey: 'fuzz-base',
  entries: [
    {
      book: 'quy-htnd',
      date: '14/12/2025',
      kind: 'repayment',
      memo: 'Thu nợ hộ Vương Đình Soạn',
      documentNo: 'PT-0042',
      postings: [
        { account: '111', debit: '5.000.000' },
        { account: '1311', party: 'HH-0001', credit: 5_000_000 },
      ],
    },
    {
      book: 'vi-nguoi-ngheo',
      date: '2025-12-14',
      kind: 'donation',
      memo: 'Ủng hộ',
      postings: [
        { account: '112', amount: 200_000 },
        { account: '5111', amount: -200_000 },
      ],
    },
  ],
};

/** A refusal reads as a sentence with a known code in both languages. */
function assertCatalogued(refusals: readonly Refusal[]): void {
  assert.ok(refusals.length > 0, 'a refusal names at least one reason');
  for (const r of refusals) {
    assert.ok(REFUSAL_TEXTS[r.code], `refusal code ${r.code} has no text in the catalogue`);
    for (const lang of ['vi', 'en'] as const) {
      const text = describeRefusal(r, lang);
      assert.ok(text.endsWith(`[${r.code}]`), text);
      // Every placeholder filled, nothing rendered as an object.
      assert.doesNotMatch(text, /\{[a-zA-Z]\w*(:\w+)?\}|\[object Object\]/, text);
    }
  }
}

/**
 * Runs a write that may be refused: a refusal must be catalogued and leave the database as it was;
 * anything else thrown fails the property. Answers whether it went through.
 */
async function refusedWholeOrDone(app: App, write: () => Promise<unknown>): Promise<boolean> {
  const before = await snapshot(app.store);
  try {
    await write();
    return true;
  } catch (e) {
    if (!(e instanceof RefusedError)) throw new Error(`not a refusal: ${(e as Error)?.stack ?? String(e)}`);
    assertCatalogued(e.refusals);
    assert.equal(await snapshot(app.store), before, 'a refusal wrote something');
    return false;
  }
}

const property = <T>(arb: fc.Arbitrary<T>, n: number, check: (x: T) => Promise<void>) =>
  fc.assert(fc.asyncProperty(arb, check), {
    numRuns: runs(n),
    seed: FUZZ.seed,
    endOnFailure: true,
    includeErrorInReport: true,
  });

for (const engine of ENGINES) {
  const n = (sqliteRuns: number) => (engine.kind === 'sqlite' ? sqliteRuns : Math.ceil(sqliteRuns / 5));
  describe(`fuzz: journal CSV and post --file JSON [${engine.kind}]`, { skip: engine.skip }, () => {
    let app: App;
    let done: () => Promise<void>;
    before(async () => {
      ({ app, done } = await freshApp(engine));
      await seedCommune(app);
    });
    after(async () => {
      const v = await verifyLedger(app.store, ctx);
      assert.equal(v.ok, true, 'the ledger verifies after the fuzzing');
      await done();
    });

    const importCsv = async (text: string) => {
      const dry = await importJournalCsv(app.store, app.ledger.env, ctx, text, { dryRun: true });
      if (dry.refusals.length > 0) assertCatalogued(dry.refusals);
      await refusedWholeOrDone(app, () => importJournalCsv(app.store, app.ledger.env, ctx, text));
    };

    test(
      'mutated journal CSV: imported whole or refused whole, with catalogued reasons',
      { timeout: 300_000 },
      () => property(mutatedText(GOOD_CSV), n(300), importCsv),
    );

    test('random CSV-shaped text: refused whole, with catalogued reasons', { timeout: 300_000 }, () =>
      property(fc.oneof(randomCsv(HEADER), fc.string({ unit: 'binary', maxLength: 300 })), n(100), importCsv),
    );

    const postJson = async (input: unknown) => {
      const parsed = toDrafts(input);
      if (!parsed.ok) return assertCatalogued(parsed.refusals);
      await refusedWholeOrDone(app, () =>
        app.ledger.post(ctx, parsed.value.drafts, { idempotencyKey: parsed.value.idempotencyKey }),
      );
    };

    test(
      'mutated post --file JSON: posted whole or refused whole, with catalogued reasons',
      { timeout: 300_000 },
      () => property(mutatedJson(GOOD_POST), n(300), postJson),
    );

    test('random JSON values as a post body: refused with catalogued reasons', { timeout: 300_000 }, () =>
      property(fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.anything({ maxDepth: 3 })), n(100), postJson),
    );
  });
}

function rehashed(manifest: unknown, db: Buffer): unknown {
  const m = manifest as { file: Record<string, unknown> };
  return { ...m, file: { ...m.file, bytes: db.length, sha256: sha256Hex(db) } };
}

/** The ledger's routes that take a body, with a valid body for each (the mutation's start). */
const ROUTES: ReadonlyArray<{ path: string; body: unknown }> = [
  { path: '/api/v1/entries', body: GOOD_POST },
  { path: '/api/v1/entries/quy-htnd%231/reverse', body: { date: '2025-12-20', memo: 'Đảo vì ghi nhầm' } },
  {
    path: '/api/v1/books',
    body: { code: 'so-moi', template: 'general', organisation: 'hnd', nameVi: 'Sổ mới' },
  },
  { path: '/api/v1/organisations', body: { id: 'cuu-chien-binh', kind: 'veterans', nameVi: 'Hội CCB' } },
  {
    path: '/api/v1/books/quy-htnd/accounts',
    body: { code: '1319', type: 'asset', nameVi: 'Cho vay khác', partyMode: 'required', balanceRule: 'none' },
  },
  { path: '/api/v1/books/quy-pn/close-period', body: { through: '2025-01-31' } },
  { path: '/api/v1/tenants', body: { id: 'xa-moi', name: 'Xã mới' } },
];

const ALLOWED_STATUS = new Set([200, 201, 202, 400, 403, 404, 409, 413, 415, 422]);

for (const engine of ENGINES) {
  describe(`fuzz: HTTP API bodies and parameters of the ledger routes [${engine.kind}]`, {
    skip: engine.skip,
  }, () => {
    let world: World;
    let calls = 0;
    before(async () => {
      world = await freshWorld(engine);
    });
    after(async () => {
      const v = await verifyLedger(world.app.store, { tenant: 'huong-son', actor: 't' });
      assert.equal(v.ok, true);
      assert.equal((await world.app.audit.verify({ tenant: 'huong-son', actor: 't' })).ok, true);
      await world.done();
    });

    async function send(path: string, body: { raw: string } | { json: unknown }): Promise<void> {
      const before = await snapshot(world.app.store);
      calls += 1;
      const r = await world.call('POST', path, {
        as: 'admin',
        key: `fuzz-${engine.kind}-${calls}`,
        ...('raw' in body
          ? { raw: body.raw, headers: { 'content-type': 'application/json' } }
          : { body: body.json }),
      });
      assert.ok(ALLOWED_STATUS.has(r.status), `${path} answered ${r.status}: ${r.text.slice(0, 500)}`);
      if (r.status >= 400) {
        assert.ok(r.json?.error?.code in HTTP_ERRORS, `unknown error code: ${r.text.slice(0, 300)}`);
        assert.doesNotMatch(r.text, /\n\s+at |node_modules|\.ts:\d+/, 'no stack in an answer');
        if (r.json.error.refusals) assertCatalogued(r.json.error.refusals);
        assert.equal(await snapshot(world.app.store), before, `${path} refused (${r.status}) but wrote`);
      }
    }

    const runsPerRoute = engine.kind === 'sqlite' ? 60 : 12;
    for (const route of ROUTES)
      test(`POST ${route.path}: mutated, random and malformed bodies`, { timeout: 300_000 }, () =>
        property(
          fc.oneof(
            mutatedJson(route.body).map((json) => ({ json })),
            nastyJson.map((json) => ({ json })),
            mutatedText(JSON.stringify(route.body)).map((raw) => ({ raw })),
          ),
          runsPerRoute,
          (b) => send(route.path, b),
        ),
      );

    test('path parameters: any book code or entry reference, encoded or not', { timeout: 300_000 }, () =>
      property(
        fc.tuple(fc.oneof(nastyText, fc.string({ maxLength: 60 })), fc.boolean(), fc.nat({ max: 2 })),
        runsPerRoute,
        async ([text, encode, which]) => {
          const p = encode ? encodeURIComponent(text) : text.replace(/[/?#\s]/g, '%');
          const path = [
            `/api/v1/entries/${p}/reverse`,
            `/api/v1/books/${p}/accounts`,
            `/api/v1/books/${p}/close-period`,
          ][which]!;
          const body = which === 0 ? {} : which === 1 ? ROUTES[4]!.body : ROUTES[5]!.body;
          await send(path, { json: body });
        },
      ),
    );
  });
}

describe('fuzz: command line, packs and backups', () => {
  let dir: string;
  let app: App;
  let location: string;
  let done: () => Promise<void>;
  let pack: Buffer;
  let backupFile: string;
  const sqlite = ENGINES.find((e) => e.kind === 'sqlite')!;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'soquy-fuzz-'));
    ({ app, location, done } = await freshApp(sqlite));
    await seedCommune(app);
    await importJournalCsv(app.store, app.ledger.env, ctx, GOOD_CSV);
    const packFile = join(dir, 'p.tar');
    assert.equal(
      (await cli(['--db', location, 'audit-pack', '--as-of', '2025-12-31', '--out', packFile])).code,
      0,
    );
    pack = readFileSync(packFile);
    backupFile = join(dir, 'b.db');
    assert.equal((await cli(['--db', location, 'backup', '--out', backupFile])).code, 0);
  });
  after(async () => {
    await done();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A command that may refuse: exit 0, 1 or 3, every line of complaint catalogued, no stack. */
  function assertCleanExit(r: { code: number; out: string; err: string }): void {
    assert.ok([0, 1, 3].includes(r.code), `exit ${r.code}: ${r.err.slice(0, 500)}`);
    assert.doesNotMatch(r.err + r.out, /\n\s+at |Lỗi hệ thống|Internal error/);
    for (const m of (r.err + r.out).matchAll(/\[([a-z_]+)\]\s*$/gm))
      assert.ok(REFUSAL_TEXTS[m[1]!], `uncatalogued code ${m[1]}`);
  }

  test(
    'soquy post --file and soquy import with random bytes: refused as sentences, nothing written',
    {
      timeout: 300_000,
    },
    () =>
      property(
        fc.tuple(
          fc.oneof(
            fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.from(b)),
            mutatedText(JSON.stringify(GOOD_POST)).map((t) => Buffer.from(t)),
            mutatedText(GOOD_CSV).map((t) => Buffer.from(t)),
          ),
          fc.boolean(),
        ),
        runs(25),
        async ([bytes, asImport]) => {
          const file = join(dir, asImport ? 'f.csv' : 'f.json');
          writeFileSync(file, bytes);
          const before = await snapshot(app.store);
          const r = await cli([
            '--db',
            location,
            ...(asImport ? ['import', file] : ['post', '--file', file]),
          ]);
          assertCleanExit(r);
          if (r.code !== 0) assert.equal(await snapshot(app.store), before);
        },
      ),
  );

  test(
    'verify --pack with mutated packs: never a crash, every problem catalogued',
    { timeout: 300_000 },
    () =>
      property(mutatedBytes(pack), runs(150), async (bytes) => {
        const v = await verifyPack(bytes);
        if (!v.ok) assertCatalogued(v.problems);
      }),
  );

  test('restore of mutated backups and manifests: refused whole, nothing created', {
    timeout: 300_000,
  }, () => {
    const manifest = JSON.parse(readFileSync(`${backupFile}.manifest.json`, 'utf8')) as unknown;
    const db = readFileSync(backupFile);
    let i = 0;
    return property(
      fc.oneof(
        mutatedJson(manifest).map((m) => ({ manifest: JSON.stringify(m), db })),
        mutatedText(JSON.stringify(manifest)).map((m) => ({ manifest: m, db })),
        mutatedBytes(db).map((b) => ({ manifest: JSON.stringify(manifest), db: b })),
        // A damaged file whose manifest was made to match it: only the checks inside can tell.
        mutatedBytes(db).map((b) => ({ manifest: JSON.stringify(rehashed(manifest, b)), db: b })),
      ),
      runs(40),
      async (x) => {
        i += 1;
        const file = join(dir, `m${i}.db`);
        writeFileSync(file, x.db);
        writeFileSync(`${file}.manifest.json`, x.manifest);
        const to = join(dir, `restored-${i}.db`);
        const r = await cli(['restore', file, '--to', to]);
        assertCleanExit(r);
        if (r.code === 0) assert.equal((await cli(['--db', to, 'verify'])).code, 0);
        rmSync(file, { force: true });
        rmSync(`${file}.manifest.json`, { force: true });
        rmSync(to, { force: true });
      },
    );
  });

  test('a file that is not there is a refusal, not an internal error', async () => {
    for (const args of [
      ['post', '--file', join(dir, 'khong-co.json')],
      ['import', join(dir, 'khong-co.csv')],
      ['restore', join(dir, 'khong-co.db'), '--to', join(dir, 'x.db')],
    ]) {
      const r = await cli(['--db', location, ...args]);
      assert.equal(r.code, 1, `${args.join(' ')}: ${r.err}`);
      assertCleanExit(r);
    }
  });
});
