/**
 * Every registry write goes through `registryWrite`: one transaction, the registry lock taken
 * first, and the change log written last from what the callback recorded (who, when, before,
 * after). A RefusedError anywhere rolls all of it back.
 */
import { RefusedError } from '../../domain/refusal.ts';
import type { Store, Tx } from '../../store/open-store.ts';
import { insertChanges, lockRegistry, takeNumbers } from '../../store/registry-store.ts';
import { type Ctx, nowIso } from '../context.ts';

export type Entity =
  | 'village'
  | 'household'
  | 'person'
  | 'person_policy'
  | 'poverty_status'
  | 'shock_event'
  | 'organisation_membership'
  | 'grp'
  | 'group_membership';

export type Action = 'create' | 'update' | 'archive' | 'join' | 'leave';

export interface ChangeDraft {
  readonly entity: Entity;
  readonly entityId: string;
  readonly action: Action;
  readonly before: unknown;
  readonly after: unknown;
}

/** What one transaction changed, in order. */
export class ChangeSet {
  readonly list: ChangeDraft[] = [];

  add(entity: Entity, entityId: string, action: Action, before: unknown, after: unknown): void {
    this.list.push({ entity, entityId, action, before, after });
  }
}

export interface WriteScope {
  readonly tx: Tx;
  readonly changes: ChangeSet;
  /** The recorded-at timestamp of this write. */
  readonly at: string;
}

/** Runs `fn` as one registry write of `ctx`'s commune; `source` says where it came from. */
export async function registryWrite<T>(
  store: Store,
  ctx: Ctx,
  source: string,
  fn: (scope: WriteScope) => Promise<T>,
): Promise<T> {
  return store.write(async (tx) => {
    if (!(await lockRegistry(tx, store.kind, ctx.tenant)))
      throw new RefusedError([{ code: 'tenant_unknown', field: 'tenant', value: ctx.tenant }]);
    const at = nowIso(ctx);
    const changes = new ChangeSet();
    const result = await fn({ tx, changes, at });
    if (changes.list.length > 0) {
      const first = await takeNumbers(tx, ctx.tenant, 'change', changes.list.length);
      await insertChanges(
        tx,
        ctx.tenant,
        changes.list.map((c, i) => ({
          seq: first + i,
          recordedAt: at,
          actor: ctx.actor,
          source,
          entity: c.entity,
          entityId: c.entityId,
          action: c.action,
          before: c.before,
          after: c.after,
        })),
      );
    }
    return result;
  });
}

/** The fields of `after` that differ from `before` (shallow), or null when none do. */
export function diff<T extends object>(before: T, after: T): Partial<T> | null {
  const out: Partial<T> = {};
  let any = false;
  for (const k of Object.keys(after) as Array<keyof T>) {
    const a = before[k];
    const b = after[k];
    // Primitives compare directly; the odd object (a policy list) by its JSON.
    if (
      a === b ||
      (typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b))
    )
      continue;
    out[k] = b;
    any = true;
  }
  return any ? out : null;
}
