import type { FunctionComponent } from 'preact';
import { useState } from 'preact/hooks';
import { t } from '../../lib/i18n.ts';
import { ta } from '../../lib/i18n-admin.ts';
import { pendingResetCount } from '../../state/admin-resets.ts';
import { useStore } from '../../state/store.ts';
import { SignupsTab } from './SignupsTab.tsx';
import { UsersTab } from './UsersTab.tsx';
import { ResetRequestsPanel } from './ResetRequestsPanel.tsx';
import { AdminRoomsTab } from './AdminRoomsTab.tsx';
import { AuditLogTab } from './AuditLogTab.tsx';

// The admin area: one tab per concern, each its own component. This file only lists them
// (승인 대기 / 사용자 / 대화방 / 비밀번호 재설정 / 감사 로그).

interface AdminTab {
  id: string;
  label: string;
  component: FunctionComponent;
}

const TABS: readonly AdminTab[] = [
  { id: 'signups', label: ta.tabSignups, component: SignupsTab },
  { id: 'users', label: ta.tabUsers, component: UsersTab },
  { id: 'rooms', label: ta.tabRooms, component: AdminRoomsTab },
  { id: 'resets', label: ta.tabResets, component: ResetRequestsPanel },
  { id: 'audit', label: ta.tabAudit, component: AuditLogTab },
];

export function AdminPanel() {
  const [current, setCurrent] = useState(TABS[0]!.id);
  const pendingSignups = useStore((s) => s.pendingSignups.length);
  const pendingResets = useStore((s) => pendingResetCount(s.resetRequests));
  const badges: Record<string, number> = { signups: pendingSignups, resets: pendingResets };
  const tab = TABS.find((x) => x.id === current) ?? TABS[0]!;
  const Body = tab.component;
  return (
    <section class="admin" data-testid="admin-panel">
      <header class="admin-head">
        <h1>{t.admin}</h1>
      </header>
      <nav class="admin-tabs" role="tablist" aria-label={t.admin}>
        {TABS.map((x) => (
          <button
            key={x.id}
            type="button"
            role="tab"
            class={`admin-tab-button${x.id === tab.id ? ' active' : ''}`}
            aria-selected={x.id === tab.id}
            onClick={() => setCurrent(x.id)}
            data-testid={`admin-tab-${x.id}`}
          >
            {x.label}
            {(badges[x.id] ?? 0) > 0 && <span class="badge">{badges[x.id]}</span>}
          </button>
        ))}
      </nav>
      <div role="tabpanel" class="admin-body">
        <Body />
      </div>
    </section>
  );
}
