/**
 * The OpenAPI 3.1 document, generated from the route registry: the same zod schemas that
 * validate requests describe them here (`z.toJSONSchema`), with each route's policy and
 * idempotency rule as `x-soquy-*` extensions.
 */
import { z } from 'zod';
import { type RouteDef, routeId } from './registry.ts';

type Json = Record<string, unknown>;

function schemaOf(s: z.ZodType): Json {
  const out = z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as Json;
  delete out['$schema'];
  return out;
}

function parameters(s: z.ZodType | undefined, where: 'path' | 'query'): Json[] {
  if (!s) return [];
  const schema = schemaOf(s);
  const props = (schema['properties'] ?? {}) as Record<string, Json>;
  const required = new Set((schema['required'] ?? []) as string[]);
  return Object.entries(props).map(([name, p]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    ...(typeof p['description'] === 'string' ? { description: p['description'] } : {}),
    schema: p,
  }));
}

const ERROR_REF = { $ref: '#/components/schemas/Error' };

function errorResponse(description: string): Json {
  return { description, content: { 'application/json': { schema: ERROR_REF } } };
}

function responses(r: RouteDef): Json {
  const success = String(r.status ?? 200);
  const out: Json = {
    [success]:
      success === '204'
        ? { description: 'Done' }
        : r.produces
          ? {
              description: 'The file',
              content: Object.fromEntries(r.produces.split(', ').map((t) => [t, {}])),
            }
          : {
              description: 'Done',
              content: { 'application/json': { schema: r.response ? schemaOf(r.response) : {} } },
            },
  };
  if (r.idempotency === 'required' || r.path.endsWith('/entries'))
    out['202'] = { description: 'Proposed: waits for approval' };
  if (r.policy.signedIn) {
    out['401'] = errorResponse('Not signed in, or the session or token expired');
    out['403'] = errorResponse('The role does not allow this; or CSRF token missing');
  }
  if (r.policy.decide || r.params)
    out['404'] = errorResponse('No such resource, or one the user may not read');
  if (r.body) {
    out['400'] = errorResponse('Malformed JSON');
    out['413'] = errorResponse('Body too large');
    out['415'] = errorResponse('Body not application/json');
  }
  if (r.idempotency !== 'none') out['409'] = errorResponse('Idempotency-Key reused with another request');
  if (r.idempotency === 'required') out['428'] = errorResponse('Idempotency-Key header missing');
  out['422'] = errorResponse('Refused: each refusal names the field, the value and the rule');
  return out;
}

export function openApiDocument(routes: readonly RouteDef[], version: string): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const r of routes) {
    const params = [...parameters(r.params, 'path'), ...parameters(r.query, 'query')];
    if (r.idempotency !== 'none')
      params.push({
        name: 'Idempotency-Key',
        in: 'header',
        required: r.idempotency === 'required',
        description: 'Unique per write; a replay answers the first response and writes nothing',
        schema: { type: 'string', minLength: 1, maxLength: 128 },
      });
    const op: Json = {
      operationId: routeId(r).replace(/[^A-Za-z0-9]+/g, '_'),
      summary: r.summary,
      tags: [r.tag],
      parameters: params,
      responses: responses(r),
      security: r.policy.signedIn ? [{ bearer: [] }, { session: [] }] : [],
      'x-soquy-policy': r.policy.describe,
      'x-soquy-idempotency': r.idempotency,
    };
    if (r.body)
      op['requestBody'] = { required: true, content: { 'application/json': { schema: schemaOf(r.body) } } };
    paths[r.path] ??= {};
    paths[r.path]![r.method] = op;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'soquy – sổ quỹ API',
      version,
      description:
        'Double-entry ledger of a commune’s community money. Amounts are whole đồng (integers). ' +
        'Errors are { error: { code, message, refusals? } }; messages follow ?lang= or Accept-Language (vi first). ' +
        'Cookie sessions must send X-CSRF-Token on unsafe requests.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'sqt.<commune>.<id>.<secret> from POST /api/v1/me/tokens',
        },
        session: { type: 'apiKey', in: 'cookie', name: 'soquy_session' },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string' },
                message: { type: 'string' },
                refusals: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['code', 'field', 'message'],
                    properties: {
                      code: { type: 'string' },
                      field: { type: 'string' },
                      value: {},
                      params: { type: 'object' },
                      row: { type: 'integer' },
                      message: { type: 'string' },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  };
}
