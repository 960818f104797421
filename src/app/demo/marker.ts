/**
 * Demo databases only: one user per role, whose sign-ins the sign-in page shows so a newcomer can
 * look around at once, and the marker that says the commune is a demo. `markDemo` is called by
 * the demo loader and nothing else; a real database never has the marker, so its sign-in page
 * shows no credentials.
 */
import type { App } from '../../main/app.ts';
import { findDemoMarker, insertDemoMarker } from '../../store/demo-store.ts';
import type { Store } from '../../store/open-store.ts';

export interface DemoSignIn {
  readonly username: string;
  readonly password: string;
  readonly role: string;
  readonly scope: string;
  readonly displayName: string;
}

/** The demo users: admin, a treasurer of each organisation, a group leader, an auditor, a viewer. */
export const DEMO_USERS: readonly DemoSignIn[] = [
  {
    username: 'quantri',
    password: 'demo-quantri',
    role: 'admin',
    scope: 'commune',
    displayName: 'Quản trị (mẫu)',
  },
  {
    username: 'thuquy-mttq',
    password: 'demo-thuquy-mttq',
    role: 'treasurer',
    scope: 'organisation:mttq',
    displayName: 'Thủ quỹ MTTQ (mẫu)',
  },
  {
    username: 'thuquy-hnd',
    password: 'demo-thuquy-hnd',
    role: 'treasurer',
    scope: 'organisation:hnd',
    displayName: 'Thủ quỹ Hội Nông dân (mẫu)',
  },
  {
    username: 'thuquy-hpn',
    password: 'demo-thuquy-hpn',
    role: 'treasurer',
    scope: 'organisation:hpn',
    displayName: 'Thủ quỹ Hội Phụ nữ (mẫu)',
  },
  {
    username: 'totruong',
    password: 'demo-totruong',
    role: 'group_leader',
    scope: 'group:TK-HPN-01',
    displayName: 'Tổ trưởng Tổ TK&VV (mẫu)',
  },
  {
    username: 'kiemtra',
    password: 'demo-kiemtra',
    role: 'auditor',
    scope: 'commune',
    displayName: 'Kiểm tra viên (mẫu)',
  },
  {
    username: 'xem',
    password: 'demo-xem-chung',
    role: 'viewer',
    scope: 'commune',
    displayName: 'Người xem (mẫu)',
  },
];

/** Creates the demo users (through the access service) and writes the marker. */
export async function markDemo(app: App, tenant: string, seed: number): Promise<DemoSignIn[]> {
  const ctx = { tenant, actor: 'demo', ip: 'cli', userAgent: 'soquy-demo' };
  for (const u of DEMO_USERS)
    await app.access.createUser(ctx, {
      username: u.username,
      displayName: u.displayName,
      password: u.password,
      grants: [{ role: u.role, scope: u.scope === 'commune' ? undefined : u.scope }],
    });
  await app.store.write((tx) =>
    insertDemoMarker(tx, tenant, { seed, loadedAt: new Date().toISOString(), signIns: DEMO_USERS }),
  );
  return [...DEMO_USERS];
}

/** The demo sign-ins of a commune: none unless the commune is a demo. */
export async function demoSignIns(store: Store, tenant: string): Promise<DemoSignIn[]> {
  const marker = await findDemoMarker(store.db, tenant);
  return marker ? (marker.signIns as DemoSignIn[]) : [];
}
