import { lang } from './i18n.ts';

// The backup card's words (BackupCard.tsx), kept apart from the console's main catalogue.

const ko = {
  backupTitle: '백업',
  backupNow: '지금 백업',
  backingUp: '백업하는 중…',
  backupMade: (name: string) => `백업했습니다: ${name}`,
  backupNone: '아직 백업이 없습니다.',
  backupFolder: '백업 폴더',
  backupNext: (when: string) => `다음 자동 백업: ${when}`,
  backupDailyOff: '자동 백업이 꺼져 있습니다.',
  backupKeep: '최근 7일은 하루 하나, 그 전 4주는 한 주에 하나씩 보관합니다.',
  kindDaily: '자동',
  kindManual: '수동',
  kindPreRestore: '복원 전 상태',
  verified: '검사 통과',
  notVerified: '검사 실패',
  schema: (v: number) => `스키마 ${v}`,
  restore: '복원…',
  restoreConfirm: (name: string) => `${name} 백업으로 되돌릴까요? 지금 상태는 백업으로 남기고, 서버가 다시 시작됩니다. 그 뒤의 메시지와 파일은 이 백업에 없습니다.`,
  restoreYes: '복원하고 다시 시작',
  cancel: '취소',
  restoring: '복원하고 서버를 다시 시작하는 중…',
  restoredOk: (name: string, kept: string) => `${name} 백업을 복원했습니다. 복원 전 상태는 ${kept} 백업으로 남겼습니다.`,
  restoredFailed: (name: string, why: string) => `${name} 백업을 복원하지 못했습니다 (${why}). 이전 데이터가 그대로 있습니다.`,
  staleTitle: '최근 백업이 없습니다.',
  staleLead: '마지막 정상 백업이 이틀보다 오래되었습니다. “지금 백업”을 누르거나 백업 폴더의 디스크를 확인하세요.',
  diskLowBackup: '데이터 디스크 공간이 부족해 백업이 실패할 수 있습니다.',
};

type Dict = { [K in keyof typeof ko]: (typeof ko)[K] extends (...args: infer A) => string ? (...args: A) => string : string };

const en: Dict = {
  backupTitle: 'Backups',
  backupNow: 'Back up now',
  backingUp: 'Backing up…',
  backupMade: (name) => `Backed up: ${name}`,
  backupNone: 'No backups yet.',
  backupFolder: 'Backup folder',
  backupNext: (when) => `Next daily backup: ${when}`,
  backupDailyOff: 'The daily backup is off.',
  backupKeep: 'One a day is kept for the last 7 days, and one a week for the 4 weeks before.',
  kindDaily: 'daily',
  kindManual: 'manual',
  kindPreRestore: 'before a restore',
  verified: 'checked',
  notVerified: 'check failed',
  schema: (v) => `schema ${v}`,
  restore: 'Restore…',
  restoreConfirm: (name) => `Go back to backup ${name}? The current state is kept as a backup and the server restarts. Messages and files since then are not in this backup.`,
  restoreYes: 'Restore and restart',
  cancel: 'Cancel',
  restoring: 'Restoring and restarting the server…',
  restoredOk: (name, kept) => `Backup ${name} was restored. The state before it was kept as backup ${kept}.`,
  restoredFailed: (name, why) => `Backup ${name} could not be restored (${why}). The previous data stays in place.`,
  staleTitle: 'No recent backup.',
  staleLead: 'The last good backup is more than two days old. Press “Back up now”, or check the backup folder’s disk.',
  diskLowBackup: 'The data disk is low on space; backups may fail.',
};

export const tb: Dict = lang === 'ko' ? ko : en;
