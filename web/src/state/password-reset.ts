import type { ResetFiledReply, ResetStatusReply } from '../../../server/protocol/index.ts';
import { api } from '../lib/api.ts';

// The forgotten-password flow on the requester's side. The filed request (id, code, check digits)
// is kept in this tab's sessionStorage, so a reload keeps waiting for the same request.

const KEY = 'sotong.passwordReset';

export type FiledReset = ResetFiledReply;

export function savedReset(): FiledReset | null {
  try {
    const value = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as FiledReset | null;
    return value && typeof value.id === 'number' && typeof value.code === 'string' ? value : null;
  } catch {
    return null;
  }
}

export function forgetReset(): void {
  sessionStorage.removeItem(KEY);
}

export async function fileReset(login: string, name: string): Promise<FiledReset> {
  const filed = await api.fileReset({ login: login.trim(), name: name.trim() });
  sessionStorage.setItem(KEY, JSON.stringify(filed));
  return filed;
}

export function resetStatus(filed: FiledReset): Promise<ResetStatusReply> {
  return api.resetStatus(filed.id, filed.code);
}

export async function completeReset(filed: FiledReset, token: string, newPassword: string): Promise<void> {
  await api.completeReset(filed.id, { token, newPassword });
  forgetReset();
}

/** The code in groups of four, as it is shown and read. */
export function groupedCode(code: string): string {
  return code.replace(/(.{4})(?!$)/g, '$1-');
}
