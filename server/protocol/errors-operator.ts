// The catalogue's codes for the operator's own actions in the manager console (restart, backups,
// restore): part of ERRORS (errors.ts), kept in a file of their own.

export const OPERATOR_ERRORS = {
  RESTART_UNAVAILABLE: {
    status: 409,
    ko: '이 서버는 스스로 다시 시작할 수 없습니다. 서버를 직접 껐다가 켜 주세요.',
    en: 'This server cannot restart itself. Stop it and start it again.',
  },
  BACKUP_EXTERNAL: {
    status: 409,
    ko: '이 서버는 PostgreSQL 데이터베이스를 씁니다. 데이터베이스는 pg_dump로, 공유 업로드 폴더는 파일 백업으로 백업하세요.',
    en: 'This server keeps its data in PostgreSQL: back up the database with pg_dump and the shared uploads folder with your file backups.',
  },
  BACKUP_BUSY: {
    status: 409,
    ko: '백업이나 복원이 이미 진행 중입니다. 끝난 뒤에 다시 해 주세요.',
    en: 'A backup or restore is already running. Try again when it has finished.',
  },
  BACKUP_NOT_FOUND: {
    status: 404,
    ko: '그런 백업이 없습니다. 목록을 새로 고쳐 주세요.',
    en: 'There is no such backup. Refresh the list.',
  },
  BACKUP_TOO_NEW: {
    status: 409,
    ko: '이 백업은 더 새로운 버전의 소통에서 만들어졌습니다. 소통을 업데이트한 뒤에 복원해 주세요.',
    en: 'This backup was made by a newer version of Sotong. Update Sotong before restoring it.',
  },
  BACKUP_CORRUPT: {
    status: 422,
    ko: '이 백업은 손상되어 복원할 수 없습니다. 다른 백업을 골라 주세요.',
    en: 'This backup is damaged and cannot be restored. Choose another one.',
  },
  BACKUP_DISK_FULL: {
    status: 507,
    ko: '백업 폴더의 저장 공간이 부족합니다. 공간을 비우거나 다른 폴더를 골라 주세요.',
    en: 'The backup folder is out of disk space. Free some space or choose another folder.',
  },
  BACKUP_FAILED: {
    status: 500,
    ko: '백업을 만들지 못했습니다. 로그를 확인해 주세요.',
    en: 'The backup could not be made. See the log.',
  },
} as const satisfies Record<string, { status: number; ko: string; en: string }>;
