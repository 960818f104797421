/**
 * The benches' signed-in admin: creates the user `quantri` and answers the in-process HTTP app
 * with its session cookie, ready for `pageTimer` (bench/harness.ts).
 */
import type { Ctx } from '../../src/app/context.ts';
import { buildHttpApp } from '../../src/http/app.ts';
import { SESSION_COOKIE } from '../../src/http/middleware/principal.ts';
import type { App } from '../../src/main/app.ts';

const PASSWORD = 'mật khẩu của bài đo 2025';

export async function adminSession(
  app: App,
  ctx: Ctx,
): Promise<{ http: ReturnType<typeof buildHttpApp>['http']; cookie: string }> {
  const auditCtx = { ...ctx, ip: 'bench', userAgent: 'bench' };
  await app.access.createUser(auditCtx, {
    username: 'quantri',
    password: PASSWORD,
    grants: [{ role: 'admin' }],
  });
  const signed = await app.access.signIn(auditCtx, { username: 'quantri', password: PASSWORD });
  const { http } = buildHttpApp(app, ctx.now ? { now: ctx.now } : {});
  return { http, cookie: `${SESSION_COOKIE}=${signed.cookie}` };
}
