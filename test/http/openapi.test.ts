/**
 * The OpenAPI document is generated from the same registry and zod schemas that validate
 * requests: every route is in it, with its parameters, body, policy and idempotency rule.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiRoutes } from '../../src/http/app.ts';
import { openApiDocument } from '../../src/http/openapi.ts';

// biome-ignore lint/suspicious/noExplicitAny: walking a JSON document
type Json = Record<string, any>;

const routes = apiRoutes();
const doc = openApiDocument(routes, 'test') as Json;

function resolveRefs(node: unknown, seen: string[] = []): void {
  if (node === null || typeof node !== 'object') return;
  for (const [k, v] of Object.entries(node)) {
    if (k === '$ref') {
      assert.equal(typeof v, 'string');
      const path = (v as string).replace(/^#\//, '').split('/');
      let target: unknown = doc;
      for (const p of path) target = (target as Json)[p];
      assert.ok(target, `unresolved ${v}`);
      seen.push(v as string);
    } else resolveRefs(v, seen);
  }
}

test('the document is OpenAPI 3.1 and lists every route of the registry once', () => {
  assert.equal(doc['openapi'], '3.1.0');
  const listed = Object.entries(doc['paths'] as Json).flatMap(([path, ops]) =>
    Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
  );
  assert.deepEqual(listed.sort(), routes.map((r) => `${r.method.toUpperCase()} ${r.path}`).sort());
  resolveRefs(doc);
});

test('posting entries: the body schema is the toDrafts shape, and the Idempotency-Key header is required', () => {
  const post = doc['paths']['/api/v1/entries']['post'];
  assert.equal(post['x-soquy-policy'], 'book:write');
  assert.equal(post['x-soquy-idempotency'], 'required');
  const header = post.parameters.find((p: Json) => p['name'] === 'Idempotency-Key');
  assert.equal(header.in, 'header');
  assert.equal(header.required, true);
  const body = post.requestBody.content['application/json'].schema;
  assert.ok(Array.isArray(body.anyOf), 'one entry or a batch');
  const single = body.anyOf.find((s: Json) => s.properties?.book);
  assert.deepEqual([...single.properties.postings.items.properties.debit.type].sort(), ['number', 'string']);
  assert.ok(post.responses['202'] && post.responses['428'] && post.responses['409'] && post.responses['422']);
  assert.deepEqual(post.security, [{ bearer: [] }, { session: [] }]);
});

test('path and query parameters come from the schemas, with what is required', () => {
  const balance = doc['paths']['/api/v1/books/{book}/balance']['get'];
  const byName = Object.fromEntries(balance.parameters.map((p: Json) => [p['name'], p]));
  assert.equal(byName['book'].in, 'path');
  assert.equal(byName['book'].required, true);
  assert.equal(byName['account'].required, true);
  assert.equal(byName['asOf'].required, false);
  assert.equal(balance['x-soquy-policy'], 'book:read');
  const signIn = doc['paths']['/api/v1/session']['post'];
  assert.deepEqual(signIn.security, []);
  assert.equal(signIn['x-soquy-policy'], 'public');
  assert.equal(doc['components']['securitySchemes']['bearer'].scheme, 'bearer');
});
