import type { TSchema } from '@sinclair/typebox';
import type { RouteName } from './paths.ts';
import { SettingsPatchSchema, UserSettingsReply } from './settings-schema.ts';
import {
  AddMembersRequest,
  CreateGroupRequest,
  EditsReply,
  FilesQuery,
  FilesReply,
  Health,
  HistoryQuery,
  HistoryReply,
  IdParams,
  LoginRequest,
  MemberParams,
  MembersReply,
  MeReply,
  OkReply,
  OpenDmRequest,
  ProfileRequest,
  RenameRequest,
  RoomReply,
  RoomsReply,
  SearchQuery,
  SearchReply,
  SetupRequest,
  SetupStatus,
  SignupFields,
  SignupReply,
  UploadLimits,
  UploadReply,
  UsersQuery,
  UsersReply,
} from './http.ts';
import { AdminRoomsQuery, AdminRoomsReply, AuditQuery, AuditReply, DeleteRoomReply } from './admin-http.ts';
import {
  AdminUserReply,
  AdminUsersQuery,
  AdminUsersReply,
  BulkDecideReply,
  BulkDecideRequest,
  DeleteUserReply,
  ExportFileParams,
  ExportsReply,
  RoleRequest,
  WorkRequest,
} from './admin-users.ts';
import {
  ChangePasswordRequest,
  ResetCodeQuery,
  ResetCompleteRequest,
  ResetFiledReply,
  ResetFileRequest,
  ResetRequestReply,
  ResetRequestsReply,
  ResetStatusReply,
  SignupStatusReply,
} from './accounts.ts';
import { BackupInfo, BackupNameParams, BackupsReply, RestoreAccepted } from './backups.ts';
import { HttpsToggleRequest, LogQuery, LogReply, ManagerState, SettingsReply, SettingsRequest } from './manager.ts';

/** What a route takes and answers. A route without `reply` answers raw bytes (files, pages, streams). */
export interface RouteSchemas {
  params?: TSchema;
  querystring?: TSchema;
  body?: TSchema;
  reply?: TSchema;
  /** The success status, when it is not 200. */
  status?: 201 | 202;
}

// Each route's schemas, by the names in paths.ts (which holds the method and path). The server
// validates requests and serializes replies from these; the web clients take their types from here.
export const ROUTES = {
  health: { reply: Health },
  setupStatus: { reply: SetupStatus },
  setup: { body: SetupRequest, reply: MeReply },
  signup: { body: SignupFields, reply: SignupReply, status: 201 },
  login: { body: LoginRequest, reply: MeReply },
  logout: { reply: OkReply },
  signupStatus: { reply: SignupStatusReply },
  fileReset: { body: ResetFileRequest, reply: ResetFiledReply, status: 201 },
  resetStatus: { params: IdParams, querystring: ResetCodeQuery, reply: ResetStatusReply },
  completeReset: { params: IdParams, body: ResetCompleteRequest, reply: OkReply },
  me: { reply: MeReply },
  changePassword: { body: ChangePasswordRequest, reply: OkReply },
  updateProfile: { body: ProfileRequest, reply: MeReply },
  uploadAvatar: { reply: MeReply },
  settings: { reply: UserSettingsReply },
  updateSettings: { body: SettingsPatchSchema, reply: UserSettingsReply },
  users: { querystring: UsersQuery, reply: UsersReply },
  userAvatar: { params: IdParams },
  adminUsers: { querystring: AdminUsersQuery, reply: AdminUsersReply },
  approveUser: { params: IdParams, reply: MeReply },
  rejectUser: { params: IdParams, reply: MeReply },
  bulkDecideUsers: { body: BulkDecideRequest, reply: BulkDecideReply },
  setUserRole: { params: IdParams, body: RoleRequest, reply: AdminUserReply },
  disableUser: { params: IdParams, reply: AdminUserReply },
  enableUser: { params: IdParams, reply: AdminUserReply },
  setUserWork: { params: IdParams, body: WorkRequest, reply: AdminUserReply },
  forceLogout: { params: IdParams, reply: OkReply },
  deleteUser: { params: IdParams, reply: DeleteUserReply },
  userExports: { reply: ExportsReply },
  userExportFile: { params: ExportFileParams },
  adminAudit: { querystring: AuditQuery, reply: AuditReply },
  adminRooms: { querystring: AdminRoomsQuery, reply: AdminRoomsReply },
  deleteRoom: { params: IdParams, reply: DeleteRoomReply },
  roomExports: { reply: ExportsReply },
  roomExportFile: { params: ExportFileParams },
  adminResets: { reply: ResetRequestsReply },
  approveReset: { params: IdParams, reply: ResetRequestReply },
  rejectReset: { params: IdParams, reply: ResetRequestReply },
  rooms: { reply: RoomsReply },
  room: { params: IdParams, reply: RoomReply },
  openDm: { body: OpenDmRequest, reply: RoomReply },
  createGroup: { body: CreateGroupRequest, reply: RoomReply },
  addMembers: { params: IdParams, body: AddMembersRequest, reply: RoomReply },
  roomMembers: { params: IdParams, reply: MembersReply },
  removeMember: { params: MemberParams, reply: RoomReply },
  leaveRoom: { params: IdParams, reply: OkReply },
  renameRoom: { params: IdParams, body: RenameRequest, reply: RoomReply },
  history: { params: IdParams, querystring: HistoryQuery, reply: HistoryReply },
  deleteMessage: { params: IdParams, reply: OkReply },
  search: { querystring: SearchQuery, reply: SearchReply },
  messageEdits: { params: IdParams, reply: EditsReply },
  uploadLimits: { reply: UploadLimits },
  upload: { params: IdParams, reply: UploadReply },
  roomFiles: { params: IdParams, querystring: FilesQuery, reply: FilesReply },
  file: { params: IdParams },
  fileThumb: { params: IdParams },
  socket: {},
  caPage: {},
  caCert: {},
  httpsProbe: {},
  installPage: {},
  installScript: {},
  managerPage: {},
  managerState: { reply: ManagerState },
  managerStats: {},
  managerEvents: {},
  managerHttps: { body: HttpsToggleRequest, reply: ManagerState },
  managerReissueCert: { reply: ManagerState },
  managerSettings: { body: SettingsRequest, reply: SettingsReply },
  managerLog: { querystring: LogQuery, reply: LogReply },
  managerRestart: { reply: OkReply },
  managerBackups: { reply: BackupsReply },
  managerBackupNow: { reply: BackupInfo },
  managerRestore: { params: BackupNameParams, reply: RestoreAccepted, status: 202 },
} as const satisfies Record<RouteName, RouteSchemas>;

export type Routes = typeof ROUTES;

