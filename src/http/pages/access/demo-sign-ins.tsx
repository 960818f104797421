/**
 * The demo users' sign-ins, on the sign-in page of a demo database only (docs/design/demo.md):
 * a real database has no demo marker, so nothing is shown.
 */
import type { FC } from 'hono/jsx';
import type { DemoSignIn } from '../../../app/demo/marker.ts';
import { DEMO_PAGES } from '../../../i18n/demo.ts';
import type { Lang } from '../../../i18n/types.ts';
import { say } from '../layout.tsx';

export const DemoSignIns: FC<{
  lang: Lang;
  demos: ReadonlyArray<{ commune: string; users: readonly DemoSignIn[] }>;
}> = ({ lang, demos }) => (
  <>
    {demos.map((d) => (
      <section class="card" id="demo-sign-ins">
        <h2>{say(lang, DEMO_PAGES.title)}</h2>
        <p class="note">{say(lang, DEMO_PAGES.note, { commune: d.commune })}</p>
        <div class="scroll">
          <table>
            <thead>
              <tr>
                <th>{say(lang, DEMO_PAGES.username)}</th>
                <th>{say(lang, DEMO_PAGES.password)}</th>
                <th>{say(lang, DEMO_PAGES.role)}</th>
              </tr>
            </thead>
            <tbody>
              {d.users.map((u) => (
                <tr>
                  <td>
                    <code>{u.username}</code>
                  </td>
                  <td>
                    <code>{u.password}</code>
                  </td>
                  <td>
                    {DEMO_PAGES[u.role as keyof typeof DEMO_PAGES]
                      ? say(lang, DEMO_PAGES[u.role as keyof typeof DEMO_PAGES])
                      : u.role}
                    {u.scope === 'commune' ? '' : ` · ${u.scope.replace(/^\w+:/, '')}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    ))}
  </>
);
