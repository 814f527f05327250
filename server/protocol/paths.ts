// Every HTTP route of the server by name: method and path, written once. The server registers its
// routes from these (with the schemas in routes.ts); the web clients build their requests from them.
// Plain strings, no schema library, so the browser bundles can import this file.

export const ROUTE_PATHS = {
  health: 'GET /api/health',
  setupStatus: 'GET /api/setup',
  setup: 'POST /api/setup',
  signup: 'POST /api/auth/signup',
  login: 'POST /api/auth/login',
  logout: 'POST /api/auth/logout',
  signupStatus: 'GET /api/auth/signup-status',
  fileReset: 'POST /api/auth/password-reset',
  resetStatus: 'GET /api/auth/password-reset/:id',
  completeReset: 'POST /api/auth/password-reset/:id/complete',
  me: 'GET /api/me',
  changePassword: 'POST /api/me/password',
  updateProfile: 'PUT /api/me/profile',
  uploadAvatar: 'POST /api/me/avatar',
  // settings: look, language, notifications, mutes (protocol/settings.ts)
  settings: 'GET /api/me/settings',
  updateSettings: 'PUT /api/me/settings',
  users: 'GET /api/users',
  userAvatar: 'GET /api/users/:id/avatar',
  adminUsers: 'GET /api/admin/users',
  approveUser: 'POST /api/admin/users/:id/approve',
  rejectUser: 'POST /api/admin/users/:id/reject',
  bulkDecideUsers: 'POST /api/admin/users/bulk',
  setUserRole: 'PUT /api/admin/users/:id/role',
  disableUser: 'POST /api/admin/users/:id/disable',
  enableUser: 'POST /api/admin/users/:id/enable',
  setUserWork: 'PUT /api/admin/users/:id/work',
  forceLogout: 'POST /api/admin/users/:id/logout',
  deleteUser: 'DELETE /api/admin/users/:id',
  userExports: 'GET /api/admin/exports/users',
  userExportFile: 'GET /api/admin/exports/users/:file',
  adminAudit: 'GET /api/admin/audit',
  adminRooms: 'GET /api/admin/rooms',
  deleteRoom: 'DELETE /api/admin/rooms/:id',
  roomExports: 'GET /api/admin/exports/rooms',
  roomExportFile: 'GET /api/admin/exports/rooms/:file',
  adminResets: 'GET /api/admin/password-resets',
  approveReset: 'POST /api/admin/password-resets/:id/approve',
  rejectReset: 'POST /api/admin/password-resets/:id/reject',
  rooms: 'GET /api/rooms',
  room: 'GET /api/rooms/:id',
  openDm: 'POST /api/rooms/dm',
  createGroup: 'POST /api/rooms',
  addMembers: 'POST /api/rooms/:id/members',
  roomMembers: 'GET /api/rooms/:id/members',
  removeMember: 'DELETE /api/rooms/:id/members/:userId',
  leaveRoom: 'POST /api/rooms/:id/leave',
  renameRoom: 'PUT /api/rooms/:id',
  history: 'GET /api/rooms/:id/messages',
  deleteMessage: 'DELETE /api/messages/:id',
  search: 'GET /api/search',
  messageEdits: 'GET /api/messages/:id/edits',
  uploadLimits: 'GET /api/uploads/limits',
  upload: 'POST /api/rooms/:id/files',
  roomFiles: 'GET /api/rooms/:id/files',
  file: 'GET /api/files/:id',
  fileThumb: 'GET /api/files/:id/thumb',
  // secret rooms: devices and key envelopes (docs/protocol.md, "Secret rooms")
  myDevices: 'GET /api/devices',
  registerDevice: 'POST /api/devices',
  deleteDevice: 'DELETE /api/devices/:id',
  roomDevices: 'GET /api/rooms/:id/devices',
  postKeys: 'POST /api/rooms/:id/keys',
  roomKeys: 'GET /api/rooms/:id/keys',
  socket: 'GET /ws',
  caPage: 'GET /ca',
  caCert: 'GET /ca.crt',
  // the HTTPS trust probe and the install page served over plain HTTP after the switch (docs/https.md)
  httpsProbe: 'GET /https-probe',
  installPage: 'GET /install',
  installScript: 'GET /install.js',
  managerPage: 'GET /manager',
  managerState: 'GET /api/manager/state',
  managerStats: 'GET /api/manager/stats',
  managerEvents: 'GET /api/manager/events',
  managerHttps: 'POST /api/manager/https',
  managerReissueCert: 'POST /api/manager/cert/reissue',
  managerSettings: 'PUT /api/manager/settings',
  managerLog: 'GET /api/manager/log',
  // restart in place (lifecycle/server-host.ts)
  managerRestart: 'POST /api/manager/restart',
  // backups and restore (server/backup/)
  managerBackups: 'GET /api/manager/backups',
  managerBackupNow: 'POST /api/manager/backups',
  managerRestore: 'POST /api/manager/backups/:name/restore',
} as const;

export type RouteName = keyof typeof ROUTE_PATHS;
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Splits a route's 'METHOD /path'. */
export function routeParts(name: RouteName): { method: HttpMethod; url: string } {
  const [method, url] = ROUTE_PATHS[name].split(' ') as [HttpMethod, string];
  return { method, url };
}
