import type { AdminUsersQuery, RoutePart } from '../../../server/protocol/index.ts';
import { call } from './api.ts';
import { urlOf } from './route-url.ts';

// The admin users area's requests (server/accounts/admin-routes.ts, admin-user-routes.ts).

export const adminApi = {
  users: (query: AdminUsersQuery) => call('adminUsers', { query }),
  bulkDecide: (ids: number[], action: 'approve' | 'reject') => call('bulkDecideUsers', { body: { ids, action } }),
  setRole: (id: number, role: 'admin' | 'member') => call('setUserRole', { params: { id }, body: { role } }),
  disable: (id: number) => call('disableUser', { params: { id } }),
  enable: (id: number) => call('enableUser', { params: { id } }),
  setWork: (id: number, body: RoutePart<'setUserWork', 'body'>) => call('setUserWork', { params: { id }, body }),
  forceLogout: (id: number) => call('forceLogout', { params: { id } }),
  remove: (id: number) => call('deleteUser', { params: { id } }),
  exports: () => call('userExports'),
  /** Where a browser downloads an export file (`<name>.json` or `<name>.html`). */
  exportUrl: (file: string) => urlOf('userExportFile', { file }, {}),
};
